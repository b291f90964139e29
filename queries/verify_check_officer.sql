-- The flags' self-check, officer level, for report day :report_day: XENs
-- flagged per code; and the XENs rated: those (not UNASSIGNED) with at
-- least :min_resolved resolved records disposed in [:t0, :d1), TIME_ANOMALY
-- aside (the officer rules' volume minimum; a code whose rate has no
-- denominator for an XEN still counts it).
SELECT flag_code, count(DISTINCT xen_id), NULL FROM flag
WHERE rec IS NULL AND report_day = :report_day
GROUP BY flag_code
UNION ALL
SELECT '', NULL, count(*) FROM (
    SELECT xen_id FROM record
    WHERE disposed >= :t0 AND disposed < :d1 AND status = 'RESOLVED' AND time_anomaly = 0
      AND xen_id <> 'UNASSIGNED'
    GROUP BY xen_id HAVING count(*) >= :min_resolved)
