-- One row of the workbooks' About sheet (temp.verify_about, xlsx_temp.sql).
INSERT INTO temp.verify_about(ord, label, value) VALUES (:ord, :label, :value)
