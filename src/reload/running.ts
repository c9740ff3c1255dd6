/**
 * `npm run index` tells the bot running on the same data folder to load the index it just built, with
 * SIGHUP: the conventional "reload" signal (nginx, sshd), immediate, nothing to poll, and an operator
 * can send it by hand (kill -HUP <pid>). The instance lock says which process holds the data folder;
 * with none, nothing is sent (the next start loads the new index anyway).
 */
import os from "node:os";
import { runningHolder, type InstanceHolder } from "../handoff/instance-lock.js";

export type ReloadSignalResult =
  | { kind: "signalled"; pid: number }
  | { kind: "not-running" }
  /** Held from another machine (a shared folder), or the signal could not be sent. */
  | { kind: "cannot-signal"; pid: number; why: string };

export function signalRunningInstance(dataDir: string, deps: { holder?: (dataDir: string) => InstanceHolder | null; kill?: (pid: number, signal: NodeJS.Signals) => void } = {}): ReloadSignalResult {
  const holder = (deps.holder ?? runningHolder)(dataDir);
  if (!holder) return { kind: "not-running" };
  if (holder.host !== os.hostname()) return { kind: "cannot-signal", pid: holder.pid, why: `it runs on ${holder.host}` };
  if (holder.pid === process.pid) return { kind: "cannot-signal", pid: holder.pid, why: "it is this process" };
  try {
    (deps.kill ?? process.kill)(holder.pid, "SIGHUP");
    return { kind: "signalled", pid: holder.pid };
  } catch (err) {
    return { kind: "cannot-signal", pid: holder.pid, why: (err as Error).message };
  }
}
