-- The figures engine's indexes, created by the first figures of a database
-- (not by the loader: a fresh load does not pay for them); from then on the
-- loads and the judgement keep them. (A covering index of every record,
-- record_fig, served the full reads before the day store: migrate_011.sql.)
-- The records of no XEN of the chart or of no known category, by
-- registration: the MD report's data-quality counts (pdf_dq_*.sql) read a
-- window's few of them, not every record of the window.
CREATE INDEX IF NOT EXISTS record_dq ON record(registered)
    WHERE xen_id = 'UNASSIGNED' OR category = 'UNMAPPED';
-- The resolved records (not time anomalies) by disposal, with every column
-- that the service figures (service_day.sql), the call-back draw
-- (verify_candidates.sql) and compensation (comp_records.sql) read of them:
-- a day's closures, or a month's, come from the index alone, not a random
-- read of the wide table each (status and time_anomaly are columns too: the
-- planner of SQLite 3.40 takes an index as covering only for the columns it
-- holds).
CREATE INDEX IF NOT EXISTS record_resolved
ON record(disposed, registered, category, wing, xen_id, return_count, is_application, layout,
          otp_verified, reopen_count, feedback, record_id, mobile, status, time_anomaly)
WHERE status = 'RESOLVED' AND time_anomaly = 0;
-- And the open records with the fields of the backlog's age bands
-- (figstore_end.sql: the backlog at a cube's end): at 10 million records
-- some 378k open records, each a random read of the wide table without it
-- (2-3 s a night, most of it copying 16 KB pages).
CREATE INDEX IF NOT EXISTS record_fig_open
ON record(registered, wing, xen_id, category, deadline) WHERE disposed IS NULL
