/*
 * mkflux-stores.c: install.json, monitoring/Monitoring.db, web/ (FluxWeb.db,
 * order item files, portal.json), jobs/, and the stores no metric reads:
 * assets/, backups/ and exports/jobs/.
 *
 * Each row is generated, written, and then counted in the oracle from the
 * generator's own values; nothing is read back.  Rows are inserted in a
 * fixed order inside large transactions, so the SQLite files come out the
 * same bytes for the same seed.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>
#include <zlib.h>

#include "mkflux.h"

const char *const paper_custom_names[] = { "DL-Flyer 99x210",
	"Quadrat 210x210", "a4", "A4 ", "Visitenkarte 85x55", "DIN A4",
	"SRA3+", "Sonderformat Müller 330x480" };
const size_t npaper_custom_names = NELEM(paper_custom_names);
const char *const printer_unknown_models[] = { "Epson SureColor P9500",
	"Konica Minolta bizhub C3350i", "accuriopress c14000",
	"Heidelberg Versafire EV" };
const size_t nprinter_unknown_models = NELEM(printer_unknown_models);
/* "BOOKLET": the vocabulary is case-sensitive */
const char *const job_type_unknown[] = { "leporello", "Poster XXL",
	"BOOKLET", "envelope" };
const size_t njob_type_unknown = NELEM(job_type_unknown);
const char *const paper_type_names[] = { "Bilderdruck 300g",
	"Munken Pure 120g", "Offset 80g", "Recyclingpapier 90g",
	"Chromolux 250g", "Papier couché 135g", "Papier kredowy 170g",
	"Χαρτί velvet 200g", "Картон 350g", "和紙 70g", "Folie transparent" };
const size_t npaper_type_names = NELEM(paper_type_names);

static const char *const signature_unknown[] = { "6p", "20p", "4P", "64p" };
static const int offsets[] = { 0, 0, 60, 120, -300, 330, -210, 540, 345,
	-600, 840, -720 };

static void export_job(const char *id, const struct fs_buf *job);
static sqlite3 *db_open(const char *path, const char *schema);
static void db_exec(sqlite3 *db, const char *sql, const char *path);
static sqlite3_stmt *db_prepare(sqlite3 *db, const char *sql, const char *path);
static void db_step(sqlite3 *db, sqlite3_stmt *st, const char *path);
static void db_close(sqlite3 *db, const char *path);
static void bind_text(sqlite3_stmt *st, int i, const char *s);

const char *
any_job_type(struct rng *r)
{
	if (rng_pct(r, 5))
		return job_type_unknown[rng_below(r, njob_type_unknown)];
	return vocab[V_JOB_TYPES][rng_below(r, vocab_len[V_JOB_TYPES])];
}

const char *
any_signature(struct rng *r)
{
	if (rng_pct(r, 4))
		return PICK(r, signature_unknown);
	return vocab[V_SIGNATURES][rng_below(r, vocab_len[V_SIGNATURES])];
}

const char *
any_paper_format(struct rng *r)
{
	if (rng_pct(r, 15))
		return paper_custom_names[rng_below(r, npaper_custom_names)];
	/* A4 and SRA3 dominate, as in a real shop */
	if (rng_pct(r, 40))
		return rng_pct(r, 70) ? "A4" : "SRA3";
	return vocab[V_PAPER_FORMATS][rng_below(r, vocab_len[V_PAPER_FORMATS])];
}

/* ----------------------------------------------------------- install */

void
gen_install(void)
{
	static const char *const editions[] = { "starter", "standard",
		"professional", "enterprise" };
	static const char *const types[] = { "perpetual", "subscription", "trial" };
	static const struct { const char *name, *ver; } unknown[] = {
		{ "pdf-watermark", "2.0.1" }, { "Web-Shop", "3.1.0" },
		{ "legacy-ftp-bridge", "0.9.3" } };
	struct rng r;
	struct fs_buf b = FS_BUF_INIT;
	char serial[40];
	size_t i;
	int first = 1, placed_unknown = 0;

	rng_seed(&r, run.seed, 2);
	orc.version = "10.2.3";
	orc.edition = PICK(&r, editions);
	orc.ltype = PICK(&r, types);
	orc.seats = rng_range(&r, 1, 50);
	snprintf(serial, sizeof serial, "FLX-%04X-%04X-%04X-%04X",
	    (unsigned)rng_below(&r, 0x10000), (unsigned)rng_below(&r, 0x10000),
	    (unsigned)rng_below(&r, 0x10000), (unsigned)rng_below(&r, 0x10000));

	fs_buf_adds(&b, "{\n  \"product\": \"Flux\",\n  \"version\": \"10.2.3\",\n"
	    "  \"build\": \"10.2.3.4567\",\n"
	    "  \"installed_at\": \"2024-03-01T10:00:00Z\",\n  \"license\": {\n"
	    "    \"serial\": ");
	fs_json_strz(&b, P(serial));
	fs_buf_adds(&b, ",\n    \"licensee\": ");
	fs_json_strz(&b, P(pii_company(&r)));
	fs_buf_printf(&b, ",\n    \"edition\": \"%s\",\n    \"type\": \"%s\",\n"
	    "    \"seats\": %lld,\n    \"expires\": ", orc.edition, orc.ltype,
	    orc.seats);
	if (strcmp(orc.ltype, "perpetual") == 0)
		fs_buf_adds(&b, "null");
	else
		fs_buf_printf(&b, "\"%d-06-30\"", (int)rng_range(&r, 2026, 2029));
	fs_buf_adds(&b, "\n  },\n  \"addons\": [");
	/* known add-ons (each at most once) with unknown ones between them;
	 * the first unknown one in file order gives the "other" version */
	for (i = 0; i < vocab_len[V_ADDONS]; i++) {
		char ver[24];
		const char *name = vocab[V_ADDONS][i];

		if (!placed_unknown && i >= 2 && rng_pct(&r, 40)) {
			size_t u = rng_below(&r, NELEM(unknown));

			fs_buf_printf(&b, "%s\n    {\"name\": \"%s\", \"version\": \"%s\"}",
			    first ? "" : ",", unknown[u].name, unknown[u].ver);
			orc.addon_ver[vocab_len[V_ADDONS]] = unknown[u].ver;
			placed_unknown = 1;
			first = 0;
		}
		if (!rng_pct(&r, 60))
			continue;
		snprintf(ver, sizeof ver, "%d.%d.%d", (int)rng_range(&r, 1, 4),
		    (int)rng_below(&r, 10), (int)rng_below(&r, 20));
		orc.addon_ver[i] = fs_xstrdup(ver);
		fs_buf_printf(&b, "%s\n    {\"name\": \"%s\", \"version\": \"%s\"}",
		    first ? "" : ",", name, ver);
		first = 0;
	}
	if (!placed_unknown)
		orc.addon_ver[vocab_len[V_ADDONS]] = unknown[0].ver;
	/* a second unknown add-on, always after the first */
	fs_buf_printf(&b, "%s\n    {\"name\": \"%s\", \"version\": \"%s\"}",
	    first ? "" : ",", placed_unknown ? "zz-custom-export" : unknown[0].name,
	    placed_unknown ? "7.7.7" : unknown[0].ver);
	fs_buf_adds(&b, "\n  ]\n}\n");
	write_file("install.json", b.p, b.len);
	fs_buf_free(&b);
}

