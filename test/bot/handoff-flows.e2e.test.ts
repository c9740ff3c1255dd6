/**
 * What askers and staff rely on in the handoff, end to end: the real bot against the fake Bot API.
 * Each test was checked by breaking the behaviour in the code and seeing it fail.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ASKER, BotHarness, buttonData, has, isAnswerCb, isEdit, isSend, STAFF_A, STAFF_B, STAFF_CHAT } from "../support/bot-harness.js";
import { storeBackends } from "../support/store-backends.js";

describe.each(storeBackends())("handoff flows on $name", (backend) => {
  let h: BotHarness;
  /** Error log lines a test expects (a fault it injected); anything else fails the test. */
  let expectedErrors: RegExp[] = [];

  beforeAll(async () => {
    h = await BotHarness.create("handoff-flows-", backend);
  });

  afterEach(async () => {
    await h.stopBot();
    h.tg.reset();
    const unexpected = h.errors().filter((e) => !expectedErrors.some((re) => re.test(e.message)));
    expectedErrors = [];
    expect(unexpected).toEqual([]);
  });

  afterAll(async () => {
    await h?.close();
  });

  describe("asker side", () => {
    it("/human while a ticket is open reminds the asker of it instead of opening a second one", async () => {
      h.fresh();
      await h.start();
      h.tg.sendText({ chatId: ASKER, text: "/human 想咨询厂房报建" });
      await h.tg.waitForMessage(ASKER, has("已为您创建工单 #1"));
      h.tg.sendText({ chatId: ASKER, text: "/human 另一件事" });
      const reminder = await h.tg.waitForMessage(ASKER, has("您已有进行中的工单 #1"));
      expect(buttonData(reminder)).toEqual(["h:end"]);
      expect(await h.handoff.list()).toHaveLength(1);
      expect(h.count(ASKER, "已为您创建工单")).toBe(1);
      await h.tg.waitForMessage(STAFF_CHAT, has("工单 #1"));
      expect(h.tg.sentMessages(STAFF_CHAT).filter(has("工单 #"))).toHaveLength(1);
    });

    it("the 结束人工服务 button under the ticket notice ends the ticket, and staff see it closed", async () => {
      h.fresh();
      await h.start();
      const { card } = await h.openTicketVia(ASKER);
      const notice = await h.tg.waitForMessage(ASKER, has("已为您创建工单 #1"));
      expect(buttonData(notice)).toEqual(["h:end"]);
      h.tg.clickButton({ chatId: ASKER, messageId: notice.message_id, data: "h:end" });
      await h.tg.waitForMessage(ASKER, has("已结束人工服务，工单 #1 已关闭"));
      expect((await h.handoff.get(1))?.status).toBe("closed");
      await h.tg.waitFor((c) => isEdit(c) && c.ok && c.message!.message_id === card.message_id && c.message!.plain_text.includes("状态：已关闭"));
    });

    it("an answer Telegram took but whose answer was lost is not sent again, and no apology follows it", async () => {
      h.fresh();
      await h.start();
      h.tg.failNext("sendMessage", 1, { loseAnswer: true, where: (p) => p.chat_id === ASKER });
      h.tg.sendText({ chatId: ASKER, text: "小微企业办电要几天" });
      await vi.waitFor(() => expect(h.logged("warn")).toContain("a reply may not have reached the chat (no answer from Telegram); not sent again"));
      await h.bot!.bot.whenIdle();
      expect(h.tg.sentMessages(ASKER).map((m) => m.plain_text.includes("第11条"))).toEqual([true]);
    });

    it("/mytickets shows a question with <, > and & as written", async () => {
      h.fresh();
      await h.start();
      const question = "税率是 <5%> & 还是 <b>3%</b>？";
      h.tg.sendText({ chatId: ASKER, text: `/human ${question}` });
      await h.tg.waitForMessage(ASKER, has("已为您创建工单 #1"));
      h.tg.sendText({ chatId: ASKER, text: "/mytickets" });
      const mine = await h.tg.waitForMessage(ASKER, has("您的工单"));
      expect(mine.plain_text).toBe(`您的工单：\n#1 [待处理] ${question}`);
      expect(h.refusedCalls()).toEqual([]);
    });
  });

  describe("outbox drains", () => {
    it("when a feature queued something, or on its timer; an update that queued nothing does not look", async () => {
      h.fresh();
      // A timer far away: only kicks can drain during the test.
      await h.start({ deliveryIntervalMs: 600_000 });
      await vi.waitFor(() => expect(h.bot!.bot.delivery.worker.isPaused).toBe(false));
      await h.bot!.bot.delivery.drain();
      const claims = vi.spyOn(h.handoff, "claimDeliveries");
      for (const q of ["小微企业办电要几天", "你好", "/help", "/measure 11"]) h.tg.sendText({ chatId: ASKER, text: q });
      await h.tg.waitForMessage(ASKER, has("第11条 全面提升"));
      await h.tg.waitForMessage(ASKER, has("使用帮助"));
      await h.bot!.bot.whenIdle();
      expect(claims).not.toHaveBeenCalled();
      h.tg.sendText({ chatId: ASKER, text: "/human 想咨询厂房报建" });
      await h.tg.waitForMessage(ASKER, has("已为您创建工单 #1"));
      expect(claims).toHaveBeenCalled();
    });
  });

  describe("staff side", () => {
    it("/reply N answers ticket N's asker and nobody else", async () => {
      h.fresh();
      await h.start();
      await h.openTicketVia(ASKER, "市住建局的电话是多少");
      await h.openTicketVia(ASKER + 1, "供水报装的收费标准是多少钱");
      h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "/reply 2 供水报装费用请咨询水务公司" });
      const second = await h.tg.waitForMessage(ASKER + 1, has("工作人员回复（工单 #2）"));
      expect(second.plain_text).toContain("供水报装费用请咨询水务公司");
      await h.tg.waitForMessage(STAFF_CHAT, has("已将回复发送给工单 #2 的提问人"));
      h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "/reply 1 电话请见官网" });
      await h.tg.waitForMessage(ASKER, has("工作人员回复（工单 #1）"));
      expect(h.tg.sentMessages(ASKER).filter(has("工作人员回复")).map((m) => m.plain_text.split("\n")[1])).toEqual(["电话请见官网"]);
      expect(h.tg.sentMessages(ASKER + 1).filter(has("工作人员回复")).map((m) => m.plain_text.split("\n")[1])).toEqual(["供水报装费用请咨询水务公司"]);
      expect((await h.handoff.events(2)).filter((e) => e.kind === "staff-reply").map((e) => e.body)).toEqual(["供水报装费用请咨询水务公司"]);
    });

    it("关闭 then 重新打开 on the card: the ticket is open again, the asker is told, the card offers 认领 again", async () => {
      h.fresh();
      await h.start();
      const { card } = await h.openTicketVia(ASKER);
      h.tg.clickButton({ chatId: STAFF_CHAT, ...STAFF_A, messageId: card.message_id, data: "t:close:1" });
      await h.tg.waitForMessage(ASKER, has("您的工单 #1 已关闭"));
      await h.tg.waitFor((c) => isEdit(c) && c.ok && c.message!.message_id === card.message_id && buttonData(c.message!).includes("t:reopen:1"));
      h.tg.clickButton({ chatId: STAFF_CHAT, ...STAFF_A, messageId: card.message_id, data: "t:reopen:1" });
      await h.tg.waitFor((c) => isAnswerCb(c) && c.params.text === "工单 #1 已重新打开。");
      await h.tg.waitForMessage(ASKER, has("工作人员重新打开了您的工单 #1"));
      expect((await h.handoff.get(1))?.status).toBe("open");
      const reopened = await h.tg.waitFor((c) => isEdit(c) && c.ok && c.message!.message_id === card.message_id && c.message!.plain_text.includes("状态：待处理"));
      expect(buttonData(reopened.message!)).toEqual(["t:claim:1", "t:close:1"]);
      expect((await h.handoff.events(1)).map((e) => e.kind)).toEqual(["opened", "closed", "reopened"]);
    });

    it("a card deleted in the staff chat is posted afresh on the next change, and a reply to the new card reaches the asker", async () => {
      h.fresh();
      await h.start();
      const { card } = await h.openTicketVia(ASKER);
      h.tg.deleteMessageAsUser(STAFF_CHAT, card.message_id);
      h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "/reply 1 请提供营业执照号" });
      await h.tg.waitForMessage(ASKER, has("请提供营业执照号"));
      const fresh = await h.tg.waitForMessage(STAFF_CHAT, (m) => m.message_id !== card.message_id && m.plain_text.startsWith("工单 #1\n"));
      expect(fresh.plain_text).toContain("状态：已回复");
      expect(fresh.plain_text).toContain("认领人：王五");
      await vi.waitFor(async () => expect(await h.handoff.cardMessageOf(1)).toEqual({ chatId: String(STAFF_CHAT), messageId: fresh.message_id }));
      h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_B, text: "补充：可在政务服务网办理", replyToMessageId: fresh.message_id });
      await h.tg.waitForMessage(ASKER, has("补充：可在政务服务网办理"));
      expect(h.tg.sentMessages(STAFF_CHAT).filter((m) => m.plain_text.startsWith("工单 #1\n"))).toHaveLength(1);
    });

    it("/queue shows questions with <, > and & as written", async () => {
      h.fresh();
      await h.start();
      const question = "<b>营业执照</b> & <script>x</script> 税率 <5%>？";
      h.tg.sendText({ chatId: ASKER, firstName: "<李&四>", text: `/human ${question}` });
      await h.tg.waitForMessage(ASKER, has("已为您创建工单 #1"));
      h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "/queue" });
      const queue = await h.tg.waitForMessage(STAFF_CHAT, has("待处理工单（1）"));
      expect(queue.plain_text).toBe(`待处理工单（1）：\n#1 [待处理] <李&四>：${question}`);
      expect(h.refusedCalls()).toEqual([]);
    });

    it("a staff reply to a bot message that is not a ticket gets a hint; chatter between staff is left alone", async () => {
      h.fresh();
      await h.start();
      await h.openTicketVia(ASKER);
      h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "/stats" });
      const stats = await h.tg.waitForMessage(STAFF_CHAT, has("统计"));
      const colleague = h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_B, text: "今天谁值班？" });
      h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "我来", replyToMessageId: colleague.message!.message_id });
      const wrong = h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "您好，电话是 0990-1234567", replyToMessageId: stats.message_id });
      const hint = await h.tg.waitForMessage(STAFF_CHAT, has("这条消息不是工单卡片"));
      expect(hint.reply_to_message_id).toBe(wrong.message!.message_id);
      expect(hint.plain_text).toContain("/reply 工单号 回复内容");
      expect(h.count(STAFF_CHAT, "这条消息不是工单卡片")).toBe(1);
      expect(h.tg.sentMessages(ASKER).some(has("0990-1234567"))).toBe(false);
      expect((await h.handoff.get(1))?.status).toBe("open");
    });

    it("an error while handling a staff reply is said in the staff chat and logged", async () => {
      h.fresh();
      await h.start();
      const { card } = await h.openTicketVia(ASKER);
      vi.spyOn(h.handoff, "replyToTicket").mockRejectedValueOnce(new Error("disk controller on fire"));
      const reply = h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "您好", replyToMessageId: card.message_id });
      const told = await h.tg.waitForMessage(STAFF_CHAT, has("处理这条消息时出错"));
      expect(told.reply_to_message_id).toBe(reply.message!.message_id);
      expect(h.errors()).toMatchObject([{ message: "staff action failed", meta: { error: "disk controller on fire" } }]);
      expectedErrors = [/^staff action failed$/];
      expect(h.tg.sentMessages(ASKER).some(has("工作人员回复"))).toBe(false);
    });

    it("a reply that fails for good shows on the card and in /queue; /resend N sends it once more", async () => {
      h.fresh();
      await h.start();
      const { card } = await h.openTicketVia(ASKER);
      h.tg.failNext("sendMessage", 1, { status: 400, description: "Bad Request: chat not found", where: (p) => p.chat_id === ASKER });
      h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "您好，请带身份证", replyToMessageId: card.message_id });
      const warned = await h.tg.waitFor(
        (c) => isEdit(c) && c.ok && c.message!.message_id === card.message_id && c.message!.plain_text.includes("1 条消息未能送达或可能未送达"),
      );
      expect(warned.message!.plain_text).toContain("/resend 1");
      expect(h.errors()).toMatchObject([{ message: expect.stringMatching(/^delivery failed for good/), meta: { kind: "staff-reply", error: "400: Bad Request: chat not found" } }]);
      expectedErrors = [/^delivery failed for good/];
      // Not retried by itself.
      await h.bot!.bot.delivery.drain();
      expect(h.tg.calls.filter((c) => isSend(c) && c.params.chat_id === ASKER && String(c.params.text).includes("请带身份证"))).toHaveLength(1);

      h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "/queue" });
      const queue = await h.tg.waitForMessage(STAFF_CHAT, has("未送达或可能未送达的消息"));
      expect(queue.plain_text).toContain("#1（1 条）");

      h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "/resend 1" });
      await h.tg.waitForMessage(STAFF_CHAT, has("工单 #1：已重新排队发送 1 条消息"));
      await h.tg.waitForMessage(ASKER, has("您好，请带身份证"));
      expect(h.count(ASKER, "您好，请带身份证")).toBe(1);
      await h.tg.waitFor((c) => isEdit(c) && c.ok && c.message!.message_id === card.message_id && !c.message!.plain_text.includes("未能送达") && c.message!.plain_text.includes("已回复"));
    });

    it("a reply Telegram took but whose answer was lost is not sent again by itself: the card says it may not have arrived; /resend sends it once more", async () => {
      h.fresh();
      await h.start();
      const { card } = await h.openTicketVia(ASKER);
      // Telegram processes the message (the asker has it), then the connection drops before the answer.
      h.tg.failNext("sendMessage", 1, { loseAnswer: true, where: (p) => p.chat_id === ASKER });
      h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "请带营业执照复印件", replyToMessageId: card.message_id });
      await h.tg.waitFor((c) => isEdit(c) && c.ok && c.message!.message_id === card.message_id && c.message!.plain_text.includes("1 条消息未能送达或可能未送达"));
      expect(h.logged("warn")).toContain("a message may have reached Telegram but no answer came back; not sent again, staff are told");
      expect((await h.handoff.deliveryProblems(1)).map((d) => [d.kind, d.state])).toEqual([["staff-reply", "uncertain"]]);
      // Never again by itself, however often the outbox runs.
      await h.bot!.bot.delivery.drain();
      await h.bot!.bot.delivery.drain();
      expect(h.count(ASKER, "请带营业执照复印件")).toBe(1);
      // Staff checked with the asker and send it deliberately.
      h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "/resend 1" });
      await h.tg.waitForMessage(STAFF_CHAT, has("工单 #1：已重新排队发送 1 条消息"));
      await vi.waitFor(() => expect(h.count(ASKER, "请带营业执照复印件")).toBe(2));
    });

    it("reads and edits whose answer was lost are simply asked again (doing them twice is harmless)", async () => {
      h.fresh();
      await h.start();
      const { card } = await h.openTicketVia(ASKER);
      h.tg.failNext("editMessageText", 1, { loseAnswer: true, where: (p) => p.chat_id === STAFF_CHAT });
      h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "稍等，正在核实", replyToMessageId: card.message_id });
      await h.tg.waitForMessage(ASKER, has("稍等，正在核实"));
      await h.tg.waitFor((c) => isEdit(c) && c.ok && c.status === 200 && c.message!.message_id === card.message_id && c.message!.plain_text.includes("已回复"));
      expect(await h.handoff.deliveryProblems(1)).toEqual([]);
    });

    it("a card the staff chat refuses (400) is not retried; an alert and /queue tell staff", async () => {
      h.fresh();
      await h.start();
      h.tg.failNext("sendMessage", 1, { status: 400, description: "Bad Request: can't parse entities", where: (p) => p.chat_id === STAFF_CHAT });
      h.tg.sendText({ chatId: ASKER, text: "市住建局的电话是多少" });
      await h.tg.waitForMessage(ASKER, has("已为您创建工单 #1"));
      const alert = await h.tg.waitForMessage(STAFF_CHAT, has("⚠️ 工单 #1：一条工单卡片未能送达"));
      expect(alert.plain_text).toContain("/resend 1");
      expectedErrors = [/^delivery failed for good/];
      await h.bot!.bot.delivery.drain();
      const cardAttempts = h.tg.calls.filter((c) => isSend(c) && c.params.chat_id === STAFF_CHAT && String(c.params.text).startsWith("<b>工单 #1</b>"));
      expect(cardAttempts.map((c) => c.status)).toEqual([400]);
      // A reply to the alert reaches the asker like a reply to the card.
      h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "电话是 0990-1234567", replyToMessageId: alert.message_id });
      await h.tg.waitForMessage(ASKER, has("电话是 0990-1234567"));
      // /resend posts the card now that the chat takes it.
      h.tg.sendText({ chatId: STAFF_CHAT, ...STAFF_A, text: "/resend 1" });
      const card = await h.tg.waitForMessage(STAFF_CHAT, (m) => m.plain_text.startsWith("工单 #1\n"));
      expect(card.plain_text).toContain("状态：已回复");
    });
  });
});
