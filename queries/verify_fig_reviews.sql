-- Flags per wing and review state over the wings' open registers (as the
-- workbooks' Risk flags sheet lists them, queries/xlsx_flags.sql): record-
-- level flags on records registered or disposed in [:t0, :d1), and the
-- officer-level flags of the 30 days ending :last, once per (code, XEN) on
-- the latest day. State: the stored review, 'OPEN' when none or withdrawn.
-- The records' times are those each flag carries (migrate_006.sql: its
-- record's, kept current by the flag pass, as the register prints them):
-- neither the wide record rows nor flag_seen is read.
WITH off AS (
    SELECT flag_code, xen_id, wing, max(report_day) AS last_day
    FROM flag
    WHERE rec IS NULL AND length(report_day) = 10
      AND report_day BETWEEN date(:last, '-29 days') AND :last
    GROUP BY flag_code, xen_id, wing),
reg AS (
    SELECT f.wing, f.flag_code, f.rec, NULL AS xen_id, NULL AS day
    FROM flag f
    WHERE f.rec IS NOT NULL
      AND ((f.registered >= :t0 AND f.registered < :d1) OR (f.disposed >= :t0 AND f.disposed < :d1))
    UNION ALL
    SELECT wing, flag_code, NULL, xen_id, last_day FROM off)
SELECT g.wing,
       coalesce((SELECT v.review FROM flag_review v
                 WHERE v.flag_code = g.flag_code
                   AND ((g.rec IS NOT NULL AND v.rec = g.rec)
                        OR (g.rec IS NULL AND v.rec IS NULL AND v.xen_id = g.xen_id
                            AND v.flag_day = g.day))), 'OPEN'),
       count(*)
FROM reg g
GROUP BY 1, 2
ORDER BY 1 COLLATE BINARY, 2
