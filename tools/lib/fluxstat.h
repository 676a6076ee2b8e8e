/*
 * fluxstat.h: the internal library shared by the fluxstat programs.
 *
 * Every function has the prefix fs_.  Prototypes are grouped under the
 * file that defines them, so this header reads as a table of contents.
 * Errors follow <sysexits.h>: functions that can fail return 0 on success
 * and -1 on failure after printing "program: file:line: message" unless
 * their comment says otherwise.
 */
#ifndef FLUXSTAT_H
#define FLUXSTAT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sysexits.h>

#define FS_NORETURN __attribute__((noreturn))
/* branch hints for the hot loops: the common case laid out straight */
#define FS_LIKELY(x)	__builtin_expect(!!(x), 1)
#define FS_UNLIKELY(x)	__builtin_expect(!!(x), 0)
#define FS_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* err.c: diagnostics as "program: [file:line: ]message", exit statuses */
extern const char *fs_progname;
void fs_setprogname(const char *argv0);
void fs_warnx(const char *fmt, ...) FS_PRINTF(1, 2);
/* line 0 prints "file: message"; a NULL file prints just the message */
void fs_warn_at(const char *file, long line, const char *fmt, ...) FS_PRINTF(3, 4);
FS_NORETURN void fs_die(int status, const char *fmt, ...) FS_PRINTF(2, 3);
FS_NORETURN void fs_die_at(int status, const char *file, long line,
    const char *fmt, ...) FS_PRINTF(4, 5);
/* flush and close stdout; EX_IOERR (with a message) if anything failed */
int fs_close_stdout(void);
/* "--version" output: "program (fluxstat) 0.1.0", then a line saying
 * which confinement this kernel gives (fs_confine_describe) */
void fs_print_version(void);
/* checked number from a command line or file; -1 and a message on error */
int fs_parse_ll(const char *s, long long min, long long max, long long *out,
    const char *what);

/* buf.c: growable byte buffers and allocation that never returns NULL */
struct fs_buf {
	char *p;		/* always NUL-terminated when p != NULL */
	size_t len;
	size_t cap;
};
#define FS_BUF_INIT { NULL, 0, 0 }
void *fs_xmalloc(size_t n);
void *fs_xcalloc(size_t n, size_t size);
void *fs_xrealloc(void *p, size_t n);
char *fs_xstrdup(const char *s);
char *fs_xstrndup(const char *s, size_t n);
void fs_buf_grow(struct fs_buf *b, size_t extra);
void fs_buf_add(struct fs_buf *b, const void *p, size_t n);
void fs_buf_adds(struct fs_buf *b, const char *s);
void fs_buf_addc(struct fs_buf *b, int c);
void fs_buf_printf(struct fs_buf *b, const char *fmt, ...) FS_PRINTF(2, 3);
void fs_buf_reset(struct fs_buf *b);	/* len = 0, keeps the memory */
void fs_buf_free(struct fs_buf *b);
/* append the whole file to b (NUL-terminated, also when empty); -1 and
 * "path: reason" printed on failure, errno kept for the caller's status */
int fs_read_file(const char *path, struct fs_buf *b);

/* lines.c: line reader for NDJSON and text inputs, any line length */
struct fs_lines {
	FILE *fp;
	const char *name;	/* for messages: the path, or "-" / "(stdin)" */
	long lineno;		/* number of the line last returned, from 1 */
	int own;		/* fp was opened here and is closed by fs_lines_close */
	char *buf;
	size_t cap;
};
/* path "-" or NULL means stdin; EX_NOINPUT-style failure returns -1 */
int fs_lines_open(struct fs_lines *l, const char *path);
/*
 * Next line without its "\n" (and without a "\r" before it).  Returns the
 * length (>= 0), or -1 at the end of input, or -2 on a read error (message
 * printed).  The line stays valid until the next call; it is NUL-terminated
 * but may contain NUL bytes, so use the length.
 */
