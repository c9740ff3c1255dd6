/**
 * GET /healthz: the process answers (liveness). GET /readyz: it can do its work (readiness):
 * the index is loaded, the tickets store takes writes, Telegram is reachable when a token is
 * set, and the policy version served is the one last published (after a short grace for the
 * reload). JSON with one entry per check and the reason for each that fails; 503 when one does.
 */
import type { FastifyInstance } from "fastify";
import type { CheckResult, ServerDeps } from "../types.js";

/** A store that cannot take the write lock within this is reported busy (its own wait is longer). */
export const STORE_CHECK_MS = 1_000;
/** A publication reloads every instance within seconds; differing longer than this means this one will not. */
export const PUBLISHED_GRACE_MS = 30_000;

export async function healthPlugin(app: FastifyInstance, { deps }: { deps: ServerDeps }): Promise<void> {
  const startedAt = Date.now();
  const policyVersion = policyVersionCheck(deps);

  app.get("/healthz", async () => ({ status: "ok", uptime_s: Math.round((Date.now() - startedAt) / 1000) }));

  app.get("/readyz", async (_req, reply) => {
    const checks: Record<string, CheckResult> = {
      index: indexCheck(deps),
      store: await storeCheck(deps),
      policy_version: await policyVersion(),
      telegram: deps.telegram ? deps.telegram.check() : { ok: true, skipped: "no TELEGRAM_BOT_TOKEN" },
    };
    const ready = Object.values(checks).every((c) => c.ok);
    return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "not ready", checks });
  });
}

function indexCheck(deps: ServerDeps): CheckResult {
  const engine = deps.engine();
  if (!engine) return { ok: false, reason: "the policy index is still loading (or being built)" };
  const measures = engine.measures().length;
  if (measures === 0) return { ok: false, reason: "the index holds no measures: check CORPUS_DIR and run npm run index" };
  // The version served: after a reload, the new one.
  const manifest = deps.index?.() ?? null;
  return manifest ? { ok: true, measures, corpus_hash: manifest.corpusHash.slice(0, 12), built_at: manifest.builtAt } : { ok: true, measures };
}

async function storeCheck(deps: ServerDeps): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, reason: `the tickets database did not give its write lock within ${STORE_CHECK_MS} ms`, hint: "another process holds it: finish or stop it (e.g. a stuck npm run tickets)" }),
      STORE_CHECK_MS,
    );
  });
  try {
    const health = await Promise.race([deps.handoff.checkWritable().then((h): CheckResult => (h.ok ? { ok: true } : { ok: false, reason: `tickets database: ${h.error}`, fault: h.reason, hint: h.hint })), slow]);
    return health;
  } finally {
    clearTimeout(timer);
  }
}

/** Served vs published: ready while they agree, or differ for less than the grace (the reload is under way). */
function policyVersionCheck(deps: ServerDeps): () => Promise<CheckResult> {
  const grace = deps.publishedGraceMs ?? PUBLISHED_GRACE_MS;
  let differingSince: number | null = null;
  return async () => {
    const status = deps.policyVersion?.() ?? null;
    if (!status) return { ok: true, skipped: "the policy is still loading, or fixed (no publications)" };
    let published: string | null;
    try {
      published = await withTimeout(status.published(), STORE_CHECK_MS);
    } catch (err) {
      return { ok: false, served: status.served, published: null, reason: `the published policy version could not be read: ${(err as Error).message}` };
    }
    const versions = { served: status.served, published };
    if (published === null || published === status.served) {
      differingSince = null;
      return { ok: true, ...versions };
    }
    const now = Date.now();
    differingSince ??= now;
    const seconds = Math.round((now - differingSince) / 1000);
    if (now - differingSince < grace) return { ok: true, ...versions, reloading: true };
    return {
      ok: false,
      ...versions,
      reason: `serving policy version ${status.served ?? "none"}, but ${published} was published (differing for ${seconds} s)`,
      hint: "copy the published corpus files into this instance's CORPUS_DIR (or see the log for a refused reload), then send /reindex or SIGHUP",
    };
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
