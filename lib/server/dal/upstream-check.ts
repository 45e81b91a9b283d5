import 'server-only';
import { eq } from 'drizzle-orm';
import { recordAudit } from '@/lib/server/audit';
import { getDb } from '@/lib/server/db/client';
import { upstreamCheckResults } from '@/lib/server/db/schema';
import { runUpstreamCheck } from '@/lib/server/deepomatic/upstream-check';
import type { UpstreamCheckReport, UpstreamCheckState } from '@/lib/shared/upstream-check';
import { operation } from './operation';

/**
 * The admin page's "Deepomatic site" section (admins only): the last upstream check, and a new
 * one on demand. A check runs only when an admin asks for it (about ten reads upstream), never
 * on opening the page; its result is kept in the database, so the page shows the last one on
 * every instance. One check at a time per instance: a second click while one runs waits for it.
 */

const LAST = 'last';
const RUNNING = Symbol.for('field-review.upstream-check.running');
type GlobalWithCheck = typeof globalThis & { [RUNNING]?: Promise<UpstreamCheckReport> };

/** GET /api/admin/upstream-check — the last check, or none yet. */
export const getLastUpstreamCheck = operation({
  role: 'admin',
  scope: { none: 'the upstream connection check: endpoints and timings, no work order' },
  async run(): Promise<UpstreamCheckState> {
    const [row] = await (await getDb()).select().from(upstreamCheckResults).where(eq(upstreamCheckResults.id, LAST));
    return { report: row?.report ?? null, checkedBy: row?.checkedBy ?? null };
  },
});

/** POST /api/admin/upstream-check — runs the check now, keeps and returns its result. */
export const runUpstreamCheckNow = operation({
  role: 'admin',
  scope: { none: 'the upstream connection check: endpoints and timings, no work order' },
  async run({ user: admin, ctx }): Promise<UpstreamCheckState> {
    const store = globalThis as GlobalWithCheck;
    // Not the browser's signal: a check that started is finished and kept even if the page goes.
    const running = (store[RUNNING] ??= runUpstreamCheck({ requestId: ctx.requestId }).finally(() => delete store[RUNNING]));
    const report = await running;
    const row = { id: LAST, report, checkedBy: admin.email, checkedAt: new Date(report.checkedAt) };
    await (
      await getDb()
    )
      .insert(upstreamCheckResults)
      .values(row)
      .onConflictDoUpdate({ target: upstreamCheckResults.id, set: { report: row.report, checkedBy: row.checkedBy, checkedAt: row.checkedAt } });
    await recordAudit({
      actorId: admin.id,
      actorEmail: admin.email,
      action: 'upstream_check_run',
      outcome: 'succeeded',
      requestId: ctx.requestId,
      details: { usable: report.usable, blocker: report.blocker, degraded: report.degraded.map((degradation) => degradation.key) },
    });
    return { report, checkedBy: admin.email };
  },
});
