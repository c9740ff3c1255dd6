/** The small logging surface the bot needs; main.ts may pass any object of this shape. */
export interface BotLogger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LEVELS;

/** One line per entry on stderr: time, level, message, then JSON metadata; `redact` removes secrets from the line. */
export function consoleLogger(level: LogLevel = "info", redact: (line: string) => string = (line) => line): BotLogger {
  const min = LEVELS[level];
  const log = (l: LogLevel) => (message: string, meta?: Record<string, unknown>) => {
    if (LEVELS[l] < min) return;
    const extra = meta && Object.keys(meta).length > 0 ? " " + safeJson(meta) : "";
    process.stderr.write(redact(`${new Date().toISOString()} ${l.toUpperCase()} [bot] ${message}${extra}`) + "\n");
  };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}

export const silentLogger: BotLogger = { debug() {}, info() {}, warn() {}, error() {} };

function safeJson(meta: Record<string, unknown>): string {
  try {
    return JSON.stringify(meta, (_k, v: unknown) => (v instanceof Error ? { name: v.name, message: v.message } : v));
  } catch {
    return "{}";
  }
}

/** An error as loggable metadata. */
export function errorMeta(err: unknown): Record<string, unknown> {
  if (err instanceof Error) return { error: err.message, name: err.name, ...(err.stack ? { stack: err.stack.split("\n").slice(0, 4).join(" | ") } : {}) };
  return { error: String(err) };
}
