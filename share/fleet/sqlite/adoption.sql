-- adoption: {"feature","installations","share"}: features of the
-- snapshots; features on fewer than :k installations are "other".
WITH snap AS (
	SELECT installation_id, max(day) AS day FROM fleet_reports
	WHERE day BETWEEN :from AND :to GROUP BY installation_id
), active AS (
	SELECT count(*) AS n FROM snap
), sm AS (
	SELECT m.installation_id AS id, m.metric, m.label, m.num
	FROM snap JOIN fleet_metrics AS m
	    ON m.installation_id = snap.installation_id AND m.day = snap.day
), p AS (
	SELECT id, 'system.' || label AS g FROM sm
	WHERE metric = 'config.system.setting' AND num = 1
	UNION ALL
	SELECT id, 'portal.' || label FROM sm
	WHERE metric = 'webshop.portal.setting' AND num = 1
	UNION ALL
	SELECT id, 'addon.' || label FROM sm WHERE metric = 'install.addon'
	UNION ALL
	SELECT id, 'preflight.' || label FROM sm
	WHERE metric = 'config.preflight.checks' AND num > 0
	UNION ALL
	SELECT id, 'webshop' FROM sm WHERE metric = 'webshop.users' AND num > 0
), small AS (
	SELECT g FROM p GROUP BY g HAVING count(DISTINCT id) < :k
), merged AS (
	SELECT id, CASE WHEN g IN small THEN 'other' ELSE g END AS g FROM p
)
SELECT g AS feature, count(DISTINCT id) AS installations,
	((2 * 10000 * count(DISTINCT id) + active.n) / (2 * active.n)) / 10000.0
	    AS share
FROM merged, active
GROUP BY g
ORDER BY share DESC, feature;
