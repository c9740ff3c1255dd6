import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openServedEngine, type EngineText } from "../answer/open-engine.js";
import type { PolicyEngine } from "../answer/engine.js";
import { answerSource, outboxNotifier } from "../compose.js";
import { ConfigError, loadConfig, type Config } from "../config.js";
import { atThreshold, CalibrationFileError, readCalibrationSet, runTrials, sweep, type ThresholdResult } from "../faq/calibrate.js";
import { CsvError, faqRowsOf, formatFaqCsv, parseCsv } from "../faq/csv.js";
import type { FaqFlag } from "../faq/flags.js";
import { FAQ_MATCH_THRESHOLD } from "../faq/matcher.js";
import { FaqError, FaqService } from "../faq/service.js";
import type { FaqContent } from "../faq/store.js";
import { formatDate } from "../faq/strings.js";
import type { FaqActor, FaqDecision, FaqEntry, FaqReview, FaqStatus } from "../faq/types.js";
import { HandoffService } from "../handoff/service.js";
import { CorpusError } from "../policy/corpus-error.js";
import { hintFor, isStoreFault } from "../store/errors.js";
import { openStores } from "../stores.js";
import { processIO, UsageError, type CliIO } from "./run-cli.js";

/** Every string the maintainer sees. */
const S = {
  usage: "用法：npm run faq -- list [--pending] | show N | approve N [--edit | --from 文件] | reject N | out-of-scope N | import 文件.csv [--pending] | export 文件.csv | calibrate [文件.jsonl]",
  error: (message: string) => `错误：${message}`,
  missingCommand: "缺少命令",
  unknownCommand: (cmd: string) => `未知命令“${cmd}”`,
  missingId: (cmd: string) => `${cmd} 需要 FAQ 编号 N`,
  badId: (raw: string) => `FAQ 编号应为正整数，收到的是“${raw}”`,
  extraArgs: (cmd: string, extra: string) => `${cmd} 不需要参数“${extra}”`,
  missingFile: (cmd: string) => `${cmd} 需要文件路径`,
  configInvalid: (message: string) => `配置有误：${message}`,
  unexpected: (message: string) => `出错了：${message}`,
  storeUnavailable: (message: string) => `数据库暂时无法使用，操作没有完成：${message}`,
  storeHint: (hint: string) => `处理办法：${hint}`,
  fileError: (message: string) => `文件有误：${message}`,

  status: { pending: "待审核", approved: "已采纳", rejected: "已拒绝", "out-of-scope": "不在政策范围" } satisfies Record<FaqStatus, string>,
  listHeader: (n: number, pending: boolean) => (pending ? `待审核的 FAQ（${n} 条，最早的在前）：` : `FAQ（${n} 条，最早的在前；已拒绝的不列出）：`),
  listEmpty: (pending: boolean) => (pending ? "没有待审核的 FAQ。" : "还没有 FAQ。工作人员答复工单后，答复会成为待审核的 FAQ。"),
  fromTicket: (ticket: number, staff: string, date: string) => `工单 #${ticket} · ${staff} · ${date}`,
  imported: "导入",
  hits: (n: number) => `命中 ${n} 次`,
  reviewedOn: (date: string) => `${date} 审核`,
  filedCount: (n: number) => `（已从新的工单答复生成 ${n} 条候选）`,

  flag: (f: FaqFlag) =>
    f.kind === "unused"
      ? `${f.days} 天无人命中`
      : f.kind === "measure-changed"
        ? `相关措施第${f.measures.join("、")}条已修改`
        : `相关措施第${f.measures.join("、")}条已不存在`,
  flagged: (text: string) => `⚠ 需复核：${text}`,

  showTitle: (id: number, status: string) => `FAQ #${id} · ${status}`,
  showQuestions: "问题（第一行为主问法）：",
  showAnswer: "答复：",
  showMeasures: "相关措施：",
  showNoMeasures: "  （无）",
  showMeasure: (n: number, title: string, departments: string[]) => `  第 ${n} 条 ${title}（负责部门：${departments.join("、")}）`,
  showMissingMeasure: (n: number) => `  第 ${n} 条（政策中已没有这一条）`,
  showSource: (ticket: number, staff: string, at: string) => `来源：工单 #${ticket}，${staff} 于 ${at} 答复`,
  showCandidates: "机器人当时找到的措施：",
  showImported: "来源：导入",
  showReview: (name: string, at: string) => `审核：${name}，${at}`,
  showNotReviewed: "审核：尚未审核",
  showHits: (n: number, last: string | null) => `命中：${n} 次${last ? `，最近一次 ${last}` : ""}`,
  showHistory: "审核记录：",
  action: { filed: "生成候选", updated: "更新答复", approve: "采纳", reject: "拒绝", "out-of-scope": "标记为不在政策范围", edit: "修改", import: "导入" } satisfies Record<FaqReview["action"], string>,

  approved: (id: number) => `FAQ #${id} 已采纳：之后相同或相近的问题将以此答复回答，标注“工作人员答复”。`,
  rejected: (id: number) => `FAQ #${id} 已拒绝，不会用于回答。`,
  outOfScope: (id: number) => `FAQ #${id} 已标记为不在政策范围：之后此类问题将收到“不在政策范围”的说明，不再转人工。`,
  editCancelled: "已取消：编辑后的文件为空，没有做任何修改。",
  editKept: (file: string) => `你的修改保存在 ${file}，改正后可用 --from ${file} 再次提交。`,
  editorFailed: (editor: string) => `无法启动编辑器“${editor}”：请设置 EDITOR（例如 EDITOR=nano），或用 --from 文件 提交修改`,
  editTemplate: (e: FaqEntry) =>
    [
      `# 编辑 FAQ #${e.id}，保存并关闭编辑器即采纳。以 # 开头的行不会保存；清空整个文件则取消。`,
      "[问题]",
      "# 每行一个问法，第一行是主问法。可以加上提问人常用的其他说法。",
      ...e.questions,
      "[答复]",
      e.answer,
      "[相关措施]",
      "# 措施编号，用空格或逗号分隔；可以留空。",
      e.measures.join(", "),
      "",
    ].join("\n"),
  editNoSection: (name: string) => `编辑文件缺少 [${name}] 一节`,
  editBadMeasure: (raw: string) => `[相关措施]：“${raw}”不是措施编号（例如 11, 12）`,

  importDone: (added: number[], skipped: number) => `已导入 ${added.length} 条${added.length > 0 ? `（#${added[0]}–#${added.at(-1)}）` : ""}${skipped > 0 ? `，跳过 ${skipped} 条已有的问题` : ""}。`,
  importSkipped: (line: number, existing: string) => `  第 ${line} 行：与 ${existing} 的问法相同，已跳过`,
  exportDone: (n: number, file: string) => `已导出 ${n} 条到 ${file}（已拒绝的不导出）。`,

  calibrateHeader: (file: string, faqs: number, positives: number, negatives: number) =>
    `${file}：${faqs} 个 FAQ 问题，${positives} 个应匹配的同义问法，${negatives} 个不应匹配的问题（相近但不同的问题和无关问题）`,
  calibrateColumns: "阈值   匹配  正确  错配  误匹配  精确率  召回率",
  calibrateRow: (r: ThresholdResult, current: boolean) =>
    `${r.threshold.toFixed(2)}  ${pad(r.matched, 5)} ${pad(r.correct, 5)} ${pad(r.wrongEntry, 5)} ${pad(r.falseMatches, 7)}  ${r.precision.toFixed(3)}   ${r.recall.toFixed(3)}${current ? "  ← 当前阈值" : ""}`,
  calibrateMisses: "当前阈值下未匹配的同义问法：",
  calibrateFalse: "当前阈值下误匹配的问题：",
};