ssize_t fs_lines_next(struct fs_lines *l, char **line);
void fs_lines_close(struct fs_lines *l);
/* 1 if p[0..n) is valid UTF-8 (no overlongs, no surrogates, no NUL when
 * nul_ok is 0); else 0 and *bad is the offset of the first bad byte */
int fs_utf8_valid(const char *p, size_t n, int nul_ok, size_t *bad);
/*
 * The length of the well-formed UTF-8 sequence at p (n >= 1 bytes
 * available), or 0 when it is not one: overlong forms, surrogates and code
 * points above U+10FFFF are rejected as RFC 3629 requires.  The one UTF-8
 * rule of the project (lines.c, json.c, fluxstat-bson); inline, as the JSON
 * and BSON readers call it per non-ASCII character.
 */
static inline size_t
fs_utf8_seq(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned c = p[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return n >= 2 && (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if (n < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
			return 0;
		if (c == 0xe0 && p[1] < 0xa0)
			return 0;	/* overlong */
		if (c == 0xed && p[1] >= 0xa0)
			return 0;	/* surrogate */
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if (n < 4 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 ||
		    (p[3] & 0xc0) != 0x80)
			return 0;
		if (c == 0xf0 && p[1] < 0x90)
			return 0;	/* overlong */
		if (c == 0xf4 && p[1] >= 0x90)
			return 0;	/* above U+10FFFF */
		return 4;
	}
	return 0;
}

/*
 * Eight bytes at a time (SWAR), for the scanners of json.c and
 * fluxstat-bson.  Each test returns the high bit of every byte of w that
 * matches; a borrow may also flag a byte above (later than) a real match,
 * never one below, and never when nothing matched: so the lowest flag is
 * exact, and "any flag" is exact.
 */
#define FS_ONES8	UINT64_C(0x0101010101010101)
#define FS_HIGHS8	UINT64_C(0x8080808080808080)
/* bytes below c (c <= 0x80) */
static inline uint64_t
fs_lt8(uint64_t w, unsigned c)
{
	return (w - FS_ONES8 * c) & ~w & FS_HIGHS8;
}
/* bytes equal to c */
static inline uint64_t
fs_eq8(uint64_t w, unsigned c)
{
	return fs_lt8(w ^ FS_ONES8 * c, 1);
}
/* bytes a JSON string must escape: '"', '\\' and controls below 0x20.
 * XOR 0x02 maps '"' to 0x20 and the controls onto controls, and nothing
 * else below 0x21, so one "less than 0x21" test finds both. */
static inline uint64_t
fs_jesc8(uint64_t w)
{
	return fs_lt8(w ^ FS_ONES8 * 0x02, 0x21) | fs_eq8(w, '\\');
}
/* encode code point c (at most U+10FFFF) as UTF-8 into out[0..3];
 * returns the number of bytes */
size_t fs_utf8_put(char *out, uint32_t c);

/*
 * Scanners for fluxstat-bson's validating walk, 16 bytes at a time with
 * SSE2 (the x86-64 baseline), else 8 at a time (SWAR, little-endian), else
 * byte by byte; FS_NO_SSE2 picks SWAR, FS_NO_SIMD the bytewise code (a
 * test builds all three).
 * room >= n bytes may be read at p (the rest of the document): a last
 * short block is then read whole and the bytes past n masked off.
 */
#if defined(__SSE2__) && !defined(FS_NO_SIMD) && !defined(FS_NO_SSE2)
#include <emmintrin.h>
#define FS_SSE2	1
#else
#define FS_SSE2	0
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && \
    !defined(FS_NO_SIMD)
#define FS_SWAR_LE	1
#else
#define FS_SWAR_LE	0
#endif
/*
 * 1 if p[0..n) is UTF-8 by fs_utf8_seq, NUL bytes allowed (BSON strings
 * have a length); ASCII is skipped a block at a time, and each non-ASCII
 * byte starts a sequence that fs_utf8_seq checks whole.
 */
static inline __attribute__((always_inline)) int
fs_utf8_ok(const char *s, size_t n, size_t room)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;

	(void)room;
#if FS_SSE2
	/* most strings and names are short and ASCII: one block */
	if (FS_LIKELY(n <= 16 && room >= 16 &&
	    ((unsigned)_mm_movemask_epi8(_mm_loadu_si128(
	    (const __m128i *)(const void *)p)) & ((1U << n) - 1)) == 0))
		return 1;
	while (n - i >= 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)(p + i)));

		if (m == 0) {
			i += 16;
			continue;
		}
		i += (size_t)__builtin_ctz(m);
		if ((k = fs_utf8_seq(s + i, n - i)) == 0)
			return 0;
		i += k;
	}
