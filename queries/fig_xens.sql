-- The XEN rows of the figures for a window ending at ?1 (d1): every XEN of the
-- org chart with its wing, plus every (wing, xen_id) pair found in records
-- registered before ?1 that the chart lacks (UNASSIGNED, or all XENs of a
-- layout without a chart). Sorted by wing then xen_id (byte order).
SELECT wing, xen_id FROM org_xen
UNION
SELECT wing, xen_id FROM record WHERE registered < ?1
ORDER BY 1, 2
