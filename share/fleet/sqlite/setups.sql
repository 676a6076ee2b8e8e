-- setups: {"dimension","value","installations","share"} of the snapshots,
-- per dimension; values on fewer than :k installations are "other".
WITH snap AS (
	SELECT installation_id, max(day) AS day FROM fleet_reports
	WHERE day BETWEEN :from AND :to GROUP BY installation_id
), active AS (
	SELECT count(*) AS n FROM snap
), sm AS (
	SELECT m.installation_id AS id, m.metric, m.label, m.num, m.str
	FROM snap JOIN fleet_metrics AS m
	    ON m.installation_id = snap.installation_id AND m.day = snap.day
), p AS (
	SELECT metric AS dim, id, str AS g FROM sm
	WHERE metric IN ('install.license.edition', 'install.license.type',
	    'device.os.name', 'device.os.version', 'config.email.service')
	UNION ALL
	SELECT metric, id, CASE WHEN num = CAST(num AS INTEGER)
	    THEN CAST(CAST(num AS INTEGER) AS TEXT) ELSE CAST(num AS TEXT) END
	FROM sm WHERE metric = 'device.cpu.count'
	UNION ALL
	SELECT metric, id, label FROM sm
	WHERE metric = 'config.printers' AND num > 0
), small AS (
	SELECT dim, g FROM p GROUP BY dim, g HAVING count(DISTINCT id) < :k
), merged AS (
	SELECT dim, id,
	    CASE WHEN (dim, g) IN small THEN 'other' ELSE g END AS g
	FROM p
)
SELECT dim AS dimension, g AS value, count(DISTINCT id) AS installations,
	((2 * 10000 * count(DISTINCT id) + active.n) / (2 * active.n)) / 10000.0
	    AS share
FROM merged, active
GROUP BY dim, g
ORDER BY dimension, installations DESC, value;