#endif
	while (i < n) {
#if FS_SSE2
		if (room - i >= 16) {
			unsigned m = (unsigned)_mm_movemask_epi8(
			    _mm_loadu_si128((const __m128i *)(const void *)(p + i)));

			if (n - i < 16)
				m &= (1U << (n - i)) - 1;
			if (m == 0) {
				i += 16;
				continue;
			}
			i += (size_t)__builtin_ctz(m);
		} else
#endif
#if FS_SWAR_LE
		if (room - i >= 8) {
			uint64_t w;

			memcpy(&w, p + i, 8);
			if (n - i < 8)
				w &= ~UINT64_C(0) >> (64 - 8 * (n - i));
			if ((w & FS_HIGHS8) == 0) {
				i += 8;
				continue;
			}
			i += (size_t)__builtin_ctzll(w & FS_HIGHS8) / 8;
		} else
#endif
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((k = fs_utf8_seq(s + i, n - i)) == 0)
			return 0;
		i += k;
	}
	return 1;
}
/*
 * The length of the 0-terminated name at p: the offset of its first 0
 * byte within p[0..avail), or avail when there is none (avail <= room).
 * *high: whether a byte of the name is 0x80 or above (then it needs
 * fs_utf8_ok; most names are ASCII and skip it).
 */
static inline __attribute__((always_inline)) size_t
fs_cstr_len(const char *s, size_t avail, size_t room, int *high)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int hi = 0;

	(void)room;
#if FS_SSE2
	/* most names are short: the first block has their 0 byte */
	if (FS_LIKELY(room >= 16)) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned z = (unsigned)_mm_movemask_epi8(
		    _mm_cmpeq_epi8(v, _mm_setzero_si128()));

		if (FS_LIKELY(z != 0)) {
			i = (size_t)__builtin_ctz(z);
			*high = ((unsigned)_mm_movemask_epi8(v) &
			    ((1U << i) - 1)) != 0;
			return i < avail ? i : avail;
		}
	}
	for (; i < avail && room - i >= 16; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		unsigned z = (unsigned)_mm_movemask_epi8(
		    _mm_cmpeq_epi8(v, _mm_setzero_si128()));
		unsigned h = (unsigned)_mm_movemask_epi8(v);

		if (z != 0) {
			/* z ^ (z - 1): the bytes up to the first 0 */
			*high = hi | ((h & (z ^ (z - 1))) != 0);
			i += (size_t)__builtin_ctz(z);
			return i < avail ? i : avail;
		}
		hi |= h != 0;
	}
#endif
#if FS_SWAR_LE
	for (; i < avail && room - i >= 8; i += 8) {
		uint64_t w, z;

		memcpy(&w, p + i, 8);
		z = fs_lt8(w, 1);	/* the lowest flag is the first 0 */
		if (z != 0) {
			z = (z & -z) >> 7;	/* 1 in the 0 byte's lowest bit */
			*high = hi | ((w & (z - 1) & FS_HIGHS8) != 0);
			i += (size_t)__builtin_ctzll(z) / 8;
			return i < avail ? i : avail;
		}
		hi |= (w & FS_HIGHS8) != 0;
	}
