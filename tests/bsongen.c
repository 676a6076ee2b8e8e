/*
 * bsongen: test-only helper for fluxstat-bson's tests and benchmark.
 * Real BSON comes from libbson; the faults are made on purpose here.
 *
 *   bsongen orders N [SEED]     N order documents (fluxstat-stores(7)) to stdout
 *   bsongen rich N [SEED]       the same orders with what a projection
 *                               skips: a note of a few hundred bytes and
 *                               an array of 2..8 item subdocuments
 *   bsongen types               one document holding every BSON type
 *   bsongen bad KIND            a good 12-byte document {"good":true}, then
 *                               a bad one: truncated shortlen hugelen
 *                               lastbyte utf8key utf8str badtype bool
 *                               nested big (16 MiB + 1 byte); "max" is a
 *                               valid document of exactly 16 MiB;
 *                               "gzipish" one of 559903 bytes, whose
 *                               length word starts like gzip (and which
 *                               follows the good document, not before)
 *   bsongen deep N              {"a":{"a":...{}}}: N embedded documents
 *   bsongen hex [DIR]           hex lines on stdin to bytes on stdout, or
 *                               each line to DIR/1.bson, DIR/2.bson...
 *   bsongen canon [-r|-p]       JSON lines on stdin to a canonical form:
 *                               no spaces, keys sorted, escapes decoded
 *                               and re-encoded, integers kept exact,
 *                               other numbers as %.17e; -r first turns
 *                               canonical Extended JSON into relaxed
 *                               ($numberInt/$numberLong/$numberDouble,
 *                               $date with a $numberLong in 1970..9999);
 *                               -p: per line, a first letter R means as
 *                               it is, C means relax it
 *   bsongen crc64 STRING        CRC-64/ECMA as Go computes it, in hex
 *   bsongen archive [-b N] [-c NS] [-e NS] [-r NS] [-d NS] [-t] NS=COUNT...
 *                               a mongodump --archive stream written after
 *                               mongo-tools' common/archive/spec.md (this is
 *                               a test writer, not mongodump): blocks of
 *                               N documents (default 3), namespaces
 *                               interleaved round-robin.  Faults: -c NS
 *                               wrong CRC, -e NS no EOF header, -r NS a
 *                               block after NS's end, -d NS a document in
 *                               NS's EOF block, -t no final terminator.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bson.h>

#include "fluxstat.h"

static uint64_t rng = 88172645463325252ULL;

static uint64_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void
put(const void *p, size_t n)
{
	if (fwrite(p, 1, n, stdout) != n)
		fs_die(EX_IOERR, "write error");
}

static void
put_bson(const bson_t *b)
{
	put(bson_get_data(b), b->len);
}

/* ---------------------------------------------------------- documents */

static const char *job_types[] = {
	"booklet", "flyer", "poster", "business_card", "brochure",
	"letterhead", "banner", "calendar", "catalogue", "photo_book"
};
static const char *statuses[] = {
	"new", "in_production", "printed", "shipped", "cancelled"
};

static void
order(bson_t *b, uint64_t i)
{
	char num[32], note[96];
	const char *jt, *st;
	bson_oid_t oid;
	uint8_t raw[12];
	int64_t created;
	int k;

	for (k = 0; k < 12; k++)
		raw[k] = (uint8_t)(i >> (k % 8 * 8)) ^ (uint8_t)(k * 37);
	bson_oid_init_from_data(&oid, raw);
	bson_init(b);
	BSON_APPEND_OID(b, "_id", &oid);
	snprintf(num, sizeof num, "A-%08llu", (unsigned long long)i);
	BSON_APPEND_UTF8(b, "number", num);
	created = (int64_t)(rnd() % 100000);
	BSON_APPEND_INT64(b, "address_id", created);
	/* the macros evaluate their value twice: no rnd() inside them */
	jt = job_types[rnd() % 10];
	st = statuses[rnd() % 5];
	BSON_APPEND_UTF8(b, "job_type", jt);
	BSON_APPEND_UTF8(b, "status", st);
	/* 2026-01-01 plus up to a year, whole seconds and some milliseconds */
	created = INT64_C(1767225600000) + (int64_t)(rnd() % 31536000000ULL);
	if (i % 3 == 0)
		created -= created % 1000;
	BSON_APPEND_DATE_TIME(b, "created_at", created);
	if (rnd() % 2)
		BSON_APPEND_DATE_TIME(b, "printed_at", created + 3600000);
	else
		BSON_APPEND_NULL(b, "printed_at");
	snprintf(note, sizeof note, "Bitte an Frau M\xc3\xbcller, Tel %llu",
	    (unsigned long long)(rnd() % 100000000));
	BSON_APPEND_UTF8(b, "note", note);
}

