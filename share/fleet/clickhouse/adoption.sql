-- adoption (ClickHouse 18.16): as sqlite/adoption.sql.
WITH (SELECT uniqExact(installation_id) FROM fleet_reports
      WHERE day BETWEEN toDate({from}) AND toDate({to})) AS n
SELECT g AS feature, uniqExact(id) AS installations,
	intDiv(2 * 10000 * installations + n, 2 * n) / 10000 AS share
FROM (
	SELECT id, if(g IN (
		SELECT g FROM (
			SELECT installation_id AS id,
			    multiIf(metric = 'config.system.setting',
				concat('system.', label),
				metric = 'webshop.portal.setting',
				concat('portal.', label),
				metric = 'install.addon', concat('addon.', label),
				metric = 'config.preflight.checks',
				concat('preflight.', label), 'webshop') AS g
			FROM fleet_metrics
			WHERE day BETWEEN toDate({from}) AND toDate({to})
			    AND ((metric IN ('config.system.setting',
				'webshop.portal.setting') AND num = 1)
				OR metric = 'install.addon'
				OR (metric IN ('config.preflight.checks',
				    'webshop.users') AND num > 0))
			    AND (installation_id, day) IN (
				SELECT installation_id, max(day) FROM fleet_reports
				WHERE day BETWEEN toDate({from}) AND toDate({to})
				GROUP BY installation_id)
		) GROUP BY g HAVING uniqExact(id) < {k}), 'other', g) AS g
	FROM (
		SELECT installation_id AS id,
		    multiIf(metric = 'config.system.setting',
			concat('system.', label),
			metric = 'webshop.portal.setting',
			concat('portal.', label),
			metric = 'install.addon', concat('addon.', label),
			metric = 'config.preflight.checks',
			concat('preflight.', label), 'webshop') AS g
		FROM fleet_metrics
		WHERE day BETWEEN toDate({from}) AND toDate({to})
		    AND ((metric IN ('config.system.setting',
			'webshop.portal.setting') AND num = 1)
			OR metric = 'install.addon'
			OR (metric IN ('config.preflight.checks',
			    'webshop.users') AND num > 0))
		    AND (installation_id, day) IN (
			SELECT installation_id, max(day) FROM fleet_reports
			WHERE day BETWEEN toDate({from}) AND toDate({to})
			GROUP BY installation_id)
	)
)
GROUP BY g
ORDER BY share DESC, feature
