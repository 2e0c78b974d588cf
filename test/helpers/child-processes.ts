import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";

// util-linux's setpriv (installed with prlimit) sets PR_SET_PDEATHSIG and then execs, keeping the pid.
const SETPRIV = ["/usr/bin/setpriv", "/bin/setpriv"].find((path) => existsSync(path));

/**
 * Starts `node <args>` so that it cannot outlive this test process: when jest force-exits a worker, a grader the
 * test spawned would otherwise keep running, with its bubblewrap executors, as an orphan. The kernel SIGKILLs it.
 */
export function spawnNode(args: string[], options: SpawnOptions): ChildProcess {
  if (!SETPRIV) return spawn(process.execPath, args, options);
  return spawn(SETPRIV, ["--pdeathsig", "KILL", "--", process.execPath, ...args], options);
}

/** Sends `signal` to a child that is still running and waits until it has exited. */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill(signal);
  await exited;
}
