import type { ChildProcess } from 'node:child_process';

export interface Guarded {
  pid: number | undefined;
  name: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}
export function freePort(): Promise<number>;
export function startGuarded(
  command: string,
  args: string[],
  options?: { env?: NodeJS.ProcessEnv; cwd?: string; logFile?: string; maxSeconds?: number; name?: string },
): Guarded;
export function waitForHttp(
  url: string,
  options?: {
    timeoutMs?: number;
    intervalMs?: number;
    headers?: Record<string, string>;
    accept?: (r: Response) => boolean;
    exited?: Promise<unknown>;
  },
): Promise<Response>;
export function run(
  command: string,
  args: string[],
  options?: { env?: NodeJS.ProcessEnv; cwd?: string; stdio?: import('node:child_process').StdioOptions },
): Promise<number>;
