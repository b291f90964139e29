-- Stores one cell of the figures' day store (figstore.c), replacing it;
-- :reg, the records registered on the day (a count its data holds too), is
-- a column for fig_xens_store.sql and xlsx_wings_store.sql.
INSERT OR REPLACE INTO fig_cell (day, wing, xen_id, category, pend, over, data, reg)
VALUES (:day, :wing, :xen, :cat, :pend, :over, :data, :reg)
