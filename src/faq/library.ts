import type { StoreWarn } from "../store/best-effort.js";
import { FaqMatcher, FAQ_MATCH_THRESHOLD, type FaqMatch } from "./matcher.js";
import type { FaqEntry } from "./types.js";
import type { FaqService } from "./service.js";
import type { TextTools } from "./similarity.js";

/** How often the served entries' version is looked at, at most (a review in another process shows after this). */
export const DEFAULT_FAQ_REFRESH_MS = 2_000;

export interface FaqLibraryOptions {
  refreshMs?: number;
  threshold?: number;
  now?: () => number;
  onWarning?: StoreWarn;
}

/**
 * The served FAQ entries as a matcher, kept current: before a match it looks at the store's
 * serving version (at most every `refreshMs`) and rebuilds when an approval, rejection, edit or
 * import happened, in this process or another (npm run faq). A store that cannot be read keeps
 * the last matcher, reported once. The engine's text analysis may be given as a function (the live
 * engine's, which a policy reload replaces): the entries are then read again with the new one.
 * So neither an approval nor a reload needs anything more than this: no corpus rebuild, no restart.
 */
export class FaqLibrary {
  private matcher: FaqMatcher;
  /** The served entries the matcher was built from, and the text analysis it was built with. */
  private entries: readonly FaqEntry[] = [];
  private builtWith: TextTools;
  private readonly tools: () => TextTools;
  private version = -1;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private refreshing: Promise<void> | null = null;
  private failing = false;
  private readonly refreshMs: number;
  private readonly now: () => number;
  private readonly warn: StoreWarn;
  readonly threshold: number;

  constructor(
    private readonly faq: FaqService,
    tools: TextTools | (() => TextTools),
    { refreshMs = DEFAULT_FAQ_REFRESH_MS, threshold = FAQ_MATCH_THRESHOLD, now = Date.now, onWarning = () => undefined }: FaqLibraryOptions = {},
  ) {
    this.tools = typeof tools === "function" ? tools : () => tools;
    this.builtWith = this.tools();
    this.matcher = FaqMatcher.empty(this.builtWith);
    this.refreshMs = refreshMs;
    this.threshold = threshold;
    this.now = now;
    this.warn = onWarning;
  }

  /** The served entry most similar to the question, if similar enough. Never throws. */
  async match(question: string): Promise<FaqMatch | null> {
    if (this.now() - this.checkedAt >= this.refreshMs) await this.refresh();
    // The policy was reloaded (another lexicon, another vocabulary): the same entries, read the new way.
    const tools = this.tools();
    if (tools !== this.builtWith) this.build(this.entries, tools);
    const best = this.matcher.best(question);
    return best && best.similarity.score >= this.threshold ? best : null;
  }

  /** Look at the version now and rebuild if it changed (after a review in this process). Never throws. */
  refresh(): Promise<void> {
    this.refreshing ??= this.load().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  recordHit(entryId: number): Promise<void> {
    return this.faq.recordHit(entryId);
  }

  private build(entries: readonly FaqEntry[], tools: TextTools): void {
    this.matcher = FaqMatcher.build(entries, tools);
    this.entries = entries;
    this.builtWith = tools;
  }

  private async load(): Promise<void> {
    this.checkedAt = this.now();
    try {
      const version = await this.faq.servingVersion();
      if (version !== this.version) {
        this.build(await this.faq.served(), this.tools());
        this.version = version;
      }
      if (this.failing) this.warn("FAQ database readable again: approved FAQ entries are served", { entries: this.matcher.entries });
      this.failing = false;
    } catch (err) {
      if (!this.failing) {
        this.warn("could not read the FAQ database: serving the FAQ entries loaded before", {
          error: err instanceof Error ? err.message : String(err),
          entries: this.matcher.entries,
        });
      }
      this.failing = true;
    }
  }
}
