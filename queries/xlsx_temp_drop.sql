-- Drops the workbook writer's scratch tables (see xlsx_temp.sql).
DROP TABLE IF EXISTS temp.xlsx_xen;
DROP TABLE IF EXISTS temp.xlsx_days;
DROP TABLE IF EXISTS temp.xlsx_trend;
DROP TABLE IF EXISTS temp.xlsx_cat;
DROP TABLE IF EXISTS temp.xlsx_backlog;
DROP TABLE IF EXISTS temp.xlsx_subdiv;
