-- installations: {"day","installations"} for every day of the period,
-- the installations with a report of that day (0 on a day without any).
WITH RECURSIVE d(day) AS (
	SELECT :from
	UNION ALL SELECT date(day, '+1 day') FROM d WHERE day < :to
), n AS (
	SELECT day, count(DISTINCT installation_id) AS installations
	FROM fleet_reports WHERE day BETWEEN :from AND :to GROUP BY day
)
SELECT d.day AS day, coalesce(n.installations, 0) AS installations
FROM d LEFT JOIN n ON n.day = d.day
ORDER BY d.day;
