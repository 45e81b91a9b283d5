import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/server/db/client';
import { doubtEngineerRates, doubtTaskRates } from '@/lib/server/db/schema';
import { idIn, selectRows } from '@/lib/server/db/sql';
import { ENGINEER_WINDOW_DAYS, MIN_ENGINEER_SAMPLE, MIN_TASK_SAMPLE } from '@/lib/shared/doubt';
import { taskKey, type TaskName } from '@/lib/shared/task-key';

/**
 * The site-wide rates the doubt score reads, recomputed from the index and kept in their own
 * tables (so every instance, and a single row's refresh, reads the same figures). What changed
 * is returned: only the work orders those figures touch need a new score.
 */

export interface RateChanges {
  /** Task names whose overturn percent changed. */
  tasks: TaskName[];
  /** Engineers whose percent changed. */
  engineers: string[];
}

function percentOf(hits: number, sample: number, minimum: number): number {
  return sample >= minimum ? Math.round((100 * hits) / sample) : 0;
}

/**
 * Per task name: of the tasks with an AI verdict, how many a correction turned to the other
 * verdict (the rules' verdict on the AI's value against the upstream's verdict on the
 * corrected one). Names, never ids: ids change with every application version.
 */
async function freshTaskRates(db: Db) {
  const rows = await selectRows<{ task_group_name: string; task_name: string; sample: number; overturned: number }>(
    db,
    sql`select task_group_name, task_name,
               count(*) filter (where ai_validated is not null)::int as sample,
               count(*) filter (where ai_validated is not null and corrected and ai_validated <> validated)::int as overturned
          from work_order_task_index
         group by task_group_name, task_name
        having count(*) filter (where ai_validated is not null) > 0`,
  );
  return rows.map((row) => ({
    taskGroupName: row.task_group_name,
    taskName: row.task_name,
    sample: row.sample,
    overturned: row.overturned,
    percent: percentOf(row.overturned, row.sample, MIN_TASK_SAMPLE),
  }));
}

/** Per field engineer: of their work orders updated in the window (detail known), those with a retake or a correction. */
async function freshEngineerRates(db: Db, now: Date) {
  const since = new Date(now.getTime() - ENGINEER_WINDOW_DAYS * 86_400_000);
  const rows = await selectRows<{ email: string; sample: number; hits: number }>(
    db,
    sql`select w.field_engineer_email as email, count(*)::int as sample,
               count(*) filter (where coalesce(s.retakes, 0) > 0 or coalesce(w.tasks_corrected, 0) > 0)::int as hits
          from work_order_index w
          left join work_order_input_stats s on s.work_order_id = w.id
         where w.detail_synced_at is not null and w.field_engineer_email <> ''
           and w.update_date >= ${since.toISOString()}::timestamptz
         group by w.field_engineer_email`,
  );
  return rows.map((row) => ({
    fieldEngineerEmail: row.email,
    sample: row.sample,
    hits: row.hits,
    percent: percentOf(row.hits, row.sample, MIN_ENGINEER_SAMPLE),
  }));
}

/** Recomputes both rate tables; returns whose percent changed (a new or vanished rate counts when it is not 0). */
export async function refreshRates(db: Db, now = new Date()): Promise<RateChanges> {
  const [tasks, engineers, storedTasks, storedEngineers] = await Promise.all([
    freshTaskRates(db),
    freshEngineerRates(db, now),
    db.select().from(doubtTaskRates),
    db.select().from(doubtEngineerRates),
  ]);

  const changes: RateChanges = { tasks: [], engineers: [] };
  const oldTasks = new Map(storedTasks.map((row) => [taskKey(row.taskGroupName, row.taskName), row]));
  const taskWrites = tasks.filter((row) => {
    const old = oldTasks.get(taskKey(row.taskGroupName, row.taskName));
    oldTasks.delete(taskKey(row.taskGroupName, row.taskName));
    if ((old?.percent ?? 0) !== row.percent) changes.tasks.push({ taskGroupName: row.taskGroupName, taskName: row.taskName });
    return !old || old.sample !== row.sample || old.overturned !== row.overturned;
  });
  for (const gone of oldTasks.values()) {
    if (gone.percent !== 0) changes.tasks.push({ taskGroupName: gone.taskGroupName, taskName: gone.taskName });
    await db.delete(doubtTaskRates).where(and(eq(doubtTaskRates.taskGroupName, gone.taskGroupName), eq(doubtTaskRates.taskName, gone.taskName)));
  }
  for (let start = 0; start < taskWrites.length; start += 500) {
    await db
      .insert(doubtTaskRates)
      .values(taskWrites.slice(start, start + 500))
      .onConflictDoUpdate({
        target: [doubtTaskRates.taskGroupName, doubtTaskRates.taskName],
        set: { sample: sql`excluded.sample`, overturned: sql`excluded.overturned`, percent: sql`excluded.percent` },
      });
  }

  const oldEngineers = new Map(storedEngineers.map((row) => [row.fieldEngineerEmail, row]));
  const engineerWrites = engineers.filter((row) => {
    const old = oldEngineers.get(row.fieldEngineerEmail);
    oldEngineers.delete(row.fieldEngineerEmail);
    if ((old?.percent ?? 0) !== row.percent) changes.engineers.push(row.fieldEngineerEmail);
    return !old || old.sample !== row.sample || old.hits !== row.hits;
  });
  const goneEngineers = [...oldEngineers.values()];
  for (const gone of goneEngineers) if (gone.percent !== 0) changes.engineers.push(gone.fieldEngineerEmail);
  if (goneEngineers.length > 0) {
    await db.delete(doubtEngineerRates).where(
      idIn(
        doubtEngineerRates.fieldEngineerEmail,
        goneEngineers.map((row) => row.fieldEngineerEmail),
      ),
    );
  }
  for (let start = 0; start < engineerWrites.length; start += 500) {
    await db
      .insert(doubtEngineerRates)
      .values(engineerWrites.slice(start, start + 500))
      .onConflictDoUpdate({
        target: doubtEngineerRates.fieldEngineerEmail,
        set: { sample: sql`excluded.sample`, hits: sql`excluded.hits`, percent: sql`excluded.percent` },
      });
  }
  return changes;
}
