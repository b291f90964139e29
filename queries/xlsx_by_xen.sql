-- By XEN sheet: every figure of METRICS.md per XEN of one wing over the
-- report window, as metrics_compute() gave them (temp.xlsx_xen, filled by
-- xlsx.c), with the 30-day rank (metrics_rank; 0 = not ranked, shown empty),
-- in the ranking's own order (ord: the league table's, not sorted again
-- here); mark = :worst on the wing's three last ranked (worst = 1).
SELECT xen_id, NULLIF(rank, 0) AS rank, CASE WHEN worst = 1 THEN :worst END AS mark,
       compliance_30, judged_30, median_30,
       received, prev_received, resolved, rejected, met, breached,
       met + breached AS judged, compliance_pct, prev_compliance_pct, change_pct,
       median_hours, p90_hours, pending_end, overdue_end
FROM temp.xlsx_xen
WHERE wing = :wing
ORDER BY ord, xen_id
