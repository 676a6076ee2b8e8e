-- versions (ClickHouse 18.16): as sqlite/versions.sql.  No CTEs in this
-- version, and every read of the metric rows costs its own pass, so the
-- store is read once: each version with the array of its installations,
-- renamed "other" when the array is shorter than K.
--
-- The questions read loaded_metric with the fleet_metrics view's filter
-- (the current versions, see schema-clickhouse.sql) spelled out beside
-- their own: 18.16 does not push a condition into a view (its
-- enable_optimize_predicate_expression is off by default and young), so
-- through the view every question read every row of every metric and day
-- before its WHERE, with no use of the primary key (metric, day, ...).
-- Here, in setups.sql and in adoption.sql, which take each installation's
-- last day, one set does both: the current version of that day (a
-- version is unique in the store), a UInt64, where a set of
-- (installation_id, day) hashed a String per row and put primary-key
-- columns in a tuple IN, which 18.16's index analysis may get wrong.
WITH (SELECT uniqExact(installation_id) FROM fleet_reports
      WHERE day BETWEEN toDate({from}) AND toDate({to})) AS n
SELECT g AS version, uniqExact(id) AS installations,
	intDiv(2 * 10000 * installations + n, 2 * n) / 10000 AS share
FROM (
	SELECT if(length(ids) < {k}, 'other', v) AS g, arrayJoin(ids) AS id
	FROM (
		SELECT assumeNotNull(str) AS v,
		    groupUniqArray(installation_id) AS ids
		FROM loaded_metric
		WHERE day BETWEEN toDate({from}) AND toDate({to})
		    AND metric = 'install.version'
		    AND version IN (
			SELECT argMax(version, day) FROM loaded_report FINAL
			WHERE day BETWEEN toDate({from}) AND toDate({to})
			GROUP BY installation_id)
		GROUP BY v
	)
)
GROUP BY g
ORDER BY installations DESC, version
