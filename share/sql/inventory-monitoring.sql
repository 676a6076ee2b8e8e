-- inventory-monitoring.sql: rows per table of monitoring/Monitoring.db,
-- for fluxstat-inventory(1).  One statement per table of fluxstat-stores(7) (and
-- of share/inventory/stores.json, which names this file); count(*) reads
-- no column, so nothing of a row leaves SQLite.
SELECT 'inventory.rows' AS metric, 'monitoring' AS store,
       'print_jobs' AS part, count(*) AS value
FROM print_jobs;
