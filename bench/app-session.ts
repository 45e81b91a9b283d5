/**
 * What the benchmarks that drive the production build share: starting `next start` against the
 * simulator, and signing a user in as the sign-in form does.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp, type Guarded } from '../e2e/servers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `next start` of the build in `distDir` on `port`, against the simulator at `simulatorUrl`, with the demo users. */
export function startBenchApp(options: {
  name: string;
  port: number;
  distDir: string;
  dataDir: string;
  simulatorUrl: string;
  apiKey: string;
  demoPassword: string;
  env?: Record<string, string>;
  servers: Guarded[];
}): Promise<Guarded> {
  return startApp({
    command: path.join(root, 'node_modules', '.bin', 'next'),
    args: ['start', '--keepAliveTimeout', '65000'],
    name: options.name,
    logFile: path.join(options.dataDir, `${options.name}.log`),
    root,
    port: options.port,
    distDir: options.distDir,
    dataDir: path.join(options.dataDir, `data-${options.name}`),
    demoPassword: options.demoPassword,
    apiUrl: `${options.simulatorUrl}/v0.2/`,
    canary: options.apiKey,
    env: { LOG_LEVEL: 'warn', ...options.env },
    servers: options.servers,
  });
}

/** A session cookie (`name=value`) for `email`, got through next-auth's credentials route as the sign-in form gets one. */
export async function signIn(baseURL: string, password: string, email = 'supervisor@demo.test'): Promise<string> {
  const csrf = await fetch(`${baseURL}/api/auth/csrf`);
  const csrfCookies = csrf.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: csrfCookies.join('; '), Origin: baseURL },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: '/', json: 'true' }),
  });
  await response.body?.cancel();
  const session = response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .find((cookie) => cookie.startsWith('field-review.session='));
  if (!session) throw new Error(`sign-in failed: HTTP ${response.status}`);
  return session;
}
