import { sql } from 'drizzle-orm';
import { recordAudit } from '@/lib/server/audit';
import { seedDemoUsers } from '@/lib/server/auth/seed';
import { recordSignInAttempt } from '@/lib/server/auth/throttle';
import type { Db } from '@/lib/server/db/client';
import { listTables } from '@/lib/server/db/move/catalog';
import type { SqlClient } from '@/lib/server/db/move/sql-client';
import {
  oidcGroupMappings,
  userGroupNames,
  analyses,
  doubtEngineerRates,
  doubtSettings,
  doubtTaskRates,
  idempotencyKeys,
  indexSyncSeen,
  indexSyncState,
  leases,
  savedViews,
  spotCheckAnswers,
  spotCheckDrawKeys,
  spotCheckSettings,
  spotChecks,
  upstreamCheckResults,
  users,
  webhookDeliveries,
  webhookEndpoints,
  workOrderReviews,
} from '@/lib/server/db/schema';
import { refreshRollups } from '@/lib/server/overview/rollups';
import { takeDailySnapshot } from '@/lib/server/overview/snapshots';
import { NOW, idOf, seedFleet } from '@/test/fixtures/fleet';

/** Audit rows written in bulk, so a move copies the log in many batches. */
export const BULK_AUDIT_ROWS = 1200;

/**
 * Writes rows in every table of the schema, through the app's own code where it has one
 * (demo users, the audit log, the index and its task rows, rollups, snapshots, sign-in
 * attempts), with awkward values a copy could damage: quotes, accents and new lines, JSON,
 * arrays, nulls, timestamps to the microsecond, a pending audit outcome. A table added
 * later without rows here makes `emptyTables` name it, and the database-move tests fail.
 */