#endif
	if (i > avail)
		i = avail;
	for (; i < avail && p[i] != 0; i++)
		hi |= p[i] >= 0x80;
	*high = hi;
	return i;
}

/* jsonw.c: JSON output */
/* a JSON string literal; control characters escaped, invalid UTF-8
 * bytes written as \ufffd, so the output is always valid JSON */
void fs_json_str(struct fs_buf *b, const char *s, size_t n);
void fs_json_strz(struct fs_buf *b, const char *s);
void fs_json_int(struct fs_buf *b, int64_t v);
/* shortest text that reads back to the same double (-0.0 as "-0.0", so
 * that it stays a double with its sign); NaN/Inf refused (-1) */
int fs_json_double(struct fs_buf *b, double v);

/* json.c: strict, fast JSON reading (RFC 8259).  A validated text is
 * addressed by spans into the caller's bytes; nothing is copied until a
 * string or number is decoded.  Accepts only what libjq 1.6 accepts too. */
enum fs_jtype {
	FS_J_NONE = 0, FS_J_NULL, FS_J_FALSE, FS_J_TRUE, FS_J_NUMBER,
	FS_J_STRING, FS_J_ARRAY, FS_J_OBJECT
};
struct fs_jspan {
	enum fs_jtype type;
	const char *p;		/* first byte of the value's text */
	size_t n;		/* length of the value's text */
};
struct fs_jerr {
	size_t off;		/* byte offset of the error in the text */
	char msg[96];
};
/* nesting limit as libjq 1.6 counts it: an array takes 1, an object 2
 * (256 nested arrays pass, 128 nested objects) */
#define FS_JSON_MAX_DEPTH 256
/* validate one JSON value, whitespace around it allowed; 0 and *root, or -1
 * and *err (nothing printed) */
int fs_json_parse(const char *p, size_t n, struct fs_jspan *root,
    struct fs_jerr *err);
/* fs_json_parse that also finds members of the root object by name in the
 * same pass: vals[i] is the value of the first member named keys[i]
 * (decoded name, n bytes; the names distinct), type FS_J_NONE when there
 * is none or the root is not an object; vals[] is meaningless after -1 */
struct fs_jkey {
	const char *name;
	size_t n;
};
int fs_json_parse_keys(const char *p, size_t n, struct fs_jspan *root,
    const struct fs_jkey *keys, size_t nkeys, struct fs_jspan *vals,
    struct fs_jerr *err);
/* member of an object span by dotted path ("a.b.c"); 1 found, 0 absent
 * (also when an intermediate is not an object); a repeated key: the first */
int fs_json_get(struct fs_jspan obj, const char *path, struct fs_jspan *out);
/* iterate an object's members or an array's elements (key type NONE) */
struct fs_jiter {
	const char *p;
	const char *end;
};
void fs_json_iter(struct fs_jspan container, struct fs_jiter *it);
int fs_json_next(struct fs_jiter *it, struct fs_jspan *key, struct fs_jspan *val);
/* decode a string span into out (appends; unescaped UTF-8, may hold NUL) */
void fs_json_unescape(struct fs_jspan s, struct fs_buf *out);
/* compare a string span with a C string after unescaping; 1 if equal */
int fs_json_streq(struct fs_jspan s, const char *z);
/* a number span as an exact integer (no fraction/exponent, fits int64):
 * 0 ok, -1 not an exact integer */
int fs_json_get_i64(struct fs_jspan num, int64_t *v);
/* correctly rounded; beyond the double range +-HUGE_VAL; not a number: NaN */
double fs_json_get_double(struct fs_jspan num);

