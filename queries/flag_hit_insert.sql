-- One record flagged by the full pass's sweep (src/compute/flags_sweep.c) with the
-- figures of its evidence, read back by queries/flag_full_*.sql.
INSERT INTO temp.flag_hit(code, rec, s, a, b, c, d, ids)
VALUES (:code, :rec, :s, :a, :b, :c, :d, :ids)