/* what real orders carry besides the projected fields: a long note (some
 * of it non-ASCII) and the ordered items as an array of subdocuments */
static void
order_rich(bson_t *b)
{
	static const char para[] = "Bitte die Broschüren in Kartons zu je "
	    "fünfzig Stück verpacken, Lieferschein beilegen und vor der "
	    "Auslieferung kurz anrufen. Die Farben wie beim letzten Auftrag, "
	    "Papier 170 g matt gestrichen, Umschlag 300 g mit Cellophanierung. ";
	char note[600], key[16], sku[24];
	bson_t items, item, opts;
	size_t len = 200 + rnd() % 300, n, k;

	for (n = 0; n < len; n += sizeof para - 1)
		memcpy(note + n, para, sizeof para - 1 < len - n ?
		    sizeof para - 1 : len - n);
	/* never cut a UTF-8 sequence: back up to a lead byte */
	while (len > 0 && ((unsigned char)note[len] & 0xc0) == 0x80)
		len--;
	bson_append_utf8(b, "long_note", -1, note, (int)len);
	bson_append_array_begin(b, "items", -1, &items);
	for (k = 0, n = 2 + rnd() % 7; k < n; k++) {
		snprintf(key, sizeof key, "%zu", k);
		snprintf(sku, sizeof sku, "SKU-%06llu",
		    (unsigned long long)(rnd() % 1000000));
		bson_append_document_begin(&items, key, -1, &item);
		BSON_APPEND_UTF8(&item, "sku", sku);
		BSON_APPEND_UTF8(&item, "title", "Broschüre A4, 16 Seiten");
		BSON_APPEND_INT32(&item, "qty", (int32_t)(1 + k * 50));
		BSON_APPEND_DOUBLE(&item, "price", 12.5 + (double)k);
		bson_append_document_begin(&item, "options", -1, &opts);
		BSON_APPEND_UTF8(&opts, "paper", "170g matt");
		BSON_APPEND_BOOL(&opts, "color", true);
		bson_append_document_end(&item, &opts);
		bson_append_document_end(&items, &item);
	}
	bson_append_array_end(b, &items);
}

static int
cmd_orders(int argc, char **argv)
{
	long long n, seed = 1, i;
	bson_t b;

	if (argc < 2 || fs_parse_ll(argv[1], 0, INT64_MAX, &n, "N") != 0)
		return EX_USAGE;
	if (argc > 2 && fs_parse_ll(argv[2], 1, INT64_MAX, &seed, "SEED") != 0)
		return EX_USAGE;
	rng ^= (uint64_t)seed * 0x9e3779b97f4a7c15ULL;
	for (i = 0; i < n; i++) {
		order(&b, (uint64_t)i);
		if (strcmp(argv[0], "rich") == 0)
			order_rich(&b);
		put_bson(&b);
		bson_destroy(&b);
	}
	return 0;
}

