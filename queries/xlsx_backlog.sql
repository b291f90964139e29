-- Open backlog sheet: one wing's records pending at the end of the window per
-- XEN (every XEN of the chart, zeros included, and every other XEN with a
-- record pending), by age in bands [0, 24 h), [24 h, 48 h), [48 h, 7 days),
-- 7 days and more; overdue = past the deadline; oldest_s = age of the
-- oldest, in seconds: as the figures engine computed them
-- (temp.xlsx_backlog, filled by xlsx.c).
SELECT xen_id, pending, band_0_24h, band_24_48h, band_2_7d, band_7d_plus, overdue, oldest_s
FROM temp.xlsx_backlog
WHERE wing = :wing
ORDER BY xen_id
