-- By XEN sheet: every figure of METRICS.md per XEN of one wing over the
-- report window, as metrics_compute() gave them (temp.xlsx_xen, filled by
-- xlsx.c), with the 30-day rank (metrics_rank; 0 = not ranked, shown empty);
-- ranked XENs first by rank, then the unranked by xen_id.
SELECT xen_id, NULLIF(rank, 0) AS rank, compliance_30, judged_30, median_30,
       received, prev_received, resolved, rejected, met, breached,
       met + breached AS judged, compliance_pct, prev_compliance_pct, change_pct,
       median_hours, p90_hours, pending_end, overdue_end
FROM temp.xlsx_xen
WHERE wing = :wing
ORDER BY rank = 0, rank, xen_id
