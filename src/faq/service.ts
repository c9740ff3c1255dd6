import { BestEffort, type StoreWarn } from "../store/best-effort.js";
import type { SqliteStoreOptions } from "../store/sqlite.js";
import { digestsOf, flagsOf, type FaqFlag, type MeasureLookup } from "./flags.js";
import { SqliteFaqStore } from "./sqlite-store.js";
import type { FaqContent, FaqStore, FaqTx } from "./store.js";
import type { FaqActor, FaqDecision, FaqEntry, FaqReview, FaqSource, FaqStatus } from "./types.js";

export type FaqErrorCode = "not-found" | "already-reviewed" | "invalid";

/** Misuse of the FAQ API; the message says what is wrong and what to do instead. */
export class FaqError extends Error {
  constructor(
    readonly code: FaqErrorCode,
    message: string,
    /** The entry as it is (already-reviewed: who reviewed it and how). */
    readonly entry?: FaqEntry,
  ) {
    super(message);
    this.name = "FaqError";
  }
}

/** A staff answer to file as a candidate: the ticket's question and the reply. */
export interface StaffAnswer {
  source: FaqSource;
  question: string;
  answer: string;
}

/** Where answered tickets come from when catching up (the handoff service, adapted in the composition root). */
export interface StaffAnswerSource {
  /** Staff replies stored after this event id, oldest first. */
  answersSince(afterEventId: number): Promise<StaffAnswer[]>;
}

/**
 * How a candidate's card reaches the staff chat: the handoff outbox, adapted in the composition
 * root, so it goes out exactly once like a ticket card. `card` is asked with a key per entry and
 * may be asked twice; false when there is no staff chat (or it was queued before).
 */
export interface FaqNotifier {
  card(entry: FaqEntry): Promise<boolean>;
  cardUpdate(entry: FaqEntry): Promise<void>;
}

export interface FaqServiceOptions {
  corpus: MeasureLookup;
  notifier?: FaqNotifier;
  now?: () => number;
  onWarning?: StoreWarn;
}

export interface OpenFaqOptions extends FaqServiceOptions, SqliteStoreOptions {
  dataDir: string;
}

/** One row to import (a line of the CSV), with its line number for messages. */
export interface ImportRow extends FaqContent {
  line: number;
  status: Extract<FaqStatus, "approved" | "out-of-scope" | "pending">;
}

export interface ImportResult {
  added: number[];
  /** Rows left out, and why (a question already served or pending). */
  skipped: Array<{ line: number; reason: string }>;
}

export const SERVED_STATUSES: readonly FaqStatus[] = ["approved", "out-of-scope"];
const DECISION_STATUS: Record<FaqDecision, FaqStatus> = { approve: "approved", reject: "rejected", "out-of-scope": "out-of-scope" };
const CATCH_UP_BATCH = 100;

/**
 * Staff answers become reviewed FAQ entries: every answered ticket files a pending candidate
 * (one per ticket; a later reply replaces its answer while it waits), a maintainer approves it
 * (optionally edited), rejects it, or marks such questions out of the policy's scope. Only
 * approved and out-of-scope entries are ever served. Reviews are recorded: who, when, what changed.
 */
export class FaqService {
  private readonly corpus: MeasureLookup;
  private readonly notifier: FaqNotifier | null;
  private readonly now: () => number;
  private readonly warn: StoreWarn;
  private readonly hits: BestEffort;

  constructor(
    private readonly store: FaqStore,
    { corpus, notifier, now = Date.now, onWarning = () => undefined }: FaqServiceOptions,
  ) {
    this.corpus = corpus;
    this.notifier = notifier ?? null;
    this.now = now;
    this.warn = onWarning;
    this.hits = new BestEffort(onWarning, now, {
      down: "FAQ database not writable: FAQ hits are not counted for now; answering goes on",
      up: "FAQ database writable again: FAQ hits are counted",
    });
  }

  static open({ dataDir, lockWaitMs, bestEffortWaitMs, ...opts }: OpenFaqOptions): FaqService {
    const store = SqliteFaqStore.open(dataDir, {
      ...(lockWaitMs !== undefined ? { lockWaitMs } : {}),
      ...(bestEffortWaitMs !== undefined ? { bestEffortWaitMs } : {}),
    });
    return new FaqService(store, opts);
  }

  close(): Promise<void> {
    return this.store.close();
  }

  // --- candidates

