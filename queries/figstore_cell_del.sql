-- Removes a cell of the figures' day store that its changes left empty.
DELETE FROM fig_cell WHERE day = :day AND wing = :wing AND xen_id = :xen AND category = :cat