/* ------------------------------------------------------------ sqlite */

static sqlite3 *
db_open(const char *path, const char *schema)
{
	sqlite3 *db;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
		fs_die(EX_CANTCREAT, "%s: %s", path, sqlite3_errmsg(db));
	/* WAL as the Flux Server runs it; no fsync: test data, rebuilt at will */
	db_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"
	    " PRAGMA cache_size=-32768;", path);
	db_exec(db, schema, path);
	db_exec(db, "BEGIN", path);
	return db;
}

static void
db_exec(sqlite3 *db, const char *sql, const char *path)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fs_die(EX_IOERR, "%s: %s", path, msg ? msg : "error");
}

static sqlite3_stmt *
db_prepare(sqlite3 *db, const char *sql, const char *path)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fs_die(EX_SOFTWARE, "%s: %s", path, sqlite3_errmsg(db));
	return st;
}

static void
db_step(sqlite3 *db, sqlite3_stmt *st, const char *path)
{
	static unsigned long n;

	if (sqlite3_step(st) != SQLITE_DONE)
		fs_die(EX_IOERR, "%s: %s", path, sqlite3_errmsg(db));
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	/* keep each transaction (and the WAL) of a bounded size */
	if (++n % 200000 == 0) {
		db_exec(db, "COMMIT", path);
		db_exec(db, "BEGIN", path);
	}
}

static void
db_close(sqlite3 *db, const char *path)
{
	db_exec(db, "COMMIT", path);
	/* the last connection's close checkpoints and removes the -wal */
	if (sqlite3_close(db) != SQLITE_OK)
		fs_die(EX_IOERR, "%s: close failed", path);
}

static void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

static void
bind_time(sqlite3_stmt *st, int i, int64_t ms, char buf[40])
{
	if (ms == INT64_MIN) {
		sqlite3_bind_null(st, i);
		return;
	}
	fmt_utc(ms, buf);
	sqlite3_bind_text(st, i, buf, -1, SQLITE_STATIC);
}

/* -------------------------------------------------------- monitoring */

struct pjob {
	const char *status;
	const char *error;	/* failed only */
	int64_t submitted, finished;	/* INT64_MIN: NULL */
	int64_t duration;	/* -1: NULL */
};

static const char *const error_unknown[] = { "E_FUSER_JAM", "E_DISK_FULL",
	"e_rip" };

static void
pjob_count(const struct pjob *j, const char *type, const char *sig,
    int pages, int copies, int color)
{
	if (j->finished == INT64_MIN || !in_period(j->finished))
		return;
	if (strcmp(j->status, "printed") == 0) {
		orc.jobs_printed[vidx(V_JOB_TYPES, type)]++;
		orc.pages[color] += (long long)pages * copies;
		orc.sigs_used[vidx(V_SIGNATURES, sig)]++;
		if (j->duration >= 0)
			orc_duration(j->duration);
	} else if (strcmp(j->status, "failed") == 0)
		orc.failed[vidx(V_ERROR_CODES, j->error)]++;
}

static void
pjob_random(struct rng *r, struct pjob *j, int hist)
{
	unsigned x = (unsigned)rng_below(r, 100);
	int64_t wait = rng_range(r, 0, 900) * 1000;

	j->error = NULL;
	j->duration = -1;
	j->finished = hist ? hist_instant(r) : rnd_instant(r, 1);
	if (x < 70) {
		j->status = "printed";
		/* mostly seconds to minutes, a few hours-long jobs */
		j->duration = rng_pct(r, 3) ? rng_range(r, 600000, 14400000) :
		    rng_range(r, 450, 240000);
	} else if (x < 79) {
		j->status = "failed";
		j->error = rng_pct(r, 10) ? PICK(r, error_unknown) :
		    vocab[V_ERROR_CODES][rng_below(r, vocab_len[V_ERROR_CODES])];
	} else if (x < 86)
		j->status = "cancelled";
	else {
		j->status = x < 93 ? "queued" : "printing";
		j->submitted = j->finished;
		j->finished = INT64_MIN;
		return;
	}
	j->submitted = j->finished - wait -
	    (j->duration > 0 ? j->duration / 1000 * 1000 : 0);
}

/*
 * Jobs on the period's edges: finished exactly at from (counted), at to
 * (not counted) and a second either side, for printed and failed jobs;
 * plus in-period jobs without finished_at or duration.
 */
