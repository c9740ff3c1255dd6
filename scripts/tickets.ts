// npm run tickets -- list | show N | answer N "text" | close N | reopen N | resend N  (see src/cli/tickets.ts)
import { runTicketsCli } from "../src/cli/tickets.js";

void runTicketsCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
