import { describe, expect, it } from 'vitest';
import { initials } from './AccountMenu';
import { parseColorMode } from './color-mode';
import { activeHref, isActive, visibleSections } from './nav-items';

function hrefs(role: 'viewer' | 'supervisor' | 'admin') {
  return visibleSections(role).flatMap((section) => section.items.map((item) => item.href));
}

describe('navigation', () => {
  it('shows spot checks to supervisors and up, Admin and the audit log to admins only', () => {
    expect(hrefs('admin')).toEqual(['/work-orders', '/overview', '/spot-checks', '/task-groups', '/admin', '/admin/audit']);
    expect(hrefs('supervisor')).toEqual(['/work-orders', '/overview', '/spot-checks', '/task-groups']);
    expect(hrefs('viewer')).toEqual(['/work-orders', '/overview', '/task-groups']);
  });

  it('marks a section active for its sub-pages only', () => {
    expect(isActive('/work-orders', '/work-orders')).toBe(true);
    expect(isActive('/work-orders/abc', '/work-orders')).toBe(true);
    expect(isActive('/work-orders-archive', '/work-orders')).toBe(false);
    expect(isActive('/overview', '/work-orders')).toBe(false);
  });

  it('marks only the most specific section of a nested path', () => {
    expect(activeHref('/admin/audit', hrefs('admin'))).toBe('/admin/audit');
    expect(activeHref('/admin', hrefs('admin'))).toBe('/admin');
    expect(activeHref('/sign-in', hrefs('admin'))).toBeNull();
  });
});

describe('initials', () => {
  it.each([
    [{ name: 'Ada Lovelace', email: 'ada@x.test' }, 'AL'],
    [{ name: 'Jean-Luc Picard', email: 'jl@x.test' }, 'JP'],
    [{ name: 'Cher', email: 'cher@x.test' }, 'C'],
    [{ name: null, email: 'ops.team@x.test' }, 'O'],
    [{ name: '  ', email: 'viewer@demo.test' }, 'V'],
  ])('%o → %s', (user, expected) => {
    expect(initials(user)).toBe(expected);
  });
});

describe('parseColorMode', () => {
  it('accepts the three modes and defaults to system', () => {
    expect(parseColorMode('dark')).toBe('dark');
    expect(parseColorMode('light')).toBe('light');
    expect(parseColorMode('system')).toBe('system');
    expect(parseColorMode('DARK')).toBe('system');
    expect(parseColorMode(undefined)).toBe('system');
    expect(parseColorMode('"><script>')).toBe('system');
  });
});