static size_t
pjob_edges(size_t i, struct pjob *j)
{
	static const int64_t at[] = { 0, -1000, 1000 };
	size_t n = NELEM(at) * 2 * 2;

	memset(j, 0, sizeof *j);
	j->duration = -1;
	if (i < n) {
		int64_t base = (i / NELEM(at)) % 2 ? run.to : run.from;

		j->finished = base + at[i % NELEM(at)];
		j->submitted = j->finished - 3600000;
		if (i < n / 2) {
			j->status = "printed";
			j->duration = 1000 + (int64_t)i * 777;
		} else {
			j->status = "failed";
			j->error = i % 2 ? "E_MEDIA" : "E_FUSER_JAM";
		}
		return n + 4;
	}
	j->submitted = run.from + 7200000;
	j->finished = INT64_MIN;
	switch (i - n) {
	case 0: j->status = "queued"; break;
	case 1: j->status = "printing"; break;
	case 2:	/* printed in the period, duration never recorded */
		j->status = "printed";
		j->finished = run.from + 9000000;
		break;
	default:	/* cancelled inside: neither printed nor failed */
		j->status = "cancelled";
		j->finished = run.from + 9000000;
	}
	return n + 4;
}

/*
 * One print job row, counted in the oracle when it is the period's: the
 * edge job number edge (returns how many there are), or a random one,
 * in the history when hist.
 */
static size_t
pjob_insert(sqlite3 *db, sqlite3_stmt *st, struct rng *r, long long id,
    long long edge, int hist, const char *path)
{
	const struct person *p = person(r);
	const char *type = any_job_type(r), *sig = any_signature(r);
	int pages = rng_pct(r, 5) ? (int)rng_range(r, 65, 480) :
	    (int)rng_range(r, 1, 64);
	int copies = rng_pct(r, 10) ? (int)rng_range(r, 500, 5000) :
	    (int)rng_range(r, 1, 250);
	int color = rng_pct(r, 65);
	struct printer pr;
	struct pjob j0, *j = &j0;
	char name[256], t1[40], t2[40];
	size_t nedge = 0;

	if (edge >= 0)
		nedge = pjob_edges((size_t)edge, j);
	else
		pjob_random(r, j, hist);
	printer_at(rng_below(r, nprinters()), &pr);
	pii_job_name(r, name, sizeof name, p);
	sqlite3_bind_int64(st, 1, id);
	bind_text(st, 2, name);
	bind_text(st, 3, rng_pct(r, 60) ? P(p->login) : P(p->full));
	bind_text(st, 4, pr.name);
	bind_text(st, 5, pr.model);
	bind_text(st, 6, type);
	bind_text(st, 7, sig);
	bind_text(st, 8, any_paper_format(r));
	bind_text(st, 9, P(PICK(r, paper_type_names)));
	sqlite3_bind_int(st, 10, pages);
	sqlite3_bind_int(st, 11, copies);
	sqlite3_bind_int(st, 12, color);
	bind_text(st, 13, j->status);
	bind_text(st, 14, j->error);
	bind_time(st, 15, j->submitted, t1);
	bind_time(st, 16, j->finished, t2);
	if (j->duration >= 0)
		sqlite3_bind_int64(st, 17, j->duration);
	db_step(db, st, path);
	pjob_count(j, type, sig, pages, copies, color);
	return nedge;
}

void
gen_monitoring(void)
{
	static const char *path = "monitoring/Monitoring.db";
	static const char *schema =
	    "CREATE TABLE print_jobs (\n"
	    "  id            INTEGER PRIMARY KEY,\n"
	    "  job_name      TEXT,\n  submitted_by  TEXT,\n"
	    "  printer_name  TEXT,\n  printer_model TEXT,\n"
	    "  job_type      TEXT,\n  signature     TEXT,\n"
	    "  paper_format  TEXT,\n  paper_type    TEXT,\n"
	    "  pages         INTEGER,\n  copies        INTEGER,\n"
	    "  color         INTEGER,\n  status        TEXT,\n"
	    "  error_code    TEXT,\n  submitted_at  TEXT,\n"
	    "  finished_at   TEXT,\n  duration_ms   INTEGER\n);\n"
	    "CREATE INDEX print_jobs_finished ON print_jobs(finished_at);\n";
	struct rng r, h;
	sqlite3 *db;
	sqlite3_stmt *st;
	long long i, nrand = 2000 * run.scale;
	long long nhist = 500 * run.scale * run.history;
	size_t nedge = 1;

	rng_seed(&r, run.seed, 3);
	rng_seed(&h, run.seed, 13);
	xmkdir("monitoring");
	db = db_open(path, schema);
	st = db_prepare(db, "INSERT INTO print_jobs VALUES "
	    "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", path);
	for (i = 0; i < (long long)nedge + nrand; i++) {
		if (i < (long long)nedge)
			nedge = pjob_insert(db, st, &r, i + 1, i, 0, path);
		else
			pjob_insert(db, st, &r, i + 1, -1, 0, path);
	}
	/* the history (queued and printing ones long ago: stuck jobs, which
	 * real sites have too) */
	for (i = 0; i < nhist; i++)
		pjob_insert(db, st, &h, (long long)nedge + nrand + i + 1, -1, 1,
		    path);
	sqlite3_finalize(st);
	db_close(db, path);
}

/* --------------------------------------------------------------- web */

static const char *const web_products[] = { "Visitenkarten Premium",
	"Flyer DIN lang", "Hochzeitseinladung Gold", "Broschüre A4 16 Seiten",
	"Cartes de visite", "Ulotki A5", "Φυλλάδιο A5", "Листовки A4",
	"名片 90x54", "Poster A1 matt" };
static const char *const web_status[] = { "cart", "placed", "paid",
	"in_production", "shipped", "cancelled" };

