-- schema-clickhouse.sql: the fleet store in ClickHouse (18.16 and later;
-- fluxstat-load(1) runs it in the database of the clickhouse:// URL when
-- the tables are absent).  One statement per ";" at the end of a line.
--
-- What the questions read are the two views, the current version of each
-- installation-day only, with the same columns as in SQLite:
--   fleet_reports(installation_id, day, agent_version, trigger,
--                 generated_at, period_from, period_to)
--   fleet_metrics(installation_id, day, metric, label_key, label, num, str)
-- label_key and label are '' for a metric without labels; num is Float64
-- (NULL for an info), str the value of an info (NULL otherwise).
--
-- ClickHouse has no transactions and 18.16 no synchronous delete, so a
-- load never deletes: every load of an installation-day gets a new
-- version, unique in the whole store (fluxstat-load counts up, one per
-- report, from the larger of the clock in nanoseconds and the store's
-- highest version; one loader at a time, as fluxstat-receive's lock
-- ensures).  fluxstat-load inserts the metric rows first and the report
-- row after them; the report row is the commit: fleet_metrics shows only
-- the rows whose version is the current one of loaded_report (the
-- highest, which FINAL keeps).  A load that stops half way leaves rows of
-- a version no report names, which no view shows.  Superseded versions
-- stay in loaded_metric, unseen, until the store is rebuilt from the
-- received tree.
--
-- As versions are unique, the view's filter is a set of UInt64 that
-- reads one column: about 4x cheaper than the set of (installation_id,
-- day, version) it was, and out of reach of 18.16's use of the primary
-- key for a tuple IN holding key columns (a count through that older view
-- once came out short while parts were merging).  fluxstat-fleet's
-- questions do not read the view (see clickhouse/versions.sql) but the
-- two tables, which have not changed, so they are as fast on a store
-- made before; such a store keeps its older view, with the same rows,
-- only slower: DROP TABLE fleet_metrics (18.16 has no DROP VIEW) and the
-- next fluxstat-load makes it anew.

CREATE TABLE IF NOT EXISTS loaded_report (
	installation_id String,
	day Date,
	version UInt64,
	agent_version String,
	trigger String,
	generated_at String,
	period_from String,
	period_to String,
	records UInt32,
	loaded_at DateTime DEFAULT now()
) ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(day)
ORDER BY (installation_id, day);

CREATE TABLE IF NOT EXISTS loaded_metric (
	installation_id String,
	day Date,
	version UInt64,
	metric String,
	label_key String,
	label String,
	num Nullable(Float64),
	str Nullable(String)
) ENGINE = MergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (metric, day, installation_id, label);

CREATE VIEW IF NOT EXISTS fleet_reports AS
SELECT installation_id, day, agent_version, trigger, generated_at,
	period_from, period_to
FROM loaded_report FINAL;

CREATE VIEW IF NOT EXISTS fleet_metrics AS
SELECT installation_id, day, metric, label_key, label, num, str
FROM loaded_metric
WHERE version IN (SELECT version FROM loaded_report FINAL);
