-- The XEN rows of the figures (as fig_xens.sql) for a cube ending before
-- local day ?1 (the day store's days: the cube's end, a local midnight),
-- from the day store once it is current (figstore.c): every XEN of the org
-- chart with its wing, plus every (wing, xen_id) pair with a record
-- registered before that day, a cell of such a day with reg > 0 (reg counts
-- every record registered on its day, whatever its state, and moves with a
-- corrected record as its other counts do). Without reading history: a
-- skip-scan over fig_cell_reg (wing, xen_id, day) WHERE reg > 0
-- (migrate_012.sql) visits each distinct wing, then each XEN of it, by min()
-- look-ups, and keeps the pairs with such a cell before the day. Sorted by
-- wing then xen_id (byte order).
WITH RECURSIVE
w (wing) AS (
    SELECT min(wing) FROM fig_cell WHERE reg > 0
    UNION ALL
    SELECT (SELECT min(c.wing) FROM fig_cell AS c WHERE c.reg > 0 AND c.wing > w.wing)
    FROM w WHERE w.wing IS NOT NULL
),
x (wing, xen_id) AS (
    SELECT w.wing, (SELECT min(c.xen_id) FROM fig_cell AS c WHERE c.reg > 0 AND c.wing = w.wing)
    FROM w WHERE w.wing IS NOT NULL
    UNION ALL
    SELECT x.wing, (SELECT min(c.xen_id) FROM fig_cell AS c
                    WHERE c.reg > 0 AND c.wing = x.wing AND c.xen_id > x.xen_id)
    FROM x WHERE x.xen_id IS NOT NULL
)
SELECT wing, xen_id FROM org_xen
UNION
SELECT wing, xen_id FROM x
WHERE xen_id IS NOT NULL
  AND EXISTS (SELECT 1 FROM fig_cell AS c
              WHERE c.reg > 0 AND c.wing = x.wing AND c.xen_id = x.xen_id AND c.day < ?1)
ORDER BY 1, 2
