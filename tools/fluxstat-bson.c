/*
 * fluxstat-bson: MongoDB dumps (.bson, .bson.gz, mongodump --archive) to
 * rows of compact relaxed Extended JSON, one document per line.
 *
 * The input is framed here, not by bson_reader: libbson reports a
 * truncated last document as a clean end of file and lets a corrupt
 * length grow its buffer towards 2 GiB.  Each document is length-checked
 * (5 bytes .. 16 MiB, last byte 0), validated completely (types, nested
 * lengths, UTF-8 of keys and strings) and only then written, so a bad
 * document never reaches stdout.  Only the read window (at least one
 * document) is in memory.
 *
 * Why not bson_validate and bson_as_relaxed_extended_json: besides the
 * framing above, libbson's writer puts spaces in its output
 * ({ "a" : 1 }, where rows are compact) and returns a new string per
 * document; measured on 400k order documents (76 MB,
 * tests/bsongen orders 400000, whole documents, no --fields), a program
 * doing bson_reader_read + bson_validate(UTF8) + bson_as_relaxed_extended_json
 * took 2.97 s wall against 0.24 s for this one (12x), and projecting
 * --fields on top only widens the gap.  The type names are libbson's
 * (BSON_TYPE_*); only the walk is ours.
 *
 * --split reads an archive stream once and writes each projected
 * namespace's rows to a file of its own: a mongodump command's output is
 * never stored whole (it holds names, emails and password hashes), and
 * the collections are not read once each.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bson.h>
#include <zlib.h>

#include "fluxstat.h"

#define DOC_MIN		5
#define DOC_MAX		(16 * 1024 * 1024)	/* MongoDB's BSONObjMaxUserSize */
/* MongoDB stores at most 100 levels; deeper only from other writers.  The
 * checker and writer recurse, so the depth is bounded: 1000 levels are a
 * few hundred KiB of stack. */
#define DEPTH_MAX	1000
#define CHUNK		(256 * 1024)
#define OUT_FLUSH	(64 * 1024)
#define ARCHIVE_MAGIC	0x8199e26dU
#define TERMINATOR	0xffffffffU
/* 9999-12-31T23:59:59.999Z: the last instant relaxed JSON writes as ISO */
#define DATE_ISO_MAX	INT64_C(253402300799999)

/* an input stream: a file or stdin, plain or gzip, read through a window */
struct src {
	const char *name;
	int fd;
	int gz;
	int zend;		/* the last gzip member is complete */
	int ineof;
	z_stream z;
	uint64_t zbase;		/* compressed bytes of earlier gzip members */
	unsigned char *in;
	size_t incap;
	unsigned char *buf;
	size_t cap, start, end;
	uint64_t off;		/* offset of buf[start] in the (decompressed) stream */
};

/* a node of the --fields tree: one path component */
struct field {
	char *name;
	size_t len;
	char *jkey;		/* "name": as JSON, written once here */
	size_t jkeylen;
	int leaf;		/* the whole value is written */
	struct field *kid;
	size_t nkid;
	/* bit (length % 64) of each kid's name: most keys of a document
	 * are ruled out by their length alone */
	uint64_t lens;
	const uint8_t **hit;	/* per document: value of each kid, or NULL */
	uint8_t *hittype;
	/* the root only, --time: the kids that are times, and their names */
	size_t *tk;
	size_t ntk;
	char *time;
};

/* a namespace of an archive */
struct ns {
	char *name;		/* db.coll */
	char *prefix;		/* {"ns":"db.coll","doc": */
	uint64_t crc;
	int listed;		/* in the prelude */
	int timeseries;
	int opened;
	int closed;
	struct field *fields;	/* --split: its projection, NULL: not kept */
	FILE *fp;		/* --split: its rows, once opened */
	struct fs_buf ob;	/* --split: rows not yet written */
};

/* --split: a namespace to keep, and its projection */
struct proj {
	char *ns;
	struct field *fields;
};

static int64_t opt_from = INT64_MIN, opt_to = INT64_MIN;	/* --from, --to */

static int usage(FILE *fp, int status);
static int set_times(const char *spec);
static int maybe_in_window(const struct field *f);
static uint64_t le64(const uint8_t *p);
static int run_file(const char *path);
static int src_open(struct src *s, const char *path);
static void src_close(struct src *s);
static int src_fill(struct src *s, size_t n);
static int bad(struct src *s, const char *fmt, ...) FS_PRINTF(2, 3);
static uint32_t le32(const uint8_t *p);
static int read_word(struct src *s, uint32_t *w);
static int frame_doc(struct src *s, uint32_t len);
static void consume(struct src *s, size_t n);
static int read_stream(struct src *s);
static int read_archive(struct src *s);
static int emit_doc(struct src *s, const uint8_t *d, uint32_t n,
    const char *prefix, struct field *fields, struct fs_buf *o, FILE *fp);
static const char *check_doc(const uint8_t *d, size_t n, int depth,
    const uint8_t *top, size_t *at, struct field *f);
static void write_doc(struct fs_buf *o, const uint8_t *d, int array);
static void write_value(struct fs_buf *o, uint8_t t, const uint8_t *v);
static void write_date(struct fs_buf *o, int64_t ms);
static size_t project(struct fs_buf *o, const uint8_t *d, struct field *f,
    int found);
static void add_field(struct field *root, const char *path);
static void crc_init(void);
static uint64_t crc_update(uint64_t crc, const uint8_t *p, size_t n);


/* the output helpers are called per byte and per token: keep them inline */
static inline void
put_n(struct fs_buf *o, const void *p, size_t n)
{
	if (o->cap - o->len <= n)
		fs_buf_grow(o, n);
	memcpy(o->p + o->len, p, n);
	o->len += n;
	o->p[o->len] = '\0';
}

static inline void
put_s(struct fs_buf *o, const char *s)
{
	put_n(o, s, strlen(s));
}

static inline void
put_c(struct fs_buf *o, char c)
{
	put_n(o, &c, 1);
}

/*
 * A JSON string of bytes check_doc found to be UTF-8: most need no escape
 * and are copied as they are; the others go through fs_json_str.
 */
static void
put_jstr(struct fs_buf *o, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	uint64_t w, esc = 0;
	size_t i;

	/* 8 bytes at a time: a byte below 0x20, a '"' or a '\\' */
	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		esc |= fs_jesc8(w);
	}
	for (; i < n; i++)
		if (p[i] < 0x20 || p[i] == '"' || p[i] == '\\')
			break;
	if (i < n || esc != 0) {
		fs_json_str(o, s, n);
		return;
	}
	if (o->cap - o->len <= n + 2)
		fs_buf_grow(o, n + 2);
	o->p[o->len++] = '"';
	memcpy(o->p + o->len, s, n);
	o->len += n;
	o->p[o->len++] = '"';
	o->p[o->len] = '\0';
}

static const char *opt_ns;
static struct field *opt_fields;
static const char *opt_split;	/* --split DIR */
static struct proj *projs;
static size_t nprojs;
static uint64_t total_in;	/* --split: bytes of the input, as read */
static struct fs_buf out = FS_BUF_INIT;
static int status;		/* exit status of the first failure */
static struct ns *nss;
static size_t nns;
static uint64_t crctab[8][256];

