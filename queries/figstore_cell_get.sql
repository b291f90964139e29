-- One cell of the figures' day store (:day, :wing, :xen, :cat): its backlog
-- differences and data, to add a night's changes to (figstore.c).
SELECT pend, over, data FROM fig_cell
WHERE day = :day AND wing = :wing AND xen_id = :xen AND category = :cat
