/**
 * The policy pages (maintainers): the measures as the live index serves them; a corpus file edited
 * here or uploaded, checked by the publisher exactly as the index reads it (file:line for what is
 * wrong) with a diff against the live files and measures; publish (every instance reloads through
 * the reload bus); and the history of published versions. Publishing goes through PolicyPublisher
 * (src/policy/publisher.ts): the corpus folder stays the one source of the index.
 */
import fs from "node:fs";
import path from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DEPARTMENT_ALIASES_FILE, LEXICON_FILE, POLICY_DIR } from "../../policy/corpus.js";
import { GLOSSARY_FILE } from "../../answer/glossary.js";
import type { PolicyFile, PolicyFileError } from "../../policy/publisher.js";
import type { MeasureDiff } from "../../policy/version-store.js";
import type { ChangedMeasure } from "../../search/index-store.js";
import { ConsoleProblem, type ConsoleContext } from "./context.js";
import { html, type Html } from "./html.js";
import { formatTime } from "./layout.js";
import { lineDiff } from "./line-diff.js";
import { formField } from "./plugin.js";

const HISTORY_SHOWN = 50;
type Form = Record<string, string | undefined>;

/** The corpus files a maintainer may edit: the policy texts and the three word lists. */
function corpusFiles(corpusDir: string): string[] {
  const policyDir = path.join(corpusDir, POLICY_DIR);
  const texts = fs.existsSync(policyDir) ? fs.readdirSync(policyDir).filter((f) => f.endsWith(".txt") && !f.startsWith(".")).sort().map((f) => `${POLICY_DIR}/${f}`) : [];
  return [...texts, LEXICON_FILE, DEPARTMENT_ALIASES_FILE, GLOSSARY_FILE];
}

/** The live text of a corpus file ("" for one that does not exist yet); only names corpusFiles() could list. */
function liveText(corpusDir: string, file: string): string {
  if (!/^(policy\/[^/\\]+\.txt|[a-z]+\.txt)$/.test(file) || file.includes("..")) return "";
  const full = path.join(corpusDir, file);
  return fs.existsSync(full) ? fs.readFileSync(full, "utf8") : "";
}

const changed = (ms: readonly ChangedMeasure[]) => ms.map((m) => (m.document ? `《${m.document}》第${m.number}条` : `第${m.number}条`)).join("、");
const diffSummary = (d: MeasureDiff) => `新增 ${d.added.length} 条${d.added.length ? `（${changed(d.added)}）` : ""}，修改 ${d.changed.length} 条${d.changed.length ? `（${changed(d.changed)}）` : ""}，删除 ${d.removed.length} 条${d.removed.length ? `（${changed(d.removed)}）` : ""}`;

/** A text area's content: a first newline is dropped by HTML parsers, so one is added for text that starts with one. */
const areaText = (text: string) => `\n${text}`;
const normalize = (text: string) => text.replace(/\r\n/g, "\n");

