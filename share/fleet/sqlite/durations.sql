-- durations: {"version","installations","p95_median"}: over the
-- installation-days of a version (versions on fewer than :k installations
-- are "other") that hold health.jobs.duration_ms{quantile=0.95}, the
-- nearest-rank median of those values (position ceil(n/2) when sorted).
WITH ver AS (
	SELECT installation_id AS id, day, str AS v FROM fleet_metrics
	WHERE day BETWEEN :from AND :to AND metric = 'install.version'
), small AS (
	SELECT v FROM ver GROUP BY v HAVING count(DISTINCT id) < :k
), vd AS (
	SELECT id, day, CASE WHEN v IN small THEN 'other' ELSE v END AS g
	FROM ver
), vals AS (
	SELECT vd.g, vd.id, m.num AS v
	FROM vd JOIN fleet_metrics AS m
	    ON m.installation_id = vd.id AND m.day = vd.day
	WHERE m.metric = 'health.jobs.duration_ms' AND m.label = '0.95'
), ranked AS (
	SELECT g, v, row_number() OVER (PARTITION BY g ORDER BY v) AS rn,
	    count(*) OVER (PARTITION BY g) AS n
	FROM vals
), inst AS (
	SELECT g, count(DISTINCT id) AS installations FROM vals GROUP BY g
)
SELECT ranked.g AS version, inst.installations, ranked.v AS p95_median
FROM ranked JOIN inst ON inst.g = ranked.g
WHERE ranked.rn = (ranked.n + 1) / 2
ORDER BY version;