static int
cmd_types(void)
{
	static const uint8_t bin[] = { 0xff, 0xfe, 0x00, 0x41, 0x42 };
	bson_t b, sub, arr, scope;
	bson_decimal128_t dec;
	bson_oid_t oid;

	bson_init(&b);
	bson_oid_init_from_string(&oid, "57e193d7a9cc81b4027498b5");
	BSON_APPEND_OID(&b, "_id", &oid);
	BSON_APPEND_DOUBLE(&b, "double", 1.5);
	BSON_APPEND_DOUBLE(&b, "whole", 2.0);
	BSON_APPEND_DOUBLE(&b, "negzero", -0.0);
	BSON_APPEND_DOUBLE(&b, "big", 1e300);
	BSON_APPEND_DOUBLE(&b, "nan", NAN);
	BSON_APPEND_DOUBLE(&b, "inf", INFINITY);
	BSON_APPEND_DOUBLE(&b, "ninf", -INFINITY);
	BSON_APPEND_UTF8(&b, "string", "caf\xc3\xa9 \"q\"\t\\");
	bson_append_utf8(&b, "nul", -1, "a\0b", 3);
	BSON_APPEND_DOCUMENT_BEGIN(&b, "doc", &sub);
	BSON_APPEND_INT32(&sub, "x", 1);
	bson_append_document_end(&b, &sub);
	BSON_APPEND_ARRAY_BEGIN(&b, "array", &arr);
	BSON_APPEND_INT32(&arr, "0", 1);
	BSON_APPEND_UTF8(&arr, "1", "two");
	bson_append_array_end(&b, &arr);
	BSON_APPEND_BINARY(&b, "binary", BSON_SUBTYPE_BINARY, bin, sizeof bin);
	BSON_APPEND_BINARY(&b, "uuid", BSON_SUBTYPE_UUID,
	    (const uint8_t *)"0123456789abcdef", 16);
	BSON_APPEND_BINARY(&b, "user", BSON_SUBTYPE_USER, bin, 1);
	BSON_APPEND_UNDEFINED(&b, "undefined");
	BSON_APPEND_BOOL(&b, "true", true);
	BSON_APPEND_BOOL(&b, "false", false);
	BSON_APPEND_DATE_TIME(&b, "date", INT64_C(1356351330501));
	BSON_APPEND_DATE_TIME(&b, "date0", INT64_C(1764460800000));
	BSON_APPEND_DATE_TIME(&b, "before1970", -1);
	BSON_APPEND_DATE_TIME(&b, "y10k", INT64_C(253402300800000));
	BSON_APPEND_NULL(&b, "null");
	BSON_APPEND_REGEX(&b, "regex", "^a/b\"", "im");
	bson_append_dbpointer(&b, "dbpointer", -1, "coll", &oid);
	BSON_APPEND_CODE(&b, "code", "function() {}");
	BSON_APPEND_SYMBOL(&b, "symbol", "sym");
	bson_init(&scope);
	BSON_APPEND_INT64(&scope, "x", 1);
	BSON_APPEND_CODE_WITH_SCOPE(&b, "codews", "f(x)", &scope);
	bson_destroy(&scope);
	BSON_APPEND_INT32(&b, "int32", -2147483647 - 1);
	BSON_APPEND_TIMESTAMP(&b, "timestamp", 4000000000U, 42);
	BSON_APPEND_INT64(&b, "int64", INT64_C(9007199254740993));
	bson_decimal128_from_string("-1.50E+3", &dec);
	BSON_APPEND_DECIMAL128(&b, "decimal", &dec);
	BSON_APPEND_MINKEY(&b, "minkey");
	BSON_APPEND_MAXKEY(&b, "maxkey");
	put_bson(&b);
	bson_destroy(&b);
	return 0;
}

