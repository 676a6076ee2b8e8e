-- usage (ClickHouse 18.16): as sqlite/usage.sql.
SELECT metric, label, toInt64(sum(t)) AS total, countIf(t > 0) AS installations
FROM (
	SELECT metric, label, id, sum(t) AS t
	FROM (
		SELECT metric, if((metric, label) IN (
			SELECT metric, label FROM (
				SELECT metric, label, installation_id AS id,
				    sum(num) AS t
				FROM fleet_metrics
				WHERE day BETWEEN toDate({from}) AND toDate({to})
				    AND startsWith(metric, 'usage.')
				GROUP BY metric, label, id
			) WHERE label != ''
			GROUP BY metric, label HAVING countIf(t > 0) < {k}),
		    'other', label) AS label, id, t
		FROM (
			SELECT metric, label, installation_id AS id,
			    sum(num) AS t
			FROM fleet_metrics
			WHERE day BETWEEN toDate({from}) AND toDate({to})
			    AND startsWith(metric, 'usage.')
			GROUP BY metric, label, id
		)
	)
	GROUP BY metric, label, id
)
GROUP BY metric, label
ORDER BY metric, label
