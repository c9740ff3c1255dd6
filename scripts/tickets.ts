// npm run tickets -- list | show N | answer N "text" | close N | reopen N  (see src/cli/tickets.ts)
import { runTicketsCli } from "../src/cli/tickets.js";

process.exitCode = runTicketsCli(process.argv.slice(2));
