-- The listed call of a call-back key (:day = its list day, :record_id): the
-- record and the wing it was listed for; no row when no list of that day
-- holds that record id.
SELECT c.rec, c.wing
FROM callback c JOIN record r ON r.rec = c.rec
WHERE c.report_day = :day AND r.record_id = :record_id
ORDER BY c.rec
LIMIT 1