static void
item_json(struct fs_buf *b, struct rng *r, long long order, int n,
    int64_t at, int off, const struct person *p)
{
	char t[40], note[512];
	int pretty = rng_pct(r, 20), fmt = (int)rng_below(r, 100);
	const char *nl = pretty ? "\n  " : "", *sp = pretty ? " " : "";
	const char *format = NULL;

	fmt_offset(at, off, t);
	if (off == 0 && rng_pct(r, 50))
		strcpy(t + 19, "Z");
	fs_buf_printf(b, "{%s\"order_id\":%s%lld,%s\"item\":%s%d,%s\"created_at\":%s\"%s\",%s",
	    nl, sp, order, nl, sp, n, nl, sp, t, nl);
	fs_buf_printf(b, "\"product\":%s", sp);
	if (rng_pct(r, 20)) {
		snprintf(note, sizeof note, "%s – %s", PICK(r, web_products),
		    P(p->full));
		fs_json_strz(b, note);
	} else
		fs_json_strz(b, PICK(r, web_products));
	fs_buf_printf(b, ",%s\"quantity\":%s%d,%s\"options\":%s{", nl, sp,
	    (int)rng_range(r, 1, 5000), nl, sp);
	/* missing and null formats count as custom */
	if (fmt < 85) {
		format = any_paper_format(r);
		fs_buf_adds(b, "\"paper_format\":");
		fs_json_strz(b, format);
		fs_buf_addc(b, ',');
	} else if (fmt < 92)
		fs_buf_adds(b, "\"paper_format\":null,");
	fs_buf_adds(b, "\"paper_type\":");
	fs_json_strz(b, P(PICK(r, paper_type_names)));
	fs_buf_printf(b, ",\"signature\":\"%s\",\"color\":%s}", any_signature(r),
	    rng_pct(r, 50) ? "true" : "false");
	if (rng_pct(r, 60)) {
		pii_free_text(r, note, sizeof note, p);
		fs_buf_printf(b, ",%s\"customer_note\":%s", nl, sp);
		fs_json_strz(b, note);
	} else if (rng_pct(r, 50))
		fs_buf_printf(b, ",%s\"customer_note\":%snull", nl, sp);
	fs_buf_adds(b, pretty ? "\n}\n" : "}\n");
	if (in_period(at))
		orc.items[vidx(V_PAPER_FORMATS, format)]++;
}

/*
 * The file is written when the item is made: its mtime is created_at
 * (plus the few seconds the shop takes), as on a real site, where
 * webshop_items may skip files changed before the report day.
 */
static void
write_item(struct fs_buf *b, struct rng *r, long long order, int n,
    int64_t at, int off, const struct person *p)
{
	struct timespec ts[2];
	char path[96];
	int64_t m = at + 1000 * ((order * 7 + n) % 5);

	fs_buf_reset(b);
	item_json(b, r, order, n, at, off, p);
	snprintf(path, sizeof path, "web/orderitems/%lld_%d.json", order, n);
	write_file(path, b->p, b->len);
	ts[0].tv_sec = ts[1].tv_sec = (time_t)(m / 1000);
	ts[0].tv_nsec = ts[1].tv_nsec = (long)(m % 1000) * 1000000L;
	if (utimensat(AT_FDCWD, path, ts, 0) == -1)
		fs_die(EX_IOERR, "%s: %s", path, strerror(errno));
}

static void
web_users(sqlite3 *db, struct rng *r, const char *path)
{
	sqlite3_stmt *st;
	long long i, ngroups = 5 + run.scale / 10, nusers = 50 * run.scale;
	long long nlists = 3 + run.scale / 100;
	static const char *const gnames[] = { "Stammkunden", "Agenturen",
		"Händler Süd", "Clients français", "Klienci hurtowi",
		"Schulen & Vereine", "Behörden" };
	static const char *const lnames[] = { "Standard", "Händler", "Agentur",
		"Prix export", "Cennik B2B" };
	static const char *const cur[] = { "EUR", "CHF", "PLN" };
	char buf[160];

	st = db_prepare(db, "INSERT INTO user_groups VALUES (?,?)", path);
	for (i = 1; i <= ngroups; i++) {
		const struct person *p = person(r);

		sqlite3_bind_int64(st, 1, i);
		if (i <= (long long)NELEM(gnames))
			snprintf(buf, sizeof buf, "%s", gnames[i - 1]);
		else
			snprintf(buf, sizeof buf, "Kunden von %s", p->full);
		bind_text(st, 2, P(buf));
		db_step(db, st, path);
	}
	sqlite3_finalize(st);
	orc.web_groups = ngroups;

	st = db_prepare(db, "INSERT INTO users VALUES (?,?,?,?,?,?,?)", path);
	for (i = 1; i <= nusers; i++) {
		const struct person *p = person_at((size_t)i * 7);

		sqlite3_bind_int64(st, 1, i);
		bind_text(st, 2, P(p->email));
		bind_text(st, 3, P(p->full));
		bind_text(st, 4, P(p->hash));
		if (rng_pct(r, 90))
			sqlite3_bind_int64(st, 5, rng_range(r, 1, ngroups));
		sqlite3_bind_int64(st, 6, run.wfrom / 1000 -
		    rng_range(r, 86400, 86400 * 900));
		if (rng_pct(r, 80))
			sqlite3_bind_int64(st, 7, rnd_instant(r, 1) / 1000);
		db_step(db, st, path);
	}
	sqlite3_finalize(st);
	orc.web_users = nusers;

	st = db_prepare(db, "INSERT INTO price_lists VALUES (?,?,?)", path);
	for (i = 1; i <= nlists; i++) {
		sqlite3_bind_int64(st, 1, i);
		snprintf(buf, sizeof buf, "%s %lld", lnames[(i - 1) % NELEM(lnames)],
		    2024 + i / (long long)NELEM(lnames));
		bind_text(st, 2, buf);
		bind_text(st, 3, cur[(i - 1) % NELEM(cur)]);
		db_step(db, st, path);
	}
	sqlite3_finalize(st);
	orc.web_price_lists = nlists;
}

