-- Empties the chunk table flag_aff.
DELETE FROM temp.flag_aff