/* record.c: the metric record (fluxstat(7)): one JSON object per line */
enum fs_vtype { FS_V_INT, FS_V_DOUBLE, FS_V_STRING };
struct fs_label {
	char *key;
	char *val;
};
struct fs_record {
	char *metric;
	struct fs_label *labels;	/* sorted by key after fs_record_parse */
	size_t nlabels;
	enum fs_vtype vtype;
	int64_t i;
	double d;
	char *s;
};
/* parse one line into *r (overwritten: free it with fs_record_free after
 * use); -1 and a message in *err (no text of the line in it, which may be
 * personal) when it is not a record; nothing printed.  An integer without
 * fraction or exponent that fits int64 is FS_V_INT (d set too) */
int fs_record_parse(const char *line, size_t n, struct fs_record *r,
    struct fs_jerr *err);
/* the same for a value inside a text fs_json_parse has validated already
 * (a record in a report's "metrics"), without validating it again */
int fs_record_from_span(struct fs_jspan v, struct fs_record *r,
    struct fs_jerr *err);
/* canonical form: {"labels":{...sorted...},"metric":"...","value":...}
 * keys sorted, no spaces, "labels" always written ({} when none);
 * appends, no newline */
void fs_record_write(struct fs_buf *out, const struct fs_record *r);
/* a key already there gets the new value */
void fs_record_add_label(struct fs_record *r, const char *key, const char *val);
void fs_record_sort_labels(struct fs_record *r);
/* order by metric, then labels (key, value pairs in order) */
int fs_record_cmp(const struct fs_record *a, const struct fs_record *b);
void fs_record_free(struct fs_record *r);

/* time.c: instants are milliseconds since the epoch, UTC.  The two
 * parsers return -1 without a message (the caller knows where the text
 * came from); the zone functions print one (unknown zone, bad day). */
/* ISO-8601 "YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|+HHMM)"; a space for the T
 * allowed, 't' and 'z' too; any number of fraction digits (truncated to
 * ms); offsets up to +-18:00; without an offset it fails */
int fs_time_parse_iso(const char *s, size_t n, int64_t *ms);
/* a JSON time: ISO string, {"$date":"ISO"}, {"$date":{"$numberLong":"ms"}},
 * {"$date":ms}, or a number of epoch seconds (a fraction is exact to the
 * ms, floored) */
int fs_time_parse_json(struct fs_jspan v, int64_t *ms);
/* "2026-11-30T00:04:11Z" (milliseconds shown only when not 0) */
void fs_time_format_utc(int64_t ms, char out[32]);
/* the digits of a date YYYY-MM-DD (0 <= y <= 9999) and of a time of day
 * HH:MM:SS[.mmm] (sec < 86400; the fraction only when msec != 0) at q,
 * not NUL-terminated; each returns the byte after what it wrote */
char *fs_time_put_ymd(char *q, int y, int m, int d);
char *fs_time_put_hms(char *q, int sec, int msec);
/* local time in zone tz (NULL: the process's) with its offset:
 * "2026-11-29T00:00:00+01:00" */
int fs_time_format_local(int64_t ms, const char *tz, char out[40]);
/* the local day "YYYY-MM-DD" in zone tz as [from, to) (23, 24 or 25 h);
 * where midnight does not exist the day starts at the first local instant
 * of that date */
int fs_day_bounds(const char *day, const char *tz, int64_t *from, int64_t *to);
/* 1 when tz names a zone the C library really knows (a zone file under
 * $TZDIR, an absolute path, or a POSIX rule such as "UTC0"); glibc would
 * take any other name for UTC without a word.  No message. */
int fs_tz_valid(const char *tz);
/* "YYYY-MM-DD" that exists: 0 and the day number since 1970-01-01 */
int fs_day_parse(const char *s, int64_t *days);
/* day number since 1970-01-01 as "YYYY-MM-DD" */
void fs_day_format(int64_t days, char out[16]);

/* id.c: the installation id, a random version-4 UUID made once and kept
 * in STATE/installation-id (mode 0600); the one place that makes it and
 * says what a valid one is (fluxstat-state, -report and -send) */
