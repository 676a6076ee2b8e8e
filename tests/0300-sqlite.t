#!/bin/sh
# fluxstat-sqlite and share/sql: real SQLite files made with the sqlite3
# CLI, every bad input, and the reference installations of tests/mkflux.
. "$top_srcdir/tests/lib.sh"
plan 65

SQL=$top_srcdir/share/sql
FROM=2026-11-29T23:00:00Z
TO=2026-11-30T23:00:00Z

# mkmon DB [JOURNAL_MODE]: an empty Monitoring.db (the fluxstat-stores(7) schema)
mkmon() {
	sqlite3 "$1" <<EOF
PRAGMA journal_mode=${2:-delete};
CREATE TABLE print_jobs (id INTEGER PRIMARY KEY, job_name TEXT,
  submitted_by TEXT, printer_name TEXT, printer_model TEXT, job_type TEXT,
  signature TEXT, paper_format TEXT, paper_type TEXT, pages INTEGER,
  copies INTEGER, color INTEGER, status TEXT, error_code TEXT,
  submitted_at TEXT, finished_at TEXT, duration_ms INTEGER);
CREATE INDEX print_jobs_finished ON print_jobs(finished_at);
EOF
}

# job TYPE SIGNATURE PAGES COPIES COLOR STATUS ERROR FINISHED DURATION:
# the INSERT of one print job, for a batch piped into sqlite3
job() {
	echo "INSERT INTO print_jobs (job_name, submitted_by, job_type,
	  signature, pages, copies, color, status, error_code, finished_at,
	  duration_ms) VALUES ('Flyer Meier 2026.pdf', 'hans.meier', $1, $2,
	  $3, $4, $5, $6, $7, $8, $9);"
}

M=$T/Monitoring.db
mkmon "$M" >/dev/null
{
job "'booklet'" "'8p'" 8 10 1 "'printed'" NULL "'$FROM'" 100
job "'booklet'" "'4p'" 4 2 0 "'printed'" NULL "'2026-11-30T10:00:00Z'" 300
job "'Meier special'" "'99p'" 1 1 0 "'printed'" NULL "'2026-11-30T22:59:59Z'" 200
job "'flat'" "'4p'" 1 1 0 "'printed'" NULL "'$TO'" 999
job "'flat'" "'4p'" 1 1 0 "'printed'" NULL "'2026-11-29T22:59:59Z'" 999
job "'flat'" NULL 1 1 1 "'failed'" "'E_RIP'" "'2026-11-30T05:00:00Z'" NULL
job "'flat'" NULL 1 1 1 "'failed'" "'E_OWN_CODE'" "'2026-11-30T05:00:00Z'" NULL
job "'flat'" "'4p'" 1 1 1 "'printing'" NULL NULL NULL
} | sqlite3 "$M"

run fluxstat-sqlite --help
is "--help: exit 0" "$rc" 0
like "--help: usage on stdout" "$T/out" '^usage: fluxstat-sqlite -f QUERIES.sql'
run fluxstat-sqlite --version
like "--version" "$T/out" '^fluxstat-sqlite \(fluxstat\) [0-9]'
fails 64 "no DATABASE: usage error" fluxstat-sqlite -f "$SQL/monitoring.sql"
fails 64 "--timeout must be a number" fluxstat-sqlite -t 5s -f "$SQL/monitoring.sql" "$M"

cat >"$T/want" <<'EOF'
{"labels":{"job_type":"booklet"},"metric":"usage.jobs.printed","value":2}
{"labels":{"job_type":"other"},"metric":"usage.jobs.printed","value":1}
{"labels":{"color":"color"},"metric":"usage.pages.printed","value":80}
{"labels":{"color":"mono"},"metric":"usage.pages.printed","value":9}
{"labels":{"signature":"4p"},"metric":"usage.signatures.used","value":1}
{"labels":{"signature":"8p"},"metric":"usage.signatures.used","value":1}
{"labels":{"signature":"other"},"metric":"usage.signatures.used","value":1}
{"labels":{"error":"E_RIP"},"metric":"health.jobs.failed","value":1}
{"labels":{"error":"other"},"metric":"health.jobs.failed","value":1}
{"labels":{"quantile":"0.5"},"metric":"health.jobs.duration_ms","value":200}
{"labels":{"quantile":"0.95"},"metric":"health.jobs.duration_ms","value":300}
{"labels":{"quantile":"max"},"metric":"health.jobs.duration_ms","value":300}
EOF
run fluxstat-sqlite -f "$SQL/monitoring.sql" -p from=$FROM -p to=$TO "$M"
is "monitoring.sql: exit 0" "$rc" 0
same "monitoring.sql: [from, to), vocabularies mapped, nearest rank" "$T/out" "$T/want"
unlike "monitoring.sql: no operator text in the records" "$T/out" 'Meier|hans'