export async function policyRoutes(app: FastifyInstance, ctx: ConsoleContext): Promise<void> {
  const corpusDir = ctx.deps.config.corpusDir;

  app.get("/policy", async (req, reply) => {
    ctx.maintainer(req);
    const a = ctx.app();
    const measures = a.policy.measures();
    const current = await a.policyVersions.current();
    const served = a.servedVersion();
    const documents = new Set(measures.map((m) => m.document)).size;
    const body = html`<div class="kpis">
<div class="kpi" data-kpi="measures">已索引的措施<b>${measures.length}</b><span class="muted">${documents} 份文件</span></div>
<div class="kpi" data-kpi="served">本实例使用的版本<b>${served ?? "—"}</b></div>
<div class="kpi" data-kpi="published">最近发布的版本<b>${current?.version ?? "（尚未发布过）"}</b>${current ? html`<span class="muted">${current.by}，${formatTime(current.publishedAt)}</span>` : ""}</div>
</div>
${current && served && current.version !== served ? html`<p class="notice problem">本实例使用的版本与最近发布的版本不同：正在重新加载，或本实例的政策文件夹与发布时不同（见日志）。</p>` : ""}
<p><a href="/console/policy/edit">编辑或上传政策文件</a> · <a href="/console/policy/history">发布历史</a></p>
<table class="grid measures"><thead><tr><th>条目</th><th>标题</th><th>责任部门</th><th>文件</th><th>出处</th></tr></thead>
<tbody>${measures.map(
      (m) => html`<tr data-measure="${m.number}"><td>第 ${m.number} 条</td><td>${m.title}</td><td>${m.departments.join("、")}</td><td>《${m.document}》</td><td class="muted">${path.basename(m.source.file)}:${m.source.line}</td></tr>`,
    )}</tbody></table>`;
    return ctx.page(req, reply, { title: "政策 · 已索引的措施", section: "policy", body });
  });

  app.get<{ Querystring: { file?: string } }>("/policy/edit", async (req, reply) => {
    ctx.maintainer(req);
    const files = corpusFiles(corpusDir);
    const file = req.query.file && files.includes(req.query.file) ? req.query.file : (files[0] ?? `${POLICY_DIR}/policy.txt`);
    return editPage(ctx, req, reply, { file, text: liveText(corpusDir, file), errors: [], status: 200 });
  });

  app.post("/policy/check", async (req, reply) => {
    ctx.maintainer(req);
    const proposed = proposedFile(req.body as Form);
    const result = await ctx.app().policyVersions.validate([proposed]);
    if (!result.ok) return editPage(ctx, req, reply, { file: proposed.path, text: proposed.text, errors: result.errors, status: 422 });
    return reviewPage(ctx, req, reply, proposed, result.diff, result.measures, corpusDir);
  });

  app.post("/policy/publish", async (req, reply) => {
    const user = ctx.maintainer(req);
    const proposed = proposedFile(req.body as Form);
    const a = ctx.app();
    let result;
    try {
      result = await a.policyVersions.publish([proposed], user.name);
    } catch (err) {
      // The corpus folder could not be written (permissions, a full disk): nothing was published; the message says what to check.
      ctx.deps.logger.error("console: publishing the policy failed", { user: user.name, file: proposed.path, error: (err as Error).message, reqId: req.id });
      return editPage(ctx, req, reply, { file: proposed.path, text: proposed.text, errors: [{ file: proposed.path, line: 0, message: `没有发布：${(err as Error).message}` }], status: 500 });
    }
    if (!result.ok) return editPage(ctx, req, reply, { file: proposed.path, text: proposed.text, errors: result.errors, status: 422 });
    await ctx.audit(req, "policy-publish", proposed.path, `${result.published.version}: ${diffSummary(result.published.diff)}`);
    const done = result.recorded ? "published" : "same";
    return ctx.seeOther(reply, `/console/policy/history?done=${done}${result.notified ? "" : "&bus=down"}`);
  });

  app.get<{ Querystring: { done?: string; bus?: string } }>("/policy/history", async (req, reply) => {
    ctx.maintainer(req);
    const a = ctx.app();
    const versions = await a.policyVersions.history(HISTORY_SHOWN);
    const served = a.servedVersion();
    const notice =
      req.query.done === "published"
        ? { kind: "done" as const, text: `已发布。各实例正在重新加载政策${req.query.bus === "down" ? "（通知各实例的消息没有发出：它们会在消息通道恢复后自动补上，或在每个实例上发送 /reindex）" : ""}。` }
        : req.query.done === "same"
          ? { kind: "done" as const, text: "政策文件与最近发布的版本相同，没有新版本；已再次通知各实例。" }
          : null;
    const body = html`${
      versions.length === 0
        ? html`<p class="muted">还没有发布过版本。发布：<a href="/console/policy/edit">编辑或上传政策文件</a>。</p>`
        : html`<table class="grid history"><thead><tr><th>编号</th><th>版本</th><th>发布人</th><th>发布时间</th><th>措施数</th><th>变化</th></tr></thead>
<tbody>${versions.map(
            (v) => html`<tr data-version="${v.version}"><td>#${v.id}</td><td>${v.version}${v.version === served ? html` <span class="status answered">本实例使用中</span>` : ""}</td><td>${v.by}</td><td>${formatTime(v.publishedAt)}</td><td>${v.measures}</td><td>${diffSummary(v.diff)}</td></tr>`,
          )}</tbody></table>`
    }`;
    return ctx.page(req, reply, { title: "政策 · 发布历史", section: "policy", notice, body });
  });
}

