-- Compensation: the rest of one ledger row (record ?1): its source, id as
-- exported and the consumer's account.
SELECT source, record_id, account FROM record WHERE rec = ?1
