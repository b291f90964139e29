-- Stores one cell of the figures' day store (figstore.c), replacing it.
INSERT OR REPLACE INTO fig_cell (day, wing, xen_id, category, pend, over, data)
VALUES (:day, :wing, :xen, :cat, :pend, :over, :data)
