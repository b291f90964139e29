-- Scratch tables of the workbook writer (xlsx.c), on the connection only:
-- xlsx_xen holds each XEN's figures as metrics.h computed and rounded them
-- (report window, previous period, 30-day ranking); xlsx_days the day
-- boundaries [s, e) of the 30-day trend in the report's zone; xlsx_trend
-- each wing's trend figures per day; xlsx_cat each wing's figures per
-- category over the report window; xlsx_backlog each wing's backlog at the
-- end of the window per XEN, by age; xlsx_subdiv each subdivision of the
-- org chart by its matching key, as the chart spells it (empty without a
-- chart). All but xlsx_subdiv from the night's figures
-- (figures.h), as integers (counts, seconds) and compliance as the double
-- nearest its one decimal.
DROP TABLE IF EXISTS temp.xlsx_xen;
DROP TABLE IF EXISTS temp.xlsx_days;
DROP TABLE IF EXISTS temp.xlsx_trend;
DROP TABLE IF EXISTS temp.xlsx_cat;
DROP TABLE IF EXISTS temp.xlsx_backlog;
DROP TABLE IF EXISTS temp.xlsx_subdiv;
CREATE TEMP TABLE xlsx_xen (
    wing TEXT NOT NULL, xen_id TEXT NOT NULL, rank INTEGER,
    received INTEGER, resolved INTEGER, rejected INTEGER, met INTEGER, breached INTEGER,
    compliance_pct REAL, median_hours REAL, p90_hours REAL,
    pending_end INTEGER, overdue_end INTEGER,
    prev_compliance_pct REAL, change_pct REAL, prev_received INTEGER,
    judged_30 INTEGER, compliance_30 REAL, median_30 REAL,
    -- ord: the row's place in the ranking's order (metrics_rank_table: the
    -- ranked by rank, then the unranked by xen_id); worst = 1 for the three
    -- last ranked of a wing that ranks more than three
    ord INTEGER, worst INTEGER);
CREATE TEMP TABLE xlsx_days (day INTEGER PRIMARY KEY, s INTEGER NOT NULL, e INTEGER NOT NULL);
CREATE TEMP TABLE xlsx_trend (
    wing TEXT NOT NULL, day INTEGER NOT NULL,
    received INTEGER NOT NULL, resolved INTEGER NOT NULL, met INTEGER NOT NULL,
    breached INTEGER NOT NULL, PRIMARY KEY (wing, day));
CREATE TEMP TABLE xlsx_cat (
    wing TEXT NOT NULL, category TEXT NOT NULL,
    received INTEGER, resolved INTEGER, rejected INTEGER, met INTEGER, breached INTEGER,
    judged INTEGER, compliance_pct REAL, median_s INTEGER, p90_s INTEGER,
    pending_end INTEGER, overdue_end INTEGER, PRIMARY KEY (wing, category));
CREATE TEMP TABLE xlsx_backlog (
    wing TEXT NOT NULL, xen_id TEXT NOT NULL, pending INTEGER, band_0_24h INTEGER,
    band_24_48h INTEGER, band_2_7d INTEGER, band_7d_plus INTEGER, overdue INTEGER,
    oldest_s INTEGER, PRIMARY KEY (wing, xen_id));
CREATE TEMP TABLE xlsx_subdiv (key TEXT PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID;
-- verify_about: the About sheet's rows after Organisation, Wing and Report
-- day (thresholds, definitions, version), filled by verify_about_fill()
-- (verify.h) before the workbooks are written; empty when nothing filled it.
CREATE TEMP TABLE IF NOT EXISTS verify_about (
    ord INTEGER PRIMARY KEY, label TEXT NOT NULL, value TEXT NOT NULL);
-- verify_check: the flags' self-check (verify_check_fill(), verify.h).
CREATE TEMP TABLE IF NOT EXISTS verify_check (
    ord INTEGER PRIMARY KEY, rule TEXT NOT NULL, level TEXT NOT NULL, flagged INTEGER,
    examined INTEGER, pct REAL, mark TEXT, report_day TEXT, check_flag INTEGER);
