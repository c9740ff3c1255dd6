/**
 * Which reload reports reach the staff chat, and what happens when one cannot be sent: every change and
 * every refused change once; a failure already reported, a reload that changed nothing, and a /reindex
 * answered in the staff chat itself are not posted again; a send that fails is logged with the report.
 */
import type { Api } from "grammy";
import { describe, expect, it } from "vitest";
import { attachReloadNotices } from "../../src/bot/reload-notices.js";
import type { ReloadControl } from "../../src/reload/reloader.js";
import { loadConfig } from "../../src/config.js";
import type { ReloadReport } from "../../src/reload/reloader.js";
import type { LogEntry } from "../support/bot-harness.js";

const STAFF_CHAT = "-1009001";
const config = loadConfig({ STAFF_CHAT_ID: STAFF_CHAT, TELEGRAM_BOT_TOKEN: "1:x" }, { dotenvFile: false });

function setup(fail = false) {
  const sent: Array<{ chat: number | string; text: string }> = [];
  const api = {
    sendMessage: async (chat: number | string, text: string) => {
      if (fail) throw new Error("403: Forbidden: bot was kicked from the supergroup chat");
      sent.push({ chat, text });
      return { message_id: sent.length };
    },
  } as unknown as Api;
  let emit!: (r: ReloadReport) => void;
  const control: ReloadControl = {
    reloadNow: () => Promise.reject(new Error("not used")),
    onReport: (l) => ((emit = l), () => undefined),
  };
  const logs: LogEntry[] = [];
  const at = (level: LogEntry["level"]) => (message: string, meta?: Record<string, unknown>) => void logs.push({ level, message, ...(meta ? { meta } : {}) });
  attachReloadNotices(api, control, config, { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") }, () => 42);
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { sent, emit, logs, settle };
}

const changes = { added: [], changed: [{ number: 11 }], removed: [], previous: "same-embedder" as const };
const reloaded: ReloadReport = { kind: "reloaded", reason: { source: "watch" }, changes, measures: 42, documents: [{ key: "k", title: "2022年措施", year: 2022 }] };
const failed = (repeated: boolean, reason: ReloadReport["reason"] = { source: "watch" }): ReloadReport => ({
  kind: "failed",
  reason,
  problem: "measure 3 has no responsible departments",
  where: { file: "corpus/policy/a.txt", line: 5 },
  repeated,
  measures: 42,
});

describe("reload notices in the staff chat", () => {
  it("posts changes and refused changes once; skips repeats, no-ops and a /reindex answered in the staff chat", async () => {
    const { sent, emit, settle } = setup();
    emit(reloaded);
    emit(failed(false));
    emit(failed(true)); // the same broken files saved again
    emit({ kind: "unchanged", reason: { source: "watch" }, recovered: false });
    emit({ kind: "unchanged", reason: { source: "watch" }, recovered: true });
    emit({ ...reloaded, reason: { source: "command", by: "王五", chatId: STAFF_CHAT } });
    emit(failed(true, { source: "command", by: "王五", chatId: "777" })); // /reindex in a private chat: staff chat told
    await settle();
    expect(sent.map((m) => m.text.split("\n")[0])).toEqual([
      "🔄 <b>政策库已更新</b>（文件有改动，自动重新加载），新的提问按新版本回答。",
      "⚠️ <b>政策文件有误，没有更新</b>（文件有改动，自动重新加载）。机器人仍按原来的版本回答（42 条措施）。",
      "政策文件已改回正在使用的版本，无需更新（42 条措施）。",
      "⚠️ <b>政策文件有误，没有更新</b>（/reindex（王五））。机器人仍按原来的版本回答（42 条措施）。",
    ]);
    expect(sent.every((m) => m.chat === Number(STAFF_CHAT))).toBe(true);
    expect(sent[1]!.text).toContain("位置：<code>corpus/policy/a.txt:5</code>");
  });

  it("a notice Telegram refuses is logged at once with the report and what to do", async () => {
    const { emit, logs, settle } = setup(true);
    emit(failed(false));
    await settle();
    const error = logs.find((l) => l.level === "error");
    expect(error?.message).toBe("could not tell the staff chat of the reload");
    expect(String(error?.meta?.report)).toContain("corpus/policy/a.txt:5");
    expect(String(error?.meta?.hint)).toMatch(/tell the staff yourself/);
  });
});