/*
 * Edge orders come first: created at from (counted), from - 1 s, to - 1 s
 * (counted), to; a cart inside the period (not counted), a cancelled one
 * (counted: only carts are not orders yet).  Their items sit on the same
 * edges, written with other UTC offsets.
 */
static int64_t
web_edge(size_t i, const char **status)
{
	static const struct { int at_to; int64_t rel; const char *status; } e[] = {
		{ 0, 0, "placed" }, { 0, -1000, "placed" }, { 1, -1000, "paid" },
		{ 1, 0, "placed" }, { 0, 3600000, "cart" },
		{ 0, 7200000, "cancelled" } };

	*status = e[i].status;
	return (e[i].at_to ? run.to : run.from) + e[i].rel;
}

/* boolean, other-typed and absent features; unknown keys never count */
static void
gen_portal(struct rng *r)
{
	static const char *const odd[] = { "\"yes\"", "1", "null", "\"false\"",
		"{\"enabled\": true}" };
	const struct person *p = person(r);
	struct fs_buf b = FS_BUF_INIT;
	char imprint[512], iban[48];
	size_t i, odd_one;

	fs_buf_adds(&b, "{\n  \"title\": ");
	snprintf(imprint, sizeof imprint, "Webshop %s", pii_company(r));
	fs_json_strz(&b, P(imprint));
	fs_buf_adds(&b, ",\n  \"theme\": \"ocean\",\n"
	    "  \"languages\": [\"de\", \"en\", \"fr\", \"pl\"],\n"
	    "  \"features\": {");
	odd_one = rng_below(r, vocab_len[V_PORTAL_SETTINGS]);
	for (i = 0; i < vocab_len[V_PORTAL_SETTINGS]; i++) {
		/* one known feature always has a value that is not a boolean */
		unsigned x = i == odd_one ? 20 : (unsigned)rng_below(r, 100);

		orc.portal[i] = -1;
		if (x < 15)
			continue;
		fs_buf_printf(&b, "\n    \"%s\": ", vocab[V_PORTAL_SETTINGS][i]);
		if (x < 30)
			fs_buf_adds(&b, PICK(r, odd));
		else {
			orc.portal[i] = rng_pct(r, 50);
			fs_buf_adds(&b, orc.portal[i] ? "true" : "false");
		}
		fs_buf_addc(&b, ',');
	}
	fs_buf_adds(&b, "\n    \"Guest_Checkout\": true,\n"
	    "    \"dark_mode\": false,\n    \"max_upload_mb\": 512\n  },\n"
	    "  \"smtp\": {\"host\": \"mail.druckerei-mueller.de\", \"port\": 587,"
	    " \"user\": ");
	fs_json_strz(&b, P(p->email));
	fs_buf_adds(&b, ", \"password\": ");
	fs_json_strz(&b, P(p->password));
	fs_buf_adds(&b, "},\n  \"imprint\": ");
	snprintf(imprint, sizeof imprint, "%s, Inhaber %s, %s, %s, Tel. %s, %s",
	    P(pii_company(r)), P(p->full), P(p->street), P(p->cityline),
	    P(p->phone), P(p->email));
	fs_json_strz(&b, imprint);
	pii_iban(r, iban, sizeof iban, "DE");
	fs_buf_adds(&b, ",\n  \"bank\": {\"holder\": ");
	fs_json_strz(&b, p->full);
	fs_buf_adds(&b, ", \"iban\": ");
	fs_json_strz(&b, P(iban));
	fs_buf_adds(&b, ", \"bic\": \"COBADEFFXXX\"}\n}\n");
	write_file("web/config/portal.json", b.p, b.len);
	fs_buf_free(&b);
}

void
gen_web(void)
{
	static const char *path = "web/FluxWeb.db";
	static const char *schema =
	    "CREATE TABLE user_groups (id INTEGER PRIMARY KEY, name TEXT);\n"
	    "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT,\n"
	    "                    password_hash TEXT, group_id INTEGER,"
	    " created_at INTEGER, last_login INTEGER);\n"
	    "CREATE TABLE price_lists (id INTEGER PRIMARY KEY, name TEXT,"
	    " currency TEXT);\n"
	    "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER,"
	    " created_at INTEGER,\n"
	    "                     status TEXT, total_cents INTEGER,"
	    " currency TEXT, comment TEXT);\n";
	static const char *const cur[] = { "EUR", "EUR", "EUR", "CHF", "PLN" };
	struct rng r, h;
	struct fs_buf b = FS_BUF_INIT;
	sqlite3 *db;
	sqlite3_stmt *st;
	char note[512];
	long long i, nedge = 6, n = nedge + 1000 * run.scale;
	long long nhist = 100 * run.scale * run.history;

	rng_seed(&r, run.seed, 4);
	xmkdir("web/orderitems");
	xmkdir("web/config");
	db = db_open(path, schema);
	web_users(db, &r, path);
	st = db_prepare(db, "INSERT INTO orders VALUES (?,?,?,?,?,?,?)", path);
	for (i = 1; i <= n; i++) {
		const struct person *p = person(&r);
		const char *status = PICK(&r, web_status);
		int64_t at = i <= nedge ? web_edge((size_t)i - 1, &status) :
		    rnd_instant(&r, 1);
		int k, nitems;

		sqlite3_bind_int64(st, 1, i);
		sqlite3_bind_int64(st, 2, rng_range(&r, 1, 50 * run.scale));
		sqlite3_bind_int64(st, 3, at / 1000);
		bind_text(st, 4, status);
		sqlite3_bind_int64(st, 5, rng_range(&r, 990, 250000));
		bind_text(st, 6, PICK(&r, cur));
		if (rng_pct(&r, 40)) {
			pii_free_text(&r, note, sizeof note, p);
			bind_text(st, 7, note);
		}
		db_step(db, st, path);
		if (strcmp(status, "cart") != 0 && in_period(at))
			orc.web_orders++;

		/* item files: every edge order, one in seven of the others */
		nitems = i <= nedge ? 2 : rng_pct(&r, 15) ? (int)rng_range(&r, 1, 3) : 0;
		for (k = 1; k <= nitems; k++) {
			int off = offsets[rng_below(&r, NELEM(offsets))];
			int64_t t = at + (i <= nedge ? 0 : (k - 1) * 37000);

			write_item(&b, &r, i, k, t, off, p);
		}
	}
	/* the history: a web order a day for every 0.01 of scale, one
	 * item file for 8 % of them (a large site's 90k files in 3 years) */
	rng_seed(&h, run.seed, 14);
	for (i = n + 1; i <= n + nhist; i++) {
		const struct person *p = person(&h);
		const char *status = PICK(&h, web_status);
		int64_t at = hist_instant(&h);

		sqlite3_bind_int64(st, 1, i);
		sqlite3_bind_int64(st, 2, rng_range(&h, 1, 50 * run.scale));
		sqlite3_bind_int64(st, 3, at / 1000);
		bind_text(st, 4, status);
		sqlite3_bind_int64(st, 5, rng_range(&h, 990, 250000));
		bind_text(st, 6, PICK(&h, cur));
		if (rng_pct(&h, 40)) {
			pii_free_text(&h, note, sizeof note, p);
			bind_text(st, 7, note);
		}
		db_step(db, st, path);
		if (strcmp(status, "cart") != 0 && rng_pct(&h, 8))
			write_item(&b, &h, i, 1, at,
			    offsets[rng_below(&h, NELEM(offsets))], p);
	}
	sqlite3_finalize(st);
	db_close(db, path);
	fs_buf_free(&b);
	gen_portal(&r);
}

