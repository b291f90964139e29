-- The cells of local days :lo .. :hi (the cube's days and the day after its
-- end, whose backlog differences close it): figstore.c adds them into the
-- cube's bins.
SELECT day, wing, xen_id, category, pend, over, data FROM fig_cell
WHERE day >= :lo AND day <= :hi
