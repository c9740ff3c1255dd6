/**
 * Every user-visible string of the Telegram bot, Chinese first.
 *
 * Strings that end up in HTML messages (parse_mode HTML) are written as HTML here;
 * parameterised ones take already-escaped values from format.ts or escape them
 * themselves (see `esc`). Plain strings used in callback answers (toasts, alerts) are
 * never parsed as HTML and are marked "plain".
 */
import type { Choice } from "../answer/types.js";
import { escapeHtml as esc } from "./html.js";

export const S = {
  // ---- welcome / help ----
  welcome: (documentTitle: string, examples: readonly string[]) =>
    [
      "您好！我是克拉玛依市营商环境政策助手。",
      "",
      `我根据《${esc(documentTitle)}》回答企业和个体工商户的问题，并注明措施条目和负责部门。`,
      "政策原文答不了的问题，我会转给工作人员，由人工跟进回复。",
      "",
      "<b>您可以这样问：</b>",
      ...examples.map((e) => `• ${esc(e)}`),
      "",
      "直接输入您的问题即可。发送 /help 查看全部命令。",
    ].join("\n"),
  welcomeExamples: ["小微企业办电要几天？", "企业开办需要多长时间？", "简易注销的公示时间是多少天？"] as const,
  help: (documentTitle: string) =>
    [
      `<b>使用帮助</b>（依据《${esc(documentTitle)}》）`,
      "",
      "直接输入问题，我会引用相关措施原文回答。",
      "",
      "/measures — 浏览全部措施目录",
      "/measures 部门 — 查看某部门负责的全部措施，例如 /measures 市住建局",
      "/measure 编号 — 查看某条措施全文，例如 /measure 11",
      "/human — 转人工，由工作人员回复",
      "/mytickets — 查看我的工单",
      "/cancel — 结束人工服务",
      "/help — 显示本帮助",
    ].join("\n"),

  // ---- measures ----
  measuresPage: (documentTitle: string, page: number, pages: number) =>
    `<b>《${esc(documentTitle)}》措施目录</b>（第 ${page}/${pages} 页）\n点击编号查看全文。`,
  measureLine: (n: number, title: string) => `${n}. ${esc(title)}`,
  /** Above a document's measures on a list page, when the corpus holds several documents. */
  documentHeading: (title: string) => `<b>《${esc(title)}》</b>`,
  departmentPage: (department: string, total: number, page: number, pages: number) =>
    `<b>${esc(department)}负责（含共同负责）的措施</b>，共 ${total} 条（第 ${page}/${pages} 页）\n点击编号查看全文。`,
  departmentUnknown: (name: string) => `没有找到“${esc(name)}”负责的措施。请写部门名称，例如 /measures 市住建局；发送 /measures 浏览全部措施目录。`,
  listingMore: (shown: number, total: number, departments: readonly string[]) =>
    `以上是与问题最相关的 ${shown} 条，共 ${total} 条。发送 ${departments.map((d) => `/measures ${esc(d)}`).join(" 或 ")} 分页查看全部。`,
  measureBadNumber: (min: number, max: number) =>
    `请输入 ${min}–${max} 之间的措施编号，例如 /measure 11。\n发送 /measures 浏览全部措施目录。`,
  // Several documents: each numbers its measures from 1; a year in front picks the document.
  measureBadNumberIn: (docs: ReadonlyArray<{ title: string; year: number; count: number }>) =>
    [
      `请输入措施编号，例如 /measure 11（${esc(docs[0]!.title)}）；查其他文件请在编号前写年份，例如 /measure ${docs.at(-1)!.year} 11。`,
      ...docs.map((d) => `• ${d.year}年《${esc(d.title)}》：共 ${d.count} 条`),
      "发送 /measures 浏览全部措施目录。",
    ].join("\n"),
  /** 第N条 title, with the document's title in front when the corpus holds several. */
  measureHeading: (n: number, title: string, document?: string) => `<b>${document ? `《${esc(document)}》` : ""}第${n}条 ${esc(title)}</b>`,
  departments: (names: readonly string[]) => `负责部门：${names.map(esc).join("、")}`,
  measureNotFound: "没有找到这条措施。", // plain
  pagePrev: "◀ 上一页",
  pageNext: "下一页 ▶",
  measureButton: (n: number, title: string, year?: number) => `${year ? `${year}年` : ""}第${n}条 ${title}`, // button label, plain; the year with several documents
  measureNumberButton: (n: number, year?: number) => (year ? `${year}·${n}` : `${n}`), // button label, plain

  // ---- answers ----
  answerIntro: "根据政策原文：",
  answerFooter: (documentTitle: string) => `<i>以上内容摘自《${esc(documentTitle)}》。</i>`,
  handoffRelatedIntro: "可能相关的措施：",
  relatedLine: (n: number, title: string, departments: readonly string[], document?: string) =>
    `• ${document ? `《${esc(document)}》` : ""}第${n}条 ${esc(title)}（负责部门：${departments.map(esc).join("、")}）`,
  unclearHint: "如需人工帮助，请点击下方“转人工”。",
  unclear: "抱歉，我没能理解您的问题。请用一句话描述您想了解的事项，例如“小微企业办电要几天？”。\n如需人工帮助，请点击下方“转人工”。",
  handoffNotInPolicy: "这个问题政策原文中没有直接的答案，我已为您转给工作人员。",
  handoffFactMissing: "政策原文中没有您问的具体信息（如电话、地址、费用等），我已为您转给工作人员。",
  handoffOutOfScope: "这个问题超出了本政策的范围，我已为您转给工作人员。",
  handoffAskedForPerson: "好的，正在为您转接工作人员。",
  textOnly: "请用文字输入您的问题。",
  stray: (text: string) => `我没能从“${esc(text)}”看出您想问什么。请把问题说完整，例如“小微企业办电要几天？”；需要人工请发送 /human 加上您的问题。`,
  unknownCommand: "没有这个命令。发送 /help 查看可用命令，或直接输入您的问题。",

  // ---- clarify: which measure is meant (in the question's language; measure titles and quotes stay Chinese) ----
  clarify: {
    zh: {
      prompt: "您想问的是下面哪一条措施？请点选：",
      choice: (i: number, c: Choice) => `${i}. <b>${c.document ? `《${esc(c.document.title)}》` : ""}第${c.measure}条 ${esc(c.title)}</b>\n    ${esc(c.covers)}`,
      noneHint: "都不是？请点“都不是 / 转人工”，由工作人员为您解答。",
      button: (i: number, c: Choice) => `${i}. ${c.document ? `${c.document.year}年 ` : ""}${c.title}：${c.covers}`, // button label, plain; the year with several documents
      btnNoneOfThese: "都不是 / 转人工",
      handedOff: "好的，这几条都不符合，我已把您的问题转给工作人员。",
      expired: "这些选项已过期（超过 24 小时或记录已清理），请重新输入您的问题。",
    },
    en: {
      prompt: "Which of these measures do you mean? Tap one:",
      choice: (i: number, c: Choice) => `${i}. <b>Measure ${c.measure} (${c.document ? `《${esc(c.document.title)}》` : ""}第${c.measure}条) ${esc(c.title)}</b>\n    ${esc(c.covers)}`,
      noneHint: "None of these? Tap “None of these / talk to a person” and our staff will answer.",
      button: (i: number, c: Choice) => `${i}. ${c.document ? `${c.document.year} ` : ""}${c.title}: ${c.covers}`, // button label, plain; the year with several documents
      btnNoneOfThese: "None of these / talk to a person",
      handedOff: "OK, none of these fits: I have passed your question to our staff.",
      expired: "These choices have expired (after 24 hours, or they were cleared). Please ask your question again.",
    },
  },
  pickNotYours: "这是其他用户的提问，您不能替他选择。", // alert, plain
  pickUnavailable: "暂时无法读取这个选项，请稍后再点一次，或重新输入您的问题。",
  /** A follow-up as staff see it in the ticket: the message and the earlier question(s) it was read with. */
  questionInContext: (question: string, context: string) => `${question}\n（接上文：${context}）`, // plain
  noneOfTheseTicket: (question: string) => `${question}\n（机器人列出的几条措施用户认为都不符合）`, // plain

  // ---- buttons ----
  btnHuman: "转人工",
  btnThumbsUp: "👍",
  btnThumbsDown: "👎",
  btnEndHuman: "结束人工服务",
  btnClaim: "认领",
  btnClose: "关闭",
  btnReopen: "重新打开",
  btnFaqApprove: "✅ 采纳",
  btnFaqReject: "✖️ 拒绝",
  btnFaqOutOfScope: "不在政策范围",

  // ---- feedback ----
  feedbackThanks: "感谢您的反馈！", // plain
  feedbackSorry: "抱歉没能帮到您。需要工作人员为您解答吗？",
  feedbackNotYours: "只有提问人可以评价这条回答。", // plain

  // ---- FAQ answers (a staff answer a maintainer approved) ----
  faqLabel: (date: string) => `<b>工作人员答复（${esc(date)} 审核）</b>`,
  faqRelatedIntro: "相关措施：",
  faqOutOfScope: "工作人员已确认：这类问题不在《措施》的范围内，我无法根据政策原文回答。如确需人工帮助，请点击下方“转人工”。",

  // ---- handoff (asker side) ----
  ticketOpened: (id: number) =>
    `已为您创建工单 <b>#${id}</b>，工作人员会尽快回复您。\n在此期间您发送的文字会补充到工单中；如不再需要，请点击“结束人工服务”或发送 /cancel。`,
  ticketAlreadyActive: (id: number) =>
    `您已有进行中的工单 <b>#${id}</b>，工作人员会尽快回复。补充说明请直接发送文字；如不再需要，请发送 /cancel。`,
  ticketClaimed: (id: number) => `工作人员已受理您的工单 <b>#${id}</b>，请耐心等待回复。`,
  staffReply: (id: number, body: string) => `<b>工作人员回复（工单 #${id}）：</b>\n${esc(body)}`,
  staffReplyHint: "<i>如还有问题，可以继续向我提问，或发送 /human 再次转人工。</i>",
  ticketReopened: (id: number) => `工作人员重新打开了您的工单 <b>#${id}</b>，会继续跟进。补充说明请直接发送文字。`,
  ticketClosedForAsker: (id: number) => `您的工单 <b>#${id}</b> 已关闭。之后的问题将由我根据政策原文回答，如需人工请发送 /human。`,
  followUpAdded: (id: number) => `已补充到工单 #${id}，工作人员会看到。`,
  cancelDone: (id: number) => `已结束人工服务，工单 #${id} 已关闭。您可以继续向我提问。`,
  cancelNothing: "您当前没有进行中的人工服务。",
  humanNoQuestion: "（用户请求人工服务，未提供具体问题）", // stored in the ticket, plain
  questionWithContext: (previous: string, text: string) => `${previous}\n（用户随后请求人工：${text}）`, // plain
  handoffUnavailable: "抱歉，系统暂时无法为您转接人工服务（工单未能保存）。请稍后再发一次您的问题，或发送 /human 重试。",
  followUpUnavailable: (id: number) => `抱歉，您的补充暂时未能转给工单 #${id} 的工作人员，请稍后再发一次。`,
  cancelUnavailable: (id: number) => `抱歉，暂时无法结束工单 #${id}，请稍后再试。`,
  myTicketsNone: "您还没有工单。",
  myTicketsHeader: "<b>您的工单：</b>",
  myTicketLine: (id: number, status: string, question: string) => `#${id} [${esc(status)}] ${esc(question)}`,

  status: {
    open: "待处理",
    claimed: "处理中",
    answered: "已回复",
    closed: "已关闭",
  } as const,

  // ---- staff ----
  staffOnly: "此功能仅限工作人员使用。", // plain-safe, also used as HTML
  card: {
    title: (id: number) => `<b>工单 #${id}</b>`,
    asker: (name: string) => `提问人：${esc(name)}`,
    question: "问题：",
    questionTruncated: (total: number) => `<i>（问题较长，共 ${total} 字，全文见下方消息）</i>`,
    candidates: "<b>相关措施：</b>",
    noCandidates: "相关措施：无",
    candidate: (n: number, title: string, departments: readonly string[], document?: string) =>
      `• ${document ? `《${esc(document)}》` : ""}第${n}条 ${esc(title)}（${departments.map(esc).join("、")}）`,
    status: (status: string) => `状态：${esc(status)}`,
    holder: (name: string) => `认领人：${esc(name)}`,
    blocked: "⚠️ 提问人已屏蔽机器人，回复无法送达。",
    undelivered: (id: number, n: number) => `⚠️ 本工单有 ${n} 条消息未能送达或可能未送达（详情：npm run tickets -- show ${id}），核实后发送 /resend ${id} 重发。`,
    howToReply: "<i>回复本消息即可答复提问人。</i>",
  },
  fullQuestion: (id: number, part: number, parts: number) => `<b>工单 #${id} 问题全文（${part}/${parts}）：</b>`,
  followUpForStaff: (id: number, name: string, body: string) =>
    `<b>工单 #${id} 补充（${esc(name)}）：</b>\n${esc(body)}\n<i>回复本消息即可答复提问人。</i>`,
  claimOk: (id: number) => `已认领工单 #${id}。`, // plain
  claimHeld: (id: number, name: string) => `工单 #${id} 已由 ${name} 认领。`, // plain
  claimNotClaimable: (id: number) => `工单 #${id} 当前状态无法认领。`, // plain
  ticketNotFound: (id: number) => `没有找到工单 #${id}。`, // plain-safe
  closeOk: (id: number) => `工单 #${id} 已关闭。`, // plain-safe
  reopenOk: (id: number) => `工单 #${id} 已重新打开。`, // plain-safe
  replySent: (id: number) => `已将回复发送给工单 #${id} 的提问人。`,
  notATicketMessage: "这条消息不是工单卡片，回复它不会转给提问人。请回复工单卡片，或发送 /reply 工单号 回复内容，例如 /reply 12 您好，……",
  staffActionError: "处理这条消息时出错，操作可能没有完成，已记录日志。请用 /queue 核对后重试。",
  staffStoreUnavailable: (id: number) => `工单 #${id}：数据库暂时无法写入，操作没有完成，也没有发给提问人。请稍后重试。`,
  deliveryAlert: (id: number, state: "failed" | "uncertain", kind: string) =>
    state === "uncertain"
      ? `⚠️ 工单 #${id}：机器人重启时一条${esc(deliveryKindName(kind))}正在发送，可能没有送达。若群里没有这张工单卡片，请发送 /resend ${id} 重发。`
      : `⚠️ 工单 #${id}：一条${esc(deliveryKindName(kind))}未能送达。处理原因后发送 /resend ${id} 重发；详情：npm run tickets -- show ${id}`,
  resendUsage: "用法：/resend 工单号，例如 /resend 12（重发该工单未送达或可能未送达的消息）",
  resendOk: (id: number, n: number) => `工单 #${id}：已重新排队发送 ${n} 条消息。`,
  resendNothing: (id: number) => `工单 #${id} 没有未送达的消息。`,
  replyTextOnly: "目前只支持文字回复。",
  replyUsage: "用法：/reply 工单号 回复内容，例如 /reply 12 您好，……",
  closeUsage: "用法：/close 工单号，例如 /close 12",
  reopenUsage: "用法：/reopen 工单号，例如 /reopen 12",
  ticketActionFailed: (id: number, reason: string) => `工单 #${id}：${esc(reason)}`,
  ticketErrorReason: (code: string) =>
    ({
      "not-found": "不存在",
      "bad-state": "当前状态不允许此操作",
      forbidden: "无权操作",
    })[code] ?? "操作失败",
  queueEmpty: "当前没有待处理的工单。",
  queueHeader: (n: number) => `<b>待处理工单（${n}）：</b>`,
  queueProblems: (items: ReadonlyArray<{ id: number; n: number }>) =>
    `⚠️ <b>未送达或可能未送达的消息：</b>${items.map((i) => `#${i.id}（${i.n} 条）`).join("、")}。核实后发送 /resend 工单号 重发。`,
  queueLine: (id: number, status: string, name: string, question: string, holder: string | null) =>
    `#${id} [${esc(status)}] ${esc(name)}：${esc(question)}${holder ? `（${esc(holder)}）` : ""}`,
  stats: (s: { open: number; claimed: number; answered: number; closed: number; median: string }) =>
    [
      "<b>统计</b>",
      `待处理：${s.open}`,
      `处理中：${s.claimed}`,
      `已回复：${s.answered}`,
      `已关闭：${s.closed}`,
      `首次人工回复中位时长：${esc(s.median)}`,
    ].join("\n"),
  statsQuestions: (days: number, s: { questions: number; answered: number; faq: number; clarify: number; handoff: number; smalltalk: number; up: number; down: number }) =>
    [
      "",
      `<b>近 ${days} 天提问：${s.questions}</b>`,
      `机器人直接回答：${s.answered}（其中 FAQ ${s.faq}）`,
      `追问澄清：${s.clarify}`,
      `转人工：${s.handoff}`,
      `闲聊：${s.smalltalk}`,
      `👍 ${s.up} · 👎 ${s.down}`,
    ].join("\n"),
  statsLogUnavailable: "\n提问记录暂时无法读取。",
  statsFaq: (pending: number, flagged: number) => `FAQ 待审核：${pending}，需复核：${flagged}（npm run faq -- list；完整报告：npm run report）`,
  statsFaqUnavailable: "FAQ 数据库暂时无法读取。",
  durationNone: "暂无",
  duration: (ms: number) => {
    const min = Math.round(ms / 60_000);
    if (min < 1) return `${Math.max(1, Math.round(ms / 1000))} 秒`;
    if (min < 60) return `${min} 分钟`;
    const h = Math.floor(min / 60);
    return `${h} 小时 ${min % 60} 分钟`;
  },

  // ---- FAQ candidates (staff chat) ----
  faqCard: {
    title: (id: number, ticketId: number | null) => `<b>FAQ 候选 #${id}</b>${ticketId === null ? "" : `（来自工单 #${ticketId}）`}`,
    question: "问题：",
    answer: "工作人员答复：",
    by: (name: string, date: string) => `答复人：${esc(name)} · ${esc(date)}`,
    truncated: (id: number) => `<i>（内容较长，全文：npm run faq -- show ${id}）</i>`,
    candidates: "<b>相关措施（机器人找到的；采纳后随答复显示）：</b>",
    noCandidates: "相关措施：无",
    status: (status: string) => `状态：${esc(status)}`,
    reviewedBy: (name: string, date: string) => `审核人：${esc(name)} · ${esc(date)}`,
    howTo: (id: number) =>
      `<i>采纳后，之后的相同或相近问题将直接以此答复回答（标注“工作人员答复”）。修改问题、答复或相关措施后采纳：npm run faq -- approve ${id} --edit</i>`,
  },
  faqStatus: { pending: "待审核", approved: "已采纳", rejected: "已拒绝", "out-of-scope": "不在政策范围" } as const,
  faqApproved: (id: number) => `FAQ #${id} 已采纳。`, // plain
  faqRejected: (id: number) => `FAQ #${id} 已拒绝。`, // plain
  faqOutOfScopeDone: (id: number) => `FAQ #${id} 已标记为不在政策范围。`, // plain
  faqAlreadyReviewed: (id: number, status: string, name: string) => `FAQ #${id} 已由 ${name} 审核（${status}）。`, // plain
  faqNotFound: (id: number) => `没有找到 FAQ #${id}。`, // plain
  faqInvalid: (id: number) => `FAQ #${id} 无法直接采纳（内容不完整或相关措施不存在），请用 npm run faq -- approve ${id} --edit 修改后采纳。`, // plain
  faqStoreUnavailable: (id: number) => `FAQ #${id}：数据库暂时无法写入，操作没有完成，请稍后重试。`, // plain

  // ---- policy reload (staff chat) ----
  reload: {
    by: (source: string, who?: string) =>
      ({
        watch: "文件有改动，自动重新加载",
        signal: "npm run index",
        command: `/reindex${who ? `（${esc(who)}）` : ""}`,
        bus: "其他实例通知",
      })[source] ?? esc(source),
    reloaded: (by: string) => `🔄 <b>政策库已更新</b>（${by}），新的提问按新版本回答。`,
    added: (n: number, list: string) => `新增 ${n} 条${n ? `：${list}` : ""}`,
    changed: (n: number, list: string) => `修改 ${n} 条${n ? `：${list}` : ""}`,
    removed: (n: number, list: string) => `删除 ${n} 条${n ? `：${list}` : ""}`,
    measuresUnchanged: "措施条文没有变化（词表、部门别名或英文术语表有更新）。",
    nowServing: (documents: readonly string[], measures: number) => `现依据${documents.map((d) => `《${esc(d)}》`).join("")}回答，共 ${measures} 条措施。`,
    failed: (by: string, measures: number) => `⚠️ <b>政策文件有误，没有更新</b>（${by}）。机器人仍按原来的版本回答（${measures} 条措施）。`,
    where: (file: string, line: number) => `位置：<code>${esc(file)}:${line}</code>`,
    problem: (text: string) => `问题：${esc(text)}`,
    fixHint: "请改正后保存文件（会自动重新加载），或发送 /reindex。",
    unchanged: (measures: number) => `政策文件没有变化，继续按当前版本回答（${measures} 条措施）。`,
    recovered: (measures: number) => `政策文件已改回正在使用的版本，无需更新（${measures} 条措施）。`,
    unavailable: "这个进程不能重新加载政策库。请在服务器上运行 npm run index，或重启机器人。",
  },

  // ---- misc ----
  rateLimited: (perMinute: number) => `您发送得太快了（每分钟最多 ${perMinute} 条），请稍后再试。`,
  rateLimitedToast: "操作太频繁，请稍后再试。", // plain
  errorApology: "抱歉，出了点问题，请稍后再试。",
  staffChatNotSet: "STAFF_CHAT_ID is not set: tickets will be opened but no staff card can be posted. Set STAFF_CHAT_ID to the staff group's chat id.",

  // ---- command menu (setMyCommands) ----
  commands: {
    start: "开始使用",
    help: "使用帮助",
    measures: "浏览措施目录",
    measure: "查看某条措施全文",
    human: "转人工",
    mytickets: "我的工单",
    cancel: "结束人工服务",
    queue: "待处理工单",
    reply: "回复工单：/reply 工单号 内容",
    close: "关闭工单：/close 工单号",
    reopen: "重新打开工单：/reopen 工单号",
    stats: "统计",
    resend: "重发未送达的消息：/resend 工单号",
    reindex: "重新加载政策文件并报告改动",
  },
} as const;

/** What a delivery kind is, in the staff's words. */
function deliveryKindName(kind: string): string {
  return (
    {
      "staff-card": "工单卡片",
      "card-update": "工单卡片更新",
      "follow-up": "提问人补充",
      "ticket-opened": "受理通知",
      "ticket-claimed": "认领通知",
      "staff-reply": "工作人员回复",
      "ticket-closed": "关闭通知",
      "ticket-reopened": "重新打开通知",
      "faq-card": "FAQ 候选卡片",
      "faq-card-update": "FAQ 卡片更新",
    } as Record<string, string>
  )[kind] ?? "消息";
}