static void
le32put(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* a hand-made document: element bytes between the length and the 0 */
static void
put_raw(const char *elems, size_t n)
{
	uint8_t hdr[4];

	le32put(hdr, (uint32_t)n + 5);
	put(hdr, 4);
	put(elems, n);
	put("", 1);
}

static int
cmd_bad(const char *kind)
{
	bson_t b, good;
	uint8_t *big;
	uint8_t hdr[4];
	size_t i;

	bson_init(&good);
	BSON_APPEND_BOOL(&good, "good", true);
	put_bson(&good);
	bson_destroy(&good);
	if (strcmp(kind, "truncated") == 0) {
		order(&b, 1);
		put(bson_get_data(&b), b.len / 2);
		bson_destroy(&b);
	} else if (strcmp(kind, "shortlen") == 0) {
		put("\x04\x00\x00\x00\x00\x00\x00\x00", 8);
	} else if (strcmp(kind, "hugelen") == 0) {
		le32put(hdr, 16 * 1024 * 1024 + 1);
		put(hdr, 4);
		put("\x08x\x00\x01\x00", 5);
	} else if (strcmp(kind, "negative") == 0) {
		put("\xff\xff\xff\x7f\x00", 5);
	} else if (strcmp(kind, "lastbyte") == 0) {
		order(&b, 1);
		((uint8_t *)bson_get_data(&b))[b.len - 1] = 1;
		put_bson(&b);
		bson_destroy(&b);
	} else if (strcmp(kind, "utf8key") == 0) {
		put_raw("\x10k\xe9y\x00\x01\x00\x00\x00", 9);
	} else if (strcmp(kind, "utf8str") == 0) {
		put_raw("\x02s\x00\x04\x00\x00\x00\xc3\x28x\x00", 11);
	} else if (strcmp(kind, "surrogate") == 0) {
		put_raw("\x02s\x00\x04\x00\x00\x00\xed\xa0\x80\x00", 11);
	} else if (strcmp(kind, "badtype") == 0) {
		put_raw("\x42t\x00", 3);
	} else if (strcmp(kind, "bool") == 0) {
		put_raw("\x08t\x00\x02", 4);
	} else if (strcmp(kind, "nested") == 0) {
		/* an embedded document whose length runs past its parent */
		put_raw("\x03" "d\x00\x0d\x00\x00\x00\x10x\x00\x01\x00\x00\x00\x00", 15);
	} else if (strcmp(kind, "big") == 0 || strcmp(kind, "max") == 0 ||
	    strcmp(kind, "gzipish") == 0) {
		/* {"b": binary} of exactly 16 MiB (max), one byte more (big),
		 * or 559903 bytes, whose length word begins 1f 8b 08 (gzipish) */
		size_t total = kind[0] == 'g' ? 559903 :
		    16 * 1024 * 1024 + (kind[0] == 'b');
		size_t n = total - 4 - 3 - 4 - 1 - 1;

		big = fs_xcalloc(1, n);
		for (i = 0; i < n; i++)
			big[i] = (uint8_t)i;
		le32put(hdr, (uint32_t)total);
		put(hdr, 4);
		put("\x05" "b\x00", 3);
		le32put(hdr, (uint32_t)n);
		put(hdr, 4);
		put("\x00", 1);
		put(big, n);
		put("", 1);
		free(big);
	} else {
		fs_warnx("bad: unknown kind %s", kind);
		return EX_USAGE;
	}
	return 0;
}

static int
cmd_deep(const char *arg)
{
	long long n, i;
	uint8_t *d;
	size_t len;

	if (fs_parse_ll(arg, 0, 100000, &n, "N") != 0)
		return EX_USAGE;
	/* level i: 4 length bytes, then 03 'a' 00 and level i + 1, then the
	 * end byte; it starts at 7 * i and is 5 + 8 * (n - i) bytes long */
	len = 5 + 8 * (size_t)n;
	d = fs_xcalloc(1, len);
	for (i = 0; i <= n; i++) {
		le32put(d + 7 * i, (uint32_t)(5 + 8 * (n - i)));
		if (i < n)
			memcpy(d + 7 * i + 4, "\x03" "a", 3);
	}
	put(d, len);
	free(d);
	return 0;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int
cmd_hex(const char *dir)
{
	int c, hi = -1, v, n = 0;
	uint8_t byte;
	char path[4096];

	if (dir != NULL) {
		snprintf(path, sizeof path, "%s/%d.bson", dir, ++n);
		if (freopen(path, "wb", stdout) == NULL)
			fs_die(EX_CANTCREAT, "%s: cannot create", path);
	}
	while ((c = getchar()) != EOF) {
		if (c == '\n' && dir != NULL) {
			snprintf(path, sizeof path, "%s/%d.bson", dir, ++n);
			if (freopen(path, "wb", stdout) == NULL)
				fs_die(EX_CANTCREAT, "%s: cannot create", path);
			continue;
		}
		if ((v = hexval(c)) < 0)
			continue;
		if (hi < 0)
			hi = v;
		else {
			byte = (uint8_t)(hi << 4 | v);
			put(&byte, 1);
			hi = -1;
		}
	}
	return 0;
}

/* -------------------------------------------------------- canonical JSON */

enum { J_NULL, J_TRUE, J_FALSE, J_INT, J_DBL, J_STR, J_ARR, J_OBJ };

struct jv {
	int type;
	struct fs_buf s;	/* string bytes, or number text */
	double d;
	struct jv *v;		/* elements or member values */
	struct fs_buf *k;	/* member keys */
	size_t n;
};

static const char *jp;

static void
ws(void)
{
	while (*jp == ' ' || *jp == '\t' || *jp == '\n' || *jp == '\r')
		jp++;
}

static int parse(struct jv *v);

static void
utf8put(struct fs_buf *b, unsigned long c)
{
	char u8[4];

	fs_buf_add(b, u8, fs_utf8_put(u8, (uint32_t)c));
}

static int
parse_str(struct fs_buf *b)
{
	unsigned long c, lo;
	int i;

	if (*jp != '"')
		return -1;
	jp++;
	while (*jp != '"') {
		if (*jp == '\0')
			return -1;
		if (*jp != '\\') {
			fs_buf_addc(b, *jp++);
			continue;
		}
		jp++;
		switch (*jp++) {
		case '"': fs_buf_addc(b, '"'); break;
		case '\\': fs_buf_addc(b, '\\'); break;
		case '/': fs_buf_addc(b, '/'); break;
		case 'b': fs_buf_addc(b, '\b'); break;
		case 'f': fs_buf_addc(b, '\f'); break;
		case 'n': fs_buf_addc(b, '\n'); break;
		case 'r': fs_buf_addc(b, '\r'); break;
		case 't': fs_buf_addc(b, '\t'); break;
		case 'u':
			for (c = 0, i = 0; i < 4; i++) {
				if (hexval(*jp) < 0)
					return -1;
				c = c << 4 | (unsigned long)hexval(*jp++);
			}
			if (c >= 0xd800 && c < 0xdc00 && jp[0] == '\\' &&
			    jp[1] == 'u') {
				jp += 2;
				for (lo = 0, i = 0; i < 4; i++) {
					if (hexval(*jp) < 0)
						return -1;
					lo = lo << 4 | (unsigned long)hexval(*jp++);
				}
				c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
			}
			utf8put(b, c);
			break;
		default:
			return -1;
		}
	}
	jp++;
	return 0;
}

static int
parse(struct jv *v)
{
	const char *s;

	memset(v, 0, sizeof *v);
	ws();
	if (*jp == '{' || *jp == '[') {
		int obj = *jp++ == '{';

		v->type = obj ? J_OBJ : J_ARR;
		ws();
		if (*jp == (obj ? '}' : ']')) {
			jp++;
			return 0;
		}
		for (;;) {
			v->v = fs_xrealloc(v->v, (v->n + 1) * sizeof *v->v);
			if (obj) {
				v->k = fs_xrealloc(v->k, (v->n + 1) * sizeof *v->k);
				v->k[v->n] = (struct fs_buf)FS_BUF_INIT;
				fs_buf_grow(&v->k[v->n], 0);
				ws();
				if (parse_str(&v->k[v->n]) != 0)
					return -1;
				ws();
				if (*jp++ != ':')
					return -1;
			}
			if (parse(&v->v[v->n++]) != 0)
				return -1;
			ws();
			if (*jp == ',') {
				jp++;
				continue;
			}
			if (*jp++ != (obj ? '}' : ']'))
				return -1;
			return 0;
		}
	}
	if (*jp == '"') {
		v->type = J_STR;
		fs_buf_grow(&v->s, 0);
		return parse_str(&v->s);
	}
	if (strncmp(jp, "null", 4) == 0 || strncmp(jp, "true", 4) == 0) {
		v->type = *jp == 'n' ? J_NULL : J_TRUE;
		jp += 4;
		return 0;
	}
	if (strncmp(jp, "false", 5) == 0) {
		v->type = J_FALSE;
		jp += 5;
		return 0;
	}
	s = jp;
	if (*jp == '-')
		jp++;
	if (*jp < '0' || *jp > '9')
		return -1;
	v->type = J_INT;
	while ((*jp >= '0' && *jp <= '9') || *jp == '.' || *jp == 'e' ||
	    *jp == 'E' || *jp == '+' || *jp == '-') {
		if (*jp == '.' || *jp == 'e' || *jp == 'E')
			v->type = J_DBL;
		jp++;
	}
	fs_buf_add(&v->s, s, (size_t)(jp - s));
	if (v->type == J_DBL)
		v->d = strtod(v->s.p, NULL);
	return 0;
}

static void
jv_free(struct jv *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		jv_free(&v->v[i]);
		if (v->k != NULL)
			fs_buf_free(&v->k[i]);
	}
	free(v->v);
	free(v->k);
	fs_buf_free(&v->s);
	memset(v, 0, sizeof *v);
}

/* a one-member object {"key": ...}: its value, else NULL */
static struct jv *
only(struct jv *v, const char *key)
{
	if (v->type == J_OBJ && v->n == 1 && strcmp(v->k[0].p, key) == 0)
		return &v->v[0];
	return NULL;
}

/* canonical Extended JSON to relaxed, as the extended-json spec maps it */
static void
relax(struct jv *v)
{
	struct jv *w, *x;
	char iso[48];
	long long ms;
	size_t i;
	time_t t;
	struct tm tm;

	if ((w = only(v, "$date")) && (x = only(w, "$numberLong")) &&
	    x->type == J_STR) {
		ms = strtoll(x->s.p, NULL, 10);
		if (ms < 0 || ms > 253402300799999LL)
			return;
		t = (time_t)(ms / 1000);
		gmtime_r(&t, &tm);
		strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%S", &tm);
		if (ms % 1000)
			snprintf(iso + strlen(iso), 8, ".%03lld", ms % 1000);
		strcat(iso, "Z");
		jv_free(w);
		w->type = J_STR;
		fs_buf_adds(&w->s, iso);
		return;
	}
	for (i = 0; i < v->n; i++)
		relax(&v->v[i]);
	if (((w = only(v, "$numberInt")) || (w = only(v, "$numberLong"))) &&
	    w->type == J_STR) {
		struct fs_buf num = w->s;

		w->s = (struct fs_buf)FS_BUF_INIT;
		jv_free(v);
		v->type = J_INT;
		v->s = num;
	} else if ((w = only(v, "$numberDouble")) && w->type == J_STR) {
		double d = strtod(w->s.p, NULL);

		if (isfinite(d)) {
			jv_free(v);
			v->type = J_DBL;
			v->d = d;
		}
	}
}

static int
keycmp(const void *a, const void *b)
{
	const struct fs_buf *x = *(struct fs_buf *const *)a;
	const struct fs_buf *y = *(struct fs_buf *const *)b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->p, y->p, n);

	return c ? c : (x->len > y->len) - (x->len < y->len);
}