# bounds with an offset name the same instants
run fluxstat-sqlite -f "$SQL/monitoring.sql" -p from=2026-11-30T00:00:00+01:00 \
	-p to=2026-11-30T18:00:00-05:00 "$M"
same "bounds with UTC offsets are the same instants" "$T/out" "$T/want"

# found in the share folder without a path (FLUXSTAT_SHARE, as installed)
run fluxstat-sqlite -f sql/monitoring.sql -p from=$FROM -p to=$TO "$M"
same "-f sql/monitoring.sql found through the share folder" "$T/out" "$T/want"

# the period statements read through the index on finished_at
n=0
for i in 1 2 3 4 5; do
	awk -v n=$i 'BEGIN { RS = ";\n" } NR == n { print }' "$SQL/monitoring.sql" >"$T/stmt"
	sqlite3 "$M" ".parameter set :from '$FROM'" ".parameter set :to '$TO'" \
		"EXPLAIN QUERY PLAN $(cat "$T/stmt")" >"$T/plan"
	grep -q 'SEARCH print_jobs USING INDEX print_jobs_finished (finished_at>? AND finished_at<?)' "$T/plan" &&
		n=$((n + 1))
done
is "every monitoring statement searches the finished_at index" "$n" 5

# nearest rank: 20 durations 1..20 give 10, 19 (not 20: 0.95*20 in
# floating point is 19.000000000000004), 20; one job gives itself thrice
Q=$T/q.db
mkmon "$Q" >/dev/null
{
for d in 7 3 20 1 2 4 5 6 8 9 10 11 12 13 14 15 16 17 18 19; do
	job "'flat'" "'4p'" 1 1 0 "'printed'" NULL "'2026-11-30T01:00:00Z'" $d
done
job "'flat'" "'4p'" 1 1 0 "'printed'" NULL "'2026-11-30T01:00:00Z'" NULL
} | sqlite3 "$Q"
run fluxstat-sqlite -f "$SQL/monitoring.sql" -p from=$FROM -p to=$TO "$Q"
is "nearest rank of 1..20: 10, 19, 20" "$(grep duration_ms "$T/out" | sed 's/.*"value"://; s/}//' | tr '\n' ' ')" "10 19 20 "
run fluxstat-sqlite -f "$SQL/monitoring.sql" -p from=2026-11-30T00:59:59Z -p to=2026-11-30T01:00:01Z "$M"
is "no printed job: no duration records" "$(grep -c duration_ms "$T/out" || true)" 0
job "'flat'" "'4p'" 1 1 0 "'printed'" NULL "'2026-12-01T01:00:00Z'" 42 | sqlite3 "$Q"
run fluxstat-sqlite -f "$SQL/monitoring.sql" -p from=2026-12-01T00:00:00Z -p to=2026-12-02T00:00:00Z "$Q"
is "one job: 0.5, 0.95 and max are its duration" "$(grep duration_ms "$T/out" | sed 's/.*"value"://; s/}//' | tr '\n' ' ')" "42 42 42 "

# fractional seconds in the store still fall on the right side of a bound
F=$T/frac.db
mkmon "$F" >/dev/null
{
job "'flat'" "'4p'" 1 1 0 "'printed'" NULL "'2026-11-29T23:00:00.250Z'" 1
job "'flat'" "'4p'" 1 1 0 "'printed'" NULL "'2026-11-30T22:59:59.999Z'" 1
job "'flat'" "'4p'" 1 1 0 "'printed'" NULL "'2026-11-30T23:00:00.001Z'" 1
} | sqlite3 "$F"
run fluxstat-sqlite -f "$SQL/monitoring.sql" -p from=$FROM -p to=$TO "$F"
like "stored fractions: .250Z after from counts, .001Z after to does not" "$T/out" \
	'^\{"labels":\{"job_type":"flat"\},"metric":"usage.jobs.printed","value":2\}$'

