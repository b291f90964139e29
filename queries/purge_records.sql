-- purge_records: erases the personal data (name, mobile, account, address,
-- closing remarks, raw row) of the records not yet purged that were disposed
-- before the cut-off instant ?1, and marks them purged (frozen: see
-- ingest_upsert). Figures, flags and the id stay.
UPDATE record SET consumer_name = NULL, mobile = NULL, account = NULL, address = NULL,
                  remarks = NULL, raw = '', purged = 1
WHERE purged = 0 AND disposed IS NOT NULL AND disposed < ?1;
