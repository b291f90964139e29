-- Stores one row of a day's call-back list.
INSERT INTO callback(report_day, rec, wing, xen_id, priority, draw_order, hash)
VALUES (:day, :rec, :wing, :xen_id, :priority, :draw_order, :hash)
