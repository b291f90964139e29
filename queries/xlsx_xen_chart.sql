-- Summary chart data: compliance per XEN of one wing, report window and 30
-- days; XENs only (UNASSIGNED, the records no XEN answers for, is left out).
SELECT xen_id, compliance_pct, compliance_30, NULLIF(rank, 0) AS rank
FROM temp.xlsx_xen
WHERE wing = :wing AND xen_id <> 'UNASSIGNED'
ORDER BY xen_id