static const struct option longopts[] = {
	{ "ns", required_argument, NULL, 'n' },
	{ "fields", required_argument, NULL, 'f' },
	{ "split", required_argument, NULL, 's' },
	{ "project", required_argument, NULL, 'p' },
	{ "time", required_argument, NULL, 't' },
	{ "from", required_argument, NULL, 'F' },
	{ "to", required_argument, NULL, 'T' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

int
main(int argc, char **argv)
{
	struct fs_confine conf = { NULL, NULL, 0, 0 };
	int c, i, rc;
	const char *eq;
	const char *opt_time = NULL;
	struct fs_buf tns = FS_BUF_INIT;

	fs_setprogname(argv[0]);
	while ((c = getopt_long(argc, argv, "n:f:s:p:t:F:T:hV", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 't':
			/* resolved below, when every projection is known */
			if (opt_time != NULL)
				fs_buf_addc(&tns, ';');
			fs_buf_adds(&tns, optarg);
			opt_time = tns.p;
			break;
		case 'F':
		case 'T':
			if (fs_time_parse_iso(optarg, strlen(optarg),
			    c == 'F' ? &opt_from : &opt_to) != 0) {
				fs_warnx("--%s: not an ISO-8601 instant: %s",
				    c == 'F' ? "from" : "to", optarg);
				return EX_USAGE;
			}
			break;
		case 's':
			opt_split = optarg;
			break;
		case 'p':
			eq = strchr(optarg, '=');
			if (eq == NULL || eq == optarg || eq[1] == '\0' ||
			    memchr(optarg, '/', (size_t)(eq - optarg)) != NULL ||
			    *optarg == '.') {
				fs_warnx("--project %s: not DB.COLL=FIELDS", optarg);
				return EX_USAGE;
			}
			projs = fs_xrealloc(projs, (nprojs + 1) * sizeof *projs);
			projs[nprojs].ns = fs_xstrndup(optarg, (size_t)(eq - optarg));
			projs[nprojs].fields = fs_xcalloc(1, sizeof(struct field));
			add_field(projs[nprojs].fields, eq + 1);
			nprojs++;
			break;
		case 'n':
			opt_ns = optarg;
			break;
		case 'f':
			if (opt_fields == NULL)
				opt_fields = fs_xcalloc(1, sizeof *opt_fields);
			add_field(opt_fields, optarg);
			break;
		case 'h':
			return usage(stdout, 0);
		case 'V':
			fs_print_version();
			return fs_close_stdout();
		default:
			return usage(stderr, EX_USAGE);
		}
	}
	if ((opt_split != NULL) != (nprojs > 0) ||
	    (opt_split != NULL && (opt_ns != NULL || opt_fields != NULL ||
	    argc - optind > 1))) {
		fs_warnx("--split DIR and --project go together, with one "
		    "archive and without --ns or --fields");
		return usage(stderr, EX_USAGE);
	}
	if (opt_time != NULL && set_times(opt_time) != 0) {
		fs_buf_free(&tns);
		return usage(stderr, EX_USAGE);
	}
	fs_buf_free(&tns);
	crc_init();
	conf.read = (const char *const *)argv + optind;
	if (opt_split != NULL) {
		/* --split makes its files in DIR, and nowhere else */
		static const char *wdirs[2];

		wdirs[0] = opt_split;
		conf.write = wdirs;
	}
	if (fs_confine(&conf) != 0)
		return EX_SOFTWARE;
	rc = 0;
	if (optind == argc)
		rc = run_file("-");
	for (i = optind; i < argc && rc == 0; i++)
		rc = run_file(argv[i]);
	if (out.len > 0)
		fwrite(out.p, 1, out.len, stdout);
	if (opt_split != NULL && rc == 0)
		printf("%" PRIu64 "\n", total_in);
	c = fs_close_stdout();
	return rc != 0 ? status : c;
}

/*
 * --time [NS=]F1,F2 (';' between several): each F must be a top-level
 * field of that projection (of --fields without NS=, of NS's --project
 * with it).
 */
static int
set_times(const char *spec)
{
	char *all, *one, *save = NULL, *eq, *f, *s2;
	struct field *root;
	size_t i;

	if (opt_from == INT64_MIN || opt_to == INT64_MIN) {
		fs_warnx("--time needs --from and --to");
		return -1;
	}
	all = fs_xstrdup(spec);
	for (one = strtok_r(all, ";", &save); one != NULL;
	    one = strtok_r(NULL, ";", &save)) {
		root = NULL;
		if ((eq = strchr(one, '=')) != NULL) {
			*eq = '\0';
			for (i = 0; i < nprojs; i++)
				if (strcmp(projs[i].ns, one) == 0)
					root = projs[i].fields;
			one = eq + 1;
		} else if (opt_split == NULL)
			root = opt_fields;
		if (root == NULL) {
			fs_warnx("--time %s: no projection to filter (--time "
			    "NS=FIELDS goes with --project NS=..., --time FIELDS "
			    "with --fields)", one);
			free(all);
			return -1;
		}
		for (f = strtok_r(one, ",", &s2); f != NULL;
		    f = strtok_r(NULL, ",", &s2)) {
			for (i = 0; i < root->nkid; i++)
				if (strcmp(root->kid[i].name, f) == 0 &&
				    root->kid[i].leaf)
					break;
			if (i == root->nkid) {
				fs_warnx("--time %s: not a top-level field of "
				    "the projection", f);
				free(all);
				return -1;
			}
			root->tk = fs_xrealloc(root->tk, (root->ntk + 1) *
			    sizeof *root->tk);
			root->tk[root->ntk++] = i;
		}
	}
	free(all);
	return 0;
}

/*
 * --time: may the document (checked, its top-level fields noted) have an
 * event in [--from, --to)?  Only a time field that is absent, null or a
 * date outside rules it out; any other value is left to the tally that
 * reads the rows.
 */
static int
maybe_in_window(const struct field *f)
{
	size_t j, i;
	int64_t ms;

	for (j = 0; j < f->ntk; j++) {
		i = f->tk[j];
		if (f->hit[i] == NULL || f->hittype[i] == BSON_TYPE_NULL)
			continue;
		if (f->hittype[i] != BSON_TYPE_DATE_TIME)
			return 1;
		ms = (int64_t)le64(f->hit[i]);
		if (ms >= opt_from && ms < opt_to)
			return 1;
	}
	return 0;
}

static int
usage(FILE *fp, int st)
{
	fprintf(fp,
	    "usage: %s [--ns DB.COLL] [--fields F1,F2.sub,...] [FILE...]\n"
	    "       %s --split DIR --project DB.COLL=F1,F2,... ... [ARCHIVE]\n"
	    "Write each document of .bson, .bson.gz or mongodump --archive input\n"
	    "as one line of relaxed Extended JSON (stdin when no FILE or \"-\").\n"
	    "  -n, --ns DB.COLL    only this collection of an archive; without\n"
	    "                      it, archive rows are\n"
	    "                      {\"ns\":\"DB.COLL\",\"doc\":{...}}\n"
	    "  -f, --fields LIST   only these comma-separated dotted paths\n"
	    "                      (repeatable)\n"
	    "  -s, --split DIR     read an archive once: the rows of each\n"
	    "                      --project namespace go to DIR/DB.COLL.ndjson\n"
	    "                      (new files, 0600); stdout: the input's bytes\n"
	    "  -p, --project DB.COLL=LIST  keep that namespace, those fields\n"
	    "  -t, --time [DB.COLL=]F1,F2  with --from and --to: leave out the\n"
	    "                      documents whose top-level fields F are each\n"
	    "                      absent, null or a date outside [FROM, TO)\n"
	    "      --from INSTANT, --to INSTANT  that window (ISO-8601)\n"
	    "  -h, --help          this text\n"
	    "  -V, --version       the version\n"
	    "Exit status: 0 ok, 64 usage, 65 bad input data, 66 missing input,\n"
	    "73 cannot create an output file, 74 read or write error,\n"
	    "77 no permission.\n", fs_progname, fs_progname);
	if (fp == stdout)
		return fs_close_stdout();
	return st;
}

static int
fail(int st)
{
	if (status == 0)
		status = st;
	return -1;
}

static int
run_file(const char *path)
{
	struct src s;
	int rc;
	uint32_t w;

	if (src_open(&s, path) != 0)
		return -1;
	rc = src_fill(&s, 4);
	w = 0;
	if (rc == 0 && s.end - s.start >= 4)
		w = le32(s.buf + s.start);
	if (rc == 0 && w == ARCHIVE_MAGIC)
		rc = read_archive(&s);
	else if (rc == 0 && (opt_ns != NULL || opt_split != NULL))
		rc = bad(&s, "%s needs a mongodump archive, this is not one",
		    opt_ns != NULL ? "--ns" : "--split");
	else if (rc == 0)
		rc = read_stream(&s);
	src_close(&s);
	return rc;
}

/* -------------------------------------------------------------- input */

/*
 * gzip: 1f 8b and method 8.  As a BSON length those bytes read 0x??088b1f,
 * which within 16 MiB is 559903 alone: a plain stream whose first document
 * has exactly that length is taken for gzip and fails as corrupt gzip,
 * loudly, rather than any .bson.gz being misread.
 */
static int
is_gzip(const uint8_t *p, size_t n)
{
	return n >= 3 && p[0] == 0x1f && p[1] == 0x8b && p[2] == 0x08;
}

static int
src_open(struct src *s, const char *path)
{
	int e;

	memset(s, 0, sizeof *s);
	if (strcmp(path, "-") == 0) {
		s->fd = 0;
		s->name = "(stdin)";
	} else {
		s->name = path;
		s->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (s->fd < 0) {
			e = errno;
			fs_warn_at(path, 0, "%s", strerror(e));
			return fail(e == EACCES ? EX_NOPERM : EX_NOINPUT);
		}
	}
	s->cap = 2 * CHUNK;
	s->buf = fs_xmalloc(s->cap);
	if (src_fill(s, 3) != 0) {
		src_close(s);
		return -1;
	}
	if (is_gzip(s->buf, s->end)) {
		/* gzip: what was read so far is compressed input */
		s->gz = 1;
		s->incap = s->cap;
		s->in = fs_xmalloc(s->incap);
		memcpy(s->in, s->buf, s->end);
		s->z.next_in = s->in;
		s->z.avail_in = (uInt)s->end;
		s->start = s->end = 0;
		if (inflateInit2(&s->z, 15 + 16) != Z_OK)
			fs_die(EX_OSERR, "zlib: %s", s->z.msg ? s->z.msg : "init");
	}
	return 0;
}

static void
src_close(struct src *s)
{
	if (s->gz)
		inflateEnd(&s->z);
	if (s->fd > 0)
		close(s->fd);
	free(s->in);
	free(s->buf);
}

static ssize_t
raw_read(struct src *s, unsigned char *p, size_t n)
{
	ssize_t r;

	do
		r = read(s->fd, p, n);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		fs_warn_at(s->name, 0, "offset %" PRIu64 ": read error: %s",
		    s->off, strerror(errno));
		fail(EX_IOERR);
	} else
		total_in += (uint64_t)r;
	return r;
}

/* inflate into the window: bytes produced, 0 at the end, -1 on error */
static ssize_t
gz_read(struct src *s, unsigned char *p, size_t n)
{
	ssize_t r;
	size_t got;
	int zr;

	for (;;) {
		if (s->z.avail_in == 0 && !s->ineof) {
			r = raw_read(s, s->in, s->incap);
			if (r < 0)
				return -1;
			if (r == 0)
				s->ineof = 1;
			s->z.next_in = s->in;
			s->z.avail_in = (uInt)r;
		}
		if (s->z.avail_in == 0 && s->ineof) {
			if (s->zend)
				return 0;
			return bad(s, "truncated gzip data");
		}
		if (s->zend) {
			/* concatenated gzip members, as gzip(1) reads them */
			s->zbase += s->z.total_in;
			inflateReset(&s->z);
			s->zend = 0;
		}
		s->z.next_out = p;
		s->z.avail_out = (uInt)n;
		zr = inflate(&s->z, Z_NO_FLUSH);
		got = n - s->z.avail_out;
		if (zr == Z_STREAM_END)
			s->zend = 1;
		else if (zr == Z_MEM_ERROR)
			fs_die(EX_OSERR, "zlib: out of memory");
		else if (zr != Z_OK && zr != Z_BUF_ERROR)
			return bad(s, "corrupt gzip data (near compressed byte %"
			    PRIu64 ")", s->zbase + s->z.total_in);
		if (got > 0)
			return (ssize_t)got;
	}
}

/*
 * Make n bytes available at buf[start] if the stream has them.  Returns 0
 * (fewer than n only at the end of the stream) or -1 after a message.
 */
static int
src_fill(struct src *s, size_t n)
{
	ssize_t r;

	while (s->end - s->start < n) {
		if (s->cap < n + CHUNK) {
			s->cap = n + CHUNK;
			if (s->start > 0) {
				memmove(s->buf, s->buf + s->start, s->end - s->start);
				s->end -= s->start;
				s->start = 0;
			}
			s->buf = fs_xrealloc(s->buf, s->cap);
		}
		if (s->cap - s->end < CHUNK / 2 || s->cap - s->start < n) {
			memmove(s->buf, s->buf + s->start, s->end - s->start);
			s->end -= s->start;
			s->start = 0;
		}
		if (s->gz)
			r = gz_read(s, s->buf + s->end, s->cap - s->end);
		else
			r = raw_read(s, s->buf + s->end, s->cap - s->end);
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		s->end += (size_t)r;
	}
	return 0;
}

static int
bad(struct src *s, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fs_warn_at(s->name, 0, "offset %" PRIu64 ": %s", s->off, msg);
	return fail(EX_DATAERR);
}

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static int32_t
le32s(const uint8_t *p)
{
	return (int32_t)le32(p);
}

static uint64_t
le64(const uint8_t *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* the next length word: 1 read, 0 clean end of stream, -1 error */
static int
read_word(struct src *s, uint32_t *w)
{
	size_t have;

	if (src_fill(s, 4) != 0)
		return -1;
	have = s->end - s->start;
	if (have == 0)
		return 0;
	if (have < 4)
		return bad(s, "truncated document: %zu of 4 length bytes", have);
	*w = le32(s->buf + s->start);
	return 1;
}

/* a whole document of len bytes at buf[start], its frame checked */
static int
frame_doc(struct src *s, uint32_t len)
{
	size_t have;

	if (len < DOC_MIN || len > DOC_MAX)
		return bad(s, "bad document length %" PRIu32
		    " (allowed: %d to %d)", len, DOC_MIN, DOC_MAX);
	if (src_fill(s, len) != 0)
		return -1;
	have = s->end - s->start;
	if (have < len)
		return bad(s, "truncated document: %zu of %" PRIu32 " bytes",
		    have, len);
	if (s->buf[s->start + len - 1] != 0)
		return bad(s, "document does not end with a 0 byte");
	return 0;
}

static void
consume(struct src *s, size_t n)
{
	s->start += n;
	s->off += n;
}

/* .bson: documents back to back until the end of the stream */
static int
read_stream(struct src *s)
{
	const uint8_t *d;
	uint32_t len;
	size_t have;
	int r;

	for (;;) {
		/* the common case, framed in place: the whole document is in
		 * the window and its frame is right */
		have = s->end - s->start;
		d = s->buf + s->start;
		if (have >= 4 && (len = le32(d)) >= DOC_MIN && len <= DOC_MAX &&
		    len <= have && d[len - 1] == 0) {
			if (emit_doc(s, d, len, NULL, opt_fields, &out,
			    stdout) != 0)
				return -1;
			consume(s, len);
			continue;
		}
		/* else refill, or say exactly what is wrong */
		if ((r = read_word(s, &len)) != 1)
			return r;
		if (frame_doc(s, len) != 0 ||
		    emit_doc(s, s->buf + s->start, len, NULL, opt_fields, &out,
		    stdout) != 0)
			return -1;
		consume(s, len);
	}
}

/* ---------------------------------------------------------- archives */

static struct ns *
ns_get(const char *db, const char *coll)
{
	struct fs_buf b = FS_BUF_INIT;
	struct ns *n;
	size_t i;

	fs_buf_printf(&b, "%s.%s", db, coll);
	for (i = 0; i < nns; i++)
		if (strcmp(nss[i].name, b.p) == 0) {
			fs_buf_free(&b);
			return &nss[i];
		}
	nss = fs_xrealloc(nss, (nns + 1) * sizeof *nss);
	n = &nss[nns++];
	memset(n, 0, sizeof *n);
	n->name = b.p;
	n->ob = (struct fs_buf)FS_BUF_INIT;
	for (i = 0; i < nprojs; i++)
		if (strcmp(projs[i].ns, n->name) == 0)
			n->fields = projs[i].fields;
	b = (struct fs_buf)FS_BUF_INIT;
	fs_buf_adds(&b, "{\"ns\":");
	fs_json_strz(&b, n->name);
	fs_buf_adds(&b, ",\"doc\":");
	n->prefix = b.p;
	return n;
}

static const char *
get_str(const bson_t *b, const char *key)
{
	bson_iter_t it;

	if (bson_iter_init_find(&it, b, key) && BSON_ITER_HOLDS_UTF8(&it))
		return bson_iter_utf8(&it, NULL);
	return NULL;
}

/* a document of the archive's own structure, validated */
static int
frame_meta(struct src *s, uint32_t len, bson_t *b, const char *what)
{
	const char *why;
	size_t at;

	if (frame_doc(s, len) != 0)
		return -1;
	why = check_doc(s->buf + s->start, len, 0, s->buf + s->start, &at,
	    NULL);
	if (why != NULL)
		return bad(s, "bad %s: %s (document byte %zu)", what, why, at);
	if (!bson_init_static(b, s->buf + s->start, len))
		return bad(s, "bad %s", what);
	return 0;
}

static void
ns_free(void)
{
	size_t i;

	for (i = 0; i < nns; i++) {
		free(nss[i].name);
		free(nss[i].prefix);
		fs_buf_free(&nss[i].ob);
		if (nss[i].fp != NULL)
			fclose(nss[i].fp);
	}
	free(nss);
	nss = NULL;
	nns = 0;
}

/* --split: DIR/DB.COLL.ndjson, new and private */
static int
split_open(struct src *s, struct ns *n)
{
	struct fs_buf path = FS_BUF_INIT;
	int fd, e;

	(void)s;
	fs_buf_printf(&path, "%s/%s.ndjson", opt_split, n->name);
	fd = open(path.p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 || (n->fp = fdopen(fd, "w")) == NULL) {
		e = errno;
		fs_warn_at(path.p, 0, "%s", strerror(e));
		if (fd >= 0)
			close(fd);
		fs_buf_free(&path);
		return fail(e == EACCES ? EX_NOPERM : EX_CANTCREAT);
	}
	fs_buf_free(&path);
	return 0;
}

/* --split: the rows still buffered, and every file closed */
static int
split_close(void)
{
	struct ns *n;
	size_t i;
	int rc = 0;

	for (i = 0; i < nns; i++) {
		n = &nss[i];
		if (n->fp == NULL)
			continue;
		if (n->ob.len > 0)
			fwrite(n->ob.p, 1, n->ob.len, n->fp);
		fs_buf_reset(&n->ob);
		if (ferror(n->fp) | fclose(n->fp)) {
			fs_warn_at(opt_split, 0, "%s.ndjson: write error: %s",
			    n->name, strerror(errno));
			rc = fail(EX_IOERR);
		}
		n->fp = NULL;
	}
	return rc;
}

static int
read_prelude(struct src *s)
{
	const char *db, *coll, *type;
	struct ns *n;
	uint32_t w;
	bson_t b;
	int r;

	consume(s, 4);
	if ((r = read_word(s, &w)) <= 0)
		return r < 0 ? -1 : bad(s, "archive ends in its prelude");
	if (w == TERMINATOR)
		return bad(s, "archive has no header document");
	if (frame_meta(s, w, &b, "archive header") != 0)
		return -1;
	consume(s, w);
	for (;;) {
		if ((r = read_word(s, &w)) <= 0)
			return r < 0 ? -1 :
			    bad(s, "archive prelude has no terminator");
		if (w == TERMINATOR)
			break;
		if (frame_meta(s, w, &b, "collection metadata") != 0)
			return -1;
		db = get_str(&b, "db");
		coll = get_str(&b, "collection");
		type = get_str(&b, "type");
		if (db == NULL || coll == NULL)
			return bad(s, "collection metadata without db or collection");
		n = ns_get(db, coll);
		n->listed = 1;
		n->timeseries = type != NULL && strcmp(type, "timeseries") == 0;
		/* an empty collection gets its empty file: it exists */
		if (n->fields != NULL && n->fp == NULL && split_open(s, n) != 0)
			return -1;
		consume(s, w);
	}
	consume(s, 4);
	return 0;
}

/*
 * mongodump --archive (mongo-tools common/archive/spec.md): magic, a
 * prelude block (header and collection metadata documents), then blocks
 * of one namespace header and its body documents, each ended by a
 * terminator; a namespace ends with an EOF header carrying the CRC-64 of
 * all its body bytes.  Bodies of namespaces not selected are framed and
 * summed but not validated: they are never written.
 */
static int
read_archive(struct src *s)
{
	const char *db, *coll;
	bson_iter_t it;
	struct ns *n;
	uint64_t crc;
	uint32_t w;
	bson_t b;
	int r, eof, sel;
	size_t i;

	if (read_prelude(s) != 0)
		goto err;
	if (opt_ns != NULL) {
		for (i = 0; i < nns; i++)
			if (strcmp(nss[i].name, opt_ns) == 0)
				break;
		if (i == nns) {
			fs_warn_at(s->name, 0, "no collection %s in the archive",
			    opt_ns);
			fail(EX_NOINPUT);
			goto err;
		}
	}
	while ((r = read_word(s, &w)) == 1) {
		if (w == TERMINATOR) {
			bad(s, "terminator without a block header");
			goto err;
		}
		if (frame_meta(s, w, &b, "block header") != 0)
			goto err;
		db = get_str(&b, "db");
		coll = get_str(&b, "collection");
		if (db == NULL || coll == NULL || *coll == '\0' ||
		    !bson_iter_init_find(&it, &b, "EOF") ||
		    !BSON_ITER_HOLDS_BOOL(&it)) {
			bad(s, "bad block header: no db, collection or EOF");
			goto err;
		}
		eof = bson_iter_bool(&it);
		crc = 0;
		if (bson_iter_init_find(&it, &b, "CRC") &&
		    BSON_ITER_HOLDS_INT64(&it))
			crc = (uint64_t)bson_iter_int64(&it);
		else if (eof) {
			bad(s, "bad block header: no CRC");
			goto err;
		}
		n = ns_get(db, coll);
		if (n->closed) {
			bad(s, "block of namespace %s after its end", n->name);
			goto err;
		}
		n->opened = 1;
		if (eof) {
			if (crc != n->crc) {
				bad(s, "CRC mismatch for namespace %s: the archive "
				    "says %016" PRIx64 ", the data give %016" PRIx64,
				    n->name, crc, n->crc);
				goto err;
			}
			n->closed = 1;
		}
		if (opt_split != NULL) {
			sel = n->fields != NULL;
			if (sel && n->fp == NULL && split_open(s, n) != 0)
				goto err;
		} else
			sel = opt_ns == NULL || strcmp(n->name, opt_ns) == 0;
		consume(s, w);
		while ((r = read_word(s, &w)) == 1 && w != TERMINATOR) {
			if (eof) {
				bad(s, "document after the end of namespace %s",
				    n->name);
				goto err;
			}
			if (frame_doc(s, w) != 0)
				goto err;
			n->crc = crc_update(n->crc, s->buf + s->start, w);
			if (sel && (opt_split != NULL ?
			    emit_doc(s, s->buf + s->start, w, NULL, n->fields,
			    &n->ob, n->fp) :
			    emit_doc(s, s->buf + s->start, w,
			    opt_ns == NULL ? n->prefix : NULL, opt_fields, &out,
			    stdout)) != 0)
				goto err;
			consume(s, w);
		}
		if (r < 0)
			goto err;
		if (r == 0) {
			bad(s, "truncated archive: block of %s has no terminator",
			    n->name);
			goto err;
		}
		consume(s, 4);
	}
	if (r < 0)
		goto err;
	for (i = 0; i < nns; i++) {
		n = &nss[i];
		if (n->opened && !n->closed) {
			bad(s, "truncated archive: namespace %s has no end",
			    n->name);
			goto err;
		}
		if (n->listed && !n->opened && !n->timeseries) {
			bad(s, "truncated archive: namespace %s never appears",
			    n->name);
			goto err;
		}
	}
	if (split_close() != 0)
		goto err;
	ns_free();
	return 0;
err:
	ns_free();
	return -1;
}

/* ----------------------------------------------------------- checking */

/*
 * The validating walk is most of the run's CPU when the documents carry
 * what a projection skips (long strings, arrays of subdocuments): it is
 * one loop per document, specialised by the compiler for the top level
 * (which notes the --fields members) and for embedded documents (which
 * do not), with the fixed-size types from a table instead of a jump per
 * element, and the key and string scans of fluxstat.h (16 bytes at a
 * time).  lim is the end of the top-level document: every byte before it
 * may be read, so a scan may read a block past a short key or string.
 * On 400k rich orders (tests/bsongen rich, 490 MB, --fields
 * job_type,created_at) this took the whole run from 294M to 201M
 * instructions per 40k documents and from 0.33 to 0.28 s CPU (medians of
 * 15 runs alternating with cat on a busy machine): 3.5-3.8x cat instead
 * of 4.5x.  The kernel's read copy is a quarter of what is left; mmap
 * measured no cheaper here (its page faults cost what the copy does).
 */

/* the size + 1 of each fixed-size type's value; 0: not fixed, or no type */
static const uint8_t fixed1[256] = {
	[BSON_TYPE_DOUBLE] = 9, [BSON_TYPE_UNDEFINED] = 1,
	[BSON_TYPE_OID] = 13, [BSON_TYPE_BOOL] = 2,
	[BSON_TYPE_DATE_TIME] = 9, [BSON_TYPE_NULL] = 1,
	[BSON_TYPE_INT32] = 5, [BSON_TYPE_TIMESTAMP] = 9,
	[BSON_TYPE_INT64] = 9, [BSON_TYPE_DECIMAL128] = 17,
	[BSON_TYPE_MAXKEY] = 1, [BSON_TYPE_MINKEY] = 1,
};

static const char *check_sub(const uint8_t *d, size_t n, int depth,
    const uint8_t *top, const uint8_t *lim, size_t *at);

/* a length-prefixed string in avail bytes: NULL and its size, or why not */
static inline __attribute__((always_inline)) const char *
check_str(const uint8_t *p, size_t avail, const uint8_t *lim, size_t *used)
{
	int32_t l;

	if (FS_UNLIKELY(avail < 4))
		return "truncated string";
	l = le32s(p);
	if (FS_UNLIKELY(l < 1 || (size_t)l > avail - 4))
		return "bad string length";
	if (FS_UNLIKELY(p[4 + l - 1] != 0))
		return "string does not end with a 0 byte";
	if (FS_UNLIKELY(!fs_utf8_ok((const char *)p + 4, (size_t)l - 1,
	    (size_t)(lim - p) - 4)))
		return "invalid UTF-8 in a string";
	*used = 4 + (size_t)l;
	return NULL;
}

/* a key or pattern: a 0-terminated name within avail bytes */
static inline __attribute__((always_inline)) const char *
check_cstr(const uint8_t *p, size_t avail, const uint8_t *lim, size_t *used)
{
	size_t n;
	int high;

	n = fs_cstr_len((const char *)p, avail, (size_t)(lim - p), &high);
	if (FS_UNLIKELY(n == avail))
		return "unterminated name or pattern";
	if (FS_UNLIKELY(high) && !fs_utf8_ok((const char *)p, n,
	    (size_t)(lim - p)))
		return "invalid UTF-8 in a key or pattern";
	*used = n + 1;
	return NULL;
}

/* the rare types: NULL and the value's size, or why not */
static const char *
check_other(uint8_t t, const uint8_t *p, size_t avail, int depth,
    const uint8_t *top, const uint8_t *lim, size_t *at, size_t *used)
{
	const char *why;
	size_t u2;
	int32_t l;

	switch (t) {
	case BSON_TYPE_CODE: case BSON_TYPE_SYMBOL:
		return check_str(p, avail, lim, used);
	case BSON_TYPE_BINARY:
		if (avail < 5)
			return "truncated binary";
		l = le32s(p);
		if (l < 0 || (size_t)l > avail - 5)
			return "bad binary length";
		if (p[4] == BSON_SUBTYPE_BINARY_DEPRECATED &&
		    (l < 4 || le32s(p + 5) != l - 4))
			return "bad length inside old binary (subtype 2)";
		*used = 5 + (size_t)l;
		return NULL;
	case BSON_TYPE_REGEX:
		if ((why = check_cstr(p, avail, lim, used)) != NULL)
			return why;
		if ((why = check_cstr(p + *used, avail - *used, lim, &u2)) != NULL)
			return why;
		*used += u2;
		return NULL;
	case BSON_TYPE_DBPOINTER:
		if ((why = check_str(p, avail, lim, used)) != NULL)
			return why;
		*used += 12;
		return NULL;
	case BSON_TYPE_CODEWSCOPE:
		if (avail < 4)
			return "truncated code with scope";
		l = le32s(p);
		if (l < 14 || (size_t)l > avail)
			return "bad code with scope length";
		if ((why = check_str(p + 4, (size_t)l - 4, lim, used)) != NULL)
			return why;
		u2 = (size_t)l - 4 - *used;	/* the scope document */
		if (u2 < DOC_MIN || (size_t)le32s(p + 4 + *used) != u2)
			return "code with scope lengths disagree";
		if (p[4 + *used + u2 - 1] != 0)
			return "embedded document does not end with a 0 byte";
		if ((why = check_sub(p + 4 + *used, u2, depth + 1, top, lim,
		    at)) != NULL)
			return why;
		*used = (size_t)l;
		return NULL;
	default:
		return "unknown element type";
	}
}

/* why is set at the element; a nested document's why comes with its own */
#define ELEM_FAIL(msg)	do {			\
	*at = (size_t)(elem - top);		\
	return (msg);				\
} while (0)

/*
 * Validate a document whose length word is n and whose last byte is 0.
 * Every element must lie inside it and the end marker must be its last
 * byte.  Returns NULL, or why not with *at the offset of the element.
 * With f, the members f names are noted on the way (the --fields
 * projection then needs no second pass over the document).
 */
static inline __attribute__((always_inline)) const char *
walk(const uint8_t *d, size_t n, int depth, const uint8_t *top,
    const uint8_t *lim, size_t *at, struct field *f)
{
	const uint8_t *p = d + 4, *end = d + n - 1, *key, *elem;
	const char *why;
	size_t avail, used, klen, i, left = 0;
	int32_t l;
	uint8_t t;

	if (f != NULL) {
		memset(f->hit, 0, f->nkid * sizeof *f->hit);
		left = f->nkid;
	}
	if (depth > DEPTH_MAX) {
		*at = (size_t)(d - top);
		return "documents nested too deeply";
	}
	while (p < end) {
		elem = p;
		t = *p++;
		if (FS_UNLIKELY((why = check_cstr(p, (size_t)(end - p), lim,
		    &used)) != NULL))
			ELEM_FAIL(t == 0 ?
			    "end marker before the end of the document" : why);
		key = p;
		klen = used - 1;
		p += used;
		avail = (size_t)(end - p);
		if (f != NULL && left > 0 && (f->lens >> (klen & 63) & 1) != 0)
			for (i = 0; i < f->nkid; i++)
				if (f->kid[i].len == klen && f->hit[i] == NULL &&
				    memcmp(f->kid[i].name, key, klen) == 0) {
					f->hit[i] = p;
					f->hittype[i] = t;
					left--;
					break;
				}
		if (t == BSON_TYPE_UTF8) {
			if (FS_UNLIKELY((why = check_str(p, avail, lim,
			    &used)) != NULL))
				ELEM_FAIL(why);
		} else if (fixed1[t] != 0) {
			used = fixed1[t] - 1U;
			if (FS_UNLIKELY(used > avail))
				ELEM_FAIL("element runs past the end of the "
				    "document");
			if (FS_UNLIKELY(t == BSON_TYPE_BOOL && *p > 1))
				ELEM_FAIL("boolean that is neither 0 nor 1");
		} else if (t == 0) {
			ELEM_FAIL("end marker before the end of the document");
		} else if (t == BSON_TYPE_DOCUMENT || t == BSON_TYPE_ARRAY) {
			if (FS_UNLIKELY(avail < 4))
				ELEM_FAIL("truncated embedded document");
			l = le32s(p);
			if (FS_UNLIKELY(l < DOC_MIN || (size_t)l > avail))
				ELEM_FAIL("bad embedded document length");
			if (FS_UNLIKELY(p[l - 1] != 0))
				ELEM_FAIL("embedded document does not end with a 0 byte");
			if (FS_UNLIKELY((why = check_sub(p, (size_t)l, depth + 1,
			    top, lim, at)) != NULL))
				return why;
			used = (size_t)l;
		} else {
			*at = (size_t)(elem - top);
			if ((why = check_other(t, p, avail, depth, top, lim, at,
			    &used)) != NULL)
				return why;
			if (used > avail)
				ELEM_FAIL("element runs past the end of the "
				    "document");
		}
		/* strings and embedded documents were checked to fit */
		p += used;
	}
	return NULL;
}

/* an embedded document, its length word and last byte checked */
static const char *
check_sub(const uint8_t *d, size_t n, int depth, const uint8_t *top,
    const uint8_t *lim, size_t *at)
{
	return walk(d, n, depth, top, lim, at, NULL);
}

/* a top-level document (d == top, depth 0): with f, its members are
 * noted */
static const char *
check_doc(const uint8_t *d, size_t n, int depth, const uint8_t *top,
    size_t *at, struct field *f)
{
	return walk(d, n, depth, top, top + n, at, f);
}

/* ------------------------------------------------------------ writing */

/*
 * One document: checked whole first, so that nothing of a bad one reaches
 * the output; rows are collected and written 64 KiB at a time.
 */
static int
emit_doc(struct src *s, const uint8_t *d, uint32_t n, const char *prefix,
    struct field *fields, struct fs_buf *o, FILE *fp)
{
	const char *why;
	size_t at;

	if ((why = check_doc(d, n, 0, d, &at, fields)) != NULL)
		return bad(s, "bad document: %s (document byte %zu)", why, at);
	if (fields != NULL && fields->ntk > 0 && !maybe_in_window(fields))
		return 0;
	if (prefix != NULL)
		put_s(o, prefix);
	if (fields != NULL) {
		put_c(o, '{');
		project(o, d, fields, 1);
		put_c(o, '}');
	} else
		write_doc(o, d, 0);
	if (prefix != NULL)
		put_c(o, '}');
	put_c(o, '\n');
	if (o->len >= OUT_FLUSH) {
		if (fwrite(o->p, 1, o->len, fp) != o->len)
			return fail(EX_IOERR);
		fs_buf_reset(o);
	}
	return 0;
}

/* the size of a value already validated by check_doc */
static size_t
value_size(uint8_t t, const uint8_t *v)
{
	size_t a;

	switch (t) {
	case BSON_TYPE_DOUBLE: case BSON_TYPE_DATE_TIME:
	case BSON_TYPE_TIMESTAMP: case BSON_TYPE_INT64:
		return 8;
	case BSON_TYPE_UTF8: case BSON_TYPE_CODE: case BSON_TYPE_SYMBOL:
		return 4 + le32(v);
	case BSON_TYPE_DOCUMENT: case BSON_TYPE_ARRAY:
	case BSON_TYPE_CODEWSCOPE:
		return le32(v);
	case BSON_TYPE_BINARY:
		return 5 + le32(v);
	case BSON_TYPE_OID:
		return 12;
	case BSON_TYPE_BOOL:
		return 1;
	case BSON_TYPE_REGEX:
		a = strlen((const char *)v) + 1;
		return a + strlen((const char *)v + a) + 1;
	case BSON_TYPE_DBPOINTER:
		return 4 + le32(v) + 12;
	case BSON_TYPE_INT32:
		return 4;
	case BSON_TYPE_DECIMAL128:
		return 16;
	default:
		return 0;
	}
}

static void
write_doc(struct fs_buf *o, const uint8_t *d, int array)
{
	const uint8_t *p = d + 4;
	size_t k;
	uint8_t t;
	int first = 1;

	put_c(o, array ? '[' : '{');
	while ((t = *p++) != 0) {
		k = strlen((const char *)p);
		if (!first)
			put_c(o, ',');
		first = 0;
		if (!array) {
			put_jstr(o, (const char *)p, k);
			put_c(o, ':');
		}
		p += k + 1;
		write_value(o, t, p);
		p += value_size(t, p);
	}
	put_c(o, array ? ']' : '}');
}

static void
write_hex(struct fs_buf *o, const uint8_t *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i;

	fs_buf_grow(o, 2 * n);
	for (i = 0; i < n; i++) {
		o->p[o->len++] = hex[p[i] >> 4];
		o->p[o->len++] = hex[p[i] & 15];
	}
	o->p[o->len] = '\0';
}

static void
write_base64(struct fs_buf *o, const uint8_t *p, size_t n)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	uint32_t v;
	size_t i;

	fs_buf_grow(o, (n + 2) / 3 * 4);
	for (i = 0; i + 2 < n; i += 3) {
		v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
		o->p[o->len++] = b64[v >> 18];
		o->p[o->len++] = b64[(v >> 12) & 63];
		o->p[o->len++] = b64[(v >> 6) & 63];
		o->p[o->len++] = b64[v & 63];
	}
	if (i < n) {
		v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0);
		o->p[o->len++] = b64[v >> 18];
		o->p[o->len++] = b64[(v >> 12) & 63];
		o->p[o->len++] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
		o->p[o->len++] = '=';
	}
	o->p[o->len] = '\0';
}

