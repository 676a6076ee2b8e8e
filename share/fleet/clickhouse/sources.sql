-- sources (ClickHouse 18.16): as sqlite/sources.sql.
SELECT source, version, toInt64(error_days) AS error_days, days,
	intDiv(2 * 10000 * error_days + days, 2 * days) / 10000 AS share
FROM (
	SELECT source, g AS version, sum(err) AS error_days, count() AS days
	FROM (
		SELECT if(v IN (
			SELECT v FROM (
				SELECT installation_id AS id, assumeNotNull(str) AS v
				FROM fleet_metrics
				WHERE day BETWEEN toDate({from}) AND toDate({to})
				    AND metric = 'install.version'
			) GROUP BY v HAVING uniqExact(id) < {k}), 'other', v) AS g,
		    srcs, errs
		FROM (
			SELECT installation_id, day,
			    anyIf(assumeNotNull(str), metric = 'install.version')
				AS v,
			    countIf(metric = 'install.version') AS hasv,
			    groupArrayIf(label, metric = 'health.source.status')
				AS srcs,
			    groupArrayIf(assumeNotNull(str) = 'error',
				metric = 'health.source.status') AS errs
			FROM fleet_metrics
			WHERE day BETWEEN toDate({from}) AND toDate({to})
			    AND metric IN ('install.version', 'health.source.status')
			GROUP BY installation_id, day
			HAVING hasv > 0
		)
	)
	ARRAY JOIN srcs AS source, errs AS err
	GROUP BY source, version
)
ORDER BY source, version
