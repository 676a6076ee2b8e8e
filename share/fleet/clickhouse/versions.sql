-- versions (ClickHouse 18.16): as sqlite/versions.sql.  No CTEs in this
-- version: the snapshot rows are a subquery, read twice.
WITH (SELECT uniqExact(installation_id) FROM fleet_reports
      WHERE day BETWEEN toDate({from}) AND toDate({to})) AS n
SELECT g AS version, uniqExact(id) AS installations,
	intDiv(2 * 10000 * installations + n, 2 * n) / 10000 AS share
FROM (
	SELECT id, if(g IN (
		SELECT g FROM (
			SELECT installation_id AS id, assumeNotNull(str) AS g
			FROM fleet_metrics
			WHERE day BETWEEN toDate({from}) AND toDate({to})
			    AND metric = 'install.version'
			    AND (installation_id, day) IN (
				SELECT installation_id, max(day) FROM fleet_reports
				WHERE day BETWEEN toDate({from}) AND toDate({to})
				GROUP BY installation_id)
		) GROUP BY g HAVING uniqExact(id) < {k}), 'other', g) AS g
	FROM (
		SELECT installation_id AS id, assumeNotNull(str) AS g
		FROM fleet_metrics
		WHERE day BETWEEN toDate({from}) AND toDate({to})
		    AND metric = 'install.version'
		    AND (installation_id, day) IN (
			SELECT installation_id, max(day) FROM fleet_reports
			WHERE day BETWEEN toDate({from}) AND toDate({to})
			GROUP BY installation_id)
	)
)
GROUP BY g
ORDER BY installations DESC, version
