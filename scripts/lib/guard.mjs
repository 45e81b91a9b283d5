// Usage: node guard.mjs <parentPid> <maxSeconds> <command> [args...]
// Runs the command and ends it (with its whole process group) when the parent process is gone,
// when maxSeconds have passed, or when the guard itself is told to stop. This is what makes
// every server started by the tests and the demo "stop by itself".
import { spawn } from 'node:child_process';

const [parentArg, maxArg, command, ...args] = process.argv.slice(2);
const parentPid = Number(parentArg);
const maxMs = Number(maxArg) * 1000;

const child = spawn(command, args, { stdio: 'inherit', env: process.env });
let ending = false;
/** Nobody is left to sweep the process group once this guard exits: it must do so itself. */
let parentGone = false;

function end(signal = 'SIGTERM') {
  if (ending) return;
  ending = true;
  // The whole process group (the guard is its leader), not only the child: npm does not pass a
  // signal on to what it started (sh → tsx → node), which would outlive it. The guard's own
  // handlers below receive it too, and ignore it while ending.
  try {
    process.kill(-process.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
  // Give the child a moment to close cleanly, then make sure the group is gone.
  setTimeout(() => {
    try {
      process.kill(-process.pid, 'SIGKILL');
    } catch {
      process.exit(1);
    }
  }, 8_000).unref();
}

process.on('SIGTERM', () => end('SIGTERM'));
process.on('SIGINT', () => end('SIGINT'));
child.on('error', (error) => {
  console.error(`guard: cannot start ${command}: ${error.message}`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  // Whatever of the group outlived the child (and ignored the signal) goes with the guard.
  if (parentGone) process.kill(-process.pid, 'SIGKILL');
  process.exit(code ?? (signal === 'SIGTERM' || signal === 'SIGINT' ? 0 : 1));
});

const parentWatch = setInterval(() => {
  try {
    process.kill(parentPid, 0);
  } catch {
    console.error(`guard: parent ${parentPid} is gone, stopping ${command}`);
    parentGone = true;
    end();
  }
}, 1_000);
parentWatch.unref();
if (maxMs > 0) {
  setTimeout(() => {
    console.error(`guard: ${command} reached its lifetime of ${maxArg}s, stopping it`);
    end();
  }, maxMs).unref();
}
