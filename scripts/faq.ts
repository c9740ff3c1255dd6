// npm run faq -- list [--pending] | show N | approve N [--edit | --from FILE] | reject N | out-of-scope N | import FILE.csv | export FILE.csv | calibrate [FILE]  (see src/cli/faq.ts)
import { runFaqCli } from "../src/cli/faq.js";

void runFaqCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
