/**
 * /readyz names the policy version served and the one last published, and is not ready (with the
 * reason and what to do) when they have differed for longer than the grace a reload needs.
 */
import Fastify from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { healthPlugin } from "../../src/server/plugins/health.js";
import type { PolicyVersionStatus, ServerDeps } from "../../src/server/types.js";

const GRACE_MS = 300;
let app: ReturnType<typeof Fastify> | null = null;

async function readyz(status: () => PolicyVersionStatus | null) {
  app ??= await (async () => {
    const server = Fastify();
    const deps = {
      engine: () => ({ measures: () => [{}] }),
      handoff: { checkWritable: async () => ({ ok: true }) },
      telegram: null,
      policyVersion: status,
      publishedGraceMs: GRACE_MS,
    } as unknown as ServerDeps;
    await server.register(healthPlugin, { deps });
    return server;
  })();
  const res = await app.inject({ method: "GET", url: "/readyz" });
  return { status: res.statusCode, check: (res.json() as { checks: { policy_version: Record<string, unknown> } }).checks.policy_version };
}

afterEach(async () => {
  await app?.close();
  app = null;
});

describe("/readyz: the policy version", () => {
  it("reports the version served and the one published; ready when they agree", async () => {
    const r = await readyz(() => ({ served: "abc-1", published: async () => "abc-1" }));
    expect(r).toEqual({ status: 200, check: { ok: true, served: "abc-1", published: "abc-1" } });
  });

  it("ready before the first publication (nothing to compare with)", async () => {
    expect(await readyz(() => ({ served: "abc-1", published: async () => null }))).toEqual({ status: 200, check: { ok: true, served: "abc-1", published: null } });
  });

  it("differing: ready while the reload may still be under way, then not ready with the reason and what to do; ready again once it serves the published version", async () => {
    const state = { served: "old-1", published: "new-2" };
    const status = () => ({ served: state.served, published: async () => state.published });
    expect(await readyz(status)).toEqual({ status: 200, check: { ok: true, served: "old-1", published: "new-2", reloading: true } });
    await new Promise((r) => setTimeout(r, GRACE_MS + 50));
    const late = await readyz(status);
    expect(late.status).toBe(503);
    expect(late.check).toMatchObject({ ok: false, served: "old-1", published: "new-2", reason: expect.stringContaining("serving policy version old-1, but new-2 was published"), hint: expect.stringContaining("CORPUS_DIR") });
    state.served = "new-2";
    expect(await readyz(status)).toEqual({ status: 200, check: { ok: true, served: "new-2", published: "new-2" } });
  });

  it("a record that cannot be read is not ready, with why", async () => {
    const r = await readyz(() => ({ served: "abc-1", published: async () => Promise.reject(new Error("connection refused")) }));
    expect(r).toEqual({ status: 503, check: { ok: false, served: "abc-1", published: null, reason: "the published policy version could not be read: connection refused" } });
  });

  it("while the policy loads there is nothing to compare", async () => {
    expect(await readyz(() => null)).toMatchObject({ status: 200, check: { ok: true, skipped: expect.any(String) } });
  });
});
