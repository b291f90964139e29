-- Overdue now sheet: every record of one wing pending and overdue at the end
-- of the report window (METRICS.md: overdue_end = registered before :d1, not
-- disposed before :d1, deadline before :d1), oldest first; age_s = :d1 -
-- registered, late_s = :d1 - deadline (seconds; the sheet shows days and
-- hours); subdivision as the org chart spells it (temp.xlsx_subdiv), else as
-- found; status_now = the status as last loaded (a record disposed after the
-- window shows how it ended). Two ranges of record_disposed: still open
-- (disposed IS NULL), and disposed at or after :d1; a time anomaly is never
-- pending.
WITH od AS (
    SELECT rec FROM record
    WHERE disposed IS NULL AND registered < :d1 AND deadline < :d1 AND +wing = :wing
    UNION ALL
    SELECT rec FROM record
    WHERE disposed >= :d1 AND +registered < :d1 AND deadline < :d1 AND +wing = :wing
      AND time_anomaly = 0)
SELECT r.record_id, r.source, r.channel, r.category, r.xen_id,
       coalesce((SELECT s.name FROM temp.xlsx_subdiv s WHERE s.key = r.subdivision_key),
                r.subdivision) AS subdivision,
       r.registered, r.deadline, :d1 - r.registered AS age_s, :d1 - r.deadline AS late_s,
       r.status AS status_now,
       CASE WHEN r.mobile IS NULL THEN NULL
            WHEN length(r.mobile) <= 4 THEN replace(hex(zeroblob(length(r.mobile))), '00', 'X')
            ELSE substr(r.mobile, 1, 2) || replace(hex(zeroblob(length(r.mobile) - 4)), '00', 'X')
                 || substr(r.mobile, -2) END AS mobile,
       r.reopen_count
FROM od JOIN record r ON r.rec = od.rec
ORDER BY r.registered, r.source, r.record_id
