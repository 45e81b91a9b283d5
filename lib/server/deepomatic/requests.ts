import { z } from 'zod';
import { WORK_ORDER_NAME_MAX_LENGTH } from '@/lib/shared/work-order-name';
import { isTaskGroupName } from './ids';

/**
 * Request bodies and query parameters sent upstream. Callers' values are parsed with these
 * strict schemas and the upstream body is rebuilt from the parsed result (nothing is
 * forwarded raw, unknown keys are refused). Field names are the upstream's (snake_case) so
 * a form and the upstream's own 400 answers point at the same names.
 */

const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const noControlChars = (value: string) => !CONTROL_CHARS.test(value);

/** Any value is a valid name upstream (spaces, accents, slashes): sent exactly as given, never trimmed. */
export const workOrderNameSchema = z.string().min(1).max(WORK_ORDER_NAME_MAX_LENGTH).refine(noControlChars, { message: 'invalid_format' });

const metadataKey = z
  .string()
  .min(1)
  .max(128)
  .refine((key) => !FORBIDDEN_KEYS.has(key) && noControlChars(key), { message: 'invalid_format' });

const metadataValue = z.union([z.string().max(2_000), z.number().refine(Number.isFinite, { message: 'invalid' }), z.boolean(), z.null()]);

/** Free key → value metadata (keys with spaces are real: `"ID PB"`). */
export const metadataSchema = z
  // zod silently drops an own `__proto__` key; refuse it (and its siblings) explicitly instead.
  .custom<unknown>((value) => !(value && typeof value === 'object' && Object.keys(value).some((key) => FORBIDDEN_KEYS.has(key))), {
    message: 'invalid_format',
  })
  .pipe(z.record(metadataKey, metadataValue))
  .refine((value) => Object.keys(value).length <= 200, { message: 'too_big' });

const tag = z.string().trim().min(1).max(128).refine(noControlChars, { message: 'invalid_format' });
const typeName = z.string().trim().min(1).max(128).refine(noControlChars, { message: 'invalid_format' });
const userGroupId = z.union([z.string().trim().min(1).max(128).refine(noControlChars), z.number().int().nonnegative()]);

const workOrderFields = {
  name: workOrderNameSchema,
  metadata: metadataSchema.optional(),
  tags: z.array(tag).max(100).optional(),
  field_engineer_email: z.email().max(254).nullable().optional(),
  user_group_ids: z.array(userGroupId).max(100).optional(),
  work_order_types: z.array(typeName).max(100).optional(),
};

/** `POST /work-orders/` and `PUT /work-orders/{id}/`. */
export const createWorkOrderInputSchema = z.strictObject(workOrderFields);
export const replaceWorkOrderInputSchema = createWorkOrderInputSchema;

/** `PATCH /work-orders/{id}/`: any non-empty subset. */
export const updateWorkOrderInputSchema = z
  .strictObject(workOrderFields)
  .partial()
  .refine((value) => Object.keys(value).length > 0, { message: 'required' });

export type CreateWorkOrderInput = z.input<typeof createWorkOrderInputSchema>;
export type ReplaceWorkOrderInput = CreateWorkOrderInput;
export type UpdateWorkOrderInput = z.input<typeof updateWorkOrderInputSchema>;
export type MetadataInput = z.input<typeof metadataSchema>;

const IMAGE_DATA_URI = /^data:image\/(?:jpeg|jpg|png|\*);base64,[A-Za-z0-9+/]+={0,2}$/;
const PDF_DATA_URI = /^data:application\/pdf;base64,[A-Za-z0-9+/]+={0,2}$/;
// A 8 MB PDF is ~10.7 M base64 characters.
const MAX_SOURCE_LENGTH = 12_000_000;

function isHttpUrl(value: string): boolean {
  if (value.length > 2_048) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
  } catch {
    return false;
  }
}

const imageSource = z
  .string()
  .max(MAX_SOURCE_LENGTH)
  .refine((value) => isHttpUrl(value) || IMAGE_DATA_URI.test(value), { message: 'invalid_format' });
const pdfSource = z
  .string()
  .max(MAX_SOURCE_LENGTH)
  .refine((value) => isHttpUrl(value) || PDF_DATA_URI.test(value), { message: 'invalid_format' });

export const analysisInputSchema = z.union([
  z.strictObject({ image: z.strictObject({ source: imageSource }) }),
  z.strictObject({ pdf: z.strictObject({ source: pdfSource }) }),
]);

/** `POST /work-orders/{id}/analyze/`: one image or PDF for one task group. */
export const analyzeInputSchema = z.strictObject({
  task_group_name: z.string().refine(isTaskGroupName, { message: 'invalid_format' }),
  inputs: z.array(analysisInputSchema).length(1),
});

export type AnalyzeInput = z.input<typeof analyzeInputSchema>;

export const callbackUrlSchema = z.string().refine(isHttpUrl, { message: 'invalid_format' });

/** `corrected_value`: typed like the task's outcome (checked by the caller against it). */
export const correctedValueSchema = z.union([
  z.boolean(),
  z.number().refine(Number.isFinite, { message: 'invalid' }),
  z.string().max(256).refine(noControlChars, { message: 'invalid_format' }),
]);

export type CorrectedValue = z.input<typeof correctedValueSchema>;

export const WORK_ORDER_ORDERINGS = ['create_date', '-create_date', 'update_date', '-update_date'] as const;

const isoDateParam = z
  .union([z.date(), z.iso.datetime({ offset: true })])
  .transform((value) => (value instanceof Date ? value : new Date(value)))
  .refine((date) => !Number.isNaN(date.getTime()), { message: 'invalid_date' })
  .transform((date) => date.toISOString());

export const listWorkOrdersParamsSchema = z.strictObject({
  page: z.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.number().int().min(1).max(1_000).default(100),
  ordering: z.enum(WORK_ORDER_ORDERINGS).optional(),
  updatedAfter: isoDateParam.optional(),
  createdAfter: isoDateParam.optional(),
  name: workOrderNameSchema.optional(),
  /** A page's `nextCursor`: when given, the other parameters are not used. */
  cursor: z.string().max(8_192).optional(),
});

export type ListWorkOrdersParams = z.input<typeof listWorkOrdersParamsSchema>;
