-- REPEAT_AFTER_CLOSE: affected resolved complaints (is_application = 0) whose
-- account registers another complaint of the same category at or after the
-- resolution and at most :window seconds after it; the earliest such
-- complaint is the evidence. TIME_ANOMALY records neither count nor are
-- flagged.
-- Columns: rec, wing, xen_id, category, disposed, later record_id, later
-- registered, number of such later complaints.
WITH mine AS (
    SELECT r.rec, r.account, r.category, r.disposed
    FROM temp.flag_aff r
    WHERE r.need & 17 AND r.is_application = 0 AND r.status = 'RESOLVED' AND r.disposed >= r.registered
      AND r.account IS NOT NULL AND r.account <> ''
), nxt AS (
    SELECT m.rec, m.category, m.disposed, x.record_id, x.registered,
           row_number() OVER (PARTITION BY m.rec ORDER BY x.registered, x.record_id) AS k,
           count(*) OVER (PARTITION BY m.rec) AS n
    FROM mine m
    JOIN record x ON x.account = m.account AND x.category = m.category
                 AND x.registered BETWEEN m.disposed AND m.disposed + :window
    WHERE x.is_application = 0 AND x.rec <> m.rec
      AND (x.disposed IS NULL OR x.disposed >= x.registered)
)
SELECT n.rec, r.wing, r.xen_id, n.category, n.disposed, n.record_id, n.registered, n.n
FROM nxt n JOIN temp.flag_aff r ON r.rec = n.rec
WHERE n.k = 1