/* 1 when s is 8-4-4-4-12 hexadecimal digits; upper-case digits are made
 * lower case in place, the one canonical form */
int fs_id_valid(char *s);
/* the id of state folder dir into out: read and checked, or, when there is
 * none and make is set, made (the folder too, 0700) and written
 * atomically.  0, or after a message a <sysexits.h> status: EX_NOINPUT
 * (none yet, make unset), EX_CONFIG (the file is not an id),
 * EX_CANTCREAT (cannot make or write it), EX_IOERR, EX_OSERR (no random
 * bytes) */
int fs_id_load(const char *dir, int make, char out[37]);

/* atomic.c: write a file so that it is either whole or absent */
struct fs_atomic {
	char *dir;
	char *final;		/* dir/name */
	char *tmp;		/* dir/.name.XXXXXX, mode 0600 */
	int fd;
};
int fs_atomic_open(struct fs_atomic *a, const char *dir, const char *name);
int fs_atomic_write(struct fs_atomic *a, const void *p, size_t n);
/* fsync, rename over the final name, fsync the folder */
int fs_atomic_commit(struct fs_atomic *a);
void fs_atomic_abort(struct fs_atomic *a);	/* unlink the temp file */
/* remove the ".NAME.XXXXXX" a killed writer left in dir (name NULL: of
 * any name), those at least min_age seconds old; failures are warnings */
void fs_atomic_clean(const char *dir, const char *name, long min_age);

/* map.c: string-keyed hash table (keys copied; values are the caller's) */
struct fs_map;
struct fs_map *fs_map_new(void);
/* the value slot for key, created (NULL) if absent; *created says which */
void **fs_map_slot(struct fs_map *m, const char *key, size_t n, int *created);
void *fs_map_get(const struct fs_map *m, const char *key, size_t n);
size_t fs_map_count(const struct fs_map *m);
/* the keys, sorted bytewise, NULL-terminated; free the array, not the keys */
const char **fs_map_keys(const struct fs_map *m);
void fs_map_free(struct fs_map *m, void (*freeval)(void *));

/* vocab.c: closed vocabularies: a text file, one value per line, '#'
 * starts a comment line, blank lines ignored */
struct fs_vocab;
struct fs_vocab *fs_vocab_load(const char *path);	/* NULL + message */
int fs_vocab_has(const struct fs_vocab *v, const char *s, size_t n);
void fs_vocab_free(struct fs_vocab *v);

/* share.c: data files in share/ (SQL, jq programs, catalogue, vocabularies) */
/* an absolute name, or one that exists as given, is used as given;
 * otherwise $FLUXSTAT_SHARE/name, then PKGDATADIR/name ("sql/x.sql",
 * "vocab/job_types.txt").  Returns a new string: the first that exists,
 * else the PKGDATADIR one, so a message names the expected place. */
char *fs_share_path(const char *name);

/* gz.c: reading back a gzip file (a packed report), strictly */
/* the document in the single gzip member of path ("-" or NULL: stdin),
 * appended to out, at most cap bytes.  0, or after a message a <sysexits.h>
 * status: EX_NOINPUT (cannot open), EX_DATAERR (truncated, corrupt, CRC or
 * length wrong, bytes after the member, larger than cap), EX_IOERR.  On
 * failure out is left as it was. */
int fs_gunzip_file(const char *path, size_t cap, struct fs_buf *out);
/* the same, silent: the reason goes to e->msg (no data of the file in it),
 * e->toobig says the cap was reached (inflating stopped there) */
struct fs_gzerr {
	int toobig;
	char msg[128];
};
int fs_gunzip_check(const char *path, size_t cap, struct fs_buf *out,
    struct fs_gzerr *e);

/* pii.c: detectors of personal data in a string (the privacy wall's
 * second line, after the catalogue).  Each returns 1 when s[0..n) holds
 * something that looks like its kind of personal data.  Tuned so that
 * printer models, versions, paper sizes, dates and CPU names pass. */
