-- One day of the 30-day trend into temp.xlsx_days: local day number, start and end instants.
INSERT INTO temp.xlsx_days (day, s, e) VALUES (?1, ?2, ?3)
