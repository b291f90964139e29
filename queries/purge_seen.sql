-- purge_seen: the flag pass's remembered keys (flag_seen) lose the mobiles and
-- accounts of purged records too.
UPDATE flag_seen SET mobile = NULL, account = NULL
WHERE (mobile IS NOT NULL OR account IS NOT NULL)
  AND rec IN (SELECT rec FROM record WHERE purged = 1);
