-- Risk flags sheet: the wing's open register (VERIFY.md). Every record-level
-- flag of the wing whose record was registered or disposed in the 30 days
-- [:t0, :d1), and each officer-level flag of the wing raised in the 30 days
-- ending with the report day (or for the report itself, a period) once per
-- (code, XEN), on its latest day, with the number of days it was raised.
-- Beside each, its flag key (code|source|record_id, code|xen_id|report_day)
-- and the stored review, note and reviewer (empty when none or withdrawn).
-- Subdivision as the org chart spells it (temp.xlsx_subdiv), else as found.
-- HIGH first, then by code, source, record, XEN.
WITH off AS (
    SELECT flag_code, xen_id, max(report_day) AS last_day, count(DISTINCT report_day) AS days
    FROM flag
    WHERE rec IS NULL AND wing = :wing
      AND (report_day = :report_day
           OR (length(report_day) = 10
               AND report_day BETWEEN date(substr(:report_day, -10), '-29 days')
                                  AND substr(:report_day, -10)))
    GROUP BY flag_code, xen_id),
reg AS (
    SELECT f.severity, f.flag_code, 'record' AS level, r.record_id, r.source, f.xen_id,
           coalesce((SELECT s.name FROM temp.xlsx_subdiv s WHERE s.key = r.subdivision_key),
                    r.subdivision) AS subdivision,
           r.category, r.status, r.registered, r.disposed, NULL AS days_raised,
           f.evidence, f.flag_code || '|' || r.source || '|' || r.record_id AS flag_key
    -- from the wing's flags (thousands), not the window's records (hundreds
    -- of thousands): CROSS JOIN keeps flag the outer loop
    FROM flag f CROSS JOIN record r ON r.rec = f.rec
    WHERE f.wing = :wing AND f.rec IS NOT NULL
      AND ((r.registered >= :t0 AND r.registered < :d1) OR (r.disposed >= :t0 AND r.disposed < :d1))
    UNION ALL
    SELECT f.severity, f.flag_code, 'XEN', NULL, NULL, f.xen_id, NULL, NULL, NULL, NULL, NULL,
           o.days, f.evidence, f.flag_code || '|' || f.xen_id || '|' || f.report_day
    FROM off o
    JOIN flag f ON f.rec IS NULL AND f.wing = :wing AND f.flag_code = o.flag_code
                AND f.xen_id = o.xen_id AND f.report_day = o.last_day)
SELECT g.severity, g.flag_code, g.level, g.record_id, g.source, g.xen_id, g.subdivision,
       g.category, g.status, g.registered, g.disposed, g.days_raised, g.evidence, g.flag_key,
       v.review, v.note AS review_note, v.reviewer AS reviewed_by
FROM reg g LEFT JOIN flag_review v ON v.flag_key = g.flag_key
ORDER BY CASE g.severity WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 ELSE 2 END,
         g.flag_code, g.source, g.record_id, g.xen_id
