-- Stores one flag.
INSERT INTO flag(flag_code, severity, rec, report_day, wing, xen_id, evidence)
VALUES (:code, :severity, :rec, :report_day, :wing, :xen_id, :evidence)
