-- The figures engine's index (fig_scan.sql, the full read of a cube;
-- figstore_all.sql, the fill of the day store; and the MD report's
-- data-quality counts, pdf_dq_*.sql), created by the first figures of
-- a database (not by the loader: a fresh load does not pay for it): every
-- column those scans read, led by registered, so that the records registered
-- in their range (most of what they read) come from the index alone, in
-- order, instead of a random table look-up each (the table holds the raw
-- rows: some 11 GB at 10 million records, this index under a tenth of it). From
-- then on the loads and the judgement keep it.
CREATE INDEX IF NOT EXISTS record_fig
ON record(registered, wing, xen_id, disposed, time_anomaly, status, judged_at, outcome, deadline,
          category, is_application, mobile, closed_by, source);
-- And the open records with the fields of the backlog's age bands
-- (figstore_end.sql: the backlog at a cube's end): at 10 million records
-- some 378k open records, each a random read of the wide table without it
-- (2-3 s a night, most of it copying 16 KB pages).
CREATE INDEX IF NOT EXISTS record_fig_open
ON record(registered, wing, xen_id, category, deadline) WHERE disposed IS NULL