static void
write_str(struct fs_buf *o, const uint8_t *v)
{
	put_jstr(o, (const char *)v + 4, le32(v) - 1);
}

static void
write_double(struct fs_buf *o, double d)
{
	size_t i, mark = o->len;

	if (isnan(d)) {
		put_s(o, "{\"$numberDouble\":\"NaN\"}");
		return;
	}
	if (isinf(d)) {
		put_s(o, d > 0 ? "{\"$numberDouble\":\"Infinity\"}" :
		    "{\"$numberDouble\":\"-Infinity\"}");
		return;
	}
	fs_json_double(o, d);
	/* a double stays a double when read back: 1.0, not 1 */
	for (i = mark; i < o->len; i++)
		if (o->p[i] == '.' || o->p[i] == 'e')
			return;
	put_s(o, ".0");
}

/*
 * {"$date":"YYYY-MM-DDTHH:MM:SS[.mmm]Z"} for 0 <= ms <= DATE_ISO_MAX.  The
 * calendar date comes from fs_time_format_utc through a small cache by
 * day (dates in a dump cluster within a few years, and the calendar was
 * a tenth of the --fields run's instructions); the time of day is
 * written here.
 */
#define MS_PER_DAY	INT64_C(86400000)
#define DATE_CACHE	1024

static void
write_date(struct fs_buf *o, int64_t ms)
{
	static struct {
		int64_t day1;	/* day + 1: 0 is an empty slot */
		char ymd[11];	/* YYYY-MM-DDT */
	} cache[DATE_CACHE];
	static const char pre[] = "{\"$date\":\"";
	char tmp[32], *q;
	int64_t day = ms / MS_PER_DAY;
	int rem = (int)(ms % MS_PER_DAY), sec = rem / 1000, msec = rem % 1000;
	size_t slot = (size_t)day % DATE_CACHE;

	if (cache[slot].day1 != day + 1) {
		fs_time_format_utc(day * MS_PER_DAY, tmp);
		memcpy(cache[slot].ymd, tmp, 11);
		cache[slot].day1 = day + 1;
	}
	if (o->cap - o->len <= 48)
		fs_buf_grow(o, 48);
	q = o->p + o->len;
	memcpy(q, pre, sizeof pre - 1);
	q += sizeof pre - 1;
	memcpy(q, cache[slot].ymd, 11);
	q += 11;
	q = fs_time_put_hms(q, sec, msec);
	memcpy(q, "Z\"}", 3);
	q += 3;
	*q = '\0';
	o->len = (size_t)(q - o->p);
}

