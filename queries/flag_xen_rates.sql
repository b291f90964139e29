-- Officer-level rates from the running sums (queries/migrate_005_flags.sql):
-- per XEN (UNASSIGNED excluded), over the local days of disposal
-- [:first, :last], the numerators and denominators of every officer-level
-- rate of FLAGS.md, and the XEN's wing (org chart, else the smallest wing of
-- its records in the window). The same columns, rows and order as
-- queries/flag_officer_rates.sql, which computes them from the records (the
-- full pass).
-- Columns: xen_id, wing, resolved, rejected, hug_num, hug_den, unverified,
-- complaints_resolved, dissatisfied, with_feedback, fast_close, repeat.
SELECT d.xen_id,
       coalesce((SELECT o.wing FROM org_xen o WHERE o.xen_id = d.xen_id), min(d.wing)),
       sum(d.resolved), sum(d.rejected), sum(d.hug_num), sum(d.hug_den), sum(d.unverified),
       sum(d.complaints_resolved), sum(d.dissatisfied), sum(d.with_feedback),
       sum(d.fast_close), sum(d.repeat)
FROM flag_xen_day d
WHERE d.day BETWEEN :first AND :last AND d.xen_id <> 'UNASSIGNED'
GROUP BY d.xen_id
ORDER BY d.xen_id
