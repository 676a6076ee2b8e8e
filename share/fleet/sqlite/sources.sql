-- sources: {"source","version","error_days","days","share"}: of the
-- installation-days of a version (by that day's install.version; versions
-- on fewer than :k installations are "other"), those whose
-- health.source.status for the source is "error".
WITH ver AS (
	SELECT installation_id AS id, day, str AS v FROM fleet_metrics
	WHERE day BETWEEN :from AND :to AND metric = 'install.version'
), small AS (
	SELECT v FROM ver GROUP BY v HAVING count(DISTINCT id) < :k
), vd AS (
	SELECT id, day, CASE WHEN v IN small THEN 'other' ELSE v END AS g
	FROM ver
), t AS (
	SELECT m.label AS source, vd.g AS version,
	    sum(m.str = 'error') AS error_days, count(*) AS days
	FROM vd JOIN fleet_metrics AS m
	    ON m.installation_id = vd.id AND m.day = vd.day
	WHERE m.metric = 'health.source.status'
	GROUP BY m.label, vd.g
)
SELECT source, version, error_days, days,
	((2 * 10000 * error_days + days) / (2 * days)) / 10000.0 AS share
FROM t
ORDER BY source, version;
