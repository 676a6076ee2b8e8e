/*
 * mkflux-mongo.c: a mongodump folder of database "flux" (mongodb/dump/flux),
 * as `mongodump` writes it: <coll>.bson (documents back to back) and
 * <coll>.metadata.json, one collection gzipped (<coll>.bson.gz) as
 * `mongodump --gzip` would.  Documents are made with libbson; ObjectIds
 * are built from the seed so that two runs give the same bytes.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <bson/bson.h>
#include <zlib.h>

#include "mkflux.h"

#define DUMP "mongodb/dump/flux"

struct bw {
	FILE *fp;
	char path[128];
	int gz;
	z_stream z;
};

static void bw_open(struct bw *w, struct rng *r, const char *coll, int gz);
static void bw_doc(struct bw *w, const bson_t *doc);
static void bw_close(struct bw *w);

enum { C_SETTINGS = 1, C_PRODUCTS, C_PAPER_FORMATS, C_PAPER_TYPES,
	C_SIGNATURES, C_PRINTERS, C_PROFILES, C_USERS, C_GROUPS, C_ADDRESSES,
	C_ORDERS, C_ORDER_ITEMS };

/* ------------------------------------------------------------ writers */

static void
bw_write(struct bw *w, const void *p, size_t n, int flush)
{
	unsigned char out[65536];

	if (!w->gz) {
		if (n > 0 && fwrite(p, 1, n, w->fp) != n)
			fs_die(EX_IOERR, "%s: %s", w->path, strerror(errno));
		return;
	}
	w->z.next_in = (unsigned char *)(uintptr_t)p;
	w->z.avail_in = (uInt)n;
	do {
		int rc;

		w->z.next_out = out;
		w->z.avail_out = sizeof out;
		rc = deflate(&w->z, flush ? Z_FINISH : Z_NO_FLUSH);
		if (rc == Z_STREAM_ERROR)
			fs_die(EX_SOFTWARE, "%s: deflate failed", w->path);
		fwrite(out, 1, sizeof out - w->z.avail_out, w->fp);
	} while (w->z.avail_out == 0);
}

