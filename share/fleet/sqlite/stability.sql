-- stability: {"version","error","failed","printed","rate"}: the
-- installation-days of the period by that day's install.version (versions
-- on fewer than :k installations are "other"); failed per error, printed
-- of all job types, rate = failed / (printed + all failures of the version)
-- rounded half up to 6 decimals.
WITH ver AS (
	SELECT installation_id AS id, day, str AS v FROM fleet_metrics
	WHERE day BETWEEN :from AND :to AND metric = 'install.version'
), small AS (
	SELECT v FROM ver GROUP BY v HAVING count(DISTINCT id) < :k
), vd AS (
	SELECT id, day, CASE WHEN v IN small THEN 'other' ELSE v END AS g
	FROM ver
), pr AS (
	SELECT vd.g, sum(m.num) AS printed
	FROM vd JOIN fleet_metrics AS m
	    ON m.installation_id = vd.id AND m.day = vd.day
	WHERE m.metric = 'usage.jobs.printed'
	GROUP BY vd.g
), fl AS (
	SELECT vd.g, m.label AS error, sum(m.num) AS failed
	FROM vd JOIN fleet_metrics AS m
	    ON m.installation_id = vd.id AND m.day = vd.day
	WHERE m.metric = 'health.jobs.failed'
	GROUP BY vd.g, m.label
), allf AS (
	SELECT g, sum(failed) AS f FROM fl GROUP BY g
), t AS (
	SELECT fl.g, fl.error, fl.failed, coalesce(pr.printed, 0) AS printed,
	    coalesce(pr.printed, 0) + allf.f AS d
	FROM fl JOIN allf ON allf.g = fl.g LEFT JOIN pr ON pr.g = fl.g
	WHERE fl.failed > 0
)
SELECT g AS version, error, failed, printed,
	((2 * 1000000 * failed + d) / (2 * d)) / 1000000.0 AS rate
FROM t
ORDER BY version, error;
