import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '@/lib/server/audit';
import { getDb } from '@/lib/server/db/client';
import { reasonCodes, type ReasonCodeRow } from '@/lib/server/db/schema';
import { AppError } from '@/lib/server/http/errors';
import type { Locale } from '@/lib/shared/locales';
import type { ReasonCodeDto } from '@/lib/shared/work-order-dto';
import { operation } from './operation';
import { singleLine } from './validation';

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

const codeParams = z.object({ code: z.custom<string>((value) => typeof value === 'string' && CODE.test(value), { message: 'invalid_format' }) });

async function reasonCodeRows(all: boolean): Promise<ReasonCodeRow[]> {
  const db = await getDb();
  return db
    .select()
    .from(reasonCodes)
    .where(all ? undefined : eq(reasonCodes.active, true))
    .orderBy(asc(reasonCodes.sortOrder), asc(reasonCodes.code));
}

/** GET /api/reason-codes: the active codes, in order (what the correction form offers). */
export const listReasonCodes = operation({
  role: 'viewer',
  scope: { none: 'the site-wide list of correction reasons' },
  async run({ ctx }): Promise<ReasonCodeDto[]> {
    return (await reasonCodeRows(false)).map((row) => toDto(row, ctx.locale));
  },
});

/** GET /api/reason-codes?all=1: every code, inactive ones included (to manage them). */
export const listAllReasonCodes = operation({
  role: 'admin',
  scope: { none: 'the site-wide list of correction reasons' },
  async run({ ctx }): Promise<ReasonCodeDto[]> {
    return (await reasonCodeRows(true)).map((row) => toDto(row, ctx.locale));
  },
});

/** Every reason code's label in `locale` (inactive ones too: old corrections still name them). */
export async function reasonLabels(locale: Locale): Promise<Map<string, string>> {
  return new Map((await reasonCodeRows(true)).map((row) => [row.code, toDto(row, locale).label]));
}

/** Whether `code` is an active reason (the correction form must use one). */
export async function isActiveReasonCode(code: string): Promise<boolean> {
  if (!CODE.test(code)) return false;
  const db = await getDb();
  const [row] = await db.select({ active: reasonCodes.active }).from(reasonCodes).where(eq(reasonCodes.code, code));
  return row?.active === true;
}

/** POST /api/reason-codes → 201. */
export const createReasonCode = operation({
  role: 'admin',
  scope: { none: 'the site-wide list of correction reasons' },
  input: { body: reasonCodeCreateSchema },
  async run({ user, input, ctx }): Promise<ReasonCodeDto> {
    const db = await getDb();
    const [row] = await db
      .insert(reasonCodes)
      .values({ code: input.body.code, labels: input.body.labels, active: input.body.active ?? true, sortOrder: input.body.sortOrder ?? 0 })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('validation_failed', { fields: { code: 'duplicate' } });
    await recordAudit({
      actorId: user.id,
      actorEmail: user.email,
      action: 'reason_code.create',
      after: input.body,
      outcome: 'succeeded',
      requestId: ctx.requestId,
    });
    return toDto(row, ctx.locale);
  },
});

/** PATCH /api/reason-codes/{code}: labels, active, order. Codes are never deleted. */
export const updateReasonCode = operation({
  role: 'admin',
  scope: { none: 'the site-wide list of correction reasons' },
  input: { params: codeParams, body: reasonCodeUpdateSchema },
  async run({ user, input, ctx }): Promise<ReasonCodeDto> {
    const { code } = input.params;
    const db = await getDb();
    const [before] = await db.select().from(reasonCodes).where(eq(reasonCodes.code, code));
    if (!before) throw new AppError('not_found');
    const [row] = await db
      .update(reasonCodes)
      .set({ ...input.body, updatedAt: new Date() })
      .where(eq(reasonCodes.code, code))
      .returning();
    await recordAudit({
      actorId: user.id,
      actorEmail: user.email,
      action: 'reason_code.update',
      before: { labels: before.labels, active: before.active, sortOrder: before.sortOrder },
      after: input.body,
      outcome: 'succeeded',
      requestId: ctx.requestId,
      details: { code },
    });
    return toDto(row, ctx.locale);
  },
});
