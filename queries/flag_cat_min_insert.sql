-- One FAST_CLOSE minimum (seconds) per category, from flags.ini.
INSERT OR REPLACE INTO temp.flag_cat_min(category, min_s) VALUES (:category, :min_s)
