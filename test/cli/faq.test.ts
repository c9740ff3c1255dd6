/** npm run faq on every store backend (DATABASE_URL: the FAQ and the tickets in PostgreSQL). */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PolicyEngine } from "../../src/answer/engine.js";
import { runFaqCli } from "../../src/cli/faq.js";
import { FaqService } from "../../src/faq/service.js";
import { formatDate } from "../../src/faq/strings.js";
import type { Asker } from "../../src/handoff/types.js";
import { buildTemplate, CORPUS_DIR, freshDataDir } from "../support/engine-template.js";
import { distScript, runCommand } from "../support/run-command.js";
import { storeBackends, type TestStorage } from "../support/store-backends.js";

const STAFF_CHAT = "-1009876543210";
const NOW = Date.UTC(2026, 10, 30, 4);
const zhang: Asker = { channel: "telegram", chatId: "111", userId: "111", displayName: "张三" };

describe.each(storeBackends())("npm run faq on $name", (backend) => {
  let root: string;
  let template: string;
  let engine: PolicyEngine;
  let dataDir: string;
  let storage: TestStorage;
  const storages: TestStorage[] = [];
  let editorEnv: Record<string, string>;

  /** A fresh data folder (a copy of the index) and its stores on the backend. */
  async function freshStorage(): Promise<void> {
    storage = await backend.create(freshDataDir(root, template));
    storages.push(storage);
    dataDir = storage.dataDir;
  }

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "faq-cli-"));
    const built = await buildTemplate(root);
    engine = built.engine;
    template = built.dataDir;
  });

  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  beforeEach(async () => {
    await freshStorage();
    editorEnv = {};
  });

  afterEach(async () => {
    for (const s of storages.splice(0)) await s.destroy();
  });

  const env = () => ({ ...storage.env, CORPUS_DIR, STAFF_CHAT_ID: STAFF_CHAT, USER: "alice", ...editorEnv });

  async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runFaqCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: env(), now: () => NOW });
    return { code, out, err };
  }

  /** A ticket answered by staff (as the bot or npm run tickets would), before any FAQ command ran. */
  async function answeredTicket(question = "政务服务中心周末上班吗", reply = "周六上午 10:00–14:00 有值班窗口。"): Promise<number> {
    const handoff = await storage.openService({ staffChatId: STAFF_CHAT, now: () => NOW - 60_000 });
    try {
      const ticket = (await handoff.openTicket({ asker: zhang, question, candidates: [{ measure: 31, title: engine.measure(31)!.title, departments: engine.measure(31)!.departments }] })).ticket;
      await handoff.replyToTicket(ticket.id, { userId: "777", displayName: "王五" }, reply);
      return ticket.id;
    } finally {
      await handoff.shutdown();
    }
  }

  async function withFaq<T>(fn: (faq: FaqService) => Promise<T>): Promise<T> {
    const faq = new FaqService(await storage.openFaqStore(), { corpus: engine, now: () => NOW });
    try {
      return await fn(faq);
    } finally {
      await faq.close();
    }
  }

  async function outbox(): Promise<string[]> {
    const handoff = await storage.openService({ staffChatId: STAFF_CHAT });
    try {
      return (await handoff.pendingDeliveries({ limit: 100 })).filter((d) => d.kind.startsWith("faq-")).map((d) => `${d.kind}:${d.body}`);
    } finally {
      await handoff.shutdown();
    }
  }

  function editorScript(content: string): string {
    const script = path.join(root, `editor-${Math.random().toString(36).slice(2)}.mjs`);
    fs.writeFileSync(script, `import fs from "node:fs"; fs.writeFileSync(process.argv[2], ${JSON.stringify(content)});`);
    return `${JSON.stringify(process.execPath)} ${JSON.stringify(script)}`;
  }

  describe("list and show", () => {
    it("a staff answer is a pending candidate (filed from the stored reply when the command starts) and its card is queued once", async () => {
      expect((await cli("list")).out).toEqual(["还没有 FAQ。工作人员答复工单后，答复会成为待审核的 FAQ。"]);
      const ticket = await answeredTicket();
      const { code, out } = await cli("list", "--pending");
      expect(code).toBe(0);
      expect(out).toEqual(["待审核的 FAQ（1 条，最早的在前）：", `  #1  待审核  工单 #${ticket} · 王五 · ${formatDate(NOW)}  政务服务中心周末上班吗`]);
      await cli("list");
      expect(await outbox()).toEqual(["faq-card:1"]);
    });

    it("show prints the question, answer, related measures from the corpus, source, review and history", async () => {
      const ticket = await answeredTicket();
      const { out } = await cli("show", "1");
      const m = engine.measure(31)!;
      expect(out.slice(0, 10)).toEqual([
        "FAQ #1 · 待审核",
        "问题（第一行为主问法）：",
        "  政务服务中心周末上班吗",
        "答复：",
        "  周六上午 10:00–14:00 有值班窗口。",
        "相关措施：",
        `  第 31 条 ${m.title}（负责部门：${m.departments.join("、")}）`,
        expect.stringMatching(new RegExp(`^来源：工单 #${ticket}，王五 于 ${formatDate(NOW)} \\d\\d:\\d\\d 答复$`)),
        "机器人当时找到的措施：",
        `  第 31 条 ${m.title}（负责部门：${m.departments.join("、")}）`,
      ]);
      expect(out).toContain("审核：尚未审核");
      expect(out.at(-1)).toMatch(/生成候选 {2}王五（staff:777）$/);
    });
  });

  describe("review", () => {
    it("approve records the maintainer and queues the card's update; the entry is served", async () => {
      await answeredTicket();
      const { code, out } = await cli("approve", "1");
      expect(code).toBe(0);
      expect(out).toEqual(["FAQ #1 已采纳：之后相同或相近的问题将以此答复回答，标注“工作人员答复”。"]);
      await withFaq(async (faq) => {
        expect(await faq.get(1)).toMatchObject({ status: "approved", review: { by: { id: "cli:alice", name: "alice" }, at: NOW } });
        expect((await faq.served()).map((e) => e.id)).toEqual([1]);
      });
      expect(await outbox()).toEqual(["faq-card:1", "faq-card-update:1"]);
      expect((await cli("list")).out[1]).toBe(`  #1  已采纳  ${formatDate(NOW)} 审核 · 命中 0 次  政务服务中心周末上班吗`);
    });

    it("approve --from FILE takes edited variants, answer and measures; the history keeps what changed", async () => {
      await answeredTicket();
      const file = path.join(dataDir, "edit.txt");
      fs.writeFileSync(file, ["# 说明行", "[问题]", "# 每行一个问法", "政务服务中心周末上班吗", "政务大厅星期六开门吗", "[答复]", "周六上午值班。", "", "节假日另行通知。", "[相关措施]", "31 32"].join("\n"));
      expect((await cli("approve", "1", "--from", file)).code).toBe(0);
      await withFaq(async (faq) => {
        expect(await faq.get(1)).toMatchObject({ questions: ["政务服务中心周末上班吗", "政务大厅星期六开门吗"], answer: "周六上午值班。\n\n节假日另行通知。", measures: [31, 32] });
        expect(JSON.parse((await faq.reviews(1)).at(-1)!.detail!)).toEqual({ questions: ["政务服务中心周末上班吗", "政务大厅星期六开门吗"], answer: "周六上午值班。\n\n节假日另行通知。", measures: [31, 32] });
      });
    });

    it("approve --edit opens $EDITOR on the entry; an emptied file cancels; an invalid edit says what to fix and keeps the file", async () => {
      await answeredTicket();
      editorEnv = { EDITOR: editorScript("[问题]\n周末政务中心开不开门\n[答复]\n开，上午。\n[相关措施]\n") };
      expect((await cli("approve", "1", "--edit")).code).toBe(0);
      await withFaq(async (faq) => expect(await faq.get(1)).toMatchObject({ status: "approved", questions: ["周末政务中心开不开门"], answer: "开，上午。", measures: [] }));

      await answeredTicket("营业执照丢了怎么补办", "带身份证到政务服务中心。");
      editorEnv = { EDITOR: editorScript("# 全部删掉了\n\n") };
      expect(await cli("approve", "2", "--edit")).toMatchObject({ code: 1, err: ["已取消：编辑后的文件为空，没有做任何修改。"] });
      editorEnv = { EDITOR: editorScript("[问题]\nq\n[答复]\na\n[相关措施]\n43\n") };
      const bad = await cli("approve", "2", "--edit");
      expect(bad.code).toBe(2);
      expect(bad.err[0]).toMatch(/^你的修改保存在 .*faq-2\.txt，改正后可用 --from .*faq-2\.txt 再次提交。$/);
      expect(bad.err[1]).toBe("错误：FAQ #2: no measure 43 in the policy: give measure numbers that exist, or none");
      const kept = /保存在 (.*)，/.exec(bad.err[0]!)![1]!;
      expect(fs.readFileSync(kept, "utf8")).toContain("43");
      await withFaq(async (faq) => expect((await faq.get(2))?.status).toBe("pending"));
    });

    it("reject and out-of-scope; neither is served as an answer", async () => {
      await answeredTicket();
      await answeredTicket("克拉玛依明天天气怎么样", "请查看天气预报。");
      expect((await cli("reject", "1")).out).toEqual(["FAQ #1 已拒绝，不会用于回答。"]);
      expect((await cli("out-of-scope", "#2")).out).toEqual(["FAQ #2 已标记为不在政策范围：之后此类问题将收到“不在政策范围”的说明，不再转人工。"]);
      await withFaq(async (faq) => expect((await faq.served()).map((e) => [e.id, e.status])).toEqual([[2, "out-of-scope"]]));
      expect((await cli("list")).out).toEqual(["FAQ（1 条，最早的在前；已拒绝的不列出）：", `  #2  不在政策范围  ${formatDate(NOW)} 审核 · 命中 0 次  克拉玛依明天天气怎么样`]);
    });
  });

  describe("import and export", () => {
    it("imports a CSV, exports it, and the export imports into another data folder the same", async () => {
      const file = path.join(dataDir, "faq.csv");
      fs.writeFileSync(file, 'questions,answer,measures,status\n市住建局电话|住建局联系电话,"0990-1, 工作日",12,\n今天天气怎么样,-,,out-of-scope\n政务大厅在哪,友谊路 1 号,,pending\n');
      expect((await cli("import", file)).out).toEqual(["已导入 3 条（#1–#3）。"]);
      expect((await cli("import", file)).out).toEqual(["已导入 0 条，跳过 3 条已有的问题。", "  第 2 行：与 FAQ #1 的问法相同，已跳过", "  第 3 行：与 FAQ #2 的问法相同，已跳过", "  第 4 行：与 FAQ #3 的问法相同，已跳过"]);
      const exported = path.join(dataDir, "out.csv");
      expect((await cli("export", exported)).out).toEqual([`已导出 3 条到 ${exported}（已拒绝的不导出）。`]);
      const first = dataDir;
      await freshStorage();
      expect((await cli("import", path.join(first, "out.csv"))).out).toEqual(["已导入 3 条（#1–#3）。"]);
      await withFaq(async (faq) =>
        expect((await faq.list()).map((e) => [e.status, e.questions, e.answer, e.measures])).toEqual([
          ["approved", ["市住建局电话", "住建局联系电话"], "0990-1, 工作日", [12]],
          ["out-of-scope", ["今天天气怎么样"], "-", []],
          ["pending", ["政务大厅在哪"], "友谊路 1 号", []],
        ]),
      );
    });

    it("a bad row stops the import with its line, and nothing is imported; --pending queues rows for review", async () => {
      const file = path.join(dataDir, "faq.csv");
      fs.writeFileSync(file, "questions,answer,measures\nq1,a1,11\nq2,a2,99\n");
      expect(await cli("import", file)).toMatchObject({ code: 2, err: ["错误：line 3: no measure 99 in the policy: give measure numbers that exist, or none"] });
      fs.writeFileSync(file, "questions,answer\nq1,a1\nq2,\n");
      expect(await cli("import", file)).toMatchObject({ code: 2, err: ["文件有误：line 3: answer is empty: write the answer askers should get"] });
      await withFaq(async (faq) => expect(await faq.list()).toEqual([]));
      fs.writeFileSync(file, "questions,answer\nq1,a1\n");
      await cli("import", file, "--pending");
      await withFaq(async (faq) => expect((await faq.get(1))?.status).toBe("pending"));
    });
  });

  describe("bad input", () => {
    it("says what is wrong with the usage, exit code 2", async () => {
      for (const [args, message] of [
        [[], "错误：缺少命令"],
        [["publish"], "错误：未知命令“publish”"],
        [["approve"], "错误：approve 需要 FAQ 编号 N"],
        [["approve", "x1"], "错误：FAQ 编号应为正整数，收到的是“x1”"],
        [["list", "--all"], "错误：list 不需要参数“--all”"],
        [["import"], "错误：import 需要文件路径"],
      ] as const) {
        const r = await cli(...args);
        expect([r.code, r.err[0]]).toEqual([2, message]);
        expect(r.err[1]).toMatch(/^用法：npm run faq -- list/);
      }
      expect(await cli("show", "7")).toMatchObject({ code: 2, err: ["错误：FAQ #7 不存在（用 npm run faq -- list 查看编号）"] });
      expect((await cli("import", path.join(dataDir, "missing.csv"))).code).toBe(2);
    });

    it("runs as the npm script", async () => {
      await answeredTicket();
      const run = await runCommand(process.execPath, [distScript("faq"), "list", "--pending"], { env: env() });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("#1  待审核");
    });
  });
});