function proposedFile(form: Form): PolicyFile {
  const file = (formField(form, "path") ?? "").trim();
  const text = formField(form, "text");
  if (!file) throw new ConsoleProblem(400, "bad_request", "请填写文件名，例如 policy/2023-new-measures.txt");
  if (text === undefined) throw new ConsoleProblem(400, "bad_request", "没有收到文件内容");
  return { path: file, text: normalize(text) };
}

async function editPage(
  ctx: ConsoleContext,
  req: FastifyRequest,
  reply: FastifyReply,
  { file, text, errors, status }: { file: string; text: string; errors: readonly PolicyFileError[]; status: number },
) {
  const files = corpusFiles(ctx.deps.config.corpusDir);
  const csrf = html`<input type="hidden" name="_csrf" value="${req.consoleCsrf ?? ""}">`;
  const body = html`${
    errors.length > 0
      ? html`<section class="card"><h2>检查未通过，没有发布</h2><ul class="errors">${errors.map((e) => html`<li data-where="${e.file}:${e.line}"><strong>${e.file}${e.line > 0 ? `:${e.line}` : ""}</strong> ${e.message}</li>`)}</ul></section>`
      : ""
  }
<form class="card" method="get" action="/console/policy/edit">
<label>打开现有文件<select name="file">${files.map((f) => html`<option value="${f}"${f === file ? html` selected` : ""}>${f}</option>`)}</select></label>
<button type="submit" class="secondary">打开</button>
</form>
<form class="card" method="post" action="/console/policy/check">${csrf}
<label>文件名（政策文本放在 policy/ 下，以 .txt 结尾）<input id="policy-path" class="wide" name="path" value="${file}" required maxlength="200"></label>
<label>上传文件（读入下面的文本框，UTF-8）<input type="file" accept=".txt,text/plain" data-into="policy-text" data-name="policy-path" id="policy-upload"></label>
<label for="policy-text">文件内容</label>
<textarea id="policy-text" name="text" rows="24" class="code" spellcheck="false">${areaText(text)}</textarea>
<div class="actions"><button type="submit">检查并查看差异</button></div>
<p class="muted">检查与建索引时的解析完全相同；有问题时会指出文件和行号，不会发布。检查通过后可查看与线上版本的差异，再确认发布。</p>
</form>`;
  return ctx.page(req, reply, { title: "政策 · 编辑或上传", section: "policy", body }, { status });
}

async function reviewPage(ctx: ConsoleContext, req: FastifyRequest, reply: FastifyReply, proposed: PolicyFile, diff: MeasureDiff, measures: number, corpusDir: string) {
  const lines = lineDiff(liveText(corpusDir, proposed.path), proposed.text);
  const csrf = html`<input type="hidden" name="_csrf" value="${req.consoleCsrf ?? ""}">`;
  const nothing = diff.added.length + diff.changed.length + diff.removed.length === 0 && lines !== null && lines.length === 0;
  const diffBlock: Html = lines === null ? html`<p class="muted">文件过长，不显示逐行差异。</p>` : lines.length === 0 ? html`<p class="muted">文件内容与线上相同。</p>` : html`<div class="diff">${lines.map((l) => html`<span class="${l.kind === "same" ? "ctx" : l.kind}">${l.kind === "add" ? "+ " : l.kind === "del" ? "- " : "  "}${l.line}: ${l.text}</span>`)}</div>`;
  const body = html`<section class="card" data-check="ok">
<p class="notice done">检查通过：发布后共 ${measures} 条措施。</p>
<h2>与线上索引相比</h2>
<p data-diff="measures">${diffSummary(diff)}</p>
<h2>${proposed.path} 逐行差异</h2>
${diffBlock}
<form method="post" action="/console/policy/publish" class="actions">${csrf}
<input type="hidden" name="path" value="${proposed.path}">
<textarea name="text" hidden>${areaText(proposed.text)}</textarea>
<button type="submit"${nothing ? html` class="secondary"` : ""}>发布</button>
<a href="/console/policy/edit?file=${encodeURIComponent(proposed.path)}">返回修改</a>
</form>
</section>`;
  return ctx.page(req, reply, { title: "政策 · 发布前检查", section: "policy", body });
}
