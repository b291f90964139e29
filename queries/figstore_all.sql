-- Every record as the figures' day store counts it (figstore.c's fill): the
-- columns of fig_delta, of mobile and closed_by only whether there is one.
-- All of them are in the index record_fig (fig_index.sql), which the fill
-- creates first: one pass over it, not over the wide table.
SELECT 1, wing, xen_id, category, registered, disposed, time_anomaly, status, judged_at,
       outcome, deadline, is_application, mobile IS NOT NULL,
       closed_by IS NOT NULL AND length(closed_by) > 0
FROM record INDEXED BY record_fig
