import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable';

const coded = (message: string, code: string) => Object.assign(new Error(message), { code });
/** As the ORM reports a statement that failed: its own error, the driver's as the cause. */
const wrapped = (cause: Error) => new Error('Failed query: select 1\nparams: ', { cause });

describe('isDatabaseUnavailable', () => {
  it('knows a pool with no free connection in time, a lost connection and a server going away', () => {
    expect(isDatabaseUnavailable(wrapped(new Error('timeout exceeded when trying to connect')))).toBe(true);
    expect(isDatabaseUnavailable(wrapped(new Error('Connection terminated unexpectedly')))).toBe(true);
    expect(isDatabaseUnavailable(coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
    expect(isDatabaseUnavailable(wrapped(coded('sorry, too many clients already', '53300')))).toBe(true);
    expect(isDatabaseUnavailable(wrapped(coded('terminating connection due to administrator command', '57P01')))).toBe(true);
    expect(isDatabaseUnavailable(wrapped(coded('the database system is starting up', '57P03')))).toBe(true);
    expect(isDatabaseUnavailable(wrapped(coded('connection failure', '08006')))).toBe(true);
  });

  it('leaves a failed statement and everything else to be a 500', () => {
    expect(isDatabaseUnavailable(wrapped(coded('duplicate key value violates unique constraint', '23505')))).toBe(false);
    expect(isDatabaseUnavailable(wrapped(coded('canceling statement due to statement timeout', '57014')))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable('timeout exceeded when trying to connect')).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
