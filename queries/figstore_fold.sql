-- The backlog and overdue at the start of local day :lo per (wing, XEN,
-- category): the sum of every earlier difference (the day itself included:
-- a record registered the day before is pending at its start). Keys whose
-- sums are 0 have nothing pending then.
SELECT wing, xen_id, category, sum(pend), sum(over) FROM fig_cell
WHERE day < :lo + 1
GROUP BY wing, xen_id, category
HAVING sum(pend) <> 0 OR sum(over) <> 0
