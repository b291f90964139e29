-- The counted day figures of METRICS.md over [?1, ?2) per (wing, xen_id):
-- received (registered in the window), resolved / rejected (disposed in the
-- window, by status), met / breached (judged in the window, by outcome),
-- pending_end (registered before ?2 and open, or disposed at or after ?2) and
-- overdue_end (pending_end with deadline before ?2). TIME_ANOMALY records are
-- left out of every figure. Each branch is a range on one index (registered,
-- disposed, judged_at, and the partial index record_open for the backlog), so
-- a day's figures never scan all history; '+' keeps the planner off the other
-- column's index.
SELECT wing, xen_id, sum(rcv), sum(res), sum(rej), sum(met), sum(brd), sum(pnd), sum(ovd)
FROM (
    SELECT wing, xen_id, 1 AS rcv, 0 AS res, 0 AS rej, 0 AS met, 0 AS brd, 0 AS pnd, 0 AS ovd
    FROM record WHERE registered >= ?1 AND registered < ?2 AND time_anomaly = 0
    UNION ALL
    SELECT wing, xen_id, 0, status = 'RESOLVED', status = 'REJECTED', 0, 0, 0, 0
    FROM record WHERE disposed >= ?1 AND disposed < ?2 AND time_anomaly = 0
    UNION ALL
    SELECT wing, xen_id, 0, 0, 0, outcome = 'MET', outcome = 'BREACHED', 0, 0
    FROM record WHERE judged_at >= ?1 AND judged_at < ?2 AND outcome IS NOT NULL
    UNION ALL
    SELECT wing, xen_id, 0, 0, 0, 0, 0, 1, coalesce(deadline < ?2, 0)
    FROM record WHERE disposed IS NULL AND registered < ?2
    UNION ALL
    SELECT wing, xen_id, 0, 0, 0, 0, 0, 1, coalesce(deadline < ?2, 0)
    FROM record WHERE disposed >= ?2 AND +registered < ?2 AND time_anomaly = 0
)
GROUP BY wing, xen_id
ORDER BY wing, xen_id
