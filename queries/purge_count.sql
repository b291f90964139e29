-- purge_count: how many records not yet purged were disposed before the
-- cut-off instant ?1 (an OPEN record has no disposal and is never purged).
SELECT count(*) FROM record WHERE purged = 0 AND disposed IS NOT NULL AND disposed < ?1;