static void
write_value(struct fs_buf *o, uint8_t t, const uint8_t *v)
{
	char tmp[BSON_DECIMAL128_STRING > 40 ? BSON_DECIMAL128_STRING : 40];
	bson_decimal128_t dec;
	uint64_t u;
	int64_t ms;
	double d;
	size_t a;

	switch (t) {
	case BSON_TYPE_DOUBLE:
		u = le64(v);
		memcpy(&d, &u, sizeof d);
		write_double(o, d);
		break;
	case BSON_TYPE_UTF8:
		write_str(o, v);
		break;
	case BSON_TYPE_DOCUMENT:
	case BSON_TYPE_ARRAY:
		write_doc(o, v, t == BSON_TYPE_ARRAY);
		break;
	case BSON_TYPE_BINARY:
		put_s(o, "{\"$binary\":{\"base64\":\"");
		if (v[4] == BSON_SUBTYPE_BINARY_DEPRECATED)
			write_base64(o, v + 9, le32(v) - 4);
		else
			write_base64(o, v + 5, le32(v));
		put_s(o, "\",\"subType\":\"");
		write_hex(o, v + 4, 1);
		put_s(o, "\"}}");
		break;
	case BSON_TYPE_UNDEFINED:
		put_s(o, "{\"$undefined\":true}");
		break;
	case BSON_TYPE_OID:
		put_s(o, "{\"$oid\":\"");
		write_hex(o, v, 12);
		put_s(o, "\"}");
		break;
	case BSON_TYPE_BOOL:
		put_s(o, *v ? "true" : "false");
		break;
	case BSON_TYPE_DATE_TIME:
		ms = (int64_t)le64(v);
		if (ms >= 0 && ms <= DATE_ISO_MAX)
			write_date(o, ms);
		else
			fs_buf_printf(o, "{\"$date\":{\"$numberLong\":\"%" PRId64
			    "\"}}", ms);
		break;
	case BSON_TYPE_NULL:
		put_s(o, "null");
		break;
	case BSON_TYPE_REGEX:
		a = strlen((const char *)v);
		put_s(o, "{\"$regularExpression\":{\"pattern\":");
		put_jstr(o, (const char *)v, a);
		put_s(o, ",\"options\":");
		v += a + 1;
		put_jstr(o, (const char *)v, strlen((const char *)v));
		put_s(o, "}}");
		break;
	case BSON_TYPE_DBPOINTER:
		put_s(o, "{\"$dbPointer\":{\"$ref\":");
		write_str(o, v);
		put_s(o, ",\"$id\":{\"$oid\":\"");
		write_hex(o, v + 4 + le32(v), 12);
		put_s(o, "\"}}}");
		break;
	case BSON_TYPE_CODE:
		put_s(o, "{\"$code\":");
		write_str(o, v);
		put_c(o, '}');
		break;
	case BSON_TYPE_SYMBOL:
		put_s(o, "{\"$symbol\":");
		write_str(o, v);
		put_c(o, '}');
		break;
	case BSON_TYPE_CODEWSCOPE:
		put_s(o, "{\"$code\":");
		write_str(o, v + 4);
		put_s(o, ",\"$scope\":");
		write_doc(o, v + 8 + le32(v + 4), 0);
		put_c(o, '}');
		break;
	case BSON_TYPE_INT32:
		fs_json_int(o, le32s(v));
		break;
	case BSON_TYPE_TIMESTAMP:
		fs_buf_printf(o, "{\"$timestamp\":{\"t\":%" PRIu32 ",\"i\":%"
		    PRIu32 "}}", le32(v + 4), le32(v));
		break;
	case BSON_TYPE_INT64:
		fs_json_int(o, (int64_t)le64(v));
		break;
	case BSON_TYPE_DECIMAL128:
		dec.low = le64(v);
		dec.high = le64(v + 8);
		bson_decimal128_to_string(&dec, tmp);
		put_s(o, "{\"$numberDecimal\":\"");
		put_s(o, tmp);
		put_s(o, "\"}");
		break;
	case BSON_TYPE_MAXKEY:
		put_s(o, "{\"$maxKey\":1}");
		break;
	case BSON_TYPE_MINKEY:
		put_s(o, "{\"$minKey\":1}");
		break;
	}
}

