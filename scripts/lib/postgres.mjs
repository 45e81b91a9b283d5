// A throwaway PostgreSQL cluster on 127.0.0.1 for the DATABASE_URL test run: initdb into a
// temporary folder, run `postgres` in the foreground under the guard (so it stops with us),
// hand back a DATABASE_URL, remove everything on stop.
import { readdirSync, existsSync, mkdtempSync, rmSync, chownSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, run, startGuarded } from './procs.mjs';

export function findPostgresBin() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], 'bin') : null;
}

/** Starts a cluster; resolves with `{ databaseUrl, stop() }`. Bounded: 60 s to become ready. */
export async function startPostgres({ binDir, logFile }) {
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'field-review-pg-'));
  const dataDir = path.join(dir, 'data');
  const owner = asRoot ? lookupUser('postgres') : null;
  if (asRoot && !owner) throw new Error('running as root but there is no "postgres" user to run the server');
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const asOwner = (bin, args) => (owner ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args]);

  const [initCmd, initArgs] = asOwner(path.join(binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  if ((await run(initCmd, initArgs, { stdio: ['ignore', 'ignore', 'inherit'] })) !== 0) throw new Error('initdb failed');

  const port = await freePort();
  if (logFile) {
    writeFileSync(logFile, '');
    if (owner) chownSync(logFile, owner.uid, owner.gid);
  }
  const [cmd, args] = asOwner(path.join(binDir, 'postgres'), ['-D', dataDir, '-k', dir, '-p', String(port), '-h', '127.0.0.1', '-c', 'fsync=off']);
  const server = startGuarded(cmd, args, { logFile, maxSeconds: 1800, name: 'postgres' });

  const ready = path.join(binDir, 'pg_isready');
  const deadline = Date.now() + 60_000;
  for (;;) {
    if ((await run(ready, ['-q', '-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' })) === 0) break;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error('PostgreSQL did not become ready within 60 s');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    /** The guard's process: the postmaster and its backends are under it (what a CPU meter sums). */
    pid: server.pid,
    async stop() {
      await server.stop();
      if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function lookupUser(name) {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}