  /**
   * File a staff answer: a new pending entry for the ticket, or a later answer for its pending
   * entry; nothing once the ticket's entry was reviewed. Filing the same reply twice changes nothing.
   */
  async fileCandidate({ source, question, answer }: StaffAnswer): Promise<FaqEntry | null> {
    const at = this.now();
    const { entry, change } = await this.store.transaction(async (tx) => {
      await tx.markRepliesSeen(source.replyEventId);
      const existing = await tx.entryForTicket(source.ticketId);
      const actor = source.staff;
      if (!existing) {
        const id = await tx.insertEntry({
          status: "pending",
          questions: [question.trim()],
          answer: answer.trim(),
          measures: source.candidates.map((c) => c.measure),
          measureDigests: {},
          source,
          at,
          review: null,
        });
        await tx.appendReview({ entryId: id, at, actor, action: "filed", detail: null });
        return { entry: await load(tx, id), change: "filed" as const };
      }
      if (existing.status === "pending" && source.replyEventId > (existing.source?.replyEventId ?? 0)) {
        await tx.updateCandidate(existing.id, source, answer.trim());
        await tx.appendReview({ entryId: existing.id, at, actor, action: "updated", detail: null });
        return { entry: await load(tx, existing.id), change: "updated" as const };
      }
      return { entry: existing, change: "none" as const };
    });
    if (change === "filed") await this.queueCard(entry);
    if (change === "updated") await this.updateCard(entry);
    return change === "none" ? null : entry;
  }

  /**
   * File every staff reply stored since the last one filed (answered from another process, or
   * before a crash), then queue the cards that were not queued. Returns how many were filed.
   */
  async catchUp(source: StaffAnswerSource): Promise<number> {
    let filed = 0;
    for (;;) {
      const answers = await source.answersSince(await this.store.repliesSeen());
      for (const a of answers) if (await this.fileCandidate(a)) filed++;
      if (answers.length < CATCH_UP_BATCH) break;
    }
    for (const entry of await this.store.entries(["pending"])) if (entry.source && !entry.cardQueued) await this.queueCard(entry);
    return filed;
  }

  // --- review

  /**
   * approve (optionally with edited variants, answer and measures), reject, or out-of-scope.
   * `onlyIfPending`: a staff-chat button acts only on an entry nobody reviewed yet.
   */
  async review(
    id: number,
    decision: FaqDecision,
    actor: FaqActor,
    { edit, onlyIfPending = false }: { edit?: FaqContent; onlyIfPending?: boolean } = {},
  ): Promise<FaqEntry> {
    const at = this.now();
    const entry = await this.store.transaction(async (tx) => {
      const before = await load(tx, id);
      if (onlyIfPending && before.status !== "pending") {
        throw new FaqError("already-reviewed", `FAQ #${id} was already reviewed (${before.status})`, before);
      }
      const current = { questions: before.questions, answer: before.answer, measures: before.measures };
      // What will be served is checked; a rejection takes the entry as it is (even with a measure the corpus dropped).
      const content = decision === "reject" && !edit ? current : this.checked(edit ?? current, `FAQ #${id}`);
      const status = DECISION_STATUS[decision];
      const measureDigests = status === "approved" ? digestsOf(content.measures, this.corpus) : before.measureDigests;
      await tx.setReviewed(id, { status, content, measureDigests, by: actor, at });
      await tx.appendReview({ entryId: id, at, actor, action: decision, detail: edit ? changes(before, content) : null });
      await tx.bumpServingVersion();
      return load(tx, id);
    });
    await this.updateCard(entry);
    return entry;
  }

  /** Add entries from a file in one transaction (all or nothing); a row whose first question is already an entry's variant is skipped. */
  async importEntries(rows: readonly ImportRow[], actor: FaqActor): Promise<ImportResult> {
    const checked = rows.map((r) => ({ ...r, ...this.checked(r, `line ${r.line}`) }));
    const at = this.now();
    return this.store.transaction(async (tx) => {
      const known = new Map<string, number>();
      for (const e of await tx.entries(["pending", "approved", "out-of-scope"])) for (const q of e.questions) known.set(key(q), e.id);
      const result: ImportResult = { added: [], skipped: [] };
      for (const r of checked) {
        const same = known.get(key(r.questions[0]!));
        if (same !== undefined) {
          result.skipped.push({ line: r.line, reason: `FAQ #${same}` });
          continue;
        }
        const reviewed = r.status !== "pending";
        const id = await tx.insertEntry({
          status: r.status,
          questions: r.questions,
          answer: r.answer,
          measures: r.measures,
          measureDigests: r.status === "approved" ? digestsOf(r.measures, this.corpus) : {},
          source: null,
          at,
          review: reviewed ? { by: actor, at } : null,
        });
        await tx.appendReview({ entryId: id, at, actor, action: "import", detail: JSON.stringify({ line: r.line, status: r.status }) });
        for (const q of r.questions) known.set(key(q), id);
        result.added.push(id);
      }
      if (result.added.length > 0) await tx.bumpServingVersion();
      return result;
    });
  }

