-- monitoring.sql: the metrics of monitoring/Monitoring.db (fluxstat-stores(7)),
-- run by fluxstat-sqlite with -p from=ISO -p to=ISO, both UTC
-- 'YYYY-MM-DDTHH:MM:SSZ', the report period [from, to).
--
-- finished_at holds UTC text 'YYYY-MM-DDTHH:MM:SSZ', so text order is time
-- order.  The bounds go through strftime() once, which turns any instant
-- SQLite understands (Z, an offset) into UTC 'YYYY-MM-DDTHH:MM:SS'; being
-- constant, the comparison still uses the index print_jobs_finished.  The
-- bound has no 'Z' on purpose: a stored value is then >= its own second
-- whether it ends in 'Z' or in fractions ('.250Z'), where '...:00.250Z'
-- would sort before '...:00Z'.
--
-- Labels are mapped to their vocabulary here (a value outside it becomes
-- 'other') so that no raw operator text leaves this stage.  Each list is
-- on one line ending in "-- vocab/NAME.txt": tests/0300-sqlite.t checks
-- that it equals that file.  Unlabelled metrics: none in this store.

-- usage.jobs.printed{job_type}: jobs printed in the period
SELECT 'usage.jobs.printed' AS metric,
       CASE WHEN job_type IN ('booklet', 'flat', 'book', 'calendar', 'large_format', 'variable_data', 'forms') -- vocab/job_types.txt
            THEN job_type ELSE 'other' END AS job_type,
       count(*) AS value
FROM print_jobs
WHERE finished_at >= strftime('%Y-%m-%dT%H:%M:%S', :from)
  AND finished_at < strftime('%Y-%m-%dT%H:%M:%S', :to)
  AND status = 'printed'
GROUP BY 2
ORDER BY 2;

-- usage.pages.printed{color}: pages x copies over the same jobs
SELECT 'usage.pages.printed' AS metric,
       CASE color WHEN 1 THEN 'color' WHEN 0 THEN 'mono' ELSE 'other' END AS color,
       coalesce(sum(pages * copies), 0) AS value
FROM print_jobs
WHERE finished_at >= strftime('%Y-%m-%dT%H:%M:%S', :from)
  AND finished_at < strftime('%Y-%m-%dT%H:%M:%S', :to)
  AND status = 'printed'
GROUP BY 2
ORDER BY 2;

-- usage.signatures.used{signature}: the same jobs by imposition signature
SELECT 'usage.signatures.used' AS metric,
       CASE WHEN signature IN ('4p', '8p', '12p', '16p', '24p', '32p') -- vocab/signatures.txt
            THEN signature ELSE 'other' END AS signature,
       count(*) AS value
FROM print_jobs
WHERE finished_at >= strftime('%Y-%m-%dT%H:%M:%S', :from)
  AND finished_at < strftime('%Y-%m-%dT%H:%M:%S', :to)
  AND status = 'printed'
GROUP BY 2
ORDER BY 2;

-- health.jobs.failed{error}: jobs that failed in the period
SELECT 'health.jobs.failed' AS metric,
       CASE WHEN error_code IN ('E_RIP', 'E_PREFLIGHT', 'E_PRINTER_OFFLINE', 'E_TIMEOUT', 'E_MEDIA', 'E_UNKNOWN') -- vocab/error_codes.txt
            THEN error_code ELSE 'other' END AS error,
       count(*) AS value
FROM print_jobs
WHERE finished_at >= strftime('%Y-%m-%dT%H:%M:%S', :from)
  AND finished_at < strftime('%Y-%m-%dT%H:%M:%S', :to)
  AND status = 'failed'
GROUP BY 2
ORDER BY 2;

-- health.jobs.duration_ms{quantile}: nearest rank over the durations of
-- the jobs printed in the period: the value at position ceil(q * n) of
-- the sorted list, q = num/den.  Integer arithmetic, (n*num + den-1)/den,
-- because in floating point 0.95 * 20 is 19.000000000000004, whose ceiling
-- is 20, not 19.  No job, no row: the quantiles are then omitted.
WITH d AS (
    SELECT duration_ms AS v,
           row_number() OVER (ORDER BY duration_ms) AS pos,
           count(*) OVER () AS n
    FROM print_jobs
    WHERE finished_at >= strftime('%Y-%m-%dT%H:%M:%S', :from)
      AND finished_at < strftime('%Y-%m-%dT%H:%M:%S', :to)
      AND status = 'printed'
      AND duration_ms IS NOT NULL
), q(quantile, num, den) AS (
    VALUES ('0.5', 1, 2), ('0.95', 19, 20), ('max', 1, 1) -- vocab/quantiles.txt
)
SELECT 'health.jobs.duration_ms' AS metric, q.quantile AS quantile, d.v AS value
FROM q JOIN d ON d.pos = (d.n * q.num + q.den - 1) / q.den
ORDER BY q.quantile;