static void
canon(struct fs_buf *o, struct jv *v)
{
	struct fs_buf **keys;
	char tmp[40];
	size_t i, j;

	switch (v->type) {
	case J_NULL: fs_buf_adds(o, "null"); break;
	case J_TRUE: fs_buf_adds(o, "true"); break;
	case J_FALSE: fs_buf_adds(o, "false"); break;
	case J_INT: fs_buf_add(o, v->s.p, v->s.len); break;
	case J_DBL:
		snprintf(tmp, sizeof tmp, "%.17e", v->d);
		fs_buf_adds(o, tmp);
		break;
	case J_STR: fs_json_str(o, v->s.p, v->s.len); break;
	case J_ARR:
		fs_buf_addc(o, '[');
		for (i = 0; i < v->n; i++) {
			if (i)
				fs_buf_addc(o, ',');
			canon(o, &v->v[i]);
		}
		fs_buf_addc(o, ']');
		break;
	case J_OBJ:
		keys = fs_xcalloc(v->n, sizeof *keys);
		for (i = 0; i < v->n; i++)
			keys[i] = &v->k[i];
		qsort(keys, v->n, sizeof *keys, keycmp);
		fs_buf_addc(o, '{');
		for (i = 0; i < v->n; i++) {
			if (i)
				fs_buf_addc(o, ',');
			j = (size_t)(keys[i] - v->k);
			fs_json_str(o, v->k[j].p, v->k[j].len);
			fs_buf_addc(o, ':');
			canon(o, &v->v[j]);
		}
		fs_buf_addc(o, '}');
		free(keys);
		break;
	}
}