/* -------------------------------------------------------------- jobs */

/* a file of exactly size bytes: a header with personal text, then a
 * filler; big ones are sparse (st_size counts, blocks do not) */
static void
job_file(const char *path, const char *head, long long size)
{
	static char fill[8192];
	FILE *fp;
	long long left;
	size_t hn = strlen(head);

	if (fill[0] == '\0')
		memset(fill, 'x', sizeof fill);
	fp = xfopen(path);
	if ((long long)hn > size)
		hn = (size_t)size;
	fwrite(head, 1, hn, fp);
	left = size - (long long)hn;
	if (size > 1 << 20) {
		fflush(fp);
		if (ftruncate(fileno(fp), (off_t)size) == -1)
			fs_die(EX_IOERR, "%s: %s", path, strerror(errno));
		left = 0;
	}
	while (left > 0) {
		size_t k = left > (long long)sizeof fill ? sizeof fill : (size_t)left;

		fwrite(fill, 1, k, fp);
		left -= (long long)k;
	}
	xfclose(fp, path);
	orc.job_bytes += size;
}

static void
job_folder(struct rng *r, long long id, int hist)
{
	const struct person *p = person(r);
	struct fs_buf b = FS_BUF_INIT;
	char dir[64], path[512], name[256], note[512], t[40];
	int k, nsheets;

	snprintf(dir, sizeof dir, rng_pct(r, 50) ? "jobs/J%06lld" :
	    "jobs/2026-%06lld", id);
	pii_job_name(r, name, sizeof name, p);
	pii_free_text(r, note, sizeof note, p);
	fmt_utc(hist ? hist_instant(r) : rnd_instant(r, 1), t);
	fs_buf_adds(&b, "{\"id\": ");
	fs_json_strz(&b, dir + 5);
	fs_buf_adds(&b, ", \"name\": ");
	fs_json_strz(&b, name);
	fs_buf_adds(&b, ", \"customer\": {\"name\": ");
	fs_json_strz(&b, P(p->full));
	fs_buf_adds(&b, ", \"email\": ");
	fs_json_strz(&b, P(p->email));
	fs_buf_adds(&b, ", \"phone\": ");
	fs_json_strz(&b, P(p->phone));
	fs_buf_adds(&b, ", \"address\": ");
	snprintf(path, sizeof path, "%s, %s", P(p->street), P(p->cityline));
	fs_json_strz(&b, path);
	fs_buf_printf(&b, ", \"customer_no\": \"%s\"}, \"type\": \"%s\","
	    " \"created\": \"%s\",\n \"submitted_from\": {\"ip\": \"%s\","
	    " \"mac\": \"%s\"}, \"note\": ", P(p->custno), any_job_type(r), t,
	    P(p->ip), P(p->mac));
	fs_json_strz(&b, note);
	fs_buf_adds(&b, "}\n");

	snprintf(path, sizeof path, "%s/source", dir);
	xmkdir(path);
	snprintf(path, sizeof path, "%s/job.json", dir);
	write_file(path, b.p, b.len);
	orc.job_bytes += (long long)b.len;
	export_job(dir + 5, &b);

	fs_buf_reset(&b);
	fs_buf_printf(&b, "%%PDF-1.7\n%% %s\n%% %s\n", name, note);
	snprintf(path, sizeof path, "%s/source/%s.pdf", dir, name);
	job_file(path, b.p, rng_range(r, 300, 40000));
	fs_buf_free(&b);
	if (rng_pct(r, 30)) {	/* a link is not a regular file: not counted */
		char target[300];

		snprintf(target, sizeof target, "source/%s.pdf", name);
		snprintf(path, sizeof path, "%s/current.pdf", dir);
		if (symlink(target, path) == -1)
			fs_die(EX_CANTCREAT, "%s: %s", path, strerror(errno));
	}
	if (rng_pct(r, 20))
		return;		/* not processed yet: source only */
	snprintf(path, sizeof path, "%s/working/imposition", dir);
	xmkdir(path);
	nsheets = (int)rng_range(r, 1, 4);
	for (k = 1; k <= nsheets; k++) {
		snprintf(path, sizeof path, "%s/working/imposition/sheet-%03d.pdf",
		    dir, k);
		job_file(path, "%PDF-1.4\n", rng_range(r, 100, 12000));
	}
	snprintf(path, sizeof path, "%s/working/preview/thumbs", dir);
	xmkdir(path);
	snprintf(path, sizeof path, "%s/working/preview/thumbs/p1.png", dir);
	job_file(path, "\x89PNG\r\n\x1a\n", rng_range(r, 0, 3000));
	if (rng_pct(r, 30)) {
		snprintf(path, sizeof path, "%s/working/.keep", dir);
		job_file(path, "", 0);
	}
	if (rng_pct(r, 5)) {
		snprintf(path, sizeof path, "%s/working/rip", dir);
		xmkdir(path);
		snprintf(path, sizeof path, "%s/working/rip/cache.bin", dir);
		job_file(path, "RIPCACHE", rng_range(r, 2 << 20, 24 << 20));
	}
	if (rng_pct(r, 10)) {	/* an empty folder deep down */
		snprintf(path, sizeof path, "%s/working/archive/2026/empty", dir);
		xmkdir(path);
	}
}