/* ---------------------------------------------------------- --fields */

static struct field *
field_kid(struct field *f, const char *name, size_t len)
{
	struct fs_buf jk = FS_BUF_INIT;
	struct field *k;
	size_t i;

	for (i = 0; i < f->nkid; i++)
		if (f->kid[i].len == len && memcmp(f->kid[i].name, name, len) == 0)
			return &f->kid[i];
	f->kid = fs_xrealloc(f->kid, (f->nkid + 1) * sizeof *f->kid);
	f->hit = fs_xrealloc(f->hit, (f->nkid + 1) * sizeof *f->hit);
	f->hittype = fs_xrealloc(f->hittype, f->nkid + 1);
	k = &f->kid[f->nkid++];
	memset(k, 0, sizeof *k);
	k->name = fs_xstrndup(name, len);
	k->len = len;
	f->lens |= UINT64_C(1) << (len & 63);
	fs_json_str(&jk, name, len);
	fs_buf_addc(&jk, ':');
	k->jkey = jk.p;
	k->jkeylen = jk.len;
	return k;
}

/*
 * "a,b.c" adds the paths a and b.c.  A path that is a prefix of another
 * wins: "b,b.c" writes all of b.
 */
static void
add_field(struct field *root, const char *list)
{
	const char *p = list, *e, *dot;
	struct field *f;

	for (;;) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		f = root;
		for (;;) {
			dot = memchr(p, '.', (size_t)(e - p));
			if (dot == NULL)
				dot = e;
			if (dot == p) {
				fs_warnx("--fields: empty name in '%s'", list);
				exit(EX_USAGE);
			}
			f = field_kid(f, p, (size_t)(dot - p));
			if (f->leaf)
				break;
			p = dot + 1;
			if (dot == e) {
				f->leaf = 1;
				break;
			}
		}
		if (*e == '\0')
			break;
		p = e + 1;
	}
}

