import { describe, expect, it } from 'vitest';
import { ROLES, isRole, roleAtLeast } from './roles';

describe('roles', () => {
  it('orders viewer < supervisor < admin', () => {
    expect(ROLES).toEqual(['viewer', 'supervisor', 'admin']);
  });

  it.each([
    ['viewer', 'viewer', true],
    ['viewer', 'supervisor', false],
    ['viewer', 'admin', false],
    ['supervisor', 'viewer', true],
    ['supervisor', 'supervisor', true],
    ['supervisor', 'admin', false],
    ['admin', 'viewer', true],
    ['admin', 'supervisor', true],
    ['admin', 'admin', true],
  ] as const)('roleAtLeast(%s, %s) is %s', (role, min, expected) => {
    expect(roleAtLeast(role, min)).toBe(expected);
  });

  it('grants nothing to unknown or missing roles', () => {
    expect(roleAtLeast(undefined as never, 'viewer')).toBe(false);
    expect(roleAtLeast(null as never, 'viewer')).toBe(false);
    expect(roleAtLeast('root' as never, 'viewer')).toBe(false);
    expect(isRole('Admin')).toBe(false);
    expect(isRole('admin')).toBe(true);
  });
});