const pad = (n: number, width: number) => String(n).padStart(width);

export interface FaqCliIO extends CliIO {
  lockWaitMs?: number;
}

type Command =
  | { kind: "help" }
  | { kind: "list"; pending: boolean }
  | { kind: "show"; id: number }
  | { kind: "review"; id: number; decision: FaqDecision; edit: "editor" | { file: string } | null }
  | { kind: "import"; file: string; pending: boolean }
  | { kind: "export"; file: string }
  | { kind: "calibrate"; file: string };


const DEFAULT_CALIBRATION_FILE = "eval/faq-paraphrases.jsonl";

/** Maintainers review the FAQ from a terminal; resolves to the exit code. */
export async function runFaqCli(argv: readonly string[], io: FaqCliIO = processIO()): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command.kind === "help") {
      io.out(S.usage);
      return 0;
    }
    const config = loadConfig(io.env);
    const opened = await openServedEngine(config, { log: (m) => io.err(m) });
    if (command.kind === "calibrate") return calibrate(command.file, opened.text, io);
    return await withServices(config, opened.engine, io, (faq) => execute(command, faq, opened.engine, actorOf(io.env), io));
  } catch (err) {
    return reportError(err, io);
  }
}

async function withServices(config: Config, engine: PolicyEngine, io: FaqCliIO, work: (faq: FaqService) => Promise<number>): Promise<number> {
  // The stores the bot uses: SQLite in DATA_DIR, or PostgreSQL with DATABASE_URL.
  const stores = await openStores({ dataDir: config.dataDir, databaseUrl: config.database.url, ...(io.lockWaitMs !== undefined ? { lockWaitMs: io.lockWaitMs } : {}) });
  let handoff: HandoffService;
  let faq: FaqService;
  try {
    handoff = new HandoffService(stores.handoff(), { staffChatId: config.telegram.staffChatId, now: io.now, sharedStore: stores.shared });
    faq = new FaqService(stores.faq(), { corpus: engine, notifier: outboxNotifier(handoff), now: io.now, onWarning: (m) => io.err(m) });
  } finally {
    await stores.close();
  }
  try {
    // Replies answered while no bot ran (npm run tickets) are candidates too.
    await faq.catchUp(answerSource(handoff));
    return await work(faq);
  } finally {
    await faq.close();
    await handoff.shutdown();
  }
}

