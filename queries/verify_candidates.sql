-- The call-back draw's candidates for the report day [:d0, :d1) (VERIFY.md):
-- RESOLVED complaints of a layout that maps a mobile (:layouts = '|a|b|',
-- the names of such layouts) with a mobile to call, disposed in the day,
-- not TIME_ANOMALY, of a mapped wing and an XEN. priority 1 when the record carries a record-level
-- flag or OTP_VERIFIED = N, else 2. Grouped by wing then xen_id (the hash
-- order within a group is computed by the caller). The day's closures come
-- from the covering index record_resolved (fig_index.sql) once it exists.
SELECT r.rec, r.record_id, r.wing, r.xen_id,
       CASE WHEN r.otp_verified = 0 OR EXISTS (SELECT 1 FROM flag f WHERE f.rec = r.rec)
            THEN 1 ELSE 2 END AS priority
FROM record r
WHERE r.disposed >= :d0 AND r.disposed < :d1
  AND r.status = 'RESOLVED' AND r.is_application = 0 AND r.time_anomaly = 0
  AND r.wing <> 'UNMAPPED' AND r.xen_id <> 'UNASSIGNED' AND r.mobile IS NOT NULL
  AND instr(:layouts, '|' || r.layout || '|') > 0
ORDER BY r.wing COLLATE BINARY, r.xen_id COLLATE BINARY
