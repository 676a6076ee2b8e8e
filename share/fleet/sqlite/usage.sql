-- usage: {"metric","label","total","installations"}: each usage.* metric
-- and label value summed over the period; installations with a total > 0.
-- A label value on fewer than :k such installations is "other"; the empty
-- label (a metric without labels) names nothing and is never merged.
WITH per AS (
	SELECT metric, label, installation_id AS id, sum(num) AS t
	FROM fleet_metrics
	WHERE day BETWEEN :from AND :to AND metric LIKE 'usage.%'
	GROUP BY metric, label, installation_id
), small AS (
	SELECT metric, label FROM per WHERE label <> ''
	GROUP BY metric, label HAVING sum(t > 0) < :k
), merged AS (
	SELECT metric, id, t,
	    CASE WHEN (metric, label) IN small THEN 'other' ELSE label END
	        AS label
	FROM per
), per2 AS (
	SELECT metric, label, id, sum(t) AS t FROM merged
	GROUP BY metric, label, id
)
SELECT metric, label, sum(t) AS total, sum(t > 0) AS installations
FROM per2
GROUP BY metric, label
ORDER BY metric, label;
