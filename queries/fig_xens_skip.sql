-- The XEN rows of the figures (as fig_xens) for a window ending at ?1 (d1),
-- found without reading all history: a skip-scan over an index on record
-- (wing, xen_id, registered) visits each distinct wing, then each XEN of it,
-- by min() look-ups, and keeps the pairs with a record registered before ?1.
-- Used only when fig_xens_index finds such an index (without one, every step
-- would scan the table).
WITH RECURSIVE
w (wing) AS (
    SELECT min(wing) FROM record
    UNION ALL
    SELECT (SELECT min(r.wing) FROM record AS r WHERE r.wing > w.wing)
    FROM w WHERE w.wing IS NOT NULL
),
x (wing, xen_id) AS (
    SELECT w.wing, (SELECT min(r.xen_id) FROM record AS r WHERE r.wing = w.wing)
    FROM w WHERE w.wing IS NOT NULL
    UNION ALL
    SELECT x.wing, (SELECT min(r.xen_id) FROM record AS r
                    WHERE r.wing = x.wing AND r.xen_id > x.xen_id)
    FROM x WHERE x.xen_id IS NOT NULL
)
SELECT wing, xen_id FROM org_xen
UNION
SELECT wing, xen_id FROM x
WHERE xen_id IS NOT NULL
  AND EXISTS (SELECT 1 FROM record AS r
              WHERE r.wing = x.wing AND r.xen_id = x.xen_id AND r.registered < ?1)
ORDER BY 1, 2
