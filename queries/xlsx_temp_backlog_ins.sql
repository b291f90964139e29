-- One XEN's backlog at the end of the window into temp.xlsx_backlog (figures.h).
INSERT INTO temp.xlsx_backlog (wing, xen_id, pending, band_0_24h, band_24_48h, band_2_7d,
    band_7d_plus, overdue, oldest_s)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
