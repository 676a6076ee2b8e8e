-- sources (ClickHouse 18.16): as sqlite/sources.sql, in one read of the
-- store (see stability.sql).
SELECT source, version, toInt64(error_days) AS error_days, days,
	intDiv(2 * 10000 * error_days + days, 2 * days) / 10000 AS share
FROM (
	SELECT source, g AS version, sum(err) AS error_days, count() AS days
	FROM (
		SELECT if(nids < {k}, 'other', v) AS g,
		    tupleElement(d, 1) AS srcs, tupleElement(d, 2) AS errs
		FROM (
			SELECT v, uniqExact(installation_id) AS nids,
			    groupArray((srcs, errs)) AS days
			FROM (
				SELECT installation_id, day,
				    anyIf(assumeNotNull(str),
					metric = 'install.version') AS v,
				    countIf(metric = 'install.version') AS hasv,
				    groupArrayIf(label,
					metric = 'health.source.status') AS srcs,
				    groupArrayIf(assumeNotNull(str) = 'error',
					metric = 'health.source.status') AS errs
				FROM loaded_metric
				WHERE day BETWEEN toDate({from}) AND toDate({to})
				    AND version IN (SELECT version FROM loaded_report FINAL
					WHERE day BETWEEN toDate({from}) AND toDate({to}))
				    AND metric IN ('install.version',
					'health.source.status')
				GROUP BY installation_id, day
				HAVING hasv > 0
			)
			GROUP BY v
		)
		ARRAY JOIN days AS d
	)
	ARRAY JOIN srcs AS source, errs AS err
	GROUP BY source, version
)
ORDER BY source, version
