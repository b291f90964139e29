-- PDF day cube: one record (by rec) with the columns of pdf_cube_reg.
SELECT rec, wing, xen_id, registered, disposed, status, outcome, judged_at, time_anomaly
FROM record WHERE rec = ?1
