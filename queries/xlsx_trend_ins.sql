-- One wing's day of the 30-day trend into temp.xlsx_trend (sums made by xlsx_win.c).
INSERT INTO temp.xlsx_trend (wing, day, received, resolved, met, breached)
VALUES (?1, ?2, ?3, ?4, ?5, ?6)
