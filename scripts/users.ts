// npm run users -- add NAME --role staff|maintainer | list | remove NAME | passwd NAME | role NAME ROLE  (see src/cli/users.ts)
import { runUsersCli } from "../src/cli/users.js";

process.exitCode = await runUsersCli(process.argv.slice(2));
