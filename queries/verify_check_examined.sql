-- The flags' self-check (VERIFY.md), in one pass over the records
-- registered or disposed in [:t0, :d1), TIME_ANOMALY records aside: per
-- record, its XEN and what the caller (verify_fig.c) turns into the bit mask
-- of the rules that examine it: 1 FAST_CLOSE (resolved, a category with a
-- minimum), 2 BULK_CLOSE (resolved, a closing login), 4 TOUT_PHONE (a
-- mobile), 8 QUEUE_JUMP (a resolved application), 16 REPEAT_AFTER_CLOSE (a
-- resolved complaint); 32 when it was resolved and disposed in the window
-- (the officer rules rate an XEN with enough of them). Columns: xen_id,
-- resolved, category, a closing login, a mobile, is_application, disposed in
-- the window (the caller adds the rows up: a GROUP BY would sort them, and
-- the masks cost less in C than as SQL expressions per row). Two disjoint branches, each a range on
-- one index: registered in the window (from record_fig alone, fig_index.sql),
-- and disposed in it but registered outside it (record_disposed carries
-- registered, so only those rows are looked up in the table); a record with
-- neither time in the window has no bit.
SELECT xen_id, status = 'RESOLVED', category, coalesce(closed_by <> '', 0), mobile IS NOT NULL,
       is_application, coalesce(disposed >= :t0 AND disposed < :d1, 0)
FROM record
WHERE registered >= :t0 AND registered < :d1 AND time_anomaly = 0
UNION ALL
SELECT xen_id, status = 'RESOLVED', category, coalesce(closed_by <> '', 0), mobile IS NOT NULL,
       is_application, 1
FROM record
WHERE disposed >= :t0 AND disposed < :d1 AND NOT (+registered >= :t0 AND +registered < :d1)
  AND time_anomaly = 0
