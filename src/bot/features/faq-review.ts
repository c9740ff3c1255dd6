import type { Composer, Context } from "grammy";
import { FeatureComposer } from "../composer.js";
import { FaqError } from "../../faq/service.js";
import type { FaqDecision } from "../../faq/types.js";
import { hintFor, isStoreFault } from "../../store/errors.js";
import { faqStatusLabel, truncate } from "../format.js";
import { isStaff, staffOf } from "../identity.js";
import { CB_PATTERN } from "../keyboards.js";
import { answerCallback } from "../reply.js";
import type { BotServices } from "../services.js";
import { S } from "../strings.js";

const DECISIONS: Record<string, FaqDecision> = { ok: "approve", no: "reject", oos: "out-of-scope" };

/**
 * Review of FAQ candidates from their cards in the staff chat: 采纳 / 拒绝 / 不在政策范围, staff
 * only, first decision wins (a second press is told who decided). Who and when are recorded; the
 * card is updated through the outbox; an approval is served at once.
 */
export function faqReviewFeature(s: BotServices): Composer<Context> {
  const c = new FeatureComposer<Context>();

  c.callbackQuery(CB_PATTERN.faqReview, async (ctx) => {
    const staff = staffOf(ctx);
    if (!isStaff(ctx, s.config) || !staff) {
      await answerCallback(ctx, S.staffOnly, true);
      return;
    }
    const id = Number(ctx.match[2]);
    const decision = DECISIONS[ctx.match[1] ?? ""]!;
    if (!s.faq) {
      s.logger.error("an FAQ card was pressed but the bot runs without the FAQ service", { entry: id });
      await answerCallback(ctx, S.errorApology, true);
      return;
    }
    try {
      await s.faq.review(id, decision, { id: `staff:${staff.userId}`, name: staff.displayName }, { onlyIfPending: true });
    } catch (err) {
      if (err instanceof FaqError) {
        if (err.code === "already-reviewed" && err.entry) {
          const by = err.entry.review?.by.name ?? "";
          await answerCallback(ctx, S.faqAlreadyReviewed(id, faqStatusLabel(err.entry.status), truncate(by, 64)), true);
        } else if (err.code === "not-found") await answerCallback(ctx, S.faqNotFound(id), true);
        else await answerCallback(ctx, S.faqInvalid(id), true);
        return;
      }
      if (!isStoreFault(err)) throw err;
      s.logger.error("could not store an FAQ review", { entry: id, decision, reason: err.reason, hint: hintFor(err) });
      await answerCallback(ctx, S.faqStoreUnavailable(id), true);
      return;
    }
    s.logger.info("FAQ reviewed in the staff chat", { entry: id, decision, staff: staff.userId });
    await s.library?.refresh();
    s.delivery.kick();
    await answerCallback(ctx, decision === "approve" ? S.faqApproved(id) : decision === "reject" ? S.faqRejected(id) : S.faqOutOfScopeDone(id));
  });

  return c;
}
