/**
 * CPU used by the processes of a benchmark (Linux `/proc`), so a load phase can say which of
 * the app, the simulator, PostgreSQL and the load generator took the machine's cores. A server
 * started through the guard is a tree of processes (guard → npm → sh → node, or the guard, `su`,
 * the postmaster and its backends, which may start a session of their own): a tree's CPU is the
 * sum over its live members of their own time and that of the children they have reaped. So a
 * PostgreSQL backend that exits during a phase (a pool closing an idle connection) still counts:
 * its time moves to the postmaster's reaped-children time, and the difference of two sums holds.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** The fields of `/proc/<pid>/stat` a meter needs; null for a line it cannot read. */
export function parseStat(line: string): { pid: number; parent: number; cpuTicks: number } | null {
  // The command name (field 2) is in parentheses and may itself hold spaces and parentheses:
  // the fields after it start after the last ')'.
  const close = line.lastIndexOf(')');
  if (close < 0) return null;
  const pid = Number.parseInt(line, 10);
  const rest = line
    .slice(close + 2)
    .trim()
    .split(' ');
  // rest[0] is field 3 (state): the parent is field 4, user and system time 14 and 15, those of
  // the children it has waited for 16 and 17.
  const parent = Number(rest[1]);
  const cpuTicks = Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14]);
  if (!Number.isInteger(pid) || !Number.isInteger(parent) || !Number.isFinite(cpuTicks)) return null;
  return { pid, parent, cpuTicks };
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** Processes to measure: whole trees (a guarded server and everything it started), single processes. */
export interface CpuSource {
  trees?: readonly number[];
  pids?: readonly number[];
}

type ProcessTable = Map<number, { parent: number; cpuTicks: number }>;

/** Every live process's parent and CPU ticks: one scan of `/proc`. */
function readProcesses(): ProcessTable {
  const table: ProcessTable = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = parseStat(readFileSync(`/proc/${entry}/stat`, 'utf8'));
      if (stat) table.set(stat.pid, stat);
    } catch {
      // exited meanwhile
    }
  }
  return table;
}

/** CPU seconds so far of the live processes of `source` in `table`. */
function secondsOf(source: CpuSource, table: ProcessTable): number {
  const roots = new Set(source.trees ?? []);
  const inTree = (pid: number) => {
    // Up the parents to the first process (pid 1 or 0); bounded by the processes there are.
    for (let current = pid, steps = 0; current > 1 && steps <= table.size; current = table.get(current)?.parent ?? 0, steps += 1) {
      if (roots.has(current)) return true;
    }
    return false;
  };
  const pids = new Set(source.pids ?? []);
  let ticks = 0;
  for (const [pid, stat] of table) if (pids.has(pid) || inTree(pid)) ticks += stat.cpuTicks;
  return ticks / clockTicks();
}

/** CPU seconds so far of the live processes of `source`. */
export function cpuSeconds(source: CpuSource): number {
  return secondsOf(source, readProcesses());
}

/**
 * Starts measuring: `stop()` gives the cores each source used on average since (CPU seconds per
 * second of wall time), `load_generator` being this process.
 */
export function startCpuMeter(sources: Record<string, CpuSource>): { stop(): Record<string, number> } {
  const secondsBySource = () => {
    const table = readProcesses();
    return Object.fromEntries(Object.entries(sources).map(([name, source]) => [name, secondsOf(source, table)]));
  };
  const before = secondsBySource();
  const ownBefore = process.cpuUsage();
  const started = performance.now();
  return {
    stop() {
      const after = secondsBySource();
      const seconds = (performance.now() - started) / 1000;
      const cores = (used: number) => Number((used / seconds).toFixed(2));
      const used: Record<string, number> = {};
      // A member that exited unreaped by the tree (rare) takes its time with it: never below zero.
      for (const name of Object.keys(sources)) used[name] = cores(Math.max(0, after[name] - before[name]));
      const own = process.cpuUsage(ownBefore);
      used.load_generator = cores((own.user + own.system) / 1e6);
      return used;
    },
  };
}
