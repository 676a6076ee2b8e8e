-- schema-sqlite.sql: the fleet store in SQLite (fluxstat-load(1) runs it
-- when the database file is new).
--
-- What the questions read are the two views, the current version of each
-- installation-day only:
--   fleet_reports(installation_id, day, agent_version, trigger,
--                 generated_at, period_from, period_to)
--   fleet_metrics(installation_id, day, metric, label_key, label, num, str)
-- day is 'YYYY-MM-DD' (the report's local day); label_key and label are ''
-- for a metric without labels (no metric has more than one); num is the
-- value of a gauge or counter (INTEGER when whole, else REAL) and NULL for
-- an info, str the value of an info and NULL otherwise.
--
-- Underneath, a report is one row of loaded_report whose id is new at each
-- load: replacing an installation-day deletes its old id's rows and adds
-- new ones in one transaction.  Rows cluster by that id, so a load appends
-- and a replacement deletes one range.

CREATE TABLE IF NOT EXISTS loaded_report (
	id INTEGER PRIMARY KEY,
	installation_id TEXT NOT NULL,
	day TEXT NOT NULL,
	agent_version TEXT NOT NULL,
	trigger TEXT NOT NULL,
	generated_at TEXT NOT NULL,
	period_from TEXT NOT NULL,
	period_to TEXT NOT NULL,
	records INTEGER NOT NULL,
	loaded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	UNIQUE (installation_id, day)
);
CREATE INDEX IF NOT EXISTS loaded_report_day ON loaded_report (day);

CREATE TABLE IF NOT EXISTS loaded_metric (
	report INTEGER NOT NULL,	-- loaded_report.id
	metric TEXT NOT NULL,
	label_key TEXT NOT NULL,
	label TEXT NOT NULL,
	num NUMERIC,
	str TEXT,
	PRIMARY KEY (report, metric, label_key, label)
) WITHOUT ROWID;

CREATE VIEW IF NOT EXISTS fleet_reports AS
SELECT installation_id, day, agent_version, trigger, generated_at,
	period_from, period_to
FROM loaded_report;

CREATE VIEW IF NOT EXISTS fleet_metrics AS
SELECT r.installation_id AS installation_id, r.day AS day, m.metric AS metric,
	m.label_key AS label_key, m.label AS label, m.num AS num, m.str AS str
FROM loaded_report AS r JOIN loaded_metric AS m ON m.report = r.id;
