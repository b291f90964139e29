-- ingest_rekey: after ingest_upsert.sql applied a row, the record's keys
-- that upsert does not SET (category, wing, xen_id, subdivision_key,
-- registered, is_application, mobile, account), from the same parameters
-- (bind_record, ingest.c), when any of them differs from the stored one: a
-- late correction. Usually none does, and no index is touched. Only the
-- version just stored can match: the one carrying this row's load, line and
-- exported category (?30, ?31, ?32).
UPDATE record SET
    is_application = ?4, category = ?5, wing = ?6, xen_id = ?7, subdivision_key = ?9,
    registered = ?13, mobile = ?18, account = ?19
WHERE source = ?1 AND record_id = ?2 AND load_id = ?30 AND line = ?31 AND raw_category IS ?32
  AND (registered IS NOT ?13 OR category IS NOT ?5 OR wing IS NOT ?6 OR xen_id IS NOT ?7
       OR subdivision_key IS NOT ?9 OR is_application IS NOT ?4 OR mobile IS NOT ?18
       OR account IS NOT ?19)
