-- One subdivision of the org chart into temp.xlsx_subdiv (xlsx_temp.sql):
-- ?1 its matching key (normalise.h norm_key, as record.subdivision_key),
-- ?2 its spelling in the chart. The first XEN's spelling wins (xen_id order).
INSERT OR IGNORE INTO temp.xlsx_subdiv (key, name) VALUES (?1, ?2)
