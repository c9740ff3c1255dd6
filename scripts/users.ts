// npm run users -- add NAME --role staff|maintainer | list | remove NAME | passwd NAME | role NAME ROLE  (see src/cli/users.ts)
import { runUsersCli } from "../src/cli/users.js";

void runUsersCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
