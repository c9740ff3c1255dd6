/**
 * The composition root shared by `npm start` (main.ts), the maintainers' commands and the tests:
 * opens the live policy (the engine a reload swaps, and its reloader), opens the stores (tickets,
 * conversations, FAQ, question log: one SQLite file each, or one PostgreSQL database with DATABASE_URL,
 * see stores.ts), puts the FAQ in front of the policy engine, and wires features together by events,
 * never by imports between them: a ticket answered in handoff/ files an FAQ candidate here, and the
 * candidate's card goes out through the handoff outbox here.
 */
import os from "node:os";
import { LiveEngine } from "./answer/live-engine.js";
import { openServedEngine, rebuildEngine, sourceVersion, type EngineText, type OpenEngineOptions } from "./answer/open-engine.js";
import type { PolicyEngine } from "./answer/engine.js";
import type { Config } from "./config.js";
import { InProcessReloadBus, type ReloadBus } from "./coordination/reload-bus.js";
import { ConversationService } from "./conversation/service.js";
import { FaqAnsweringEngine } from "./faq/engine.js";
import { FaqLibrary } from "./faq/library.js";
import { FaqService, type FaqNotifier, type StaffAnswer, type StaffAnswerSource } from "./faq/service.js";
import type { FaqEntry } from "./faq/types.js";
import { HandoffService } from "./handoff/service.js";
import type { Metrics } from "./metrics.js";
import type { TicketAnswered } from "./handoff/types.js";
import { PolicyPublisher, type PolicyPublishing } from "./policy/publisher.js";
import type { PolicyVersion, PolicyVersionStore } from "./policy/version-store.js";
import { QuestionLog } from "./question-log/service.js";
import { busTrigger } from "./reload/bus-trigger.js";
import { Reloader, type ReloadTrigger } from "./reload/reloader.js";
import { corpusWatcher } from "./reload/triggers.js";
import type { Manifest } from "./search/manifest.js";
import type { StoreWarn } from "./store/best-effort.js";
import type { StoreBackend } from "./store/errors.js";
import { openStores } from "./stores.js";
import { UserService } from "./users/service.js";

/** Replies stored by another process (npm run tickets) become candidates within this time. */
export const CATCH_UP_INTERVAL_MS = 10_000;
const RETENTION_INTERVAL_MS = 24 * 60 * 60_000;

