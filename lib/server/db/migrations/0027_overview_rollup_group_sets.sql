-- The rollups gain rows per set of user groups (facet 'groups'), so a user of some teams reads
-- their overview from the rollups: derived data, so rebuild every day on the next read.
INSERT INTO "overview_rollup_dirty" ("day")
  SELECT DISTINCT ("create_date" AT TIME ZONE 'UTC')::date FROM "work_order_index" ON CONFLICT DO NOTHING;
