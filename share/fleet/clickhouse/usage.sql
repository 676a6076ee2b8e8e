-- usage (ClickHouse 18.16): as sqlite/usage.sql, in one read of the
-- store (see versions.sql): each metric and label with the array of its
-- installations' totals, the label renamed "other" when fewer than K of
-- them are above 0 (the empty label never).
SELECT metric, label, toInt64(sum(t)) AS total, countIf(t > 0) AS installations
FROM (
	SELECT metric, label, id, sum(t) AS t
	FROM (
		SELECT metric, if(l != '' AND npos < {k}, 'other', l) AS label,
		    tupleElement(p, 1) AS id, tupleElement(p, 2) AS t
		FROM (
			SELECT metric, l, groupArray((id, t)) AS per,
			    countIf(t > 0) AS npos
			FROM (
				SELECT metric, label AS l, installation_id AS id,
				    sum(assumeNotNull(num)) AS t
				FROM fleet_metrics
				WHERE day BETWEEN toDate({from}) AND toDate({to})
				    AND startsWith(metric, 'usage.')
				GROUP BY metric, l, id
			)
			GROUP BY metric, l
		)
		ARRAY JOIN per AS p
	)
	GROUP BY metric, label, id
)
GROUP BY metric, label
ORDER BY metric, label
