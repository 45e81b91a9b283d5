import { describe, expect, it } from 'vitest';
import type { AuditRow } from '@/lib/server/db/schema';
import type { TimelineEvent } from '@/lib/server/deepomatic/types';
import { mergeTimeline } from './timeline';

const WO = '3f6c1d2e-8a4b-4c5d-9e7f-0a1b2c3d4e5f';

function event(id: string, date: string, type = 'analysis'): TimelineEvent {
  return {
    id,
    work_order_id: WO,
    date,
    type,
    user_email: 'api@example.com',
    task_group_name: 'g',
    task_id: null,
    task_name: null,
    input_id: null,
    payload: { status: 'analysis_ok', nested: { x: 1 } },
  };
}

function row(id: string, at: string, action = 'correction'): AuditRow {
  return {
    id,
    at: new Date(at),
    seq: 0,
    actorId: null,
    actorEmail: 'sup@example.com',
    action,
    workOrderId: WO,
    taskId: 't',
    taskGroupName: null,
    taskName: 'task',
    before: { correctedValue: null },
    after: { correctedValue: true },
    reason: 'other',
    comment: null,
    outcome: 'applied',
    requestId: 'r',
    details: { taskGroupName: 'g' },
  };
}

describe('mergeTimeline', () => {
  it('merges upstream events and our audit rows newest first, hiding access denials', () => {
    const entries = mergeTimeline(
      [event('e1', '2026-01-01T10:00:00.000000Z'), event('e2', '2026-01-01T12:00:00.000000Z', 'correction')],
      [row('a1', '2026-01-01T11:00:00Z'), row('a2', '2026-01-01T13:00:00Z', 'authz_denied')],
    );
    expect(entries.map((e) => e.id)).toEqual(['upstream:e2', 'audit:a1', 'upstream:e1']);
    expect(entries[1]).toMatchObject({
      source: 'field_review',
      type: 'correction',
      actorEmail: 'sup@example.com',
      outcome: 'applied',
      reason: 'other',
      taskGroupName: 'g',
    });
    expect(entries[0].payload).toEqual({ status: 'analysis_ok' });
  });

  it('names the task group from the row, else from what older rows kept in their details', () => {
    const [entry] = mergeTimeline([], [{ ...row('a3', '2026-01-01T11:00:00Z'), taskGroupName: 'column', details: { taskGroupName: 'details' } }]);
    expect(entry).toMatchObject({ taskGroupName: 'column', taskName: 'task' });
  });
});