static void
bw_open(struct bw *w, struct rng *r, const char *coll, int gz)
{
	struct fs_buf b = FS_BUF_INIT;
	char path[128];
	int i;

	memset(w, 0, sizeof *w);
	/* uuid and indexes as mongodump writes them: canonical Extended JSON */
	fs_buf_adds(&b, "{\"options\":{},\"indexes\":[{\"v\":{\"$numberInt\":\"2\"},"
	    "\"key\":{\"_id\":{\"$numberInt\":\"1\"}},\"name\":\"_id_\"}");
	if (strcmp(coll, "orders") == 0)
		fs_buf_adds(&b, ",{\"v\":{\"$numberInt\":\"2\"},\"key\":{\"created_at\":"
		    "{\"$numberInt\":\"-1\"}},\"name\":\"created_at_-1\"}");
	fs_buf_adds(&b, "],\"uuid\":\"");
	for (i = 0; i < 16; i++)
		fs_buf_printf(&b, "%02x", (unsigned)rng_below(r, 256));
	fs_buf_printf(&b, "\",\"collectionName\":\"%s\",\"type\":\"collection\"}",
	    coll);
	snprintf(path, sizeof path, DUMP "/%s.metadata.json", coll);
	write_file(path, b.p, b.len);
	fs_buf_free(&b);

	snprintf(w->path, sizeof w->path, DUMP "/%s.bson%s", coll, gz ? ".gz" : "");
	w->fp = xfopen(w->path);
	w->gz = gz;
	/* 15 + 16: a gzip wrapper with mtime 0 and no name: reproducible */
	if (gz && deflateInit2(&w->z, 6, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		fs_die(EX_SOFTWARE, "%s: deflateInit2 failed", w->path);
}

static void
bw_doc(struct bw *w, const bson_t *doc)
{
	bw_write(w, bson_get_data(doc), doc->len, 0);
}

static void
bw_close(struct bw *w)
{
	if (w->gz) {
		bw_write(w, NULL, 0, 1);
		deflateEnd(&w->z);
	}
	xfclose(w->fp, w->path);
}

/* an ObjectId: seconds, five bytes fixed per collection, a counter */
static void
oid(bson_oid_t *o, int coll, uint32_t secs, uint32_t n)
{
	uint64_t x = run.seed * 0x9e3779b97f4a7c15ULL + (uint64_t)coll * 0x1234567ULL;
	int i;

	o->bytes[0] = (uint8_t)(secs >> 24);
	o->bytes[1] = (uint8_t)(secs >> 16);
	o->bytes[2] = (uint8_t)(secs >> 8);
	o->bytes[3] = (uint8_t)secs;
	for (i = 0; i < 5; i++)
		o->bytes[4 + i] = (uint8_t)(x >> (8 * i + 13));
	o->bytes[9] = (uint8_t)(n >> 16);
	o->bytes[10] = (uint8_t)(n >> 8);
	o->bytes[11] = (uint8_t)n;
}

/* config documents were made before the window, at install time */
#define T_INSTALL 1709287200u	/* 2024-03-01T10:00:00Z */

static void
ref(bson_t *d, const char *key, int coll, uint32_t n)
{
	bson_oid_t o;

	oid(&o, coll, T_INSTALL + n * 61, n);
	BSON_APPEND_OID(d, key, &o);
}

static void
utf8(bson_t *d, const char *key, const char *s)
{
	BSON_APPEND_UTF8(d, key, s);
}

/* ------------------------------------------------------------ config */

size_t
nprinters(void)
{
	return 6 + (size_t)(run.scale / 20);
}

void
printer_at(size_t k, struct printer *p)
{
	static const char *const halls[] = { "Halle", "Produktion", "Atelier",
		"Hala", "Цех", "工場" };
	struct rng r;
	const struct person *o;

	rng_seed(&r, run.seed, 1000 + k);
	o = person(&r);
	snprintf(p->name, sizeof p->name, rng_pct(&r, 50) ? "%s %u – %s" :
	    "%s %u (%s)", PICK(&r, halls), (unsigned)k + 1, P(o->full));
	/* printer 2 always has a model outside the driver list */
	p->model = k == 1 || rng_pct(&r, 10) ?
	    printer_unknown_models[rng_below(&r, nprinter_unknown_models)] :
	    vocab[V_PRINTER_MODELS][rng_below(&r, vocab_len[V_PRINTER_MODELS])];
	pii_ipv4(&r, p->ip, sizeof p->ip);
	pii_serial(&r, p->serial, sizeof p->serial);
	snprintf(p->location, sizeof p->location, "%s, Raum %u, bei %s (%s)",
	    P(o->street), (unsigned)rng_range(&r, 1, 40), o->full, P(o->phone));
	plant(p->name);
	plant(p->ip);
	plant(p->serial);
}

static void
gen_settings(struct rng *r)
{
	static const char *const services[] = { "smtp", "exchange",
		"microsoft_graph", "gmail", "none", "sendgrid", "SMTP", "", NULL };
	const struct person *p = person(r);
	struct bw w;
	bson_t d, c;
	size_t i, odd, svc = rng_below(r, NELEM(services) + 1);
	char buf[256];

	bw_open(&w, r, "settings", 0);
	bson_init(&d);
	utf8(&d, "_id", "general");
	BSON_APPEND_DOCUMENT_BEGIN(&d, "analytics", &c);
	BSON_APPEND_BOOL(&c, "enabled", true);
	bson_append_document_end(&d, &c);
	BSON_APPEND_DOCUMENT_BEGIN(&d, "email", &c);
	/* svc == NELEM: no service key at all */
	if (svc < NELEM(services) - 1)
		utf8(&c, "service", services[svc]);
	else if (svc == NELEM(services) - 1)
		BSON_APPEND_NULL(&c, "service");
	orc.email = svc >= NELEM(services) - 1 || services[svc][0] == '\0' ? "none" :
	    vidx(V_EMAIL_SERVICES, services[svc]) < vocab_len[V_EMAIL_SERVICES] ?
	    services[svc] : "other";
	snprintf(buf, sizeof buf, "smtp.%s", strchr(p->email, '@') + 1);
	utf8(&c, "host", P(buf));
	BSON_APPEND_INT32(&c, "port", 587);
	utf8(&c, "user", P(p->email));
	utf8(&c, "password", P(p->password));
	snprintf(buf, sizeof buf, "%s <%s>", p->full, p->email);
	utf8(&c, "sender", buf);
	bson_append_document_end(&d, &c);

	BSON_APPEND_DOCUMENT_BEGIN(&d, "system", &c);
	odd = rng_below(r, vocab_len[V_SYSTEM_SETTINGS]);
	for (i = 0; i < vocab_len[V_SYSTEM_SETTINGS]; i++) {
		const char *k = vocab[V_SYSTEM_SETTINGS][i];
		/* one known key is always a string that looks like a boolean */
		unsigned x = i == odd ? 15 : (unsigned)rng_below(r, 100);

		orc.system[i] = -1;
		if (x < 12)
			continue;
		if (x < 20)
			utf8(&c, k, "true");
		else if (x < 26)
			BSON_APPEND_INT32(&c, k, 1);
		else {
			orc.system[i] = rng_pct(r, 50);
			BSON_APPEND_BOOL(&c, k, orc.system[i]);
		}
	}
	utf8(&c, "backup_path", "\\\\nas01\\flux-backup");
	BSON_APPEND_BOOL(&c, "dark_mode", true);
	BSON_APPEND_INT32(&c, "max_jobs", 250);
	bson_append_document_end(&d, &c);

	BSON_APPEND_DOCUMENT_BEGIN(&d, "company", &c);
	utf8(&c, "name", P(pii_company(r)));
	utf8(&c, "street", P(p->street));
	utf8(&c, "zip", p->zip);
	utf8(&c, "city", P(p->city));
	snprintf(buf, sizeof buf, "DE%09u", (unsigned)rng_below(r, 1000000000));
	utf8(&c, "vat_id", P(buf));
	bson_append_document_end(&d, &c);
	bw_doc(&w, &d);
	bson_destroy(&d);
	bw_close(&w);
}

static void
gen_products(struct rng *r)
{
	static const char *const names[] = { "Visitenkarten Premium",
		"Flyer DIN lang", "Broschüre A4", "Wandkalender 2027",
		"Fotobuch Hardcover", "Briefpapier", "Cartes de visite",
		"Ulotki A5", "Плакат A2" };
	static const char *const tmpl[] = { "kalender-a3.indd", "flyer.xml" };
	struct bw w;
	bson_t d;
	long long i, n = 25 + run.scale / 10;
	char name[192];

	bw_open(&w, r, "products", 0);
	for (i = 0; i < n; i++) {
		const char *type = any_job_type(r);
		unsigned a = (unsigned)rng_below(r, 100);

		bson_init(&d);
		ref(&d, "_id", C_PRODUCTS, (uint32_t)i);
		if (rng_pct(r, 30))
			snprintf(name, sizeof name, "%s für %s", PICK(r, names),
			    P(person(r)->full));
		else
			snprintf(name, sizeof name, "%s", PICK(r, names));
		utf8(&d, "name", P(name));
		utf8(&d, "type", type);
		/* only a BSON true is active: "yes" and a missing flag are not */
		if (a < 78)
			BSON_APPEND_BOOL(&d, "active", true);
		else if (a < 93)
			BSON_APPEND_BOOL(&d, "active", false);
		else if (a < 97)
			utf8(&d, "active", "yes");
		if (a < 78)
			orc.products[vidx(V_JOB_TYPES, type)]++;
		ref(&d, "paper_format_id", C_PAPER_FORMATS, (uint32_t)rng_below(r, 13));
		ref(&d, "paper_type_id", C_PAPER_TYPES, (uint32_t)rng_below(r, 10));
		ref(&d, "signature_id", C_SIGNATURES, (uint32_t)rng_below(r, 6));
		if (rng_pct(r, 50))
			utf8(&d, "template", PICK(r, tmpl));
		else
			BSON_APPEND_NULL(&d, "template");
		bw_doc(&w, &d);
		bson_destroy(&d);
	}
	bw_close(&w);
}

static void
gen_paper_formats(struct rng *r)
{
	static const int wh[][2] = { { 297, 420 }, { 210, 297 }, { 148, 210 },
		{ 105, 148 }, { 320, 450 }, { 225, 320 }, { 250, 353 },
		{ 176, 250 }, { 216, 279 }, { 216, 356 }, { 279, 432 },
		{ 305, 457 }, { 330, 483 } };
	struct bw w;
	bson_t d;
	long long i, n = 13 + 6 + run.scale / 50;

	bw_open(&w, r, "paper_formats", 0);
	for (i = 0; i < n; i++) {
		const char *name;
		int custom;

		if (i < 13) {
			name = vocab[V_PAPER_FORMATS][i];
			custom = 0;
		} else if (i == 13) {
			/* named like a standard one: the name decides, not the flag */
			name = "A4";
			custom = 1;
		} else if (i == 14) {
			name = "DIN A4";
			custom = 0;
		} else {
			name = paper_custom_names[rng_below(r, npaper_custom_names)];
			custom = 1;
		}
		bson_init(&d);
		ref(&d, "_id", C_PAPER_FORMATS, (uint32_t)i);
		utf8(&d, "name", custom ? P(name) : name);
		BSON_APPEND_INT32(&d, "width_mm", i < 13 ? wh[i][0] :
		    (int)rng_range(r, 50, 700));
		BSON_APPEND_INT32(&d, "height_mm", i < 13 ? wh[i][1] :
		    (int)rng_range(r, 50, 1000));
		BSON_APPEND_BOOL(&d, "custom", custom);
		orc.paper_formats[vidx(V_PAPER_FORMATS, name)]++;
		bw_doc(&w, &d);
		bson_destroy(&d);
	}
	bw_close(&w);
}

static void
gen_paper_types(struct rng *r)
{
	static const char *const odd[] = { "metallic", "Coated_Gloss", "other" };
	struct bw w;
	bson_t d;
	long long i, n = 11 + run.scale / 20;

	bw_open(&w, r, "paper_types", 0);
	for (i = 0; i < n; i++) {
		const char *cat = rng_pct(r, 15) ? PICK(r, odd) :
		    vocab[V_PAPER_CATEGORIES][rng_below(r, vocab_len[V_PAPER_CATEGORIES])];

		bson_init(&d);
		ref(&d, "_id", C_PAPER_TYPES, (uint32_t)i);
		utf8(&d, "name", P(paper_type_names[i % npaper_type_names]));
		utf8(&d, "category", cat);
		BSON_APPEND_INT32(&d, "weight_gsm", (int)rng_range(r, 60, 400));
		orc.paper_types[vidx(V_PAPER_CATEGORIES, cat)]++;
		bw_doc(&w, &d);
		bson_destroy(&d);
	}
	bw_close(&w);
}

static void
gen_signatures(struct rng *r)
{
	static const int pages[] = { 4, 8, 12, 16, 24, 32 };
	static const char *const layouts[] = { "Falzbogen", "Kreuzbruch",
		"Wickelfalz", "Leporello" };
	struct bw w;
	bson_t d;
	long long i, n = 8 + run.scale / 100;
	char name[192], label[16];

	bw_open(&w, r, "signatures", 0);
	for (i = 0; i < n; i++) {
		/* 6 and 20 pages are not in the vocabulary */
		int pg = i < 6 ? pages[i] : i == 6 ? 6 : i == 7 ? 20 :
		    pages[rng_below(r, NELEM(pages))];
		const char *lay = PICK(r, layouts);

		snprintf(name, sizeof name, "%d Seiten %s (%s)", pg, lay,
		    P(person(r)->full));
		bson_init(&d);
		ref(&d, "_id", C_SIGNATURES, (uint32_t)i);
		utf8(&d, "name", P(name));
		BSON_APPEND_INT32(&d, "pages", pg);
		utf8(&d, "layout", lay);
		snprintf(label, sizeof label, "%d", pg);
		orc.signatures[vidx(V_SIGNATURE_PAGES, label)]++;
		bw_doc(&w, &d);
		bson_destroy(&d);
	}
	bw_close(&w);
}

static void
gen_printers(struct rng *r)
{
	static const char *const vendors[] = { "Konica Minolta", "Xerox",
		"Canon", "Ricoh", "HP" };
	struct bw w;
	struct printer p;
	bson_t d;
	size_t i;

	bw_open(&w, r, "printers", 0);
	for (i = 0; i < nprinters(); i++) {
		printer_at(i, &p);
		bson_init(&d);
		ref(&d, "_id", C_PRINTERS, (uint32_t)i);
		utf8(&d, "name", p.name);
		utf8(&d, "model", p.model);
		utf8(&d, "vendor", PICK(r, vendors));
		utf8(&d, "ip", p.ip);
		utf8(&d, "serial", p.serial);
		utf8(&d, "location", p.location);
		BSON_APPEND_DATE_TIME(&d, "installed_at",
		    ((int64_t)T_INSTALL + (int64_t)i * 86400 * 30) * 1000);
		orc.printers[vidx(V_PRINTER_MODELS, p.model)]++;
		bw_doc(&w, &d);
		bson_destroy(&d);
	}
	bw_close(&w);
}

static void
gen_profiles(struct rng *r)
{
	struct bw w;
	bson_t d, c;
	long long i, n = 5 + run.scale / 100;
	size_t k;
	char name[192];

	bw_open(&w, r, "preflight_profiles", 0);
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof name, "Preflight %s %lld",
		    P(person(r)->full), i + 1);
		bson_init(&d);
		ref(&d, "_id", C_PROFILES, (uint32_t)i);
		utf8(&d, "name", P(name));
		BSON_APPEND_DOCUMENT_BEGIN(&d, "checks", &c);
		for (k = 0; k < vocab_len[V_PREFLIGHT_CHECKS]; k++) {
			unsigned x = (unsigned)rng_below(r, 100);

			if (x < 10)
				continue;	/* absent: not enabled */
			BSON_APPEND_BOOL(&c, vocab[V_PREFLIGHT_CHECKS][k], x < 65);
			if (x < 65)
				orc.checks[k]++;
		}
		bson_append_document_end(&d, &c);
		bw_doc(&w, &d);
		bson_destroy(&d);
	}
	orc.profiles = n;
	bw_close(&w);
}

