-- The figures engine's index (fig_scan.sql, whose read the flags'
-- self-check counts its examined records from, and the MD report's
-- data-quality counts, pdf_dq_*.sql), created by the first figures of
-- a database (not by the loader: a fresh load does not pay for it): every
-- column those scans read, led by registered, so that the records registered
-- in their range (most of what they read) come from the index alone, in
-- order, instead of a random table look-up each (the table holds the raw
-- rows: some 11 GB at 10 million records, this index under a tenth of it). From
-- then on the loads and the judgement keep it.
CREATE INDEX IF NOT EXISTS record_fig
ON record(registered, wing, xen_id, disposed, time_anomaly, status, judged_at, outcome, deadline,
          category, is_application, mobile, closed_by, source)
