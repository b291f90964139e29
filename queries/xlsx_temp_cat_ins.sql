-- One wing's figures for one category into temp.xlsx_cat (figures.h).
INSERT INTO temp.xlsx_cat (wing, category, received, resolved, rejected, met, breached, judged,
    compliance_pct, median_s, p90_s, pending_end, overdue_end)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
