// npm run report -- [--since 7d] [--json]  (see src/cli/report.ts)
import { runReportCli } from "../src/cli/report.js";

void runReportCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