const actorOf = (env: Record<string, string | undefined>): FaqActor => {
  const user = env.USER || env.USERNAME || safeUser();
  return { id: `cli:${user}`, name: user };
};

function safeUser(): string {
  try {
    return os.userInfo().username || "维护人员";
  } catch {
    return "维护人员";
  }
}

function reportError(err: unknown, io: FaqCliIO): number {
  if (err instanceof UsageError || err instanceof FaqError) {
    io.err(S.error(err.message));
    if (err instanceof UsageError) io.err(S.usage);
    return 2;
  }
  if (err instanceof CsvError || err instanceof CalibrationFileError) {
    io.err(S.fileError(err.message));
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
  if (err instanceof CorpusError) {
    io.err(S.error(err.message));
    return 1;
  }
  if ((err as NodeJS.ErrnoException)?.code === "ENOENT") {
    io.err(S.error((err as Error).message));
    return 2;
  }
  io.err(S.unexpected(err instanceof Error ? err.message : String(err)));
  return 1;
}

function parseCommand(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  const flags = rest.filter((a) => a.startsWith("--"));
  const args = rest.filter((a) => !a.startsWith("--"));
  const onlyFlags = (allowed: string[]) => {
    const extra = flags.filter((f) => !allowed.includes(f));
    if (extra.length > 0) throw new UsageError(S.extraArgs(name!, extra.join(" ")));
  };
  switch (name) {
    case undefined:
      throw new UsageError(S.missingCommand);
    case "help":
    case "-h":
    case "--help":
      return { kind: "help" };
    case "list":
      onlyFlags(["--pending"]);
      if (args.length > 0) throw new UsageError(S.extraArgs(name, args.join(" ")));
      return { kind: "list", pending: flags.includes("--pending") };
    case "show":
      onlyFlags([]);
      return { kind: "show", id: onlyId(name, args) };
    case "reject":
    case "out-of-scope":
      onlyFlags([]);
      return { kind: "review", id: onlyId(name, args), decision: name, edit: null };
    case "approve": {
      const from = rest.indexOf("--from");
      if (from >= 0) {
        const file = rest[from + 1];
        if (!file || file.startsWith("--")) throw new UsageError(S.missingFile("--from"));
        const others = rest.filter((_, i) => i !== from && i !== from + 1);
        if (others.some((a) => a.startsWith("--"))) throw new UsageError(S.extraArgs(name, others.filter((a) => a.startsWith("--")).join(" ")));
        return { kind: "review", id: onlyId(name, others), decision: "approve", edit: { file } };
      }
      onlyFlags(["--edit"]);
      return { kind: "review", id: onlyId(name, args), decision: "approve", edit: flags.includes("--edit") ? "editor" : null };
    }
    case "import":
      onlyFlags(["--pending"]);
      return { kind: "import", file: onlyFile(name, args), pending: flags.includes("--pending") };
    case "export":
      onlyFlags([]);
      return { kind: "export", file: onlyFile(name, args) };
    case "calibrate":
      onlyFlags([]);
      if (args.length > 1) throw new UsageError(S.extraArgs(name, args.slice(1).join(" ")));
      return { kind: "calibrate", file: args[0] ?? DEFAULT_CALIBRATION_FILE };
    default:
      throw new UsageError(S.unknownCommand(name));
  }
}

function onlyId(command: string, args: readonly string[]): number {
  const [raw, ...extra] = args;
  if (raw === undefined) throw new UsageError(S.missingId(command));
  if (extra.length > 0) throw new UsageError(S.extraArgs(command, extra.join(" ")));
  const match = /^#?(\d+)$/.exec(raw.trim());
  const id = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError(S.badId(raw));
  return id;
}

function onlyFile(command: string, args: readonly string[]): string {
  const [file, ...extra] = args;
  if (!file) throw new UsageError(S.missingFile(command));
  if (extra.length > 0) throw new UsageError(S.extraArgs(command, extra.join(" ")));
  return file;
}

async function execute(command: Exclude<Command, { kind: "help" | "calibrate" }>, faq: FaqService, corpus: PolicyEngine, actor: FaqActor, io: FaqCliIO): Promise<number> {
  switch (command.kind) {
    case "list":
      return printList(faq, command.pending, io);
    case "show":
      return printEntry(faq, corpus, await requireEntry(faq, command.id), io);
    case "review":
      return review(faq, command, actor, io);
    case "import": {
      const rows = faqRowsOf(parseCsv(fs.readFileSync(command.file, "utf8"))).map((r) => (command.pending ? { ...r, status: "pending" as const } : r));
      const result = await faq.importEntries(rows, actor);
      io.out(S.importDone(result.added, result.skipped.length));
      for (const s of result.skipped) io.out(S.importSkipped(s.line, s.reason));
      return 0;
    }
    case "export": {
      const entries = await faq.list(["approved", "out-of-scope", "pending"]);
      fs.writeFileSync(command.file, formatFaqCsv(entries));
      io.out(S.exportDone(entries.length, command.file));
      return 0;
    }
  }
}

async function requireEntry(faq: FaqService, id: number): Promise<FaqEntry> {
  const entry = await faq.get(id);
  if (!entry) throw new FaqError("not-found", `FAQ #${id} 不存在（用 npm run faq -- list 查看编号）`);
  return entry;
}

async function review(faq: FaqService, command: Extract<Command, { kind: "review" }>, actor: FaqActor, io: FaqCliIO): Promise<number> {
  const entry = await requireEntry(faq, command.id);
  let edit: FaqContent | undefined;
  let editFile: string | null = null;
  if (command.edit === "editor") {
    editFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "faq-edit-")), `faq-${entry.id}.txt`);
    fs.writeFileSync(editFile, S.editTemplate(entry));
    openEditor(editFile, io.env);
  } else if (command.edit) {
    editFile = command.edit.file;
  }
  if (editFile !== null) {
    const text = fs.readFileSync(editFile, "utf8");
    if (text.split(/\r?\n/).every((l) => l.trim() === "" || l.trim().startsWith("#"))) {
      io.err(S.editCancelled);
      return 1;
    }
    try {
      edit = parseEdit(text);
    } catch (err) {
      if (err instanceof UsageError && command.edit === "editor") io.err(S.editKept(editFile));
      throw err;
    }
  }
  try {
    await faq.review(command.id, command.decision, actor, edit ? { edit } : {});
  } catch (err) {
    if (err instanceof FaqError && err.code === "invalid" && command.edit === "editor" && editFile) io.err(S.editKept(editFile));
    throw err;
  }
  io.out(command.decision === "approve" ? S.approved(command.id) : command.decision === "reject" ? S.rejected(command.id) : S.outOfScope(command.id));
  return 0;
}

