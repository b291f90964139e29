-- PDF day cube (pdf_cube_load), first pass: every record registered in
-- [?1, ?2) with what its figures (METRICS.md) need, read once from the
-- registered index; the caller buckets its events (received, resolved or
-- rejected, judged MET or BREACHED) into the local days of the span.
SELECT rec, wing, xen_id, registered, disposed, status, outcome, judged_at, time_anomaly
FROM record WHERE registered >= ?1 AND registered < ?2
