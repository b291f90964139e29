-- NOT REACHABLE answers to calls of lists before :day (listed with priority
-- 1 or 2) not yet listed again: each goes on :day's list once more, with
-- priority 0, after its XEN's drawn rows (draw_order = the XEN's last + 1),
-- unless the record is on :day's list already. Marks nothing (see
-- verify_carry_mark.sql). Ordered by wing, xen_id, list day, record id.
SELECT o.callback_key, o.rec, c.wing, c.xen_id
FROM callback_outcome o
JOIN callback c ON c.report_day = o.list_day AND c.rec = o.rec
WHERE o.outcome = 'NOT REACHABLE' AND o.carried_to IS NULL AND c.priority > 0
  AND o.list_day < :day
  AND NOT EXISTS (SELECT 1 FROM callback d WHERE d.report_day = :day AND d.rec = o.rec)
ORDER BY c.wing COLLATE BINARY, c.xen_id COLLATE BINARY, o.list_day, o.callback_key
