/**
 * The terminal chat (`npm start` without a token) on a temp copy of the corpus: an edit while it runs is
 * printed as a change report and the next answer follows it; /reindex reloads by hand.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OFFLINE_ENV } from "../support/offline-env.js";
import { DIST_MAIN, REPO_ROOT } from "../support/run-command.js";

const POLICY = "policy/karamay-2022-business-environment-42-measures.txt";

class Chat {
  stdout = "";
  stderr = "";
  private readonly child: ChildProcess;
  private readonly waiting = new Set<() => void>();

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, [DIST_MAIN], { cwd: REPO_ROOT, env: { ...process.env, ...OFFLINE_ENV, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout!.on("data", (d: Buffer) => ((this.stdout += d.toString()), this.notify()));
    this.child.stderr!.on("data", (d: Buffer) => ((this.stderr += d.toString()), this.notify()));
  }

  say(line: string) {
    this.child.stdin!.write(`${line}\n`);
  }

  /** Resolves when stdout, from `from` on, contains `text`. */
  waitFor(text: string, from = 0, timeoutMs = 30_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const at = this.stdout.indexOf(text, from);
        if (at < 0) return;
        this.waiting.delete(check);
        clearTimeout(timer);
        resolve(at);
      };
      const timer = setTimeout(() => {
        this.waiting.delete(check);
        reject(new Error(`no "${text}" in the chat's output within ${timeoutMs} ms; stdout:\n${this.stdout}\nstderr:\n${this.stderr}`));
      }, timeoutMs);
      this.waiting.add(check);
      check();
    });
  }

  close() {
    this.child.stdin!.end();
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
  }

  private notify() {
    for (const w of [...this.waiting]) w();
  }
}

describe("npm start (terminal chat) while the corpus changes", () => {
  let root: string;
  let chat: Chat;
  let file: string;

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "terminal-reload-"));
    fs.cpSync(path.join(REPO_ROOT, "corpus"), path.join(root, "corpus"), { recursive: true });
    file = path.join(root, "corpus", POLICY);
    chat = new Chat({ DATA_DIR: path.join(root, "data"), CORPUS_DIR: path.join(root, "corpus") });
  });
  afterAll(() => {
    chat.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("prints what changed and answers from the edited text", async () => {
    chat.say("小微企业办电要几天");
    const first = await chat.waitFor("第11条");
    await chat.waitFor("压缩至2日", first);
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("个体工商户供电报装办理周期压缩至2日", "个体工商户供电报装办理周期压缩至6日"));
    const report = await chat.waitFor("【政策库已更新 · 文件有改动】新增 0 条，修改 1 条（第11条），删除 0 条。");
    chat.say("小微企业办电要几天");
    await chat.waitFor("个体工商户供电报装办理周期压缩至6日", report);
  }, 90_000);

  it("/reindex with nothing changed says so; a malformed edit is printed with file:line", async () => {
    const from = chat.stdout.length;
    chat.say("/reindex");
    await chat.waitFor("【政策库】文件没有变化，继续按当前版本回答（42 条措施）。", from);
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const at = lines.findIndex((l) => l.startsWith("3、"));
    lines[at] = "3、这一行漏掉了负责部门。";
    fs.writeFileSync(file, lines.join("\n"));
    const refused = await chat.waitFor("【政策文件有误，没有更新 · 文件有改动】", from);
    await chat.waitFor(`${path.basename(file)}:${at + 1}: measure 3 has no responsible departments`, refused);
    chat.say("第3条");
    await chat.waitFor("负责部门：市市场监管局", refused);
  }, 90_000);

  it("a second document comes in without a restart; a typed pick from a clarify keeps the document offered", async () => {
    const from = chat.stdout.length;
    // Answering: the chat has opened its index (and watches the folder) before the files change.
    chat.say("第3条");
    await chat.waitFor("负责部门：市市场监管局", from);
    fs.copyFileSync(path.join(REPO_ROOT, "corpus", POLICY), file);
    fs.copyFileSync(path.join(REPO_ROOT, "test/fixtures/test-2023-second-document.txt"), path.join(root, "corpus/policy/test-2023-second-document.txt"));
    const report = await chat.waitFor("现依据《2022年优化营商环境提升服务效能42项措施》《2023年优化营商环境测试措施》回答，共 45 条措施。", from);
    // 许可 fits three 2022 measures alike; the 2023 document has a 第2条 (夜市摊位) too.
    chat.say("许可");
    const offer = await chat.waitFor("2. 《2022年优化营商环境提升服务效能42项措施》第2条 深化“证照分离”改革", report);
    chat.say("2");
    const answer = await chat.waitFor("《2022年优化营商环境提升服务效能42项措施》第2条 深化“证照分离”改革", offer + 10);
    await chat.waitFor("负责部门：", answer);
    expect(chat.stdout.slice(answer)).not.toContain("夜市");
  }, 90_000);
});
