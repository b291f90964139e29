-- The stale-record index the next judgements read (judge_stale.sql):
-- created at the end of the first judgement, and kept from then on.
-- Not in indexes.sql: right after a fresh load every row is stale, and an
-- index built then would hold every row only for the judgement to delete
-- them all; created here it holds none (one scan of the table, no sort).
-- Later loads add the rows they mark stale, and a nightly pass reads just
-- those.
CREATE INDEX IF NOT EXISTS record_stale ON record(rec) WHERE judge_stale = 1;