/*
 * Write the members of d that f names (found: check_doc noted them
 * already); returns how many were written.
 */
static size_t
project(struct fs_buf *o, const uint8_t *d, struct field *f, int found)
{
	const uint8_t *p = d + 4;
	struct field *k;
	size_t i, len, mark, n = 0, left = found ? 0 : f->nkid;
	uint8_t t;

	if (!found)
		memset(f->hit, 0, f->nkid * sizeof *f->hit);
	while (left > 0 && (t = *p++) != 0) {
		len = strlen((const char *)p);
		for (i = 0; (f->lens >> (len & 63) & 1) != 0 && i < f->nkid; i++)
			if (f->hit[i] == NULL && f->kid[i].len == len &&
			    memcmp(f->kid[i].name, p, len) == 0) {
				f->hit[i] = p + len + 1;
				f->hittype[i] = t;
				left--;
				break;
			}
		p += len + 1;
		p += value_size(t, p);
	}
	for (i = 0; i < f->nkid; i++) {
		k = &f->kid[i];
		if (f->hit[i] == NULL)
			continue;
		if (!k->leaf && f->hittype[i] != BSON_TYPE_DOCUMENT &&
		    f->hittype[i] != BSON_TYPE_ARRAY)
			continue;
		mark = o->len;
		if (n > 0)
			put_c(o, ',');
		put_n(o, k->jkey, k->jkeylen);
		if (k->leaf)
			write_value(o, f->hittype[i], f->hit[i]);
		else {
			put_c(o, '{');
			if (project(o, f->hit[i], k, 0) == 0) {
				o->len = mark;
				o->p[o->len] = '\0';
				continue;
			}
			put_c(o, '}');
		}
		n++;
	}
	return n;
}

