/**
 * Reload reports for staff: every reload that changed something, and every refused change with its
 * file:line, goes to the staff chat as a direct message (not through the ticket outbox: it is about no
 * ticket, and a lost notice loses nothing; the reload has happened, or not, either way). When it cannot
 * be sent, the log says so with the report, so a person is told.
 */
import type { Api } from "grammy";
import type { Config } from "../config.js";
import type { ReloadReport } from "../reload/reloader.js";
import { chatIdParam } from "./delivery.js";
import { formatReloadReport } from "./format.js";
import { MaybeDeliveredError } from "./telegram-link.js";
import { errorMeta, type BotLogger } from "./logger.js";
import type { ReloadControl } from "../reload/reloader.js";

/** Whether a report is news for the staff chat. */
export function isStaffNews(report: ReloadReport, staffChatId: string | null): boolean {
  // A /reindex from the staff chat gets the report as its reply.
  if (report.reason.source === "command" && report.reason.chatId === staffChatId) return false;
  switch (report.kind) {
    case "reloaded":
      return true;
    case "failed":
      return !report.repeated || report.reason.source === "command";
    case "unchanged":
      return report.recovered;
  }
}

/** Tell the staff chat of each reload; returns a function that stops. */
export function attachReloadNotices(api: Api, reload: ReloadControl, config: Config, logger: BotLogger, measures: () => number): () => void {
  const staffChat = config.telegram.staffChatId;
  return reload.onReport((report) => {
    if (!isStaffNews(report, staffChat)) return;
    if (!staffChat) {
      logger.warn("policy reloaded; STAFF_CHAT_ID is not set, so only this log tells of it", { kind: report.kind });
      return;
    }
    const html = formatReloadReport(report, measures());
    void api.sendMessage(chatIdParam(staffChat), html, { parse_mode: "HTML", link_preview_options: { is_disabled: true } }).then(
      () => logger.info("staff chat told of the reload", { kind: report.kind }),
      (err: unknown) =>
        logger.error(err instanceof MaybeDeliveredError ? "the staff chat may not have been told of the reload (no answer from Telegram); not sent again" : "could not tell the staff chat of the reload", {
          kind: report.kind,
          report: html.replace(/<[^>]+>/g, ""),
          ...errorMeta(err),
          hint: "tell the staff yourself (the report is above); check STAFF_CHAT_ID and the bot's membership in the staff group",
        }),
    );
  });
}