# webshop.sql on a FluxWeb.db: counts, carts are not orders, unix seconds
W=$T/FluxWeb.db
sqlite3 "$W" <<EOF
CREATE TABLE user_groups (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT,
  password_hash TEXT, group_id INTEGER, created_at INTEGER, last_login INTEGER);
CREATE TABLE price_lists (id INTEGER PRIMARY KEY, name TEXT, currency TEXT);
CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER, created_at INTEGER,
  status TEXT, total_cents INTEGER, currency TEXT, comment TEXT);
INSERT INTO user_groups (name) VALUES ('Meier GmbH'), ('Schulz KG');
INSERT INTO users (email, name) VALUES ('a@example.com', 'Anna'),
  ('b@example.com', 'Bert'), ('c@example.com', 'Carl');
INSERT INTO orders (created_at, status, comment) VALUES
  ($(date -u -d $FROM +%s), 'placed', 'bitte schnell'),
  ($(date -u -d $FROM +%s) - 1, 'placed', NULL),
  ($(date -u -d $TO +%s) - 1, 'shipped', NULL),
  ($(date -u -d $TO +%s), 'paid', NULL),
  ($(date -u -d $FROM +%s) + 60, 'cart', NULL);
EOF
cat >"$T/want" <<'EOF'
{"labels":{},"metric":"webshop.users","value":3}
{"labels":{},"metric":"webshop.user_groups","value":2}
{"labels":{},"metric":"webshop.price_lists","value":0}
{"labels":{},"metric":"usage.webshop.orders","value":2}
EOF
run fluxstat-sqlite -f sql/webshop.sql -p from=$FROM -p to=$TO "$W"
same "webshop.sql: counts, [from, to) in unix seconds, no carts, zeros present" "$T/out" "$T/want"
unlike "webshop.sql: nothing personal" "$T/out" 'Meier|Schulz|example|Anna|schnell'

# every vocabulary list of the SQL equals its file in share/vocab
n=0
bad=
for f in "$SQL"/*.sql; do
	grep -- '-- vocab/[a-z_]*\.txt$' "$f" >"$T/lists" || true
	while IFS= read -r line; do
		v=${line##*-- }
		printf '%s\n' "$line" | sed 's/--.*//' | grep -o "'[^']*'" | tr -d "'" | sort >"$T/got"
		grep -v '^#' "$top_srcdir/share/$v" | grep -v '^$' | sort >"$T/voc"
		cmp -s "$T/got" "$T/voc" || bad="$bad $f:$v"
		n=$((n + 1))
	done <"$T/lists"
done
is "SQL vocabulary lists equal share/vocab (4 lists)" "$n:$bad" "4:"

# a record per row: other non-NULL columns are labels, types kept
cat >"$T/types.sql" <<'EOF'
SELECT 'm.int' AS metric, 7 AS value, 4 AS pages, NULL AS gone, 'x' AS k;
-- a comment between statements
SELECT 'm.text' AS metric, 'v1.2' AS value;
SELECT 'm.real' AS metric, 2.5 AS value;
SELECT 'm.null' AS metric, NULL AS value;
EOF
cat >"$T/want" <<'EOF'
{"labels":{"k":"x","pages":"4"},"metric":"m.int","value":7}
{"labels":{},"metric":"m.text","value":"v1.2"}
{"labels":{},"metric":"m.real","value":2.5}
EOF
run fluxstat-sqlite -f "$T/types.sql" "$M"
same "labels as text, integer/text/real values, NULL value: no record" "$T/out" "$T/want"

# ---- bad inputs: a message naming the file, a sysexits status, and
# nothing at all on stdout
run fluxstat-sqlite -f "$SQL/monitoring.sql" -p from=$FROM -p to=$TO "$T/nonesuch.db"
is "missing database: exit 66" "$rc" 66
like "missing database: says so" "$T/err" "nonesuch.db: no such database"
is "missing database: stdout empty" "$(wc -c <"$T/out")" 0
ok "missing database: not created" test ! -e "$T/nonesuch.db"

yes 'not a database, just text' | head -n 200 >"$T/text.db"
run fluxstat-sqlite -f "$SQL/monitoring.sql" -p from=$FROM -p to=$TO "$T/text.db"
is "not a database: exit 65" "$rc" 65
first=$(grep -n "^SELECT 'usage.jobs.printed'" "$SQL/monitoring.sql" | cut -d: -f1)
like "not a database: names the file and the statement's line" "$T/err" \
	"monitoring.sql:$first: .*text.db: .*file is not a database"
is "not a database: stdout empty" "$(wc -c <"$T/out")" 0

C=$T/corrupt.db
mkmon "$C" >/dev/null
sqlite3 "$C" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
  INSERT INTO print_jobs (job_name, job_type, status, finished_at, duration_ms)
  SELECT printf('job %d with a long enough name', i), 'flat', 'printed',
    printf('2026-11-30T%02d:%02d:00Z', i % 24, i % 60), i FROM n"
head -c 40960 /dev/zero | tr '\0' 'x' | dd of="$C" bs=4096 seek=1 conv=notrunc 2>/dev/null
run fluxstat-sqlite -f "$SQL/monitoring.sql" -p from=$FROM -p to=$TO "$C"
is "corrupt database: exit 65" "$rc" 65
like "corrupt database: names the file" "$T/err" "corrupt.db: .*(malformed|corrupt)"
is "corrupt database: stdout empty" "$(wc -c <"$T/out")" 0

# locked past the timeout: a writer holds an exclusive lock (rollback
# journal); the lock is driven through a fifo, so it ends when we say
L=$T/locked.db
mkmon "$L" >/dev/null
mkfifo "$T/fifo"
sqlite3 "$L" <"$T/fifo" >/dev/null 2>&1 &
lockpid=$!
exec 3>"$T/fifo"
echo 'BEGIN EXCLUSIVE;' >&3
i=0
while sqlite3 "$L" 'SELECT 1' >/dev/null 2>&1 && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
start=$(date +%s)
run fluxstat-sqlite -t 300 -f "$SQL/monitoring.sql" -p from=$FROM -p to=$TO "$L"
end=$(date +%s)
echo 'COMMIT;' >&3
exec 3>&-
wait $lockpid || true
is "locked database: exit 75 (try again later)" "$rc" 75
like "locked database: says so, naming the file" "$T/err" "locked.db: .*locked"
is "locked database: stdout empty" "$(wc -c <"$T/out")" 0
ok "locked database: gave up after the timeout, not later" test $((end - start)) -le 3
run fluxstat-sqlite -t 300 -f "$SQL/monitoring.sql" -p from=$FROM -p to=$TO "$L"
is "lock released: reads again" "$rc" 0

# a hot journal: the server killed in the middle of a write.  A copy of
# the database and its journal taken while a transaction has spilled
# pages is exactly that (no process holds its lock).
H=$T/hot.db
sqlite3 "$T/live.db" "CREATE TABLE t(x); WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL
	SELECT i + 1 FROM c WHERE i < 3000) INSERT INTO t SELECT randomblob(200) FROM c;"
