-- adoption (ClickHouse 18.16): as sqlite/adoption.sql, in one read of
-- the store (see versions.sql).
WITH (SELECT uniqExact(installation_id) FROM fleet_reports
      WHERE day BETWEEN toDate({from}) AND toDate({to})) AS n
SELECT g AS feature, uniqExact(id) AS installations,
	intDiv(2 * 10000 * installations + n, 2 * n) / 10000 AS share
FROM (
	SELECT if(length(ids) < {k}, 'other', f) AS g, arrayJoin(ids) AS id
	FROM (
		SELECT multiIf(metric = 'config.system.setting',
			concat('system.', label),
			metric = 'webshop.portal.setting',
			concat('portal.', label),
			metric = 'install.addon', concat('addon.', label),
			metric = 'config.preflight.checks',
			concat('preflight.', label), 'webshop') AS f,
		    groupUniqArray(installation_id) AS ids
		FROM loaded_metric
		WHERE day BETWEEN toDate({from}) AND toDate({to})
		    AND ((metric IN ('config.system.setting',
			'webshop.portal.setting') AND num = 1)
			OR metric = 'install.addon'
			OR (metric IN ('config.preflight.checks',
			    'webshop.users') AND num > 0))
		    AND version IN (
			SELECT argMax(version, day) FROM loaded_report FINAL
			WHERE day BETWEEN toDate({from}) AND toDate({to})
			GROUP BY installation_id)
		GROUP BY f
	)
)
GROUP BY g
ORDER BY share DESC, feature
