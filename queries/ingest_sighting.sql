-- ingest_sighting: one sighting of a record in a loaded file (record history):
-- ?1 source, ?2 record_id, ?3 load_id, ?4 physical line, ?5 applied (1 when
-- this sighting became the stored row).
INSERT INTO record_load (source, record_id, load_id, line, applied) VALUES (?1, ?2, ?3, ?4, ?5);
