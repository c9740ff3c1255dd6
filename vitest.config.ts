import { defineConfig } from "vitest/config";
import { OFFLINE_ENV } from "./test/support/offline-env.js";
import { SlowFirstSequencer } from "./test/support/slow-first.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Spawned CLIs run the compiled dist/: build it (incrementally) before any test, even under a plain `npx vitest run`.
    // Then: which of PostgreSQL and Redis answer (their suites are skipped, with a notice, when not).
    globalSetup: ["test/support/build.ts", "test/support/services.ts"],
    // No test reads the developer's .env or shell settings: every config variable is blank unless a test sets it.
    env: { ...OFFLINE_ENV },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Many files wait on child processes, fake servers and timers: a third worker keeps both cores busy.
    maxWorkers: 3,
    // A worker reuses loaded modules from file to file (grammy, fastify, openai, jieba's dictionary cost
    // ~0.7 s a file otherwise); no test file mocks modules or leaves global state behind.
    isolate: false,
    sequence: { sequencer: SlowFirstSequencer },
    // The JSON report is what .ci/run reads for its closing "N passed, N failed" line.
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
  },
});
