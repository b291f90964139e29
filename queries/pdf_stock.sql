-- MD report: records that may be pending at some instant in [?1, ?2]
-- (registered before ?2 and open, or disposed at or after ?1), with their
-- registration, disposal and deadline, so the caller can count pending_end
-- and overdue_end (METRICS.md) at several day ends in one pass.
SELECT registered, disposed, deadline FROM record WHERE disposed IS NULL AND registered < ?2
UNION ALL
SELECT registered, disposed, deadline FROM record
WHERE disposed >= ?1 AND +registered < ?2 AND time_anomaly = 0