enum fs_pii {
	FS_PII_NONE = 0, FS_PII_EMAIL, FS_PII_PHONE, FS_PII_IBAN, FS_PII_CARD,
	FS_PII_IPV4, FS_PII_IPV6, FS_PII_MAC, FS_PII_URL_CREDENTIALS,
	FS_PII_HOME_PATH, FS_PII_SERIAL, FS_PII_COUNT
};
/* the first detector that fires, FS_PII_NONE when all pass */
enum fs_pii fs_pii_scan(const char *s, size_t n);
/* one detector alone (for tests and for the inventory) */
int fs_pii_detect(enum fs_pii which, const char *s, size_t n);
/* "email", "phone", ... ("none" for FS_PII_NONE) */
const char *fs_pii_name(enum fs_pii which);
/* Profiles: how strict the detectors are for a kind of slot (the
 * catalogue's "detectors").  strict: everything (the default); model_name:
 * the phone detector only fires on "+", trunk-0 and 3-3-4 numbers, and the
 * serial detector's word rules ask more (CPU model numbers); version: an
 * 8-digit run that is a calendar day is not a serial (rolling releases). */
enum fs_pii_profile {
	FS_PII_STRICT = 0, FS_PII_MODEL_NAME, FS_PII_VERSION, FS_PII_NPROFILES
};
enum fs_pii fs_pii_scan_as(const char *s, size_t n, enum fs_pii_profile p);
int fs_pii_detect_as(enum fs_pii which, const char *s, size_t n,
    enum fs_pii_profile p);
const char *fs_pii_profile_name(enum fs_pii_profile p);
/* "strict", "model_name", "version"; -1 if unknown */
int fs_pii_profile_parse(const char *name, enum fs_pii_profile *p);

/* catalog.c: the metric catalogue (share/catalog.json): every metric that
 * may leave the machine, its kind, labels and what its value may be */
enum fs_kind { FS_KIND_INFO, FS_KIND_GAUGE, FS_KIND_COUNTER };
struct fs_cat_label {
	char *name;
	char *vocab_name;		/* "job_types": vocab/job_types.txt */
	struct fs_vocab *vocab;
	char *fallback;			/* NULL: a value outside drops the record */
};
/* what an info value may be: a vocabulary word, a string matching a
 * pattern, a version (fs_version_shape), or free text (printable ASCII,
 * capped, PII detectors); gauges and counters: a number in a range */
enum fs_cat_vcheck { FS_CV_NUMBER, FS_CV_VOCAB, FS_CV_PATTERN, FS_CV_TEXT,
	FS_CV_VERSION };
struct fs_cat_metric {
	char *name;
	enum fs_kind kind;
	const char *section;		/* the id of one of the catalogue's sections */
	char *description;
	struct fs_cat_label *labels;	/* sorted by name */
	size_t nlabels;
	enum fs_cat_vcheck check;	/* FS_CV_NUMBER for gauges and counters */
	char *vocab_name;		/* FS_CV_VOCAB */
	struct fs_vocab *vocab;
	char *fallback;			/* FS_CV_VOCAB: also accepted; may be NULL */
	char *pattern;			/* FS_CV_PATTERN: POSIX ERE, anchored;
					 * FS_CV_TEXT: optional, must match */
	void *re;			/* its compiled regex_t */
	size_t max_length;		/* FS_CV_PATTERN, _TEXT, _VERSION: bytes */
	int icase;			/* the pattern ignores case */
	char **words;			/* FS_CV_VERSION: words also accepted
					 * ("none"), NULL-terminated, or NULL */
	enum fs_pii_profile pii;	/* how strict the PII detectors are */
	int64_t min, max;		/* FS_CV_NUMBER: the plausible range */
	char *value_doc;		/* what the value is, for the docs */
};
struct fs_cat_section {
	char *id;
	char *title;
	char *source;
};
struct fs_catalog {
	char *path;
	char *dir;			/* its folder: vocab/ is below */
	struct fs_cat_section *sections;
	size_t nsections;
	struct fs_cat_metric *metrics;	/* in the file's order */
	size_t nmetrics;
	struct fs_map *byname;		/* name: struct fs_cat_metric * */
	struct fs_map *vocabs;		/* vocabulary name: struct fs_vocab * */
};
/* path NULL: "catalog.json" through fs_share_path.  Vocabularies are read
 * from vocab/NAME.txt beside the catalogue.  NULL and a message on error. */
