import { defineConfig } from "vitest/config";
import { OFFLINE_ENV } from "./test/support/offline-env.js";

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
    // Spawned CLIs and bots compete for two cores; keep parallelism modest.
    maxWorkers: 2,
    // The JSON report is what .ci/run reads for its closing "N passed, N failed" line.
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
  },
});
