-- flag_max_id: the largest flag_id (0 with no flag), taken before a flag pass.
SELECT coalesce(max(flag_id), 0) FROM flag;
