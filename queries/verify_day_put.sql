-- Records that the call-back list of :day is drawn (with or without a salt).
INSERT INTO callback_day(report_day, salted, per_xen) VALUES (:day, :salted, :per_xen)
