-- setups (ClickHouse 18.16): as sqlite/setups.sql, in one read of the
-- store (see versions.sql).
WITH (SELECT uniqExact(installation_id) FROM fleet_reports
      WHERE day BETWEEN toDate({from}) AND toDate({to})) AS n
SELECT dim AS dimension, g AS value, uniqExact(id) AS installations,
	intDiv(2 * 10000 * installations + n, 2 * n) / 10000 AS share
FROM (
	SELECT dim, if(length(ids) < {k}, 'other', v) AS g,
	    arrayJoin(ids) AS id
	FROM (
		SELECT metric AS dim,
		    multiIf(metric = 'config.printers', label,
			metric = 'device.cpu.count',
			toString(assumeNotNull(num)),
			assumeNotNull(str)) AS v,
		    groupUniqArray(installation_id) AS ids
		FROM loaded_metric
		WHERE day BETWEEN toDate({from}) AND toDate({to})
		    AND (metric IN ('install.license.edition',
			'install.license.type', 'device.os.name',
			'device.os.version', 'config.email.service',
			'device.cpu.count')
			OR (metric = 'config.printers' AND num > 0))
		    AND version IN (
			SELECT argMax(version, day) FROM loaded_report FINAL
			WHERE day BETWEEN toDate({from}) AND toDate({to})
			GROUP BY installation_id)
		GROUP BY dim, v
	)
)
GROUP BY dim, g
ORDER BY dimension, installations DESC, value
