-- The flags' self-check: records flagged per record-level code among those
-- registered or disposed in [:t0, :d1) (times from flag_seen, as in
-- verify_fig_reviews.sql).
SELECT f.flag_code, count(DISTINCT f.rec)
FROM flag f JOIN flag_seen s ON s.rec = f.rec
WHERE (s.registered >= :t0 AND s.registered < :d1) OR (s.disposed >= :t0 AND s.disposed < :d1)
GROUP BY f.flag_code
