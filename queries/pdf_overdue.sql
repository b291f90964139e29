-- MD report: the backlog overdue at instant ?1 (pending_end and deadline
-- before ?1, METRICS.md) per wing and category, and how many of those were
-- overdue already at ?2 (= ?1 minus 7 days: overdue by more than 7 days).
SELECT wing, category, count(*), sum(deadline < ?2)
FROM (
    SELECT wing, category, deadline FROM record
    WHERE disposed IS NULL AND registered < ?1 AND deadline < ?1
    UNION ALL
    SELECT wing, category, deadline FROM record
    WHERE disposed >= ?1 AND +registered < ?1 AND time_anomaly = 0 AND deadline < ?1
)
GROUP BY wing, category
ORDER BY wing, category