/* whether a job was exported: a stream of its own, so that the job
 * folders are the same with or without the exports */
static struct rng export_rng;

void
gen_jobs(void)
{
	struct rng r, h;
	long long i, n = 20 * run.scale, nhist = run.scale * run.history;

	rng_seed(&r, run.seed, 5);
	rng_seed(&h, run.seed, 15);
	rng_seed(&export_rng, run.seed, 8);
	xmkdir("jobs/EMPTY-0000");	/* a folder, but no bytes */
	/* a regular file right under jobs/: bytes, but not a folder */
	job_file("jobs/.lock", "4711\n", 5);
	for (i = 1; i <= n; i++)
		job_folder(&r, i, 0);
	for (i = n + 1; i <= n + nhist; i++)
		job_folder(&h, i, 1);
	orc.job_folders = n + nhist + 1;
}

/* ---------------------------------------- assets, backups, exports */

/*
 * What the Flux Server keeps besides its stores (fluxstat-stores(7)): no
 * metric reads it, so nothing here goes into the oracle.  File names
 * carry personal names (planted), as admins name their files; contents
 * carry them too (a template's customer, a backup's company), so a test
 * can prove that neither reaches a report.
 */

/* exports/jobs/<job-id>.json: the Export import job data add-on writes
 * a job's job.json as it is, for about one job in three */
static void
export_job(const char *id, const struct fs_buf *job)
{
	char path[128];

	if (!rng_pct(&export_rng, 35))
		return;
	xmkdir("exports/jobs");
	snprintf(path, sizeof path, "exports/jobs/%s.json", id);
	write_file(path, job->p, job->len);
}

/* a file of a few hundred bytes: a format's magic, the personal text,
 * then filler */
static void
asset_file(struct rng *r, const char *path, const char *magic, const char *text)
{
	struct fs_buf b = FS_BUF_INIT;
	long long k, n = rng_range(r, 200, 4000);

	fs_buf_adds(&b, magic);
	fs_buf_adds(&b, text);
	fs_buf_addc(&b, '\n');
	for (k = 0; k < n; k++)
		fs_buf_addc(&b, (char)('a' + rng_below(r, 26)));
	write_file(path, b.p, b.len);
	fs_buf_free(&b);
}

/* a name an admin would give a customer's file: "Proof Jürgen Müller" */
static void
asset_name(struct rng *r, char *out, size_t n, const char *what)
{
	const struct person *p = person(r);

	snprintf(out, n, "%s %s", what, P(p->full));
}

/* A zip archive of stored (uncompressed) members, as a backup is: local
 * headers, the data, the central directory, its end.  Times are fixed
 * (1 Jan 2026) so the bytes follow the seed. */
struct zip {
	struct fs_buf data, dir;
	unsigned n;
};

static void
le16(struct fs_buf *b, unsigned v)
{
	fs_buf_addc(b, (char)(v & 0xff));
	fs_buf_addc(b, (char)((v >> 8) & 0xff));
}

static void
le32(struct fs_buf *b, unsigned long v)
{
	le16(b, (unsigned)(v & 0xffff));
	le16(b, (unsigned)((v >> 16) & 0xffff));
}

static void
zip_add(struct zip *z, const char *name, const char *p, size_t len)
{
	unsigned long crc = crc32(0L, (const Bytef *)p, (uInt)len);
	unsigned long off = (unsigned long)z->data.len;
	size_t nl = strlen(name);

	le32(&z->data, 0x04034b50);	/* local file header */
	le16(&z->data, 20);		/* version needed */
	le16(&z->data, 0x0800);		/* names are UTF-8 */
	le16(&z->data, 0);		/* stored */
	le16(&z->data, 0);		/* 00:00 */
	le16(&z->data, (2026 - 1980) << 9 | 1 << 5 | 1);
	le32(&z->data, crc);
	le32(&z->data, (unsigned long)len);
	le32(&z->data, (unsigned long)len);
	le16(&z->data, (unsigned)nl);
	le16(&z->data, 0);
	fs_buf_add(&z->data, name, nl);
	fs_buf_add(&z->data, p, len);

	le32(&z->dir, 0x02014b50);	/* central directory header */
	le16(&z->dir, 20);
	le16(&z->dir, 20);
	le16(&z->dir, 0x0800);
	le16(&z->dir, 0);
	le16(&z->dir, 0);
	le16(&z->dir, (2026 - 1980) << 9 | 1 << 5 | 1);
	le32(&z->dir, crc);
	le32(&z->dir, (unsigned long)len);
	le32(&z->dir, (unsigned long)len);
	le16(&z->dir, (unsigned)nl);
	le16(&z->dir, 0);
	le16(&z->dir, 0);
	le16(&z->dir, 0);
	le16(&z->dir, 0);
	le32(&z->dir, 0);
	le32(&z->dir, off);
	fs_buf_add(&z->dir, name, nl);
	z->n++;
}

