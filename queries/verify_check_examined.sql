-- The flags' self-check (VERIFY.md): records each record-level rule
-- examined among those registered or disposed in [:t0, :d1), TIME_ANOMALY
-- records aside: FAST_CLOSE resolved records of a category with a minimum
-- (:cats = '|A|B|'), BULK_CLOSE resolved records with a closing login,
-- TOUT_PHONE records with a mobile, QUEUE_JUMP resolved applications,
-- REPEAT_AFTER_CLOSE resolved complaints.
SELECT coalesce(sum(status = 'RESOLVED' AND instr(:cats, '|' || category || '|') > 0), 0),
       coalesce(sum(status = 'RESOLVED' AND coalesce(closed_by, '') <> ''), 0),
       coalesce(sum(mobile IS NOT NULL), 0),
       coalesce(sum(status = 'RESOLVED' AND is_application = 1), 0),
       coalesce(sum(status = 'RESOLVED' AND is_application = 0), 0)
FROM record
WHERE time_anomaly = 0
  AND ((registered >= :t0 AND registered < :d1) OR (disposed >= :t0 AND disposed < :d1))
