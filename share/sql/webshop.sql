-- webshop.sql: the metrics of web/FluxWeb.db (fluxstat-stores(7)), run by
-- fluxstat-sqlite with -p from=ISO -p to=ISO, both UTC
-- 'YYYY-MM-DDTHH:MM:SSZ', the report period [from, to).
--
-- orders.created_at is unix seconds (UTC); the bounds are turned into
-- unix seconds once (strftime('%s') understands the trailing Z and any
-- offset), so instants are compared, never local date strings.
-- Every metric here is unlabelled, so each statement returns exactly one
-- row, 0 when there is nothing to count.  Only counts leave this file: no
-- column of users, user_groups or orders is read beyond what count needs.

-- webshop.users: rows in users (a gauge: the state at report time)
SELECT 'webshop.users' AS metric, count(*) AS value FROM users;

-- webshop.user_groups
SELECT 'webshop.user_groups' AS metric, count(*) AS value FROM user_groups;

-- webshop.price_lists
SELECT 'webshop.price_lists' AS metric, count(*) AS value FROM price_lists;

-- usage.webshop.orders: orders created in the period; a cart is not an
-- order yet
SELECT 'usage.webshop.orders' AS metric, count(*) AS value
FROM orders
WHERE created_at >= CAST(strftime('%s', :from) AS INTEGER)
  AND created_at < CAST(strftime('%s', :to) AS INTEGER)
  AND status IS NOT 'cart';