static void
gen_accounts(struct rng *r)
{
	static const char *const gnames[] = { "Administratoren", "Druckvorstufe",
		"Produktion", "Buchhaltung", "Außendienst", "Service client" };
	struct bw w;
	bson_t d, c;
	long long i, ng = 6 + run.scale / 50, nu = 20 + 2 * run.scale;
	char name[192], key[16];
	int k, nk;

	bw_open(&w, r, "groups", 0);
	for (i = 0; i < ng; i++) {
		bson_init(&d);
		ref(&d, "_id", C_GROUPS, (uint32_t)i);
		if (i < (long long)NELEM(gnames))
			snprintf(name, sizeof name, "%s", gnames[i]);
		else
			snprintf(name, sizeof name, "Team %s", person(r)->full);
		utf8(&d, "name", P(name));
		bw_doc(&w, &d);
		bson_destroy(&d);
	}
	orc.groups = ng;
	bw_close(&w);

	bw_open(&w, r, "users", 0);
	for (i = 0; i < nu; i++) {
		const struct person *p = person_at((size_t)i * 3 + 1);
		unsigned a = (unsigned)rng_below(r, 100);

		bson_init(&d);
		ref(&d, "_id", C_USERS, (uint32_t)i);
		utf8(&d, "login", P(p->login));
		utf8(&d, "name", P(p->full));
		utf8(&d, "email", P(p->email));
		utf8(&d, "password_hash", P(p->hash));
		BSON_APPEND_ARRAY_BEGIN(&d, "group_ids", &c);
		nk = (int)rng_below(r, 3);
		for (k = 0; k < nk; k++) {
			snprintf(key, sizeof key, "%d", k);
			ref(&c, key, C_GROUPS, (uint32_t)rng_below(r, (uint64_t)ng));
		}
		bson_append_array_end(&d, &c);
		if (a < 85)
			BSON_APPEND_BOOL(&d, "active", true);
		else if (a < 96)
			BSON_APPEND_BOOL(&d, "active", false);
		if (a < 85)
			orc.users++;
		bw_doc(&w, &d);
		bson_destroy(&d);
	}
	bw_close(&w);
}

