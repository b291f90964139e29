-- TOUT_PHONE: affected records whose mobile is carried by records of at least
-- :min_accounts distinct accounts registered within :window seconds before or
-- after them (inclusive; a record without account is an account of its own;
-- TIME_ANOMALY records neither count nor are flagged).
-- Columns: rec, wing, xen_id, mobile, accounts, records, first registered,
-- last registered, up to 5 record ids of the window (by registration).
WITH mine AS (
    SELECT r.rec, r.mobile, r.registered
    FROM temp.flag_aff r
    WHERE r.need & 5 AND r.mobile IS NOT NULL AND r.mobile <> ''
      AND (r.disposed IS NULL OR r.disposed >= r.registered)
      -- the index alone must already hold :min_accounts records in the window
      -- (an upper bound of the accounts) before rows are read
      AND (SELECT count(*) FROM record z
           WHERE z.mobile = r.mobile
             AND z.registered BETWEEN r.registered - :window AND r.registered + :window)
          >= :min_accounts
), cnt AS (
    SELECT m.rec, m.mobile, m.registered,
           count(DISTINCT coalesce(nullif(x.account, ''), '#' || x.rec)) AS nacc,
           count(*) AS nrec, min(x.registered) AS t_first, max(x.registered) AS t_last
    FROM mine m
    JOIN record x ON x.mobile = m.mobile
                 AND x.registered BETWEEN m.registered - :window AND m.registered + :window
    WHERE x.disposed IS NULL OR x.disposed >= x.registered
    GROUP BY m.rec
    HAVING nacc >= :min_accounts
)
SELECT c.rec, r.wing, r.xen_id, c.mobile, c.nacc, c.nrec, c.t_first, c.t_last,
       (SELECT group_concat(record_id, ' ') FROM (
            SELECT x.record_id FROM record x
            WHERE x.mobile = c.mobile
              AND x.registered BETWEEN c.registered - :window AND c.registered + :window
              AND (x.disposed IS NULL OR x.disposed >= x.registered)
            ORDER BY x.registered, x.record_id LIMIT 5))
FROM cnt c JOIN temp.flag_aff r ON r.rec = c.rec
