-- Lists a NOT REACHABLE call once more on :day, priority 0, after the rows
-- already listed for its XEN that day.
INSERT INTO callback(report_day, rec, wing, xen_id, priority, draw_order, hash)
SELECT :day, :rec, :wing, :xen_id, 0,
       coalesce((SELECT max(draw_order) FROM callback
                 WHERE report_day = :day AND wing = :wing AND xen_id = :xen_id), 0) + 1, ''
