-- The flags' self-check: records flagged per record-level code among those
-- registered or disposed in [:t0, :d1).
SELECT f.flag_code, count(DISTINCT f.rec)
FROM flag f JOIN record r ON r.rec = f.rec
WHERE (r.registered >= :t0 AND r.registered < :d1) OR (r.disposed >= :t0 AND r.disposed < :d1)
GROUP BY f.flag_code
