import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('password hashing', () => {
  it('hashes with argon2id and a per-hash salt', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('correct horse');
  });

  it('verifies the right password only', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword(stored, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse batterY')).toBe(false);
    expect(await verifyPassword(stored, '')).toBe(false);
  });

  it('fails closed without a hash, on a corrupt hash, and on absurd lengths', async () => {
    expect(await verifyPassword(null, 'anything')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
    expect(await verifyPassword(await hashPassword('x'.repeat(20)), 'x'.repeat(10_000))).toBe(false);
  });

  it('states the password policy', () => {
    expect(passwordProblem('short')).toBe('passwordTooShort');
    expect(passwordProblem('long enough!')).toBeNull();
    expect(passwordProblem('x'.repeat(257))).toBe('passwordTooLong');
  });
});
