-- ingest_org_insert: one XEN of the org chart in force (?1 xen_id, ?2 wing,
-- ?3 subdivisions as in the chart, ';'-separated).
INSERT INTO org_xen (xen_id, wing, subdivisions) VALUES (?1, ?2, ?3);
