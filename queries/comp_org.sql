-- Compensation: the XENs of the org chart with their wing, so that the
-- by-wing and by-XEN figures list each of them, zeros included.
SELECT wing, xen_id FROM org_xen ORDER BY wing, xen_id
