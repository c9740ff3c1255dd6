/**
 * The Metrics interface on prom-client, and the series read from the stores at scrape time
 * (tickets by status, time to first staff reply, the outbox, the index). Loaded only in server
 * mode: `npm run ask` and the terminal chat never import prom-client.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Outcome } from "../answer/types.js";
import type { HandoffService } from "../handoff/service.js";
import { CHANNELS, type TicketStatus } from "../handoff/types.js";
import type { Metrics, Source } from "../metrics.js";
import { readManifest } from "../search/index-store.js";
import type { Manifest } from "../search/manifest.js";

const TICKET_STATUSES: readonly TicketStatus[] = ["open", "claimed", "answered", "closed"];
const OUTBOX_STATES = ["pending", "leased", "sending", "failed", "uncertain"] as const;

/** What the scrape-time series are read from. */
export interface MetricSources {
  handoff: HandoffService;
  dataDir: string;
  /** The manifest of the index being served (a reload changes it); null when not known: DATA_DIR's current index is read. */
  index?: () => Manifest | null;
}

export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly questions: Counter<"source" | "outcome">;
  private readonly latency: Histogram<"source">;
  private readonly handoffs: Counter<"source">;
  private readonly telegramErrors: Counter<"method" | "code">;
  private readonly faqHits: Counter;
  private sources: MetricSources | null = null;

  constructor({ defaultMetrics = true }: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    // Process CPU, memory, event-loop lag: what an operator looks at first.
    if (defaultMetrics) collectDefaultMetrics({ register: this.registry });
    this.questions = new Counter({
      name: "karamay_questions_total",
      help: "Questions that got a reply, by where they came from (telegram, api, web, terminal) and outcome (answered, handoff, smalltalk).",
      labelNames: ["source", "outcome"],
      registers,
    });
    this.latency = new Histogram({
      name: "karamay_answer_duration_seconds",
      help: "Time the policy engine took to answer a question (search, answerability, composer; an LLM call included).",
      labelNames: ["source"],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30],
      registers,
    });
    this.handoffs = new Counter({
      name: "karamay_handoffs_total",
      help: "Tickets opened for a person, by the asker's channel (telegram, terminal, api, api-poll).",
      labelNames: ["source"],
      registers,
    });
    this.telegramErrors = new Counter({
      name: "karamay_telegram_api_errors_total",
      help: "Bot API calls Telegram refused (by error code: 400, 403, 429, 5xx) or that could not reach it (code=network); each attempt counts.",
      labelNames: ["method", "code"],
      registers,
    });
    this.faqHits = new Counter({ name: "karamay_faq_hits_total", help: "Questions answered from an approved FAQ entry.", registers });

    const self = this;
    new Gauge({
      name: "karamay_tickets",
      help: "Tickets by status, from the tickets store.",
      labelNames: ["status"],
      registers,
      async collect() {
        const stats = await self.sources?.handoff.stats();
        for (const status of TICKET_STATUSES) this.set({ status }, stats ? stats[status] : 0);
      },
    });
    new Histogram({
      name: "karamay_first_staff_reply_seconds",
      help: "Time from a ticket's creation to its first staff reply, over every ticket that has one (from the tickets store).",
      buckets: [60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400, 259200],
      registers,
      async collect() {
        const durations = (await self.sources?.handoff.firstReplyDurations()) ?? [];
        // Recomputed from the store each scrape, so it survives restarts and counts replies made from npm run tickets.
        this.reset();
        for (const ms of durations) this.observe(ms / 1000);
      },
    });
    new Gauge({
      name: "karamay_outbox_deliveries",
      help: "Undelivered outbox messages by channel and state: pending, leased, sending (in progress), failed and uncertain (staff must act).",
      labelNames: ["channel", "state"],
      registers,
      async collect() {
        this.reset();
        for (const channel of CHANNELS) for (const state of OUTBOX_STATES) this.set({ channel, state }, 0);
        for (const { channel, state, n } of (await self.sources?.handoff.outboxCounts()) ?? []) this.set({ channel, state }, n);
      },
    });
    new Gauge({
      name: "karamay_index_info",
      help: "The index being served (always 1): corpus hash, embedder, format and measure count.",
      labelNames: ["corpus_hash", "embedder", "format", "measures"],
      registers,
      async collect() {
        this.reset();
        const manifest = await self.servedManifest();
        if (!manifest) return;
        const embedder = `${manifest.embedder.name}/${manifest.embedder.dimensions}`;
        this.set({ corpus_hash: manifest.corpusHash.slice(0, 12), embedder, format: String(manifest.format), measures: String(manifest.counts.measures) }, 1);
      },
    });
    new Gauge({
      name: "karamay_index_built_timestamp_seconds",
      help: "When the index being served was built (Unix time).",
      registers,
      async collect() {
        const manifest = await self.servedManifest();
        this.set(manifest ? Date.parse(manifest.builtAt) / 1000 : 0);
      },
    });
  }

  /** The manifest of the index served now: the engine's own once it is known, else DATA_DIR's current one. */
  private async servedManifest(): Promise<Manifest | null> {
    if (!this.sources) return null;
    return this.sources.index?.() ?? (await readManifest(this.sources.dataDir).catch(() => null));
  }

  /** Where the scrape-time series come from (once the store is open). */
  observe(sources: MetricSources): void {
    this.sources = sources;
  }

  questionAnswered(source: Source, outcome: Outcome, seconds: number): void {
    this.questions.inc({ source, outcome });
    this.latency.observe({ source }, seconds);
  }

  ticketOpened(source: Source): void {
    this.handoffs.inc({ source });
  }

  telegramApiError(method: string, code: string): void {
    this.telegramErrors.inc({ method, code });
  }

  faqHit(): void {
    this.faqHits.inc();
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
