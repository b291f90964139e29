-- Stores (or replaces) a flag review read back; :review NULL withdraws it.
-- The caller has checked the file's report day and that something differs.
INSERT INTO flag_review(flag_key, flag_code, wing, rec, xen_id, flag_day, review, note, reviewer,
                        file_sha256, file_day, read_at)
VALUES (:key, :code, :wing, :rec, :xen_id, :flag_day, :review, :note, :reviewer, :sha, :file_day,
        :read_at)
ON CONFLICT(flag_key) DO UPDATE SET
    review = excluded.review, note = excluded.note, reviewer = excluded.reviewer,
    file_sha256 = excluded.file_sha256, file_day = excluded.file_day, read_at = excluded.read_at
