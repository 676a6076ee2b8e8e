-- installations (ClickHouse 18.16): as sqlite/installations.sql.
SELECT toString(d) AS day, installations
FROM (
	SELECT arrayJoin(arrayMap(i -> toDate({from}) + i,
	    range(toUInt64(toDate({to}) - toDate({from}) + 1)))) AS d
) ANY LEFT JOIN (
	SELECT day AS d, uniqExact(installation_id) AS installations
	FROM fleet_reports
	WHERE day BETWEEN toDate({from}) AND toDate({to})
	GROUP BY d
) USING d
ORDER BY d
