-- The XENs of the org chart with their wing: the figures engine marks them,
-- so that a listing of XENs (the backlog by age) shows every one of them
-- even with nothing pending.
SELECT wing, xen_id FROM org_xen ORDER BY 1, 2
