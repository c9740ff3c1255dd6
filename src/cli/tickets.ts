import { ConfigError, loadConfig } from "../config.js";
import { HandoffService, TicketError } from "../handoff/service.js";
import { hintFor, isStoreFault } from "../handoff/store.js";
import { DELIVERY_KIND_ZH, TICKET_EVENT_ZH, TICKET_STATUS_ZH } from "../handoff/labels.js";
import type { Delivery, Staff, Ticket, TicketEvent } from "../handoff/types.js";
import { processIO, UsageError, type CliIO } from "./run-cli.js";

/** Every string the staff sees. */
const S = {
  usage: '用法：npm run tickets -- list [--all] | show N | answer N "答复内容" | close N | reopen N | resend N',
  error: (message: string) => `错误：${message}`,
  missingCommand: "缺少命令",
  unknownCommand: (cmd: string) => `未知命令“${cmd}”`,
  missingId: (cmd: string) => `${cmd} 需要工单编号 N`,
  badId: (raw: string) => `工单编号应为正整数，收到的是“${raw}”`,
  extraArgs: (cmd: string, extra: string) => `${cmd} 不需要多余的参数“${extra}”`,
  emptyAnswer: '答复内容为空：请在编号后写上答复，例如 answer 3 "请携带营业执照原件到政务服务中心办理"',
  notFound: (id: number) => `找不到工单 #${id}（用 list --all 查看全部工单）`,
  answerClosed: (id: number) => `工单 #${id} 已关闭，不能答复；请先重新打开：npm run tickets -- reopen ${id}`,
  alreadyClosed: (id: number) => `工单 #${id} 已经是关闭状态`,
  cannotReopen: (id: number, status: string) => `工单 #${id} 当前为“${status}”，只有已答复或已关闭的工单可以重新打开`,
  configInvalid: (message: string) => `配置有误：${message}`,
  unexpected: (message: string) => `出错了：${message}`,
  storeUnavailable: (message: string) => `工单数据库暂时无法使用，操作没有完成：${message}`,
  storeHint: (hint: string) => `处理办法：${hint}`,

  listHeaderOpen: (n: number) => `未关闭的工单（${n} 条，最早的在前）：`,
  listHeaderAll: (n: number) => `全部工单（${n} 条，最早的在前）：`,
  listEmptyOpen: "没有未关闭的工单。（list --all 可查看已关闭的工单）",
  listEmptyAll: "还没有任何工单。",
  heldBy: (name: string) => `（${name}）`,
  blockedMark: " [已屏蔽机器人]",

  answered: (id: number, asker: string) => `工单 #${id}（${asker}）：答复已记录，机器人将把答复发送给提问者。`,
  answeredBlocked: "注意：提问者已屏蔽机器人，答复可能无法送达。",
  closed: (id: number) => `工单 #${id} 已关闭，机器人将通知提问者。`,
  reopened: (id: number) => `工单 #${id} 已重新打开，回到待处理队列；机器人将通知提问者。`,
  resent: (id: number, n: number) => `工单 #${id}：${n} 条未送达或可能未送达的消息已重新排队，机器人将再次发送。`,
  nothingToResend: (id: number) => `工单 #${id} 没有未送达的消息，无需重发。`,
  undeliveredMark: (n: number) => ` [${n} 条消息未送达]`,

  showTitle: (id: number, status: string) => `工单 #${id} · ${status}`,
  showAsker: (t: Ticket) =>
    `提问者：${t.asker.displayName}（${t.asker.channel}，聊天 ${t.asker.chatId}，用户 ${t.asker.userId}）`,
  showBlocked: "⚠ 提问者已屏蔽机器人，答复可能无法送达",
  showHolder: (staff: Staff | null) => `负责人：${staff ? `${staff.displayName}（${staff.userId}）` : "未认领"}`,
  showTime: {
    createdAt: "创建时间",
    claimedAt: "认领时间",
    firstReplyAt: "首次答复",
    answeredAt: "最近答复",
    closedAt: "关闭时间",
  },
  showQuestion: "问题：",
  showCandidates: "候选措施：",
  showNoCandidates: "  （无）",
  showCandidate: (measure: number, title: string, departments: string[], document?: string) =>
    `  ${document ? `《${document}》` : ""}第 ${measure} 条 ${title}（责任部门：${departments.join("、") || "未注明"}）`,
  showEvents: "事件记录：",
  showProblems: (id: number) => `未送达的消息（核实后可用 npm run tickets -- resend ${id} 重发）：`,
  showProblem: (d: Delivery, kind: string, state: string) => `  ${formatTime(d.createdAt)}  ${kind}  ${state}${d.lastError ? `：${d.lastError}` : ""}`,
  problemState: { failed: "发送失败", uncertain: "可能未送达（发送时机器人中断）" },
  deliveryKind: DELIVERY_KIND_ZH,
  status: TICKET_STATUS_ZH,
  event: TICKET_EVENT_ZH,
  ago: {
    justNow: "刚刚",
    minutes: (n: number) => `${n} 分钟前`,
    hours: (n: number) => `${n} 小时前`,
    days: (n: number) => `${n} 天前`,
  },
};

