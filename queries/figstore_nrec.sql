-- The largest record number: figstore.c refills the day store instead of
-- counting the changed records anew when they are more than half of all
-- records (a change of profile re-judges every record).
SELECT max(rec) FROM record
