import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '@/lib/server/audit';
import { getDb } from '@/lib/server/db/client';
import { reasonCodes, type ReasonCodeRow } from '@/lib/server/db/schema';
import { AppError } from '@/lib/server/http/errors';
import type { Locale } from '@/lib/shared/locales';
import type { ReasonCodeDto } from '@/lib/shared/work-order-dto';
import { requireRole } from './authorize';
import type { BodyReader, OperationContext } from './context';
import { parseInput, singleLine } from './validation';

const CODE = /^[a-z0-9][a-z0-9_]{0,63}$/;
const label = singleLine(120).pipe(z.string().min(1));
const labels = z.strictObject({ en: label, fr: label.optional(), de: label.optional(), es: label.optional() });

export const reasonCodeCreateSchema = z.strictObject({
  code: z.string().regex(CODE),
  labels,
  active: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});

export const reasonCodeUpdateSchema = z
  .strictObject({
    labels: labels.optional(),
    active: z.boolean().optional(),
    sortOrder: z.number().int().min(0).max(100_000).optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: 'required' });

function toDto(row: ReasonCodeRow, locale: Locale): ReasonCodeDto {
  return {
    code: row.code,
    label: row.labels[locale] || row.labels.en || row.code,
    labels: row.labels,
    active: row.active,
    sortOrder: row.sortOrder,
  };
}

function parseCode(raw: unknown): string {
  if (typeof raw !== 'string' || !CODE.test(raw)) throw new AppError('invalid_id', { fields: { code: 'invalid_format' } });
  return raw;
}

/** GET /api/reason-codes: active codes in order (viewer); `all` includes inactive ones (admin). */
export async function listReasonCodes(ctx: OperationContext, { all = false }: { all?: boolean } = {}): Promise<ReasonCodeDto[]> {
  await requireRole(all ? 'admin' : 'viewer');
  const db = await getDb();
  const rows = await db
    .select()
    .from(reasonCodes)
    .where(all ? undefined : eq(reasonCodes.active, true))
    .orderBy(asc(reasonCodes.sortOrder), asc(reasonCodes.code));
  return rows.map((row) => toDto(row, ctx.locale));
}

/** Whether `code` is an active reason (the correction form must use one). */
export async function isActiveReasonCode(code: string): Promise<boolean> {
  if (!CODE.test(code)) return false;
  const db = await getDb();
  const [row] = await db.select({ active: reasonCodes.active }).from(reasonCodes).where(eq(reasonCodes.code, code));
  return row?.active === true;
}

/** POST /api/reason-codes (admin) → 201. */
export async function createReasonCode(ctx: OperationContext, body: BodyReader): Promise<ReasonCodeDto> {
  const user = await requireRole('admin');
  const input = parseInput(reasonCodeCreateSchema, await body());
  const db = await getDb();
  const [row] = await db
    .insert(reasonCodes)
    .values({ code: input.code, labels: input.labels, active: input.active ?? true, sortOrder: input.sortOrder ?? 0 })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('validation_failed', { fields: { code: 'duplicate' } });
  await recordAudit({
    actorId: user.id,
    actorEmail: user.email,
    action: 'reason_code.create',
    after: input,
    outcome: 'succeeded',
    requestId: ctx.requestId,
  });
  return toDto(row, ctx.locale);
}

/** PATCH /api/reason-codes/{code} (admin): labels, active, order. Codes are never deleted. */
export async function updateReasonCode(ctx: OperationContext, rawCode: unknown, body: BodyReader): Promise<ReasonCodeDto> {
  const user = await requireRole('admin');
  const code = parseCode(rawCode);
  const input = parseInput(reasonCodeUpdateSchema, await body());
  const db = await getDb();
  const [before] = await db.select().from(reasonCodes).where(eq(reasonCodes.code, code));
  if (!before) throw new AppError('not_found');
  const [row] = await db
    .update(reasonCodes)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(reasonCodes.code, code))
    .returning();
  await recordAudit({
    actorId: user.id,
    actorEmail: user.email,
    action: 'reason_code.update',
    before: { labels: before.labels, active: before.active, sortOrder: before.sortOrder },
    after: input,
    outcome: 'succeeded',
    requestId: ctx.requestId,
    details: { code },
  });
  return toDto(row, ctx.locale);
}