static void
zip_write(struct zip *z, const char *path)
{
	unsigned long off = (unsigned long)z->data.len;

	fs_buf_add(&z->data, z->dir.p, z->dir.len);
	le32(&z->data, 0x06054b50);	/* end of central directory */
	le16(&z->data, 0);
	le16(&z->data, 0);
	le16(&z->data, z->n);
	le16(&z->data, z->n);
	le32(&z->data, (unsigned long)z->dir.len);
	le32(&z->data, off);
	le16(&z->data, 0);
	write_file(path, z->data.p, z->data.len);
	fs_buf_free(&z->data);
	fs_buf_free(&z->dir);
}

/* backups/flux-backup-YYYYMMDD.zip: the configuration as JSON (the
 * company, the mail account), an avatar and an ICC profile */
static void
backup(struct rng *r, int64_t at)
{
	struct zip z = { FS_BUF_INIT, FS_BUF_INIT, 0 };
	struct fs_buf b = FS_BUF_INIT;
	const struct person *p = person(r);
	char path[96], name[256], t[40];

	fmt_utc(at, t);
	fs_buf_adds(&b, "{\"exported_at\": ");
	fs_json_strz(&b, t);
	fs_buf_adds(&b, ", \"company\": {\"name\": ");
	fs_json_strz(&b, P(pii_company(r)));
	fs_buf_adds(&b, "}, \"email\": {\"user\": ");
	fs_json_strz(&b, P(p->email));
	fs_buf_adds(&b, ", \"sender\": ");
	fs_json_strz(&b, P(p->full));
	fs_buf_adds(&b, "}}\n");
	zip_add(&z, "config/settings.json", b.p, b.len);
	fs_buf_reset(&b);
	fs_buf_adds(&b, "\x89PNG\r\n\x1a\n");
	fs_buf_adds(&b, P(p->full));
	zip_add(&z, "assets/avatars/1001.png", b.p, b.len);
	asset_name(r, name, sizeof name, "Proof");
	fs_buf_reset(&b);
	fs_buf_printf(&b, "assets/icc/%s.icc", name);
	zip_add(&z, b.p, "acsp", 4);
	/* the day of the backup, in UTC */
	snprintf(path, sizeof path, "backups/flux-backup-%.4s%.2s%.2s.zip",
	    t, t + 5, t + 8);
	zip_write(&z, path);
	fs_buf_free(&b);
}

void
gen_assets(void)
{
	static const char *const icc[] = { "Proof", "Hausprofil", "Kunde" };
	static const char *const marks[] = { "Passer", "Schnittmarke", "Falzmarke" };
	static const char *const forms[] = { "Briefbogen", "Visitenkarte", "Formular" };
	struct rng r;
	struct fs_buf b = FS_BUF_INIT;
	char name[256], path[512];
	long long i, n;

	rng_seed(&r, run.seed, 9);
	xmkdir("assets/avatars");
	n = 6 * run.scale;
	for (i = 1; i <= n; i++) {
		const struct person *p = person(&r);
		int png = rng_pct(&r, 60);

		/* named by user id; the picture is the person: the name
		 * stands for the face */
		snprintf(path, sizeof path, "assets/avatars/%lld.%s", 1000 + i,
		    png ? "png" : "jpg");
		asset_file(&r, path, png ? "\x89PNG\r\n\x1a\n" : "\xff\xd8\xff\xe0",
		    P(p->full));
	}
	xmkdir("assets/icc");
	for (i = 0; i < 4; i++) {
		asset_name(&r, name, sizeof name, PICK(&r, icc));
		snprintf(path, sizeof path, "assets/icc/%s.icc", name);
		asset_file(&r, path, "acsp", "");
	}
	xmkdir("assets/register-marks");
	for (i = 0; i < 3; i++) {
		asset_name(&r, name, sizeof name, PICK(&r, marks));
		snprintf(path, sizeof path, "assets/register-marks/%s.%s", name,
		    rng_pct(&r, 50) ? "pdf" : "eps");
		asset_file(&r, path, "%!PS-Adobe-3.0 EPSF-3.0\n%%Title: ", name);
	}
	xmkdir("assets/forms-templates");
	for (i = 0; i < 4; i++) {
		const struct person *p = person(&r);

		asset_name(&r, name, sizeof name, PICK(&r, forms));
		if (rng_pct(&r, 50)) {
			snprintf(path, sizeof path, "assets/forms-templates/%s.pdf", name);
			asset_file(&r, path, "%PDF-1.7\n% ", P(p->street));
		} else {
			fs_buf_reset(&b);
			fs_buf_adds(&b, "{\"fields\": [\"name\", \"street\"], \"sample\": ");
			fs_json_strz(&b, P(p->full));
			fs_buf_adds(&b, "}\n");
			snprintf(path, sizeof path, "assets/forms-templates/%s.json", name);
			write_file(path, b.p, b.len);
		}
	}
	xmkdir("assets/product-images");
	n = 5 * run.scale;
	for (i = 1; i <= n; i++) {
		int png = rng_pct(&r, 50);

		snprintf(path, sizeof path, "assets/product-images/%lld.%s", 200 + i,
		    png ? "png" : "jpg");
		asset_file(&r, path, png ? "\x89PNG\r\n\x1a\n" : "\xff\xd8\xff\xe0", "");
	}
	/* one of them named by an admin after its customer */
	asset_name(&r, name, sizeof name, "Produktfoto");
	snprintf(path, sizeof path, "assets/product-images/%s.jpg", name);
	asset_file(&r, path, "\xff\xd8\xff\xe0", "");

	/* a backup a week for the last three weeks before the window */
	xmkdir("backups");
	for (i = 3; i >= 1; i--)
		backup(&r, run.wfrom - i * 7 * 86400000LL);
	fs_buf_free(&b);
}
