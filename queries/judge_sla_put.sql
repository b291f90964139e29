-- One category's SLA limit in seconds (?1 category, ?2 seconds) for judge_stale.
INSERT INTO temp.nv_sla (category, secs) VALUES (?1, ?2)
