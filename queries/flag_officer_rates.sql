-- Officer-level rates: per XEN (UNASSIGNED excluded), over records disposed in
-- [:w0, :w1) (TIME_ANOMALY records excluded), the numerators and
-- denominators of every officer-level rate of FLAGS.md, and the XEN's wing
-- (org chart, else the smallest wing of its records in the window).
-- Columns: xen_id, wing, resolved, rejected, hug_num, hug_den, unverified,
-- complaints_resolved, dissatisfied, with_feedback, fast_close, repeat.
WITH w AS (
    SELECT r.rec, r.xen_id, r.wing, r.status, r.disposed, r.deadline, r.is_application,
           r.otp_verified, r.feedback
    FROM record r
    WHERE r.disposed >= :w0 AND r.disposed < :w1 AND r.disposed >= r.registered
      AND r.status IN ('RESOLVED', 'REJECTED') AND r.xen_id <> 'UNASSIGNED'
)
SELECT w.xen_id,
       coalesce((SELECT o.wing FROM org_xen o WHERE o.xen_id = w.xen_id), min(w.wing)),
       sum(w.status = 'RESOLVED'),
       sum(w.status = 'REJECTED'),
       sum(w.status = 'RESOLVED' AND w.deadline IS NOT NULL
           AND w.disposed > w.deadline - :hug AND w.disposed <= w.deadline),
       sum(w.status = 'RESOLVED' AND w.deadline IS NOT NULL),
       sum(w.status = 'RESOLVED' AND w.is_application = 0 AND w.otp_verified = 0),
       sum(w.status = 'RESOLVED' AND w.is_application = 0),
       sum(w.status = 'RESOLVED' AND w.is_application = 0 AND w.feedback = 'NOT SATISFIED'),
       sum(w.status = 'RESOLVED' AND w.is_application = 0 AND w.feedback IS NOT NULL),
       sum(w.status = 'RESOLVED' AND EXISTS (SELECT 1 FROM flag f
                                             WHERE f.rec = w.rec AND f.flag_code = 'FAST_CLOSE')),
       sum(w.status = 'RESOLVED' AND EXISTS (SELECT 1 FROM flag f
                                             WHERE f.rec = w.rec
                                               AND f.flag_code = 'REPEAT_AFTER_CLOSE'))
FROM w
GROUP BY w.xen_id
ORDER BY w.xen_id
