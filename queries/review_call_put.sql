-- Stores (or replaces) a call outcome read back; :outcome NULL withdraws it.
-- The caller has checked that the file's report day is the same or later
-- than the stored one's and that something differs.
INSERT INTO callback_outcome(callback_key, list_day, rec, wing, outcome, note, reviewer,
                             file_sha256, file_day, read_at)
VALUES (:key, :day, :rec, :wing, :outcome, :note, :reviewer, :sha, :file_day, :read_at)
ON CONFLICT(callback_key) DO UPDATE SET
    outcome = excluded.outcome, note = excluded.note, reviewer = excluded.reviewer,
    file_sha256 = excluded.file_sha256, file_day = excluded.file_day, read_at = excluded.read_at
