-- Compensation (COMPENSATION.md): the records that may be owed in [?1, ?2)
-- or accruing at ?2 (?1 = the earliest window start, ?2 = d1): still open
-- (OPEN: disposed is NULL) and registered before ?2; or RESOLVED, not a
-- TIME_ANOMALY, disposed at or after ?1 and registered before ?2 (a REJECTED
-- record owes nothing), and ran longer than ?3 seconds (the shortest
-- statutory limit of a compensable category: a record resolved sooner is on
-- time, and so is one disposed at or after ?2 that was disposed sooner, as its
-- end is ?2). The first part reads index record_comp_open alone (named: the planner
-- would take record_disposed and read the table), the second record_resolved
-- (fig_index.sql). The caller keeps those of a compensable category that
-- ran past the statutory limit (days_late > 0) and reads the rest of a
-- ledger row with comp_detail.sql.
SELECT rec, category, registered, disposed, wing, xen_id, return_count
FROM record INDEXED BY record_comp_open WHERE disposed IS NULL AND registered < ?2
UNION ALL
SELECT rec, category, registered, disposed, wing, xen_id, return_count
FROM record
WHERE status = 'RESOLVED' AND time_anomaly = 0 AND disposed >= ?1 AND registered < ?2
  AND disposed - registered > ?3