static int
cmd_canon(int mode)
{
	int relaxing = mode == 'r';
	struct fs_lines l;
	struct fs_buf o = FS_BUF_INIT;
	struct jv v;
	char *line;
	ssize_t n;

	if (fs_lines_open(&l, "-") != 0)
		return EX_NOINPUT;
	while ((n = fs_lines_next(&l, &line)) >= 0) {
		jp = line;
		fs_buf_reset(&o);
		if (mode == 'p') {
			/* a prefix per line: R as it is, C canonical to relax */
			relaxing = *jp == 'C';
			if (*jp != '\0')
				jp++;
		}
		if (parse(&v) != 0 || (ws(), *jp != '\0'))
			fs_buf_printf(&o, "NOT JSON: %s", line);
		else {
			if (relaxing)
				relax(&v);
			canon(&o, &v);
		}
		jv_free(&v);
		fs_buf_addc(&o, '\n');
		put(o.p, o.len);
	}
	fs_buf_free(&o);
	fs_lines_close(&l);
	return n == -1 ? 0 : EX_IOERR;
}

/* ------------------------------------------------------------- archive */

/* bitwise, unlike fluxstat-bson's tables, so the two check each other */
static uint64_t
crc64(uint64_t crc, const uint8_t *p, size_t n)
{
	int k;

	crc = ~crc;
	while (n-- > 0) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = crc & 1 ? (crc >> 1) ^ 0xc96c5795d7870f42ULL : crc >> 1;
	}
	return ~crc;
}

