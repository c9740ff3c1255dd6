// npm run build, after tsc: bundles each command (npm start, ask, index, …) into one CommonJS file with esbuild, so
// that start-up reads one file instead of ~250 modules (ours and zod's). CommonJS, not ES modules: Node loads one
// CommonJS file ~0.07 s faster than the same code as ES module chunks (no module graph to link, no export scan of
// each package it requires). Code loaded only when configured stays lazy: esbuild runs a module imported with
// import() when it is first imported, and the packages it requires only then. dist/bin/NAME.cjs runs
// dist/bin/bundles/NAME.cjs through launch.cjs, which keeps V8's code cache beside it (src/cli/launch.ts).
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { build, type BuildOptions, type Plugin } from "esbuild";

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

// A command removed since the last build must not linger, nor a code cache of the last build.
rmSync("dist/bin", { recursive: true, force: true });
const common: BuildOptions = {
  // .cjs: package.json says "type": "module", so a .js file would be read as an ES module.
  outExtension: { ".js": ".cjs" },
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  plugins: [onlyBundledPackages],
  // CommonJS has no import.meta: the modules that find files beside themselves get the bundle's own URL.
  define: { "import.meta.url": "bundleUrl" },
  banner: { js: 'const bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: "warning",
};
await build({ ...common, entryPoints: ENTRY_POINTS, outdir: "dist/bin/bundles" });
// esbuild keeps import() of a package it leaves out; code run from V8's code cache cannot import() (src/cli/launch.ts).
for (const name of Object.keys(ENTRY_POINTS)) {
  const left = readFileSync(`dist/bin/bundles/${name}.cjs`, "utf8").match(/\bimport\(\s*["'`][^"'`]*["'`]\s*\)/g);
  if (left) throw new Error(`dist/bin/bundles/${name}.cjs still has ${left.join(", ")}: load the package with createRequire(import.meta.url) instead`);
}
await build({ ...common, entryPoints: { launch: "dist/src/cli/launch.js" }, outdir: "dist/bin" });
for (const name of Object.keys(ENTRY_POINTS)) {
  writeFileSync(`dist/bin/${name}.cjs`, `require("./launch.cjs").launch(require("node:path").join(__dirname, "bundles", "${name}.cjs"));\n`);
}
