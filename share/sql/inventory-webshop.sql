-- inventory-webshop.sql: rows per table of web/FluxWeb.db, for
-- fluxstat-inventory(1).  One statement per table of fluxstat-stores(7) (and of
-- share/inventory/stores.json, which names this file); count(*) reads no
-- column, so nothing of a row leaves SQLite.
SELECT 'inventory.rows' AS metric, 'webshop' AS store,
       'user_groups' AS part, count(*) AS value
FROM user_groups;
SELECT 'inventory.rows' AS metric, 'webshop' AS store,
       'users' AS part, count(*) AS value
FROM users;
SELECT 'inventory.rows' AS metric, 'webshop' AS store,
       'price_lists' AS part, count(*) AS value
FROM price_lists;
SELECT 'inventory.rows' AS metric, 'webshop' AS store,
       'orders' AS part, count(*) AS value
FROM orders;
