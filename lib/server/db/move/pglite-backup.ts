import { cpSync, existsSync } from 'node:fs';
import { pgliteDirProblem } from './move-to-postgres';

/**
 * Copies a stopped install's PGlite data directory to `dest` (which must not exist yet). A
 * file copy is a consistent backup only while no process has the database open, so a
 * directory in use is refused. The copy is itself a data directory: restoring is copying it
 * back (or pointing `DATA_DIR` at its parent).
 */
export function backupPglite(dir: string, dest: string): { outcome: 'copied' } | { outcome: 'refused'; reason: string } {
  const problem = pgliteDirProblem(dir);
  if (problem) return { outcome: 'refused', reason: problem };
  if (existsSync(dest)) return { outcome: 'refused', reason: `${dest} already exists: give a new path` };
  cpSync(dir, dest, { recursive: true, preserveTimestamps: true, errorOnExist: true, force: false });
  // A process that opened the directory during the copy may have changed files under it.
  const during = pgliteDirProblem(dir);
  if (during) return { outcome: 'refused', reason: `${during} (it was opened during the copy: ${dest} may be inconsistent, delete it)` };
  return { outcome: 'copied' };
}
