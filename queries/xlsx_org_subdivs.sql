-- The org chart's subdivisions, ';'-separated per XEN as in the chart, in
-- xen_id order (xlsx.c fills temp.xlsx_subdiv from them).
SELECT subdivisions FROM org_xen ORDER BY xen_id
