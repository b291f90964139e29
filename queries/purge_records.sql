-- purge_records: erases the personal data (name, mobile, account, address,
-- closing remarks, raw row) of the records not yet purged that were disposed
-- before the cut-off instant ?1, and marks them purged (frozen: see
-- ingest_upsert). Figures, flags and the id stay; while the figures' day
-- store exists the record keeps the state it counted in fig_old (the
-- self-check counts mobiles), unless a load changed it since the store
-- counted it and keeps that state in fig_load_old (ingest_upsert.sql).
UPDATE record SET consumer_name = NULL, mobile = NULL, account = NULL, address = NULL,
                  remarks = NULL, raw = '', purged = 1,
                  fig_old = CASE WHEN fig_old IS NOT NULL
                  OR load_id > (SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'figstore_load')
                  OR NOT EXISTS (SELECT 1 FROM meta WHERE key = 'figstore_tz') THEN fig_old
              ELSE nv_figstate(wing, xen_id, category, registered, disposed,
                               time_anomaly, status, judged_at, outcome, deadline,
                               is_application, mobile, closed_by) END
WHERE purged = 0 AND disposed IS NOT NULL AND disposed < ?1;
