/**
 * The published policy versions, as an interface: which corpus version every instance should serve,
 * who published it and when, and what changed. SQLite in DATA_DIR (sqlite-version-store.ts) or the
 * shared PostgreSQL database (pg-version-store.ts). The corpus files stay the single source of the
 * index; this is only the record of what was published.
 */
import type { ChangedMeasure } from "../search/index-store.js";

/** Measures a publication added, changed and removed: a number, with its document's title when the corpus holds several. */
export interface MeasureDiff {
  added: ChangedMeasure[];
  changed: ChangedMeasure[];
  removed: ChangedMeasure[];
}

export interface NewPolicyVersion {
  /** The corpus version (sourceVersion of the corpus folder): what an instance's index is built from. */
  version: string;
  publishedAt: number;
  /** Who published: a staff member's or an operator's name. */
  by: string;
  /** How many measures the published corpus holds. */
  measures: number;
  diff: MeasureDiff;
}

export interface PolicyVersion extends NewPolicyVersion {
  /** The publication's number: later publications have larger ones (a version published again gets a new one). */
  id: number;
}

export interface PolicyVersionStore {
  /** Record a publication; it becomes current(). */
  record(v: NewPolicyVersion): Promise<PolicyVersion>;
  /** The latest publication; null before the first. */
  current(): Promise<PolicyVersion | null>;
  /** The latest `limit` publications, newest first. */
  history(limit: number): Promise<PolicyVersion[]>;
  close(): Promise<void>;
}

/** History pages are at most this long. */
export const MAX_HISTORY = 500;
export const historyLimit = (limit: number): number => Math.max(0, Math.min(MAX_HISTORY, Math.floor(Number.isFinite(limit) ? limit : 0)));