/* ------------------------------------------------------------- CRC-64 */

/*
 * CRC-64/ECMA-182 as Go's hash/crc64 with crc64.ECMA computes it (reflected,
 * initial and final value all ones): mongodump's per-namespace checksum.
 * Eight tables: the archive's every byte passes through here.
 */
static void
crc_init(void)
{
	uint64_t c;
	int i, k;

	for (i = 0; i < 256; i++) {
		c = (uint64_t)i;
		for (k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ UINT64_C(0xc96c5795d7870f42) : c >> 1;
		crctab[0][i] = c;
	}
	for (i = 0; i < 256; i++)
		for (k = 1; k < 8; k++)
			crctab[k][i] = (crctab[k - 1][i] >> 8) ^
			    crctab[0][crctab[k - 1][i] & 0xff];
}

static uint64_t
crc_update(uint64_t crc, const uint8_t *p, size_t n)
{
	crc = ~crc;
	while (n >= 8) {
		crc ^= le64(p);
		crc = crctab[7][crc & 0xff] ^ crctab[6][(crc >> 8) & 0xff] ^
		    crctab[5][(crc >> 16) & 0xff] ^ crctab[4][(crc >> 24) & 0xff] ^
		    crctab[3][(crc >> 32) & 0xff] ^ crctab[2][(crc >> 40) & 0xff] ^
		    crctab[1][(crc >> 48) & 0xff] ^ crctab[0][crc >> 56];
		p += 8;
		n -= 8;
	}
	while (n-- > 0)
		crc = crctab[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return ~crc;
}
