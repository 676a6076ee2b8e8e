-- stability (ClickHouse 18.16): as sqlite/stability.sql, in one read of
-- the store: a row per installation-day (its version, printed, the
-- failures by error); per version the array of those days and the count of
-- its installations, the version renamed "other" when under K; then per
-- version the errors and counts gathered in two arrays and summed per
-- distinct error (sumMap in 18.16 takes no String keys).
SELECT g AS version, error, toInt64(f) AS failed, toInt64(p) AS printed,
	intDiv(toUInt64(2 * 1000000 * failed + p + a), toUInt64(2 * (p + a)))
	    / 1000000 AS rate
FROM (
	SELECT g, sum(printed) AS p, sum(arraySum(cnts)) AS a,
	    groupArrayArray(errs) AS all_e, groupArrayArray(cnts) AS all_c
	FROM (
		SELECT if(nids < {k}, 'other', v) AS g,
		    tupleElement(d, 1) AS printed, tupleElement(d, 2) AS errs,
		    tupleElement(d, 3) AS cnts
		FROM (
			SELECT v, uniqExact(installation_id) AS nids,
			    groupArray((printed, errs, cnts)) AS days
			FROM (
				SELECT installation_id, day,
				    anyIf(assumeNotNull(str),
					metric = 'install.version') AS v,
				    countIf(metric = 'install.version') AS hasv,
				    sumIf(assumeNotNull(num),
					metric = 'usage.jobs.printed') AS printed,
				    groupArrayIf(label,
					metric = 'health.jobs.failed') AS errs,
				    groupArrayIf(assumeNotNull(num),
					metric = 'health.jobs.failed') AS cnts
				FROM loaded_metric
				WHERE day BETWEEN toDate({from}) AND toDate({to})
				    AND version IN (SELECT version FROM loaded_report FINAL
					WHERE day BETWEEN toDate({from}) AND toDate({to}))
				    AND metric IN ('install.version',
					'usage.jobs.printed', 'health.jobs.failed')
				GROUP BY installation_id, day
				HAVING hasv > 0
			)
			GROUP BY v
		)
		ARRAY JOIN days AS d
	)
	GROUP BY g
)
ARRAY JOIN arrayDistinct(all_e) AS error
WHERE (arraySum(arrayFilter((c, e) -> e = error, all_c, all_e)) AS f) > 0
ORDER BY version, error
