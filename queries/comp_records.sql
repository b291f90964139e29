-- Compensation (COMPENSATION.md): the records that may be owed in [?1, ?2)
-- or accruing at ?2 (?1 = the earliest window start, ?2 = d1): still open and
-- registered before ?2, or disposed at or after ?1 and registered before ?2;
-- never a REJECTED record or a TIME_ANOMALY. The caller keeps those of a
-- compensable category that ran past the statutory limit (days_late > 0).
SELECT source, record_id, account, category, wing, xen_id, registered, disposed, status,
       return_count
FROM record WHERE disposed IS NULL AND registered < ?2
UNION ALL
SELECT source, record_id, account, category, wing, xen_id, registered, disposed, status,
       return_count
FROM record
WHERE disposed >= ?1 AND +registered < ?2 AND time_anomaly = 0 AND status <> 'REJECTED'
