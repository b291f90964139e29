-- The counts behind the service figures of the MD's page 1 (METRICS.md,
-- "Service figures"; service.c): over the complaints (is_application = 0)
-- resolved in [?1, ?2) (status RESOLVED, disposed in the range; a time
-- anomaly, disposed before registered, takes no part), per layout, so that
-- service.c counts each figure only over the layouts that carry its field:
-- resolved, OTP_VERIFIED = Y, OTP_VERIFIED given (Y or N), REOPEN_COUNT > 0,
-- FEEDBACK = SATISFIED, FEEDBACK given (SATISFIED or NOT SATISFIED).
-- One range of the covering index record_resolved (fig_index.sql): the day's
-- closures from the index alone, never history.
SELECT layout,
       count(*),
       coalesce(sum(otp_verified = 1), 0),
       coalesce(sum(otp_verified IS NOT NULL), 0),
       coalesce(sum(reopen_count > 0), 0),
       coalesce(sum(feedback = 'SATISFIED'), 0),
       coalesce(sum(feedback IN ('SATISFIED', 'NOT SATISFIED')), 0)
FROM record
WHERE disposed >= ?1 AND disposed < ?2 AND status = 'RESOLVED' AND is_application = 0
  AND time_anomaly = 0
GROUP BY layout
ORDER BY layout;
