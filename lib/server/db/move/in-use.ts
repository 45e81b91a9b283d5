import { readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/**
 * The processes that have files of `dir` open, found in `/proc` (Linux): a running
 * PGlite keeps its catalog files open for as long as the database is, so a running Field
 * Review shows up here. PGlite itself takes no lock, and the `postmaster.pid` it writes is
 * left behind by an app that was stopped without closing the database, so it proves
 * nothing. `null` when there is no `/proc` to read (another system): the caller cannot tell.
 * Processes of other users are not readable without privileges and are not seen.
 */
export function processesUsing(dir: string): number[] | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  const root = path.resolve(dir) + path.sep;
  const users: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // gone, or another user's
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${entry}/fd/${fd}`);
      } catch {
        continue;
      }
      if (target.startsWith(root)) {
        users.push(Number(entry));
        break;
      }
    }
  }
  return users;
}

/** Why `dir` may not be read or copied now, or null when no process uses it. */
export function inUseProblem(dir: string): string | null {
  const users = processesUsing(dir);
  if (users === null) return null;
  if (users.length === 0) return null;
  return `the PGlite data directory ${dir} is in use by process ${users.join(', ')}: stop Field Review (and anything else using it) first`;
}