function openEditor(file: string, env: Record<string, string | undefined>): void {
  const editor = env.VISUAL || env.EDITOR || "vi";
  // Through a shell: EDITOR may carry arguments ("code --wait").
  const result = spawnSync(`${editor} ${JSON.stringify(file)}`, { shell: true, stdio: "inherit", env: env as NodeJS.ProcessEnv });
  if (result.error || result.status !== 0) throw new UsageError(S.editorFailed(editor));
}

/** The edit file: [问题] one variant a line, [答复] the answer, [相关措施] numbers; # lines are notes. */
export function parseEdit(text: string): FaqContent {
  const sections = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const heading = /^\s*\[(问题|答复|相关措施)\]\s*$/.exec(raw);
    if (heading) {
      current = [];
      sections.set(heading[1]!, current);
      continue;
    }
    if (raw.trim().startsWith("#")) continue;
    current?.push(raw);
  }
  for (const name of ["问题", "答复"]) if (!sections.has(name)) throw new UsageError(S.editNoSection(name));
  const measures = (sections.get("相关措施") ?? [])
    .join(" ")
    .split(/[\s,，;；、]+/)
    .filter(Boolean)
    .map((p) => {
      const m = /^第?(\d{1,4})条?$/.exec(p);
      if (!m) throw new UsageError(S.editBadMeasure(p));
      return Number(m[1]);
    });
  return {
    questions: sections.get("问题")!.map((q) => q.trim()).filter(Boolean),
    answer: sections.get("答复")!.join("\n").trim(),
    measures,
  };
}