export interface AppLog {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

/** The policy as `npm start` serves it: the one live index holder, and the reloader that swaps what it holds. */
export interface LivePolicy {
  engine: LiveEngine;
  reloader: Reloader;
}

export interface OpenLivePolicyOptions {
  config: Config;
  engineOptions?: OpenEngineOptions;
  log: (message: string) => void;
  /** What else asks for reloads (SIGHUP from npm run index, a bus across instances); the corpus watcher is added with CORPUS_WATCH=on. */
  triggers?: readonly ReloadTrigger[];
  /** A burst of reload requests within this becomes one rebuild (tests shorten it). */
  debounceMs?: number;
}

/**
 * Open the engine for the corpus (building the index when needed) as a LiveEngine, with a Reloader
 * that rebuilds and swaps it when a trigger asks: the watcher, SIGHUP, /reindex, later a bus.
 */
export async function openLivePolicy({ config, engineOptions = {}, log, triggers = [], debounceMs }: OpenLivePolicyOptions): Promise<LivePolicy> {
  const engine = new LiveEngine(await openServedEngine(config, engineOptions));
  const version = () => sourceVersion(config.corpusDir);
  const reloader = new Reloader({ live: engine, version, open: () => rebuildEngine(config, engineOptions), log, ...(debounceMs !== undefined ? { debounceMs } : {}) });
  for (const trigger of triggers) reloader.attach(trigger);
  if (config.corpusWatch) reloader.attach(corpusWatcher(config.corpusDir, { log, version }));
  return { engine, reloader };
}

interface OpenAppBase {
  config: Config;
  log: AppLog;
  /** Replaces the handoff service on the configured store (tests: a faulty store). */
  handoff?: HandoffService;
  /** The PostgreSQL schema instead of DATABASE_URL's or the server's default (tests). */
  databaseSchema?: string;
  now?: () => number;
  faqRefreshMs?: number;
  lockWaitMs?: number;
  /** Server mode's Prometheus series (FAQ hits); none elsewhere. */
  metrics?: Pick<Metrics, "faqHit">;
  /** Where a publication is announced to every instance (Redis with REDIS_URL); default: this process only. */
  reloadBus?: ReloadBus;
  /** This instance's name in reload messages (default host:pid). */
  instance?: string;
}

/**
 * What the FAQ is put in front of: the live policy (npm start: a reload swaps the engine and its text
 * analysis under the FAQ and every front end), or a fixed engine and its text analysis (openServedEngine:
 * the maintainers' commands, tests).
 */
export type OpenAppOptions = OpenAppBase & ({ live: LivePolicy; engine?: undefined; text?: undefined } | { engine: PolicyEngine; text: EngineText; live?: undefined });

export interface App {
  /** Where the stores live: SQLite files in DATA_DIR, or PostgreSQL (DATABASE_URL), shared by instances. */
  storeBackend: StoreBackend;
  /** The policy engine with approved FAQ entries in front of it: what front ends ask. */
  engine: PolicyEngine;
  /** The policy engine alone (the LiveEngine with a live policy). */
  policy: PolicyEngine;
  /** The policy's reloads (/reindex, reports for staff and the terminal); null for a fixed engine. */
  reload: Reloader | null;
  /** The manifest of the index the policy answers from now (after a reload, the new one); null for a fixed engine. */
  index(): Manifest | null;
  /** The version of the corpus the policy answers from now (sourceVersion); null for a fixed engine. */
  servedVersion(): string | null;
  /** Checking and publishing policy versions (the web console), and their record: the version every instance should serve. */
  policyVersions: PolicyPublishing;
  handoff: HandoffService;
  /** Each chat's recent turns: follow-ups and clarify offers. */
  conversation: ConversationService;
  faq: FaqService;
  library: FaqLibrary;
  questionLog: QuestionLog;
  /** Web console accounts, sessions and the audit log. */
  users: UserService;
  /** File candidates for replies stored meanwhile (another process, a crash) and queue missing cards. Never throws. */
  catchUp(): Promise<void>;
  /** Forget question text past the retention period. Never throws. */
  applyRetention(): Promise<void>;
  /** Catch up and apply the retention now, then on timers (catch-up every 10 s, retention daily). */
  startBackground(): void;
  /** Stops the reloads and the timers, waits for listeners, closes every store. Idempotent. */
  close(): Promise<void>;
}

/** The event a handoff emits, as the FAQ side files it. */
export function staffAnswerOf(e: TicketAnswered): StaffAnswer {
  return {
    source: {
      ticketId: e.ticket.id,
      replyEventId: e.eventId,
      staff: { id: `staff:${e.staff.userId}`, name: e.staff.displayName },
      answeredAt: e.at,
      candidates: e.ticket.candidates,
    },
    question: e.ticket.question,
    answer: e.reply,
  };
}

/** FAQ cards go to the staff chat through the handoff outbox, tied to the ticket they came from. */
export function outboxNotifier(handoff: HandoffService): FaqNotifier {
  const ticketOf = (e: FaqEntry) => {
    if (!e.source) throw new Error(`FAQ #${e.id} has no ticket: its card cannot go through the outbox`);
    return e.source.ticketId;
  };
  return {
    card: (e) => handoff.queueStaffNotice({ ticketId: ticketOf(e), kind: "faq-card", body: String(e.id), key: `faq-card:${e.id}` }),
    cardUpdate: async (e) => void (await handoff.queueStaffNotice({ ticketId: ticketOf(e), kind: "faq-card-update", body: String(e.id) })),
  };
}

export function answerSource(handoff: HandoffService): StaffAnswerSource {
  return { answersSince: async (after) => (await handoff.answersSince(after)).map(staffAnswerOf) };
}

export async function openApp(options: OpenAppOptions): Promise<App> {
  const { config, log, handoff: given, databaseSchema, now = Date.now, faqRefreshMs, lockWaitMs, metrics } = options;
  const reloadBus = options.reloadBus ?? new InProcessReloadBus((err) => log.error("a reload handler failed", { error: String(err) }));
  const live = options.live ?? null;
  const policy: PolicyEngine = live ? live.engine : options.engine!;
  // The live engine's text analysis is read at each use: a reload replaces it, and the FAQ reads its entries again with it.
  const text = live ? () => live.engine.current.text : options.text!;
  const onWarning: StoreWarn = (message, meta) => log.warn(message, meta);
  const stores = await openStores({
    dataDir: config.dataDir,
    databaseUrl: config.database.url,
    databasePoolSize: config.database.poolSize,
    ...(databaseSchema !== undefined ? { databaseSchema } : {}),
    ...(lockWaitMs !== undefined ? { lockWaitMs } : {}),
    onWarning,
  });
  let handoff: HandoffService;
  let faq: FaqService;
  let conversation: ConversationService;
  let questionLog: QuestionLog;
  let users: UserService;
  let versions: PolicyVersionStore;
  try {
    handoff = given ?? new HandoffService(stores.handoff(), { staffChatId: config.telegram.staffChatId, now, onWarning, sharedStore: stores.shared, leaseMs: config.outboxLeaseMs, updateClaimMs: config.updateClaimMs });
    faq = new FaqService(stores.faq(), { corpus: policy, notifier: outboxNotifier(handoff), now, onWarning });
    conversation = new ConversationService(stores.conversation(), { windowMs: config.followUpWindowMinutes * 60_000, now, onWarning });
    const salt = await stores.questionLogSalt(config.questionLog.salt);
    questionLog = new QuestionLog(stores.questionLog(), { salt, retentionDays: config.questionLog.retentionDays, now, onWarning });
    users = new UserService(stores.users(), { now, log: (message, meta) => log.info(message, meta) });
    versions = stores.policyVersions();
  } finally {
    // Each store now holds its own share; the services close them.
    await stores.close();
  }
  const library = new FaqLibrary(faq, text, { now, onWarning, ...(faqRefreshMs !== undefined ? { refreshMs: faqRefreshMs } : {}) });
  const engine = new FaqAnsweringEngine(policy, library, onWarning, () => metrics?.faqHit());

  const policyVersions = new PolicyPublisher({
    corpusDir: config.corpusDir,
    store: versions,
    bus: reloadBus,
    instance: options.instance ?? `${os.hostname()}:${process.pid}`,
    log: { info: (m) => log.info(m), error: (m) => log.error(m) },
    now,
  });
  if (live) {
    // A publication on any instance reloads this one; one missed while the bus was down is caught up by comparing with the record.
    live.reloader.attach(busTrigger(reloadBus, { served: () => live.engine.current.source, published: async () => (await versions.current())?.version ?? null, log: (m) => log.warn(m) }));
    const compare = () => void warnIfNotPublished(live, versions, config.corpusDir, log);
    live.reloader.onReport((r) => {
      if (r.reason.source === "bus") compare();
    });
    await warnIfNotPublished(live, versions, config.corpusDir, log);
  }

  // The event: a ticket answered here files its candidate at once; catchUp covers everything else.
  handoff.onTicketAnswered((e) => faq.fileCandidate(staffAnswerOf(e)).then(() => undefined));

  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  /**
   * Background work is awaited on close, so no store is closed under it. One run at a time: a call
   * while one runs is served by one more run after it, so slow runs (a remote database) never pile up.
   */
  const tracked = (work: () => Promise<void>) => {
    let current: Promise<void> | null = null;
    let queued: Promise<void> | null = null;
    const run = (): Promise<void> => {
      if (current) {
        if (!queued) {
          const q: Promise<void> = current.then(() => ((queued = null), run())).finally(() => running.delete(q));
          running.add(q);
          queued = q;
        }
        return queued;
      }
      const p = work().finally(() => {
        running.delete(p);
        current = null;
      });
      running.add(p);
      current = p;
      return p;
    };
    return run;
  };
  const catchUp = tracked(async () => {
    try {
      const filed = await faq.catchUp(answerSource(handoff));
      if (filed > 0) log.info("FAQ candidates filed from staff replies stored meanwhile", { filed });
    } catch (err) {
      log.warn("could not catch up on staff replies for FAQ candidates; trying again later", { error: (err as Error).message });
    }
  });
  const applyRetention = tracked(async () => {
    try {
      const forgotten = await questionLog.applyRetention();
      if (forgotten > 0) log.info("question log: text of old questions deleted", { questions: forgotten, retentionDays: questionLog.retentionDays });
    } catch (err) {
      log.warn("could not apply the question log's retention; trying again tomorrow", { error: (err as Error).message });
    }
  });
  let closing: Promise<void> | null = null;
  return {
    storeBackend: stores.backend,
    engine,
    policy,
    reload: live?.reloader ?? null,
    index: () => live?.engine.current.manifest ?? null,
    servedVersion: () => live?.engine.current.source ?? null,
    policyVersions,
    handoff,
    conversation,
    faq,
    library,
    questionLog,
    users,
    catchUp,
    applyRetention,
    startBackground() {
      void catchUp();
      void applyRetention();
      timers.push(setInterval(() => void catchUp(), CATCH_UP_INTERVAL_MS), setInterval(() => void applyRetention(), RETENTION_INTERVAL_MS));
      for (const t of timers) t.unref();
    },
    close() {
      closing ??= (async () => {
        // A rebuild in progress finishes first (it uses no store); no trigger starts another.
        await live?.reloader.close();
        for (const t of timers) clearInterval(t);
        await Promise.allSettled([...running]);
        await handoff.shutdown();
        await conversation.shutdown();
        await faq.close();
        await questionLog.close();
        await users.close();
        await versions.close();
      })();
      return closing;
    },
  };
}

/**
 * Each instance serves its own copy of the corpus folder: when what it serves is not the version last
 * published (at start, after a publication), the log says so and what to do. Never throws.
 */
async function warnIfNotPublished(live: LivePolicy, versions: PolicyVersionStore, corpusDir: string, log: AppLog): Promise<void> {
  let published: PolicyVersion | null;
  try {
    published = await versions.current();
  } catch (err) {
    log.warn("could not read the published policy version; serving the corpus folder as it is", { error: (err as Error).message });
    return;
  }
  const served = live.engine.current.source;
  if (!published || published.version === served) return;
  let folder: string;
  try {
    folder = sourceVersion(corpusDir);
  } catch (err) {
    folder = `unreadable (${(err as Error).message})`;
  }
  const hint =
    folder === published.version
      ? "the corpus folder holds the published version but this instance has not loaded it: see the reload line in the log (a refused reload says what to fix), or send /reindex"
      : `this instance's corpus folder ${corpusDir} holds other files: copy the published corpus files into it (the same files as on the instance that published); it then reloads by itself (CORPUS_WATCH=on), on SIGHUP or on /reindex`;
  log.warn("this instance does not serve the published policy version", {
    served,
    folder,
    published: published.version,
    publishedBy: published.by,
    publishedAt: new Date(published.publishedAt).toISOString(),
    hint,
  });
}
