-- flag_xen_all: the officer-level running sums (queries/migrate_005_flags.sql)
-- rebuilt from every record, after a full flag pass: each record that counts
-- (RESOLVED or REJECTED, no TIME_ANOMALY, an XEN) with its bits, then their
-- sums per local day of disposal, XEN and wing. The FAST_CLOSE and
-- REPEAT_AFTER_CLOSE flags are read once, by record (a look-up of the flag
-- table per record would cost two index searches each). :hug is
-- DEADLINE_HUG's band in seconds; nv_flag_day(t) the local day of t.
DELETE FROM flag_xen_rec;
DELETE FROM flag_xen_day;
WITH fl AS MATERIALIZED (
    SELECT rec, max(flag_code = 'FAST_CLOSE') AS fast, max(flag_code = 'REPEAT_AFTER_CLOSE') AS rep
    FROM flag
    WHERE rec IS NOT NULL AND flag_code IN ('FAST_CLOSE', 'REPEAT_AFTER_CLOSE')
    GROUP BY rec
)
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
     + CASE WHEN r.status = 'RESOLVED' AND fl.fast THEN 256 ELSE 0 END
     + CASE WHEN r.status = 'RESOLVED' AND fl.rep THEN 512 ELSE 0 END
FROM record r NOT INDEXED
LEFT JOIN fl ON fl.rec = r.rec
WHERE r.status IN ('RESOLVED', 'REJECTED') AND r.disposed >= r.registered
  AND r.xen_id <> 'UNASSIGNED'
ORDER BY r.rec;
INSERT INTO flag_xen_day(day, xen_id, wing, resolved, rejected, hug_num, hug_den, unverified,
                         complaints_resolved, dissatisfied, with_feedback, fast_close, repeat)
SELECT c.day, c.xen_id, c.wing,
       sum(c.bits & 1), sum((c.bits >> 1) & 1), sum((c.bits >> 2) & 1),
       sum((c.bits >> 3) & 1), sum((c.bits >> 4) & 1), sum((c.bits >> 5) & 1),
       sum((c.bits >> 6) & 1), sum((c.bits >> 7) & 1), sum((c.bits >> 8) & 1),
       sum((c.bits >> 9) & 1)
FROM flag_xen_rec c
GROUP BY c.day, c.xen_id, c.wing;
