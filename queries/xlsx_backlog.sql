-- Open backlog sheet: one wing's records pending at the end of the window
-- (registered < :d1, not disposed before :d1; time anomalies left out) per
-- XEN (every XEN of the chart, zeros included), by age at :d1 in bands
-- [0, 24 h), [24 h, 48 h), [48 h, 7 days), 7 days and more; overdue =
-- deadline before :d1; oldest_s = age of the oldest, in seconds. Two
-- branches, each a range on one index ('+' keeps the planner off the wing
-- index).
WITH p AS (
  SELECT xen_id, :d1 - registered AS age, deadline
  FROM record WHERE disposed IS NULL AND registered < :d1 AND +wing = :wing
  UNION ALL
  SELECT xen_id, :d1 - registered AS age, deadline
  FROM record WHERE disposed >= :d1 AND +registered < :d1 AND +wing = :wing
    AND disposed >= registered
), x AS (
  SELECT xen_id FROM org_xen WHERE wing = :wing
  UNION
  SELECT xen_id FROM p
)
SELECT x.xen_id,
  COUNT(p.age) AS pending,
  SUM(CASE WHEN p.age < 86400 THEN 1 ELSE 0 END) AS band_0_24h,
  SUM(CASE WHEN p.age >= 86400 AND p.age < 172800 THEN 1 ELSE 0 END) AS band_24_48h,
  SUM(CASE WHEN p.age >= 172800 AND p.age < 604800 THEN 1 ELSE 0 END) AS band_2_7d,
  SUM(CASE WHEN p.age >= 604800 THEN 1 ELSE 0 END) AS band_7d_plus,
  SUM(CASE WHEN p.deadline < :d1 THEN 1 ELSE 0 END) AS overdue,
  MAX(p.age) AS oldest_s
FROM x LEFT JOIN p ON p.xen_id = x.xen_id
GROUP BY x.xen_id
ORDER BY x.xen_id
