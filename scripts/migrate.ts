// npm run migrate: copy DATA_DIR/tickets.sqlite into PostgreSQL (DATABASE_URL); see src/cli/migrate.ts.
import { MIGRATE_USAGE, runMigrate } from "../src/cli/migrate.js";
import { runCli } from "../src/cli/run-cli.js";

void runCli(MIGRATE_USAGE, async ({ config }) => {
  process.exitCode = await runMigrate(
    config,
    (line) => console.log(line),
    (line) => console.error(line),
  );
});