static void
gen_addresses(struct rng *r)
{
	struct bw w;
	bson_t d;
	long long i, n = 50 * run.scale;

	bw_open(&w, r, "addresses", 0);
	for (i = 0; i < n; i++) {
		const struct person *p = person_at((size_t)i);

		bson_init(&d);
		ref(&d, "_id", C_ADDRESSES, (uint32_t)i);
		if (rng_pct(r, 50))
			utf8(&d, "company", P(pii_company(r)));
		else
			BSON_APPEND_NULL(&d, "company");
		utf8(&d, "name", P(p->full));
		utf8(&d, "street", P(p->street));
		utf8(&d, "zip", p->zip);
		utf8(&d, "city", P(p->city));
		utf8(&d, "country", p->country);
		utf8(&d, "email", P(p->email));
		utf8(&d, "phone", P(p->phone));
		bw_doc(&w, &d);
		bson_destroy(&d);
	}
	bw_close(&w);
}

/* ------------------------------------------------------------ orders */

/*
 * Edge orders first: created (or printed) at from and to, and one
 * millisecond either side; BSON dates carry milliseconds.
 */
static int
order_edge(size_t i, int64_t *created, int64_t *printed)
{
	static const int64_t rel[] = { 0, -1, 1 };
	size_t n = NELEM(rel) * 2;

	if (i >= 2 * n)
		return 0;
	if (i < n) {
		*created = (i / NELEM(rel) ? run.to : run.from) + rel[i % NELEM(rel)];
		*printed = INT64_MIN;
	} else {
		i -= n;
		*printed = (i / NELEM(rel) ? run.to : run.from) + rel[i % NELEM(rel)];
		*created = *printed - 86400000;
	}
	return 1;
}

