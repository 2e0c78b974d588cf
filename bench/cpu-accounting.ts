// CPU time per process group, from /proc (Linux): what a phase of a benchmark cost each part of the system,
// whatever else the machine was doing. On a shared machine wall-clock throughput moves with the neighbours'
// load; CPU per verdict does not (much), so it is the figure two systems are compared by.
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc's times (USER_HZ: 100 on every Linux architecture in use). */
const TICKS_PER_SECOND = 100;

type ProcStat = { pid: number; ppid: number; ownTicks: number; reapedTicks: number };

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: fields are counted from its last ")".
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // After the name: state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17), i.e. indexes 1, 11–14 here.
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((index) => Number(fields[index]));
    return { pid, ppid: Number(fields[1]), ownTicks: utime + stime, reapedTicks: cutime + cstime };
  } catch {
    return null; // exited between the listing and the read
  }
}

function allStats(): ProcStat[] {
  return readdirSync("/proc").flatMap((name) => {
    const pid = Number(name);
    if (!Number.isInteger(pid)) return [];
    const stat = readStat(pid);
    return stat ? [stat] : [];
  });
}

/**
 * CPU milliseconds of `rootPid` and every descendant: each live process's own time plus what it has reaped
 * (a child that exited is counted in its parent's cutime/cstime once waited for, so nothing is counted twice).
 */
export function processTreeCpuMs(rootPid: number): number {
  const stats = allStats();
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const root = stats.find((stat) => stat.pid === rootPid);
  if (!root) return 0;
  let ticks = 0;
  const pending = [root];
  for (let stat = pending.pop(); stat; stat = pending.pop()) {
    ticks += stat.ownTicks + stat.reapedTicks;
    pending.push(...(children.get(stat.pid) ?? []));
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** CPU milliseconds of the live process `pid` (own time only); throws when it is gone. */
export function processCpuMs(pid: number): number {
  const stat = readStat(pid);
  if (!stat) throw new Error(`process ${pid} is gone`);
  return (stat.ownTicks * 1000) / TICKS_PER_SECOND;
}

/** CPU milliseconds of the processes `pids` (own time only; those that exited count 0). */
export function processesCpuMs(pids: readonly number[]): number {
  return [...cpuMsByPid(pids).values()].reduce((sum, ms) => sum + ms, 0);
}

/** CPU milliseconds of each of the processes `pids` that is still running (own time only). */
export function cpuMsByPid(pids: readonly number[]): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const pid of pids) {
    const stat = readStat(pid);
    if (stat) byPid.set(pid, (stat.ownTicks * 1000) / TICKS_PER_SECOND);
  }
  return byPid;
}

/**
 * CPU milliseconds that processes sampled twice (cpuMsByPid) used in between: one that started since counts from
 * zero; one that exited since counts nothing (what it used after the first sample is lost: an undercount). Summing
 * the two samples instead subtracted an exited process's whole past (a phase's Postgres backends read negative).
 */
export function cpuMsBetween(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let ms = 0;
  for (const [pid, now] of after) ms += Math.max(0, now - (before.get(pid) ?? 0));
  return ms;
}

/** CPU milliseconds this process has used and reaped from its exited children (e.g. a peer's processes). */
export function selfAndReapedCpuMs(): number {
  const stat = readStat(process.pid);
  return stat ? ((stat.ownTicks + stat.reapedTicks) * 1000) / TICKS_PER_SECOND : 0;
}
