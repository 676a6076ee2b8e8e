-- versions (ClickHouse 18.16): as sqlite/versions.sql.  No CTEs in this
-- version, and every read of the fleet_metrics view costs its own pass,
-- so the store is read once: each version with the array of its
-- installations, renamed "other" when the array is shorter than K.
WITH (SELECT uniqExact(installation_id) FROM fleet_reports
      WHERE day BETWEEN toDate({from}) AND toDate({to})) AS n
SELECT g AS version, uniqExact(id) AS installations,
	intDiv(2 * 10000 * installations + n, 2 * n) / 10000 AS share
FROM (
	SELECT if(length(ids) < {k}, 'other', v) AS g, arrayJoin(ids) AS id
	FROM (
		SELECT assumeNotNull(str) AS v,
		    groupUniqArray(installation_id) AS ids
		FROM fleet_metrics
		WHERE day BETWEEN toDate({from}) AND toDate({to})
		    AND metric = 'install.version'
		    AND (installation_id, day) IN (
			SELECT installation_id, max(day) FROM fleet_reports
			WHERE day BETWEEN toDate({from}) AND toDate({to})
			GROUP BY installation_id)
		GROUP BY v
	)
)
GROUP BY g
ORDER BY installations DESC, version
