import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * A named work-order list: its URL query string (filters, sort, page size) and visible
 * columns. Private to its owner unless `shared`.
 */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    shared: boolean('shared').notNull().default(false),
    /** The list's URL search params, e.g. `status=to_review&sort=-update_date`. */
    query: text('query').notNull().default(''),
    columns: jsonb('columns').$type<string[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('saved_views_owner_name_key').on(t.ownerId, t.name), index('saved_views_shared_idx').on(t.shared)],
);

export type SavedViewRow = typeof savedViews.$inferSelect;