sqlite3 "$T/live.db" <<EOF >/dev/null
PRAGMA cache_size = 2;
BEGIN;
UPDATE t SET x = randomblob(200);
.shell cp $T/live.db $H; cp $T/live.db-journal $H-journal
ROLLBACK;
EOF
ok "(the hot journal is there)" test -s "$H-journal"
run fluxstat-sqlite -f "$SQL/monitoring.sql" -p from=$FROM -p to=$TO "$H"
is "a hot journal: exit 75 (try again later), not 65" "$rc" 75
like "... saying what it is, naming the file" "$T/err" "hot.db: .*unfinished write \\(a hot journal"
is "... stdout empty, the journal left for the server" "$(wc -c <"$T/out"):$(test -s "$H-journal" && echo kept)" "0:kept"

# WAL: a writer in the middle of a transaction does not block the reader,
# which sees the last committed state (one snapshot, never immutable)
V=$T/wal.db
mkmon "$V" wal >/dev/null
job "'flat'" "'4p'" 1 1 0 "'printed'" NULL "'2026-11-30T01:00:00Z'" 5 | sqlite3 "$V"
mkfifo "$T/fifo2"
sqlite3 "$V" <"$T/fifo2" >/dev/null 2>&1 &
walpid=$!
exec 4>"$T/fifo2"
echo "BEGIN IMMEDIATE; INSERT INTO print_jobs (job_type, status, finished_at) VALUES ('flat', 'printed', '2026-11-30T02:00:00Z');" >&4
i=0
while sqlite3 "$V" 'BEGIN IMMEDIATE; ROLLBACK;' >/dev/null 2>&1 && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
run fluxstat-sqlite -t 300 -f "$SQL/monitoring.sql" -p from=$FROM -p to=$TO "$V"
echo 'ROLLBACK;' >&4
exec 4>&-
wait $walpid || true
is "WAL with an open write transaction: exit 0" "$rc" 0
like "WAL: the committed snapshot only" "$T/out" '"metric":"usage.jobs.printed","value":1\}'