/** How far the list shows the question, in characters (not UTF-16 units, so emoji are not cut in half). */
const QUESTION_PREVIEW_CHARS = 40;
/** Actor recorded for close/reopen done from the terminal. */
const CLI_ACTOR = "cli";

export interface TicketsCliIO extends CliIO {
  /** How long to wait for another process's write lock on the tickets database (default 5 s). */
  lockWaitMs?: number;
}

type Command =
  | { kind: "help" }
  | { kind: "list"; all: boolean }
  | { kind: "show"; id: number }
  | { kind: "answer"; id: number; text: string }
  | { kind: "close"; id: number }
  | { kind: "reopen"; id: number }
  | { kind: "resend"; id: number };

/** Staff work on tickets from a terminal; resolves to the exit code. */
export async function runTicketsCli(argv: readonly string[], io: TicketsCliIO = processIO()): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command.kind === "help") {
      io.out(S.usage);
      return 0;
    }
    const config = loadConfig(io.env);
    const service = await HandoffService.open({
      dataDir: config.dataDir,
      databaseUrl: config.database.url,
      staffChatId: config.telegram.staffChatId,
      now: io.now,
      ...(io.lockWaitMs !== undefined ? { lockWaitMs: io.lockWaitMs } : {}),
    });
    try {
      await execute(command, service, cliStaff(io.env), io);
    } finally {
      await service.shutdown();
    }
    return 0;
  } catch (err) {
    return reportError(err, io);
  }
}

function reportError(err: unknown, io: TicketsCliIO): number {
  if (err instanceof UsageError || err instanceof TicketError) {
    io.err(S.error(err.message));
    io.err(S.usage);
    return 2;
  }
  if (isStoreFault(err)) {
    io.err(S.storeUnavailable(err.message));
    io.err(S.storeHint(hintFor(err)));
    return 1;
  }
  if (err instanceof ConfigError) {
    io.err(S.configInvalid(err.message));
    return 1;
  }
  io.err(S.unexpected(err instanceof Error ? err.message : String(err)));
  return 1;
}

const cliStaff = (env: Record<string, string | undefined>): Staff => ({ userId: "cli", displayName: env.USER ?? "工作人员" });

function parseCommand(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  switch (name) {
    case undefined:
      throw new UsageError(S.missingCommand);
    case "help":
    case "-h":
    case "--help":
      return { kind: "help" };
    case "list": {
      const [flag, ...extra] = rest;
      if ((flag !== undefined && flag !== "--all") || extra.length > 0) throw new UsageError(S.extraArgs(name, rest.join(" ")));
      return { kind: "list", all: flag === "--all" };
    }
    case "show":
    case "close":
    case "reopen":
    case "resend": {
      const [raw, ...extra] = rest;
      if (extra.length > 0) throw new UsageError(S.extraArgs(name, extra.join(" ")));
      return { kind: name, id: parseTicketId(name, raw) };
    }
    case "answer": {
      const [raw, ...words] = rest;
      const id = parseTicketId(name, raw);
      // Forgotten quotes still work: the words after N are the answer.
      const text = words.join(" ").trim();
      if (text === "") throw new UsageError(S.emptyAnswer);
      return { kind: "answer", id, text };
    }
    default:
      throw new UsageError(S.unknownCommand(name));
  }
}

function parseTicketId(command: string, raw: string | undefined): number {
  if (raw === undefined) throw new UsageError(S.missingId(command));
  const match = /^#?(\d+)$/.exec(raw.trim());
  const id = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError(S.badId(raw));
  return id;
}

