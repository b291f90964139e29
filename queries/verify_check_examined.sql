-- The flags' self-check (VERIFY.md), in one pass over the records of the
-- window (the caller adds the rows up, a GROUP BY would sort them): per record, TIME_ANOMALY records
-- aside, its XEN and a bit mask of the rules that examine it when it was
-- registered or disposed in [:t0, :d1): 1 FAST_CLOSE (resolved, a category
-- with a minimum, :cats = '|A|B|'), 2 BULK_CLOSE (resolved, a closing
-- login), 4 TOUT_PHONE (a mobile), 8 QUEUE_JUMP (a resolved application),
-- 16 REPEAT_AFTER_CLOSE (a resolved complaint); 32 when it was resolved and
-- disposed in the window (the officer rules rate an XEN with enough of
-- them). Rows with no bit are left out. Two disjoint branches, each a range on
-- one index: registered in the window (from record_fig alone, fig_index.sql),
-- and disposed in it but registered outside it (record_disposed carries
-- registered, so only those rows are looked up in the table); a record with
-- neither time in the window has no bit.
SELECT xen_id, m FROM (
    SELECT xen_id,
           (status = 'RESOLVED' AND instr(:cats, '|' || category || '|') > 0)
           + 2 * (status = 'RESOLVED' AND coalesce(closed_by, '') <> '')
           + 4 * (mobile IS NOT NULL)
           + 8 * (status = 'RESOLVED' AND is_application = 1)
           + 16 * (status = 'RESOLVED' AND is_application = 0)
           + 32 * (status = 'RESOLVED' AND disposed >= :t0 AND disposed < :d1) AS m
    FROM record
    WHERE registered >= :t0 AND registered < :d1 AND time_anomaly = 0
    UNION ALL
    SELECT xen_id,
           (status = 'RESOLVED' AND instr(:cats, '|' || category || '|') > 0)
           + 2 * (status = 'RESOLVED' AND coalesce(closed_by, '') <> '')
           + 4 * (mobile IS NOT NULL)
           + 8 * (status = 'RESOLVED' AND is_application = 1)
           + 16 * (status = 'RESOLVED' AND is_application = 0)
           + 32 * (status = 'RESOLVED') AS m
    FROM record
    WHERE disposed >= :t0 AND disposed < :d1 AND NOT (+registered >= :t0 AND +registered < :d1)
      AND time_anomaly = 0)
WHERE m > 0