struct ans {
	char *db, *coll;
	long long count, done;
	uint64_t crc;
	int ended;
};

static void
put_header(struct ans *a, int eof, uint64_t crc)
{
	bson_t h;

	bson_init(&h);
	BSON_APPEND_UTF8(&h, "db", a->db);
	BSON_APPEND_UTF8(&h, "collection", a->coll);
	BSON_APPEND_BOOL(&h, "EOF", eof);
	BSON_APPEND_INT64(&h, "CRC", (int64_t)crc);
	put_bson(&h);
	bson_destroy(&h);
}

static void
put_term(void)
{
	put("\xff\xff\xff\xff", 4);
}

static int
cmd_archive(int argc, char **argv)
{
	const char *badcrc = NULL, *noeof = NULL, *reopen = NULL, *eofdoc = NULL;
	long long block = 3;
	struct ans *as;
	size_t na = 0, i, left;
	bson_t b;
	char *eq, *dot, meta[64];
	int c, dropterm = 0;
	long long k;

	optind = 1;
	while ((c = getopt(argc, argv, "b:c:e:r:d:t")) != -1) {
		switch (c) {
		case 'b':
			if (fs_parse_ll(optarg, 1, 1000000, &block, "-b") != 0)
				return EX_USAGE;
			break;
		case 'c': badcrc = optarg; break;
		case 'e': noeof = optarg; break;
		case 'r': reopen = optarg; break;
		case 'd': eofdoc = optarg; break;
		case 't': dropterm = 1; break;
		default: return EX_USAGE;
		}
	}
	as = fs_xcalloc((size_t)argc, sizeof *as);
	for (; optind < argc; optind++) {
		eq = strchr(argv[optind], '=');
		dot = strchr(argv[optind], '.');
		if (eq == NULL || dot == NULL || dot > eq)
			return EX_USAGE;
		as[na].db = fs_xstrndup(argv[optind], (size_t)(dot - argv[optind]));
		as[na].coll = fs_xstrndup(dot + 1, (size_t)(eq - dot - 1));
		if (fs_parse_ll(eq + 1, 0, INT64_MAX, &as[na].count, "COUNT") != 0)
			return EX_USAGE;
		na++;
	}
	put("\x6d\xe2\x99\x81", 4);
	bson_init(&b);
	BSON_APPEND_INT32(&b, "concurrent_collections", 4);
	BSON_APPEND_UTF8(&b, "version", "0.1");
	BSON_APPEND_UTF8(&b, "server_version", "7.0.14");
	BSON_APPEND_UTF8(&b, "tool_version", "bsongen");
	put_bson(&b);
	bson_destroy(&b);
	for (i = 0; i < na; i++) {
		bson_init(&b);
		BSON_APPEND_UTF8(&b, "db", as[i].db);
		BSON_APPEND_UTF8(&b, "collection", as[i].coll);
		snprintf(meta, sizeof meta, "{\"collectionName\":\"%s\"}", as[i].coll);
		BSON_APPEND_UTF8(&b, "metadata", meta);
		BSON_APPEND_INT32(&b, "size", 0);
		BSON_APPEND_UTF8(&b, "type", "");
		put_bson(&b);
		bson_destroy(&b);
	}
	put_term();
	/* round-robin: one block of each open namespace in turn */
	for (left = na; left > 0;) {
		for (i = 0; i < na; i++) {
			struct ans *a = &as[i];
			char nsname[256];

			if (a->ended)
				continue;
			snprintf(nsname, sizeof nsname, "%s.%s", a->db, a->coll);
			if (a->done < a->count) {
				put_header(a, 0, 0);
				for (k = 0; k < block && a->done < a->count; k++) {
					order(&b, (uint64_t)(a->done++ + 1000 * i));
					a->crc = crc64(a->crc, bson_get_data(&b), b.len);
					put_bson(&b);
					bson_destroy(&b);
				}
				put_term();
				continue;
			}
			a->ended = 1;
			left--;
			if (noeof != NULL && strcmp(noeof, nsname) == 0)
				continue;
			put_header(a, 1, a->crc ^ (badcrc != NULL &&
			    strcmp(badcrc, nsname) == 0));
			if (eofdoc != NULL && strcmp(eofdoc, nsname) == 0) {
				order(&b, 0);
				put_bson(&b);
				bson_destroy(&b);
			}
			if (!(dropterm && left == 0))
				put_term();
			if (reopen != NULL && strcmp(reopen, nsname) == 0) {
				put_header(a, 0, 0);
				order(&b, 0);
				put_bson(&b);
				bson_destroy(&b);
				put_term();
			}
		}
	}
	for (i = 0; i < na; i++) {
		free(as[i].db);
		free(as[i].coll);
	}
	free(as);
	return 0;
}