/* one order and its 1 or 2 items: order number i, created (ms) */
static void
order_doc(struct bw *w, struct bw *wi, struct rng *r, long long i,
    const struct person *p, const char *type, const char *st,
    int64_t created, int64_t printed, long long *nitem)
{
	bson_t d;
	bson_oid_t o;
	char buf[512];
	int k, nk;

	bson_init(&d);
	oid(&o, C_ORDERS, (uint32_t)(created / 1000), (uint32_t)i);
	BSON_APPEND_OID(&d, "_id", &o);
	snprintf(buf, sizeof buf, "%s/%lld", P(p->custno), 100000 + i);
	utf8(&d, "number", buf);
	ref(&d, "address_id", C_ADDRESSES,
	    (uint32_t)rng_below(r, (uint64_t)(50 * run.scale)));
	utf8(&d, "job_type", type);
	utf8(&d, "status", st);
	BSON_APPEND_DATE_TIME(&d, "created_at", created);
	if (printed == INT64_MIN)
		BSON_APPEND_NULL(&d, "printed_at");
	else
		BSON_APPEND_DATE_TIME(&d, "printed_at", printed);
	if (rng_pct(r, 50)) {
		pii_free_text(r, buf, sizeof buf, p);
		utf8(&d, "note", buf);
	}
	bw_doc(w, &d);
	bson_destroy(&d);
	if (in_period(created))
		orc.orders_created[vidx(V_JOB_TYPES, type)]++;
	if (printed != INT64_MIN && in_period(printed))
		orc.orders_printed[vidx(V_JOB_TYPES, type)]++;

	nk = (int)rng_range(r, 1, 2);
	for (k = 0; k < nk; k++) {
		bson_oid_t io;

		bson_init(&d);
		oid(&io, C_ORDER_ITEMS, (uint32_t)(created / 1000),
		    (uint32_t)(*nitem)++);
		BSON_APPEND_OID(&d, "_id", &io);
		BSON_APPEND_OID(&d, "order_id", &o);
		ref(&d, "product_id", C_PRODUCTS, (uint32_t)rng_below(r, 25));
		BSON_APPEND_INT32(&d, "quantity", (int)rng_range(r, 1, 10000));
		ref(&d, "signature_id", C_SIGNATURES, (uint32_t)rng_below(r, 8));
		ref(&d, "paper_format_id", C_PAPER_FORMATS,
		    (uint32_t)rng_below(r, 13));
		BSON_APPEND_DATE_TIME(&d, "created_at", created + k * 1000);
		bw_doc(wi, &d);
		bson_destroy(&d);
	}
}

