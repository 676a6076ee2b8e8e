-- versions: {"version","installations","share"}: the snapshots'
-- install.version, share of the active installations; versions on fewer
-- than :k installations are one group "other".
WITH snap AS (
	SELECT installation_id, max(day) AS day FROM fleet_reports
	WHERE day BETWEEN :from AND :to GROUP BY installation_id
), active AS (
	SELECT count(*) AS n FROM snap
), p AS (
	SELECT m.installation_id AS id, m.str AS g
	FROM snap JOIN fleet_metrics AS m
	    ON m.installation_id = snap.installation_id AND m.day = snap.day
	WHERE m.metric = 'install.version'
), small AS (
	SELECT g FROM p GROUP BY g HAVING count(DISTINCT id) < :k
), merged AS (
	SELECT id, CASE WHEN g IN small THEN 'other' ELSE g END AS g FROM p
)
SELECT g AS version, count(DISTINCT id) AS installations,
	((2 * 10000 * count(DISTINCT id) + active.n) / (2 * active.n)) / 10000.0
	    AS share
FROM merged, active
GROUP BY g
ORDER BY installations DESC, version;