async function execute(command: Exclude<Command, { kind: "help" }>, service: HandoffService, staff: Staff, io: TicketsCliIO): Promise<void> {
  switch (command.kind) {
    case "list":
      return printList(service, command.all, io);
    case "show":
      return printTicket(service, await requireTicket(service, command.id), io);
    case "answer": {
      // Checked here for a Chinese message; the service enforces the same rule.
      if ((await requireTicket(service, command.id)).status === "closed") throw new UsageError(S.answerClosed(command.id));
      const ticket = await service.replyToTicket(command.id, staff, command.text);
      io.out(S.answered(ticket.id, ticket.asker.displayName));
      if (ticket.askerBlocked) io.out(S.answeredBlocked);
      return;
    }
    case "close":
      if ((await requireTicket(service, command.id)).status === "closed") throw new UsageError(S.alreadyClosed(command.id));
      await service.closeTicket(command.id, CLI_ACTOR);
      return io.out(S.closed(command.id));
    case "reopen": {
      const { status } = await requireTicket(service, command.id);
      if (status !== "answered" && status !== "closed") throw new UsageError(S.cannotReopen(command.id, S.status[status]));
      await service.reopenTicket(command.id, CLI_ACTOR);
      return io.out(S.reopened(command.id));
    }
    case "resend": {
      await requireTicket(service, command.id);
      const n = await service.resendUndelivered(command.id, CLI_ACTOR);
      return io.out(n > 0 ? S.resent(command.id, n) : S.nothingToResend(command.id));
    }
  }
}

async function requireTicket(service: HandoffService, id: number): Promise<Ticket> {
  const ticket = await service.get(id);
  if (!ticket) throw new UsageError(S.notFound(id));
  return ticket;
}

async function printList(service: HandoffService, all: boolean, io: TicketsCliIO): Promise<void> {
  const tickets = await service.list(all ? {} : { status: ["open", "claimed", "answered"] });
  if (tickets.length === 0) return io.out(all ? S.listEmptyAll : S.listEmptyOpen);
  const problems = await service.openDeliveryProblems();
  io.out(all ? S.listHeaderAll(tickets.length) : S.listHeaderOpen(tickets.length));
  for (const t of tickets) io.out(listLine(t, io.now(), problems.get(t.id)?.length ?? 0));
}

function listLine(t: Ticket, now: number, undelivered: number): string {
  const holder = t.staff && t.status !== "open" ? S.heldBy(t.staff.displayName) : "";
  const blocked = t.askerBlocked ? S.blockedMark : "";
  const problems = undelivered > 0 ? S.undeliveredMark(undelivered) : "";
  return `  #${t.id}  ${S.status[t.status]}${holder}  ${t.asker.displayName}${blocked}${problems}  ${ago(now - t.createdAt)}  ${preview(t.question)}`;
}

async function printTicket(service: HandoffService, t: Ticket, io: TicketsCliIO): Promise<void> {
  const now = io.now();
  io.out(S.showTitle(t.id, S.status[t.status]));
  io.out(S.showAsker(t));
  if (t.askerBlocked) io.out(S.showBlocked);
  io.out(S.showHolder(t.staff));
  for (const [field, label] of Object.entries(S.showTime) as Array<[keyof typeof S.showTime, string]>) {
    const at = t[field];
    if (at !== null) io.out(`${label}：${formatTime(at)}（${ago(now - at)}）`);
  }
  io.out(S.showQuestion);
  io.out(indent(t.question));
  io.out(S.showCandidates);
  if (t.candidates.length === 0) io.out(S.showNoCandidates);
  for (const c of t.candidates) io.out(S.showCandidate(c.measure, c.title, c.departments, c.document?.title));
  const problems = await service.deliveryProblems(t.id);
  if (problems.length > 0) {
    io.out(S.showProblems(t.id));
    for (const d of problems) io.out(S.showProblem(d, S.deliveryKind[d.kind], S.problemState[d.state as "failed" | "uncertain"]));
  }
  io.out(S.showEvents);
  for (const e of await service.events(t.id)) io.out(eventLine(e));
}

function eventLine(e: TicketEvent): string {
  const head = `  ${formatTime(e.at)}  ${S.event[e.kind] ?? e.kind}  ${e.actor}`;
  return e.body === null ? head : `${head}\n${indent(e.body, "      ")}`;
}

/** One line, at most QUESTION_PREVIEW_CHARS characters. */
function preview(question: string): string {
  const chars = Array.from(question.replace(/\s+/g, " ").trim());
  return chars.length <= QUESTION_PREVIEW_CHARS ? chars.join("") : `${chars.slice(0, QUESTION_PREVIEW_CHARS).join("")}…`;
}

function indent(text: string, prefix = "  "): string {
  return text
    .split(/\r?\n/)
    .map((line) => prefix + line)
    .join("\n");
}

function ago(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return S.ago.justNow;
  if (minutes < 60) return S.ago.minutes(minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return S.ago.hours(hours);
  return S.ago.days(Math.floor(hours / 24));
}

/** Local time, YYYY-MM-DD HH:mm. */
function formatTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
