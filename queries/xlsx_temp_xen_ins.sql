-- One XEN's figures into the scratch table temp.xlsx_xen (values from metrics.h).
INSERT INTO temp.xlsx_xen (wing, xen_id, rank, received, resolved, rejected, met, breached,
    compliance_pct, median_hours, p90_hours, pending_end, overdue_end, prev_compliance_pct,
    change_pct, prev_received, judged_30, compliance_30, median_30, ord, worst)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
        ?20, ?21)
