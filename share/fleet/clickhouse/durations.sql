-- durations (ClickHouse 18.16): as sqlite/durations.sql, in one read of
-- the store (see stability.sql); the nearest-rank median is element
-- ceil(n/2) of the sorted array (no window functions).  A version's
-- installations are counted over all its days, with a duration or not.
SELECT g AS version, uniqExact(id) AS installations,
	arraySort(groupArray(p95))[intDiv(count() + 1, 2)] AS p95_median
FROM (
	SELECT if(nids < {k}, 'other', v) AS g,
	    tupleElement(d, 1) AS id, tupleElement(d, 2) AS p95,
	    tupleElement(d, 3) AS hasp
	FROM (
		SELECT v, uniqExact(installation_id) AS nids,
		    groupArray((installation_id, p95, hasp)) AS days
		FROM (
			SELECT installation_id, day,
			    anyIf(assumeNotNull(str), metric = 'install.version')
				AS v,
			    countIf(metric = 'install.version') AS hasv,
			    anyIf(assumeNotNull(num),
				metric = 'health.jobs.duration_ms') AS p95,
			    countIf(metric = 'health.jobs.duration_ms') AS hasp
			FROM loaded_metric
			WHERE day BETWEEN toDate({from}) AND toDate({to})
			    AND version IN (SELECT version FROM loaded_report FINAL
				WHERE day BETWEEN toDate({from}) AND toDate({to}))
			    AND (metric = 'install.version'
				OR (metric = 'health.jobs.duration_ms'
				    AND label = '0.95'))
			GROUP BY installation_id, day
			HAVING hasv > 0
		)
		GROUP BY v
	)
	ARRAY JOIN days AS d
)
WHERE hasp > 0
GROUP BY g
ORDER BY version
