-- 1 when the record table has a full (not partial) index whose leading
-- columns are wing, xen_id, registered, so that fig_xens_skip can list the
-- XEN rows without reading all history; else 0.
SELECT count(*) FROM pragma_index_list('record') AS l
WHERE l.partial = 0
  AND (SELECT group_concat(name, ',')
       FROM (SELECT i.name FROM pragma_index_info(l.name) AS i ORDER BY i.seqno))
      LIKE 'wing,xen_id,registered%'
