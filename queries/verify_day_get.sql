-- Whether a day's call-back list is stored (callback_day): its salted flag,
-- and the number of rows listed and of NOT REACHABLE calls listed again.
SELECT d.salted,
       (SELECT count(*) FROM callback c WHERE c.report_day = d.report_day),
       (SELECT count(*) FROM callback c WHERE c.report_day = d.report_day AND c.priority = 0)
FROM callback_day d WHERE d.report_day = :day
