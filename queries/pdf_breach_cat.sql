-- MD report, breaches by category: records judged BREACHED in [?2, ?3) (the
-- report window) and in [?1, ?3) (a day: the 7 days ending with it; a
-- period: it and the previous period), per category.
SELECT category, sum(judged_at >= ?2), count(*)
FROM record
WHERE judged_at >= ?1 AND judged_at < ?3 AND outcome = 'BREACHED'
GROUP BY category
ORDER BY 2 DESC, 3 DESC, category