export async function seedEveryTable(db: Db): Promise<void> {
  await seedDemoUsers(db, 'a demo password long enough');
  await seedFleet(db);
  await refreshRollups(db);
  await takeDailySnapshot(db, NOW);
  // A day marked again after the rollups were refreshed.
  await db.execute(sql`insert into overview_rollup_dirty (day) values ('2026-03-11') on conflict do nothing`);

  const [admin] = await db
    .select()
    .from(users)
    .where(sql`${users.role} = 'admin'`);
  await recordAudit(
    { action: 'correction', actorId: admin.id, actorEmail: admin.email, workOrderId: idOf('a'), outcome: 'pending', comment: 'l\'œil\n"vu"' },
    db,
  );
  await db.execute(sql`
    insert into audit_log (action, actor_email, work_order_id, outcome, details, at)
    select 'review', 'bulk@example.test', 'bulk-' || i, 'succeeded', jsonb_build_object('i', i, 'nested', jsonb_build_array(i, null, 'x')),
           timestamptz '2026-03-01 00:00:00.123456+00' + make_interval(secs => i * 0.000001 + i)
      from generate_series(1, ${BULK_AUDIT_ROWS}) as i`);

  await db.insert(savedViews).values([
    { ownerId: admin.id, name: 'Tout à revoir', shared: true, query: 'review=to_review&sort=-update_date', columns: ['name', 'score'] },
    { ownerId: admin.id, name: 'Mine "quoted"', query: '' },
  ]);
  await db
    .insert(workOrderReviews)
    .values({ workOrderId: idOf('c'), status: 'reviewed', reviewedBy: admin.id, reviewedAt: new Date('2026-03-10T10:30:00Z') });
  await db.insert(analyses).values({ workOrderId: idOf('a'), taskGroupName: 'front', requestedBy: admin.id, result: { ok: true, values: [1, 2.5] } });
  await db
    .insert(idempotencyKeys)
    .values({ userId: admin.id, key: 'key-1', scope: 'correction', bodyHash: 'ab'.repeat(32), status: 200, response: { kind: 'ok', body: {} } });
  await db.insert(doubtSettings).values({ id: 'weights', weights: { engineer: 7, overturnRisk: 0 }, updatedBy: admin.email, updatedAt: NOW });
  await db.insert(doubtTaskRates).values({ taskGroupName: 'Façade "nord"', taskName: "l'étiquette", sample: 12, overturned: 5, percent: 42 });
  await db.insert(doubtEngineerRates).values({ fieldEngineerEmail: 'tech@example.com', sample: 9, hits: 3, percent: 33 });
  await db.insert(leases).values({ key: `correction:${idOf('a')}:task "1"`, holder: '00000000-0000-4000-8000-00000000000a', expiresAt: NOW });
  await db.insert(upstreamCheckResults).values({ id: 'last', report: { usable: true } as never, checkedBy: admin.email, checkedAt: NOW });
  await db.insert(indexSyncState).values({ job: 'full', generation: 3, watermark: new Date('2026-03-10T11:00:00Z'), lastIndexed: 8 });
  await db.insert(indexSyncSeen).values({ generation: 3, page: 1, ids: [idOf('a'), 'with,comma', 'with "quote"'] });
  await db.execute(sql`update index_sync_state set started_at = timestamptz '2026-03-10 11:00:00.654321+00' where job = 'full'`);
  await recordSignInAttempt(db, { email: 'viewer@demo.test', ip: '192.0.2.7' }, NOW);
  const [endpoint] = await db
    .insert(webhookEndpoints)
    .values({
      url: 'https://hooks.example.test/in?team="ops"',
      description: 'l’équipe\nterrain',
      events: ['correction.applied', 'work_order.stuck'],
      stuckDays: 3,
      stuckArmedAt: NOW,
      secret: 'whsec_seed',
      createdBy: admin.email,
    })
    .returning();
  await db.insert(webhookDeliveries).values({
    endpointId: endpoint!.id,
    eventType: 'work_order.stuck',
    eventId: crypto.randomUUID(),
    eventAt: NOW,
    payload: { workOrderId: idOf('a'), stuckDays: 3, name: 'l\'œil "vu"' },
    dedupeKey: `stuck:${idOf('a')}:2026-03-01T00:00:00.000000`,
    status: 'failed',
    attempts: 2,
    nextAttemptAt: NOW,
    lastStatusCode: 500,
    lastError: 'http_500',
  });
  await db.insert(spotCheckDrawKeys).values({ workOrderId: idOf('a'), drawKey: 2 ** 52 - 1 });
  await db.insert(spotCheckSettings).values({ id: 'site', seed: 'ab'.repeat(32), ratePercent: 2.5, updatedBy: admin.email, updatedAt: NOW });
  await db
    .insert(spotChecks)
    .values({ workOrderId: idOf('a'), workOrderName: 'Poste "Nord"\nbis', checkedBy: admin.id, checkedByEmail: admin.email, checkedAt: NOW });
  await db.insert(spotCheckAnswers).values([
    { workOrderId: idOf('a'), taskGroupName: 'front', taskName: 'cabinet_closed', reviewerOk: false, aiValidated: true, aiValue: true },
    { workOrderId: idOf('a'), taskGroupName: 'front', taskName: "l'étiquette", reviewerOk: true, aiValidated: null, aiValue: null },
  ]);
  await db.execute(
    sql`update users set all_work_orders = false, user_group_ids = '{g1,"with,comma"}', unassigned_work_orders = true where email = 'viewer@demo.test'`,
  );
  await db.insert(userGroupNames).values({ id: 'g1', name: 'Équipe "Nord"' });
  await db.insert(oidcGroupMappings).values({ claimValue: 'field-north', userGroupIds: ['g1', 'with,comma'] });
}

/** The tables of our schema that hold no row (a seed that forgot one). */
export async function emptyTables(client: SqlClient): Promise<string[]> {
  const empty: string[] = [];
  for (const table of await listTables(client)) {
    const { rows } = await client.query<{ present: boolean }>(`select exists (select from public."${table.name}") as present`);
    if (!rows[0]?.present) empty.push(table.name);
  }
  return empty;
}