  // --- reading

  get(id: number): Promise<FaqEntry | null> {
    return this.store.entry(id);
  }

  /** Oldest first; every status when none is given. */
  list(statuses?: readonly FaqStatus[]): Promise<FaqEntry[]> {
    return this.store.entries(statuses ?? null);
  }

  reviews(id: number): Promise<FaqReview[]> {
    return this.store.reviewsOf(id);
  }

  /** What askers may be served: approved entries and out-of-scope ones. */
  served(): Promise<FaqEntry[]> {
    return this.store.entries(SERVED_STATUSES);
  }

  servingVersion(): Promise<number> {
    return this.store.servingVersion();
  }

  flags(entry: FaqEntry): FaqFlag[] {
    return flagsOf(entry, this.corpus, this.now());
  }

  // --- serving side (best effort)

  /** Count that an asker was served the entry. Never throws. */
  async recordHit(id: number): Promise<void> {
    await this.hits.run("count an FAQ hit", () => this.store.recordHit(id, this.now()), undefined);
  }

  /** The staff-chat message that is the entry's card. */
  recordCard(id: number, card: { chatId: string; messageId: number }): Promise<void> {
    return this.store.recordCard(id, card);
  }

  // --- internals

  /** Trimmed, de-duplicated and checked against the corpus; an invalid edit says what to fix. */
  private checked(content: FaqContent, where: string): FaqContent {
    const questions = [...new Map(content.questions.map((q) => q.replace(/\s+/g, " ").trim()).filter(Boolean).map((q) => [key(q), q])).values()];
    const answer = content.answer.trim();
    const measures = [...new Set(content.measures)];
    if (questions.length === 0) throw new FaqError("invalid", `${where}: no question: write at least one question variant`);
    if (answer === "") throw new FaqError("invalid", `${where}: the answer is empty: write the answer askers should get`);
    const unknown = measures.filter((n) => !this.corpus.measure(n));
    if (unknown.length > 0) throw new FaqError("invalid", `${where}: no measure ${unknown.join(", ")} in the policy: give measure numbers that exist, or none`);
    return { questions, answer, measures };
  }

  private async queueCard(entry: FaqEntry): Promise<void> {
    if (!this.notifier || !entry.source) return;
    try {
      await this.notifier.card(entry);
      await this.store.transaction((tx) => tx.setCardQueued(entry.id));
    } catch (err) {
      // Stays not queued: the next catch-up queues it (the key keeps it to one card).
      this.warn("could not queue an FAQ candidate's card for the staff chat; it is retried on the next catch-up", { entry: entry.id, error: errorText(err) });
    }
  }

  private async updateCard(entry: FaqEntry): Promise<void> {
    if (!this.notifier || !entry.source || !entry.cardQueued) return;
    try {
      await this.notifier.cardUpdate(entry);
    } catch (err) {
      this.warn("could not queue the update of an FAQ card; the card shows the old state", { entry: entry.id, error: errorText(err) });
    }
  }
}

async function load(tx: FaqTx, id: number): Promise<FaqEntry> {
  const entry = await tx.entry(id);
  if (!entry) throw new FaqError("not-found", `FAQ #${id} does not exist: check the number with npm run faq -- list`);
  return entry;
}

/** Two questions that differ only in spacing, case, width or final punctuation are the same. */
function key(question: string): string {
  return question.normalize("NFKC").toLowerCase().replace(/[\s?？。.!！]+/g, "");
}

function changes(before: FaqEntry, after: FaqContent): string | null {
  const diff: Record<string, unknown> = {};
  if (JSON.stringify(before.questions) !== JSON.stringify(after.questions)) diff.questions = after.questions;
  if (before.answer !== after.answer) diff.answer = after.answer;
  if (JSON.stringify(before.measures) !== JSON.stringify(after.measures)) diff.measures = after.measures;
  return Object.keys(diff).length > 0 ? JSON.stringify(diff) : null;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));