static const char *const order_status[] = { "new", "in_production",
	"printed", "shipped", "cancelled" };

/*
 * The days around the report day, then the history (from its own
 * stream): orders of its last days may be printed in the period.
 */
static void
gen_orders(struct rng *r)
{
	struct bw w, wi;
	struct rng h;
	long long i, n = 12 + 1000 * run.scale, nitem = 0;
	long long nhist = 100 * run.scale * run.history;
	int64_t created, printed;

	bw_open(&w, r, "orders", 0);
	bw_open(&wi, r, "order_items", 1);
	for (i = 0; i < n; i++) {
		const struct person *p = person(r);
		const char *type = any_job_type(r);
		const char *st = PICK(r, order_status);

		if (order_edge((size_t)i, &created, &printed))
			st = printed == INT64_MIN ? "new" : "printed";
		else {
			created = rnd_instant(r, 0);
			printed = INT64_MIN;
			if (strcmp(st, "printed") == 0 || strcmp(st, "shipped") == 0)
				printed = created + rng_range(r, 600000, 3 * 86400000LL);
		}
		order_doc(&w, &wi, r, i, p, type, st, created, printed, &nitem);
	}
	rng_seed(&h, run.seed, 16);
	for (i = 0; i < nhist; i++) {
		const struct person *p = person(&h);
		const char *type = any_job_type(&h);
		const char *st = PICK(&h, order_status);

		created = hist_instant(&h) + rng_range(&h, 0, 999);
		printed = INT64_MIN;
		if (strcmp(st, "printed") == 0 || strcmp(st, "shipped") == 0)
			printed = created + rng_range(&h, 600000, 3 * 86400000LL);
		order_doc(&w, &wi, &h, n + i, p, type, st, created, printed,
		    &nitem);
	}
	bw_close(&wi);
	bw_close(&w);
}

void
gen_mongo(void)
{
	struct rng r;

	rng_seed(&r, run.seed, 6);
	xmkdir(DUMP);
	gen_settings(&r);
	gen_products(&r);
	gen_paper_formats(&r);
	gen_paper_types(&r);
	gen_signatures(&r);
	gen_printers(&r);
	gen_profiles(&r);
	gen_accounts(&r);
	gen_addresses(&r);
	gen_orders(&r);
}
