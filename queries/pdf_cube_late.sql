-- PDF day cube, second pass: the ids of records disposed or judged in
-- [?1, ?2), from the disposed and judged_at indexes alone (no table read);
-- the caller fetches (pdf_cube_one) only those the first pass did not see,
-- i.e. records registered before the span.
SELECT rec FROM record WHERE disposed >= ?1 AND disposed < ?2
UNION ALL
SELECT rec FROM record WHERE judged_at >= ?1 AND judged_at < ?2
