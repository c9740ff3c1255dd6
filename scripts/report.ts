// npm run report -- [--since 7d] [--json]  (see src/cli/report.ts)
import { runReportCli } from "../src/cli/report.js";

process.exitCode = await runReportCli(process.argv.slice(2));
