-- How many tables, indexes, views or triggers a database at schema version 0
-- already holds (SQLite's own excepted): on a database nivaran has never
-- migrated, any is another program's, and nivaran refuses to add its tables.
SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite\_%' ESCAPE '\';