int
main(int argc, char **argv)
{
	int rc;
	uint64_t c;

	fs_setprogname(argv[0]);
	if (argc < 2) {
		fs_warnx("usage: bsongen orders|rich|types|bad|hex|canon|crc64|archive ...");
		return EX_USAGE;
	}
	if (strcmp(argv[1], "orders") == 0 || strcmp(argv[1], "rich") == 0)
		rc = cmd_orders(argc - 1, argv + 1);
	else if (strcmp(argv[1], "types") == 0)
		rc = cmd_types();
	else if (strcmp(argv[1], "bad") == 0 && argc == 3)
		rc = cmd_bad(argv[2]);
	else if (strcmp(argv[1], "deep") == 0 && argc == 3)
		rc = cmd_deep(argv[2]);
	else if (strcmp(argv[1], "hex") == 0)
		rc = cmd_hex(argc > 2 ? argv[2] : NULL);
	else if (strcmp(argv[1], "canon") == 0)
		rc = cmd_canon(argc > 2 && argv[2][0] == '-' ? argv[2][1] : 0);
	else if (strcmp(argv[1], "crc64") == 0 && argc == 3) {
		c = crc64(0, (const uint8_t *)argv[2], strlen(argv[2]));
		printf("%016llx\n", (unsigned long long)c);
		rc = 0;
	} else if (strcmp(argv[1], "archive") == 0)
		rc = cmd_archive(argc - 1, argv + 1);
	else {
		fs_warnx("unknown command %s", argv[1]);
		rc = EX_USAGE;
	}
	if (rc == 0)
		rc = fs_close_stdout();
	return rc;
}
