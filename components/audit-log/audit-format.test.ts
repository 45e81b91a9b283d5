import { describe, expect, it } from 'vitest';
import { changeSummary, jsonText, outcomeColor, shortValue, taskLabel } from './audit-format';

describe('audit row formatting', () => {
  it('says what changed, field by field, with the value before', () => {
    expect(changeSummary({ role: 'viewer' }, { role: 'supervisor' })).toBe('role: viewer → supervisor');
    expect(changeSummary({ analyzedValue: false, correctedValue: null }, { correctedValue: true })).toBe('correctedValue: — → true');
    expect(changeSummary(null, { email: 'a@b.test', role: 'viewer' })).toBe('email: a@b.test; role: viewer');
    expect(changeSummary(1, 2)).toBe('1 → 2');
    expect(changeSummary(null, null)).toBeNull();
  });

  it('keeps values short', () => {
    expect(shortValue('x'.repeat(100))).toHaveLength(60);
    expect(shortValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
  });

  it('names a task by group and name', () => {
    expect(taskLabel({ taskGroupName: 'pm-ouvert-avant', taskName: 'Cable labelled' })).toBe('pm-ouvert-avant / Cable labelled');
    expect(taskLabel({ taskGroupName: null, taskName: null })).toBeNull();
  });

  it('colours refusals red and settled writes green', () => {
    expect(outcomeColor('denied')).toBe('error');
    expect(outcomeColor('applied')).toBe('success');
    expect(outcomeColor('conflict')).toBe('warning');
    expect(outcomeColor(null)).toBe('default');
  });

  it('shows markup in details as text', () => {
    expect(jsonText({ path: '<img src=x onerror=alert(1)>' })).toContain('"<img src=x onerror=alert(1)>"');
  });
});
