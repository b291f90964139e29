-- Flags per wing and review state over the wings' open registers (as the
-- workbooks' Risk flags sheet lists them, queries/xlsx_flags.sql): record-
-- level flags on records registered or disposed in [:t0, :d1), and the
-- officer-level flags of the 30 days ending :last, once per (code, XEN) on
-- the latest day. State: the stored review, 'OPEN' when none or withdrawn.
WITH off AS (
    SELECT flag_code, xen_id, wing, max(report_day) AS last_day
    FROM flag
    WHERE rec IS NULL AND length(report_day) = 10
      AND report_day BETWEEN date(:last, '-29 days') AND :last
    GROUP BY flag_code, xen_id, wing),
reg AS (
    SELECT f.wing, f.flag_code || '|' || r.source || '|' || r.record_id AS flag_key
    FROM flag f JOIN record r ON r.rec = f.rec
    WHERE (r.registered >= :t0 AND r.registered < :d1) OR (r.disposed >= :t0 AND r.disposed < :d1)
    UNION ALL
    SELECT wing, flag_code || '|' || xen_id || '|' || last_day FROM off)
SELECT g.wing, coalesce(v.review, 'OPEN'), count(*)
FROM reg g LEFT JOIN flag_review v ON v.flag_key = g.flag_key
GROUP BY 1, 2
ORDER BY 1 COLLATE BINARY, 2
