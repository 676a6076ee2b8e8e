-- durations (ClickHouse 18.16): as sqlite/durations.sql; the nearest-rank
-- median is element ceil(n/2) of the sorted array (no window functions).
SELECT g AS version, uniqExact(installation_id) AS installations,
	arraySort(groupArray(p95))[intDiv(count() + 1, 2)] AS p95_median
FROM (
	SELECT installation_id, if(v IN (
		SELECT v FROM (
			SELECT installation_id AS id, assumeNotNull(str) AS v
			FROM fleet_metrics
			WHERE day BETWEEN toDate({from}) AND toDate({to})
			    AND metric = 'install.version'
		) GROUP BY v HAVING uniqExact(id) < {k}), 'other', v) AS g, p95
	FROM (
		SELECT installation_id, day,
		    anyIf(assumeNotNull(str), metric = 'install.version') AS v,
		    countIf(metric = 'install.version') AS hasv,
		    anyIf(assumeNotNull(num), metric = 'health.jobs.duration_ms')
			AS p95,
		    countIf(metric = 'health.jobs.duration_ms') AS hasp
		FROM fleet_metrics
		WHERE day BETWEEN toDate({from}) AND toDate({to})
		    AND (metric = 'install.version'
			OR (metric = 'health.jobs.duration_ms' AND label = '0.95'))
		GROUP BY installation_id, day
		HAVING hasv > 0 AND hasp > 0
	)
)
GROUP BY g
ORDER BY version
