import { boolean, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export type ReasonLabels = Partial<Record<'en' | 'fr' | 'de' | 'es', string>>;

/**
 * Why a supervisor corrected the AI: a short list kept by admins. Codes are never deleted
 * (audit rows refer to them); an admin deactivates them instead. Defaults are seeded by the
 * `reason_codes_seed` migration.
 */
export const reasonCodes = pgTable('reason_codes', {
  code: text('code').primaryKey(),
  labels: jsonb('labels').$type<ReasonLabels>().notNull(),
  active: boolean('active').notNull().default(true),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export type ReasonCodeRow = typeof reasonCodes.$inferSelect;
