import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.APP_URL = 'http://127.0.0.1:3999';
});

vi.mock('@/lib/server/dal/authorize', () => import('@/test/fakes/authorize'));

import * as auditRoute from '@/app/api/admin/audit/route';
import * as exportRoute from '@/app/api/admin/audit/export/route';
import { auditLog } from '@/lib/server/db/schema';
import type { AuditPageDto } from '@/lib/shared/audit-log';
import { session } from '@/test/fakes/authorize';
import { csvRecords } from '@/test/harness/csv';
import { context, failureOf, setUpDalIntegration, testUser } from '@/test/harness/dal';
import { exportAuditLogCsv, listAuditLog } from './audit-log';

const admin = testUser('admin');
const setup = setUpDalIntegration({ signedIn: admin });

const WO = crypto.randomUUID();
const OTHER_WO = crypto.randomUUID();

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

function get(handler: unknown, path: string): Promise<Response> {
  return (handler as Handler)(new NextRequest(`http://127.0.0.1:3999${path}`, { headers: { 'x-request-id': crypto.randomUUID() } }), {
    params: Promise.resolve({}),
  });
}

/** Every page of the list for `query`, following the cursor. */
async function allPages(query: string, limit: number): Promise<{ ids: string[]; pages: number; totals: number[] }> {
  const ids: string[] = [];
  const totals: number[] = [];
  let cursor: number | null = null;
  let pages = 0;
  do {
    const params = new URLSearchParams(query);
    params.set('limit', String(limit));
    if (cursor !== null) params.set('cursor', String(cursor));
    const page: AuditPageDto = await listAuditLog(context(), { query: params });
    ids.push(...page.rows.map((row) => row.id));
    totals.push(page.total);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor !== null);
  return { ids, pages, totals };
}

/** Twelve corrections of one work order by one supervisor (three refused), and noise around them. */
async function seed(actor: string) {
  const rows = [];
  for (let i = 0; i < 12; i += 1) {
    rows.push({
      at: new Date(Date.UTC(2026, 10, 20, 8, i)),
      actorEmail: actor,
      action: 'correction',
      workOrderId: WO,
      taskGroupName: 'pm-ouvert-avant',
      taskName: `Task ${i}`,
      before: { correctedValue: null },
      after: { correctedValue: i % 2 === 0 },
      reason: i === 0 ? '=HYPERLINK("http://evil.test","click")' : 'ai_wrong',
      comment: i === 1 ? 'line one\nline two, with "quotes"' : null,
      outcome: i % 4 === 0 ? ('rejected' as const) : ('applied' as const),
      requestId: crypto.randomUUID(),
      details: { i },
    });
  }
  rows.push({ at: new Date(Date.UTC(2026, 10, 20, 9)), actorEmail: actor, action: 'correction', workOrderId: OTHER_WO, outcome: 'applied' as const });
  rows.push({ at: new Date(Date.UTC(2026, 10, 21, 9)), actorEmail: actor, action: 'correction', workOrderId: WO, outcome: 'applied' as const });
  rows.push({
    at: new Date(Date.UTC(2026, 10, 20, 10)),
    actorEmail: 'someone@else.test',
    action: 'correction',
    workOrderId: WO,
    outcome: 'applied' as const,
  });
  await setup.db.insert(auditLog).values(rows);
}

describe('audit log operations', () => {
  it('filters by user, action, work order, outcome and day, newest first, and pages through every row once', async () => {
    const actor = `sup-${crypto.randomUUID().slice(0, 8)}@test.example`;
    await seed(actor);
    const query = `actor=${encodeURIComponent(actor.toUpperCase())}&action=correction&workOrder=${WO}&from=2026-11-20&to=2026-11-20`;

    const first = await listAuditLog(context(), { query });
    expect(first.total).toBe(12);
    expect(first.rows.map((row) => row.taskName)).toEqual(Array.from({ length: 12 }, (_, i) => `Task ${11 - i}`));
    expect(first.query).toBe(`actor=${encodeURIComponent(actor)}&action=correction&workOrder=${WO}&from=2026-11-20&to=2026-11-20`);
    expect(first.actors).toEqual(expect.any(Array));

    const paged = await allPages(query, 5);
    expect(paged.pages).toBe(3);
    expect(paged.ids).toEqual(first.rows.map((row) => row.id));
    expect(paged.totals).toEqual([12, 12, 12]);

    const refused = await listAuditLog(context(), { query: `${query}&outcome=rejected` });
    expect(refused.rows.map((row) => row.taskName)).toEqual(['Task 8', 'Task 4', 'Task 0']);
    expect(refused.total).toBe(3);
  });

  it('exports exactly the filtered rows (all pages, newest first), formulas disarmed, and audits the export', async () => {
    const actor = `sup-${crypto.randomUUID().slice(0, 8)}@test.example`;
    await seed(actor);
    const query = `actor=${encodeURIComponent(actor)}&workOrder=${WO}&to=2026-11-20`;
    const listed = await allPages(query, 5);

    const response = await get(exportRoute.GET, `/api/admin/audit/export?${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-log-[\dT-]+\.csv"$/);
    expect(response.headers.get('x-total-count')).toBe('12');
    const records = csvRecords(await response.text());
    expect(records.map((record) => record.id)).toEqual(listed.ids);
    const task0 = records.find((record) => record.task_name === 'Task 0')!;
    expect(task0.reason).toBe(`'=HYPERLINK("http://evil.test","click")`);
    expect(JSON.parse(task0.after)).toEqual({ correctedValue: true });
    expect(records.find((record) => record.task_name === 'Task 1')!.comment).toBe('line one\nline two, with "quotes"');

    const exports = await listAuditLog(context(), { query: `action=audit_log_exported&actor=${encodeURIComponent(admin.email)}` });
    expect(exports.rows[0].details).toEqual({ query, total: 12 });
  });

  it('exports only the header when nothing matches', async () => {
    const { stream, total } = await exportAuditLogCsv(context(), { query: `workOrder=${crypto.randomUUID()}` });
    expect(total).toBe(0);
    const text = await new Response(stream).text();
    expect(
      text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n'),
    ).toHaveLength(1);
  });

  it('answers 400 in our error shape, naming each bad filter', async () => {
    const response = await get(auditRoute.GET, '/api/admin/audit?outcome=maybe&workOrder=wo-1&from=2026-13-01&sort=at');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; requestId: string; fields: Record<string, string> };
    expect(body.error).toBe('invalid_query');
    expect(Object.keys(body.fields).sort()).toEqual(['from', 'outcome', 'sort', 'workOrder']);
    expect((await get(exportRoute.GET, '/api/admin/audit/export?limit=abc')).status).toBe(400);
  });

  it('refuses a supervisor with 403, and the refusal is itself in the log', async () => {
    const supervisor = testUser('supervisor');
    session.user = supervisor;
    expect(await failureOf(() => listAuditLog(context(), { query: '' }))).toMatchObject({ code: 'forbidden', status: 403 });
    expect((await get(exportRoute.GET, '/api/admin/audit/export')).status).toBe(403);

    session.user = admin;
    const denied = await listAuditLog(context(), { query: `actor=${encodeURIComponent(supervisor.email)}&action=authz_denied&outcome=denied` });
    expect(denied.total).toBe(2);
    expect(denied.rows.map((row) => row.actorId)).toEqual([supervisor.id, supervisor.id]);
  });
});