# statements that would write are refused before anything runs
cat >"$T/write.sql" <<'EOF'
SELECT 'm' AS metric, count(*) AS value FROM print_jobs;
DELETE FROM print_jobs;
EOF
before=$(sqlite3 "$M" 'SELECT count(*) FROM print_jobs')
run fluxstat-sqlite -f "$T/write.sql" "$M"
is "write statement: exit 65" "$rc" 65
like "write statement: refused, with its line" "$T/err" 'write.sql:2: statement would write: refused'
is "write statement: stdout empty" "$(wc -c <"$T/out")" 0
is "write statement: the database is unchanged" "$(sqlite3 "$M" 'SELECT count(*) FROM print_jobs')" "$before"
printf 'BEGIN;\n' >"$T/begin.sql"
fails 65 "transaction statements are refused" fluxstat-sqlite -f "$T/begin.sql" "$M"

run fluxstat-sqlite -f "$SQL/monitoring.sql" -p from=$FROM "$M"
is "parameter not given: exit 64" "$rc" 64
like "parameter not given: named" "$T/err" 'parameter :to is not given \(-p to=VALUE\)'
fails 64 "-p without '=': usage error" fluxstat-sqlite -f "$SQL/monitoring.sql" -p from "$M"

run fluxstat-sqlite -f nonesuch.sql "$M"
is "missing SQL file: exit 66" "$rc" 66

printf "SELECT 'm' AS metric, 1 AS value;\n\nSELECT 'n' AS metric, 1 AS value FROM nonesuch;\n" >"$T/bad.sql"
run fluxstat-sqlite -f "$T/bad.sql" "$M"
is "SQL error: exit 65" "$rc" 65
like "SQL error: file and line of the statement" "$T/err" 'bad.sql:3: .*no such table: nonesuch'

# an error while running a later statement: the earlier rows are not written
printf "SELECT 'm' AS metric, 1 AS value;\nSELECT 'n' AS metric, abs(-9223372036854775807 - 1) AS value;\n" >"$T/late.sql"
run fluxstat-sqlite -f "$T/late.sql" "$M"
is "run-time error: exit 65" "$rc" 65
like "run-time error: file and line" "$T/err" 'late.sql:2: .*integer overflow'
is "run-time error: nothing partial on stdout" "$(wc -c <"$T/out")" 0

fails 64 "an immutable URI is refused" fluxstat-sqlite -f "$T/types.sql" "file:$M?immutable=1"
printf "SELECT 'm' AS metric;\n" >"$T/novalue.sql"
fails 65 "a statement without a value column is refused" fluxstat-sqlite -f "$T/novalue.sql" "$M"

# ---- the reference installations: two days, two zones, DST included
period 2026-03-29 Europe/Berlin
is "2026-03-29 in Europe/Berlin, one of the days below, has 23 hours" \
	$(($(date -u -d "$to" +%s) - $(date -u -d "$from" +%s))) 82800
metrics='"metric":"(usage\.jobs\.printed|usage\.pages\.printed|usage\.signatures\.used|health\.jobs\.failed|health\.jobs\.duration_ms|webshop\.users|webshop\.user_groups|webshop\.price_lists|usage\.webshop\.orders)"'
c=0
for day in 2026-03-29 2026-11-29; do
	for tz in Europe/Berlin America/New_York; do
		c=$((c + 1))
		R=$T/flux$c
		mkflux --seed $((c * 7)) --day $day --tz $tz "$R" >/dev/null
		period "$day" "$tz"
		{
			fluxstat-sqlite -f sql/monitoring.sql -p from="$from" -p to="$to" "$R/monitoring/Monitoring.db"
			fluxstat-sqlite -f sql/webshop.sql -p from="$from" -p to="$to" "$R/web/FluxWeb.db"
		} | LC_ALL=C sort >"$T/got$c"
		grep -E "$metrics" "$R/expected.ndjson" | LC_ALL=C sort >"$T/want$c"
		same "mkflux $day $tz ($from .. $to): the SQL metrics equal expected.ndjson" "$T/got$c" "$T/want$c"
		ok "mkflux $day $tz: none of the planted personal strings in the records" \
			sh -c '! grep -qF -f "$1" "$2"' sh "$R/planted.txt" "$T/got$c"
	done
done
