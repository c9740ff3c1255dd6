// npm run build, after tsc: bundles each command (npm start, ask, index, …) into dist/bin/ with esbuild, so that
// start-up reads a few files instead of ~250 modules (ours and zod's); the shared code goes in chunks.
import { rmSync } from "node:fs";
import { build, type Plugin } from "esbuild";

const ENTRY_POINTS = {
  main: "dist/src/main.js",
  ask: "dist/scripts/ask.js",
  index: "dist/scripts/index.js",
  eval: "dist/scripts/eval.js",
  tickets: "dist/scripts/tickets.js",
  faq: "dist/scripts/faq.js",
  report: "dist/scripts/report.js",
  users: "dist/scripts/users.js",
  migrate: "dist/scripts/migrate.js",
  // The bench's start-up job, bundled as the commands it stands for are.
  "bench-open": "dist/src/cli/bench/open-child.js",
};

// Pure-JavaScript packages every command loads; the others stay in node_modules: native addons, and packages
// loaded only when configured (Telegram, the server, PostgreSQL, Redis, an LLM), some of which find files of their own.
const BUNDLED_PACKAGES = new Set(["zod", "dotenv"]);

const packageName = (specifier: string) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

const onlyBundledPackages: Plugin = {
  name: "only-bundled-packages",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED_PACKAGES.has(packageName(args.path)) ? undefined : { external: true }));
  },
};

// Chunks are named by their hash: clear the last build's.
rmSync("dist/bin", { recursive: true, force: true });
await build({
  entryPoints: ENTRY_POINTS,
  outdir: "dist/bin",
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  plugins: [onlyBundledPackages],
  // dotenv is CommonJS and requires Node's modules: give the ES module bundle a require.
  banner: { js: 'import { createRequire as bundleRequire } from "node:module"; const require = bundleRequire(import.meta.url);' },
  logLevel: "warning",
});
