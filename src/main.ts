import { loadConfig, ConfigError } from "./config.js";
import { openEngine } from "./answer/open-engine.js";
import { createLlmComposerIfConfigured } from "./answer/composer.js";
import { HandoffService } from "./handoff/service.js";
import { runChat } from "./cli/chat.js";
import { CorpusError } from "./policy/corpus-error.js";
import { describeChanges } from "./cli/index-report.js";

/** Entry point: the Telegram bot when a token is set, otherwise the terminal chat. */
async function main() {
  const config = loadConfig();
  const log = (m: string) => console.error(m);
  const engine = await openEngine(config, {
    composer: await createLlmComposerIfConfigured(config, log),
    onBuild: (changes) => log(`index built: ${describeChanges(changes)}`),
    log,
  });
  const handoff = HandoffService.open({ dataDir: config.dataDir, staffChatId: config.telegram.staffChatId });
  if (config.telegram.token) {
    const { runBot } = await import("./bot/run.js");
    const running = await runBot(config, { engine, handoff });
    await running.stopped;
    return;
  }
  try {
    await runChat({ engine, handoff });
  } finally {
    handoff.shutdown();
  }
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof CorpusError) console.error(`error: ${err.message}`);
  else console.error(`unexpected error: ${(err as Error)?.stack ?? err}`);
  process.exit(1);
});
