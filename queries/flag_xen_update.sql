-- flag_xen_update: the officer-level running sums (queries/migrate_005_flags.sql)
-- after an incremental flag pass: the records of the affected set whose
-- fields, judgement or FAST_CLOSE and REPEAT_AFTER_CLOSE flags can have
-- changed (temp.flag_todo_xen: flag_setup.sql) take back what they added to
-- flag_xen_day (flag_xen_rec) and add what they add now; the rows of
-- flag_xen_day they touched and that no longer count anything are removed.
-- :hug is DEADLINE_HUG's band in seconds; nv_flag_day(t) the local day of t
-- (flags_xen.c). The record-level flags must be current.
DELETE FROM temp.flag_xen_delta;
INSERT INTO temp.flag_xen_delta
SELECT c.day, c.xen_id, c.wing,
       -sum(c.bits & 1), -sum((c.bits >> 1) & 1), -sum((c.bits >> 2) & 1),
       -sum((c.bits >> 3) & 1), -sum((c.bits >> 4) & 1), -sum((c.bits >> 5) & 1),
       -sum((c.bits >> 6) & 1), -sum((c.bits >> 7) & 1), -sum((c.bits >> 8) & 1),
       -sum((c.bits >> 9) & 1)
FROM temp.flag_todo_xen s CROSS JOIN flag_xen_rec c ON c.rec = s.rec
GROUP BY c.day, c.xen_id, c.wing;
DELETE FROM flag_xen_rec WHERE rec IN (SELECT rec FROM temp.flag_todo_xen);
INSERT INTO flag_xen_rec(rec, day, xen_id, wing, bits)
SELECT r.rec, nv_flag_day(r.disposed), r.xen_id, r.wing,
       CASE WHEN r.status = 'RESOLVED' THEN 1 ELSE 0 END
     + CASE WHEN r.status = 'REJECTED' THEN 2 ELSE 0 END
     + CASE WHEN r.status = 'RESOLVED' AND r.deadline IS NOT NULL
                 AND r.disposed > r.deadline - :hug AND r.disposed <= r.deadline THEN 4 ELSE 0 END
     + CASE WHEN r.status = 'RESOLVED' AND r.deadline IS NOT NULL THEN 8 ELSE 0 END
     + CASE WHEN r.status = 'RESOLVED' AND r.is_application = 0 AND r.otp_verified = 0
            THEN 16 ELSE 0 END
     + CASE WHEN r.status = 'RESOLVED' AND r.is_application = 0 THEN 32 ELSE 0 END
     + CASE WHEN r.status = 'RESOLVED' AND r.is_application = 0
                 AND r.feedback = 'NOT SATISFIED' THEN 64 ELSE 0 END
     + CASE WHEN r.status = 'RESOLVED' AND r.is_application = 0 AND r.feedback IS NOT NULL
            THEN 128 ELSE 0 END
     + CASE WHEN r.status = 'RESOLVED'
                 AND EXISTS (SELECT 1 FROM flag f WHERE f.rec = r.rec AND f.flag_code = 'FAST_CLOSE')
            THEN 256 ELSE 0 END
     + CASE WHEN r.status = 'RESOLVED'
                 AND EXISTS (SELECT 1 FROM flag f
                             WHERE f.rec = r.rec AND f.flag_code = 'REPEAT_AFTER_CLOSE')
            THEN 512 ELSE 0 END
FROM temp.flag_todo_xen s CROSS JOIN record r ON r.rec = s.rec
WHERE r.status IN ('RESOLVED', 'REJECTED') AND r.disposed >= r.registered
  AND r.xen_id <> 'UNASSIGNED';
INSERT INTO temp.flag_xen_delta
SELECT c.day, c.xen_id, c.wing,
       sum(c.bits & 1), sum((c.bits >> 1) & 1), sum((c.bits >> 2) & 1),
       sum((c.bits >> 3) & 1), sum((c.bits >> 4) & 1), sum((c.bits >> 5) & 1),
       sum((c.bits >> 6) & 1), sum((c.bits >> 7) & 1), sum((c.bits >> 8) & 1),
       sum((c.bits >> 9) & 1)
FROM temp.flag_todo_xen s CROSS JOIN flag_xen_rec c ON c.rec = s.rec
GROUP BY c.day, c.xen_id, c.wing;
INSERT INTO flag_xen_day(day, xen_id, wing, resolved, rejected, hug_num, hug_den, unverified,
                         complaints_resolved, dissatisfied, with_feedback, fast_close, repeat)
SELECT day, xen_id, wing, sum(resolved), sum(rejected), sum(hug_num), sum(hug_den),
       sum(unverified), sum(complaints_resolved), sum(dissatisfied), sum(with_feedback),
       sum(fast_close), sum(repeat)
FROM temp.flag_xen_delta
GROUP BY day, xen_id, wing
ON CONFLICT (day, xen_id, wing) DO UPDATE SET
    resolved = resolved + excluded.resolved, rejected = rejected + excluded.rejected,
    hug_num = hug_num + excluded.hug_num, hug_den = hug_den + excluded.hug_den,
    unverified = unverified + excluded.unverified,
    complaints_resolved = complaints_resolved + excluded.complaints_resolved,
    dissatisfied = dissatisfied + excluded.dissatisfied,
    with_feedback = with_feedback + excluded.with_feedback,
    fast_close = fast_close + excluded.fast_close, repeat = repeat + excluded.repeat;
DELETE FROM flag_xen_day
WHERE resolved + rejected = 0
  AND (day, xen_id, wing) IN (SELECT day, xen_id, wing FROM temp.flag_xen_delta);
DELETE FROM temp.flag_xen_delta;