async function printList(faq: FaqService, pendingOnly: boolean, io: FaqCliIO): Promise<number> {
  const entries = await faq.list(pendingOnly ? ["pending"] : ["pending", "approved", "out-of-scope"]);
  if (entries.length === 0) {
    io.out(S.listEmpty(pendingOnly));
    return 0;
  }
  io.out(S.listHeader(entries.length, pendingOnly));
  for (const e of entries) {
    const origin = e.source ? S.fromTicket(e.source.ticketId, e.source.staff.name, formatDate(e.source.answeredAt)) : S.imported;
    const state = e.status === "pending" ? origin : `${e.review ? S.reviewedOn(formatDate(e.review.at)) : origin} · ${S.hits(e.hits)}`;
    io.out(`  #${e.id}  ${S.status[e.status]}  ${state}  ${preview(e.questions[0] ?? "")}`);
    const flags = faq.flags(e);
    if (flags.length > 0) io.out(`        ${S.flagged(flags.map(S.flag).join("；"))}`);
  }
  return 0;
}

async function printEntry(faq: FaqService, corpus: PolicyEngine, e: FaqEntry, io: FaqCliIO): Promise<number> {
  io.out(S.showTitle(e.id, S.status[e.status]));
  const flags = faq.flags(e);
  if (flags.length > 0) io.out(S.flagged(flags.map(S.flag).join("；")));
  io.out(S.showQuestions);
  for (const q of e.questions) io.out(`  ${q}`);
  io.out(S.showAnswer);
  io.out(indent(e.answer));
  io.out(S.showMeasures);
  if (e.measures.length === 0) io.out(S.showNoMeasures);
  for (const n of e.measures) {
    const m = corpus.measure(n);
    io.out(m ? S.showMeasure(n, m.title, m.departments) : S.showMissingMeasure(n));
  }
  if (e.source) {
    io.out(S.showSource(e.source.ticketId, e.source.staff.name, formatTime(e.source.answeredAt)));
    io.out(S.showCandidates);
    if (e.source.candidates.length === 0) io.out(S.showNoMeasures);
    for (const c of e.source.candidates) io.out(S.showMeasure(c.measure, c.title, c.departments));
  } else io.out(S.showImported);
  io.out(e.review ? S.showReview(e.review.by.name, formatTime(e.review.at)) : S.showNotReviewed);
  io.out(S.showHits(e.hits, e.lastHitAt === null ? null : formatTime(e.lastHitAt)));
  io.out(S.showHistory);
  for (const r of await faq.reviews(e.id)) {
    io.out(`  ${formatTime(r.at)}  ${S.action[r.action]}  ${r.actor.name}（${r.actor.id}）${r.detail ? `  ${r.detail}` : ""}`);
  }
  return 0;
}

function calibrate(file: string, text: EngineText, io: FaqCliIO): number {
  const set = readCalibrationSet(file);
  const trials = runTrials(set, text);
  const positives = trials.filter((t) => t.expected !== null).length;
  io.out(S.calibrateHeader(file, set.faqs.length, positives, trials.length - positives));
  io.out(S.calibrateColumns);
  const rows = sweep(trials);
  if (!rows.some((r) => Math.abs(r.threshold - FAQ_MATCH_THRESHOLD) < 1e-9)) rows.push(atThreshold(trials, FAQ_MATCH_THRESHOLD));
  rows.sort((a, b) => a.threshold - b.threshold);
  for (const r of rows) io.out(S.calibrateRow(r, Math.abs(r.threshold - FAQ_MATCH_THRESHOLD) < 1e-9));
  const at = (t: (typeof trials)[number]) => (t.best?.score ?? 0) >= FAQ_MATCH_THRESHOLD;
  const misses = trials.filter((t) => t.expected !== null && !(at(t) && t.best?.faq === t.expected));
  const falses = trials.filter((t) => at(t) && t.best?.faq !== t.expected);
  io.out(S.calibrateMisses);
  for (const t of misses) io.out(`  ${(t.best?.score ?? 0).toFixed(3)}  ${t.question}`);
  io.out(S.calibrateFalse);
  for (const t of falses) io.out(`  ${(t.best?.score ?? 0).toFixed(3)}  ${t.question} → ${t.best?.faq}`);
  return 0;
}

function preview(text: string, max = 40): string {
  const chars = Array.from(text.replace(/\s+/g, " ").trim());
  return chars.length <= max ? chars.join("") : `${chars.slice(0, max).join("")}…`;
}

function indent(text: string, prefix = "  "): string {
  return text
    .split(/\r?\n/)
    .map((line) => prefix + line)
    .join("\n");
}

/** Local time, YYYY-MM-DD HH:mm. */
function formatTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${formatDate(ms)} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
