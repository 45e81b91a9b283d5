/**
 * What `vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'))` does in
 * the DAL integration tests, for a benchmark run by tsx (no vitest): every import of the DAL's
 * `authorize` module loads the integration tests' fake instead, whose signed-in user is whatever
 * `session.user` holds. The real module reads the session cookie through Next.js's request
 * scope, which does not exist outside a route handler.
 *
 * Call `installFakeSession()` before the first import of a DAL module. tsx loads the project's
 * TypeScript as CommonJS, so the swap happens in Node's CommonJS resolver.
 */
import Module from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const realModule = path.join(root, 'lib', 'server', 'dal', 'authorize.ts');
const fakeModule = path.join(root, 'test', 'fakes', 'authorize.ts');

type Resolver = (request: string, ...rest: unknown[]) => string;

export function installFakeSession(): void {
  const resolver = Module as unknown as { _resolveFilename: Resolver };
  const original = resolver._resolveFilename;
  resolver._resolveFilename = function resolveFilename(this: unknown, request: string, ...rest: unknown[]) {
    const resolved = original.call(this, request, ...rest);
    return resolved === realModule ? fakeModule : resolved;
  };
}
