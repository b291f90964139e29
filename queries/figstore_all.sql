-- Every record as the figures' day store counts it (figstore.c's fill): the
-- columns of fig_delta, of mobile and closed_by only whether there is one.
-- One pass over the table, in row order.
SELECT 1, wing, xen_id, category, registered, disposed, time_anomaly, status, judged_at,
       outcome, deadline, is_application, mobile IS NOT NULL,
       closed_by IS NOT NULL AND length(closed_by) > 0
FROM record NOT INDEXED
