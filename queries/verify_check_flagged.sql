-- The flags' self-check: records flagged per record-level code among those
-- registered or disposed in [:t0, :d1), by the times each flag carries (its
-- record's, kept current by the flag pass: migrate_006.sql), as in
-- verify_fig_reviews.sql: no record or flag_seen row is read.
SELECT f.flag_code, count(DISTINCT f.rec)
FROM flag f
WHERE f.rec IS NOT NULL
  AND ((f.registered >= :t0 AND f.registered < :d1) OR (f.disposed >= :t0 AND f.disposed < :d1))
GROUP BY f.flag_code