struct fs_catalog *fs_catalog_load(const char *path);
const struct fs_cat_metric *fs_catalog_find(const struct fs_catalog *c,
    const char *name, size_t n);
const char *fs_kind_name(enum fs_kind k);
/* the words of vocabulary vocab_name in file order, NULL-terminated (free
 * each and the array), for documentation; NULL and a message on error */
char **fs_catalog_words(const struct fs_catalog *c, const char *vocab_name);
void fs_catalog_free(struct fs_catalog *c);
/*
 * Hold a parsed record against the catalogue, changing it where the rules
 * allow: labels the metric does not declare are removed, label values
 * outside their vocabulary become the fallback.  Then every string left
 * passes the PII detectors.  Returns FS_SCRUB_OK (the record may leave)
 * or the rule that drops it; *pii says which detector fired.
 * *removed and *mapped (may be NULL) count the changes made.
 */
enum fs_scrub_rule {
	FS_SCRUB_OK = 0, FS_SCRUB_NOT_CATALOGUED, FS_SCRUB_WRONG_TYPE,
	FS_SCRUB_MISSING_LABEL, FS_SCRUB_LABEL_VALUE, FS_SCRUB_INFO_VALUE,
	FS_SCRUB_PII, FS_SCRUB_OUT_OF_RANGE, FS_SCRUB_NRULES
};
enum fs_scrub_rule fs_catalog_scrub(const struct fs_catalog *c,
    struct fs_record *r, const struct fs_cat_metric **mp, enum fs_pii *pii,
    size_t *removed, size_t *mapped);
/* "not_catalogued", "wrong_type", ..., "out_of_range" */
const char *fs_scrub_rule_name(enum fs_scrub_rule rule);
/*
 * 1 if s[0..n) has the shape of a version the catalogue accepts: 1 to 4
 * dot-separated parts of digits; the first 1 to 5 digits without a leading
 * zero ("0" alone allowed), the others 1 to 5 digits, with a leading zero
 * only in a part of two ("22.04", "12.00"); 7 or more digits in all only
 * with a part of one digit ("10.2.3.4567", "10.0.19045"), which the ways
 * phone numbers are grouped never have ("030.123.456.78", "555.123.4567");
 * or a calendar day YYYYMMDD alone (a rolling release: "20240823").
 */
int fs_version_shape(const char *s, size_t n);

/* confine.c: a program locks itself in once its inputs are open.  The
 * file system shrinks to what it names (and the share folder and time zone
 * data); system calls to reading, writing and memory: no exec, no sockets
 * unless net, no new privileges.  What the kernel lacks is left out
 * quietly.  Paths that do not exist are skipped.  0, or -1 and a message
 * when the kernel has it but it failed (then the caller exits). */
struct fs_confine {
	const char *const *read;	/* files or folders (all below), NULL-ended */
	const char *const *write;	/* folders to make, write, rename and
					 * remove files in; or files to write */
	int net;			/* outbound TCP (socket, connect, DNS) */
	int tcp_port;			/* with net: the only port (0: any) */
};
int fs_confine(const struct fs_confine *c);
/* what this kernel and build give, for --version:
 * "Landlock ABI 2 (files), seccomp allowlist, no_new_privs" */
const char *fs_confine_describe(void);

#endif
