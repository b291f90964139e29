-- Records sheet: the records registered in the records window [:w0, :d1)
-- (the 30 days ending with the report day, or the period when longer) of
-- every wing at once (the sheet is split by wing: xlsx.c sends each row to
-- its wing's workbook, so the window is read once), every canonical field;
-- the mobile masked (98XXXXXX21), no raw row text; flags = the record's flag
-- codes; file/line = where its stored version came from; outcome and
-- judged_at only when judged before :d1; outcome filled for every record as
-- known at :d1: MET or BREACHED once judged, NOT JUDGED when it never will
-- be (a rejection within its deadline, a time anomaly, no deadline),
-- PENDING while its deadline is still ahead; subdivision as the org chart
-- spells it (temp.xlsx_subdiv, by the matching key), else as found. Oldest
-- first.
SELECT r.record_id, r.source, r.channel, r.category, r.wing, r.xen_id,
       coalesce((SELECT s.name FROM temp.xlsx_subdiv s WHERE s.key = r.subdivision_key),
                r.subdivision) AS subdivision,
       r.raw_status, r.status, r.registered, r.disposed, r.last_updated, r.due, r.deadline,
       -- the outcome as known at the end of the report window: an open record
       -- is stored BREACHED at its (possibly future) deadline
       CASE WHEN r.judged_at < :d1 THEN r.outcome
            WHEN r.outcome IS NULL AND (r.time_anomaly = 1 OR r.deadline IS NULL
                                        OR (r.status = 'REJECTED' AND r.disposed < :d1))
                 THEN 'NOT JUDGED'
            ELSE 'PENDING' END AS outcome,
       CASE WHEN r.judged_at < :d1 THEN r.judged_at END AS judged_at,
       CASE WHEN r.disposed IS NOT NULL THEN r.disposed - r.registered END AS taken_s,
       CASE WHEN r.mobile IS NULL THEN NULL
            WHEN length(r.mobile) <= 4 THEN replace(hex(zeroblob(length(r.mobile))), '00', 'X')
            ELSE substr(r.mobile, 1, 2) || replace(hex(zeroblob(length(r.mobile) - 4)), '00', 'X')
                 || substr(r.mobile, -2) END AS mobile,
       r.account, r.consumer_name, r.address, r.closed_by, r.officer_typed,
       CASE r.otp_verified WHEN 1 THEN 'Y' WHEN 0 THEN 'N' END AS otp_verified,
       r.feedback, r.reopen_count, r.return_count, r.remarks,
       CASE WHEN r.time_anomaly = 1 OR r.disposed < r.registered THEN 'Y' END AS time_anomaly,
       -- (most records have no flag: an index probe first, before a sort)
       CASE WHEN EXISTS (SELECT 1 FROM flag WHERE flag.rec = r.rec) THEN
         (SELECT group_concat(flag_code, ' ')
            FROM (SELECT DISTINCT flag_code FROM flag WHERE flag.rec = r.rec ORDER BY flag_code))
       END AS flags,
       l.path AS file, r.line
FROM record r LEFT JOIN load l ON l.load_id = r.load_id
WHERE r.registered >= :w0 AND r.registered < :d1
ORDER BY r.registered, r.source, r.record_id
