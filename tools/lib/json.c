/*
 * json.c: strict, fast JSON reading (RFC 8259).
 *
 * fs_json_parse validates a whole text in one pass over its bytes, without
 * building a tree: it accepts exactly RFC 8259 JSON in valid UTF-8 (no lone
 * surrogate escapes, no NaN/Infinity, no leading zeros, no comments, no
 * byte order mark) and nests no deeper than libjq 1.6 does.  Everything it
 * accepts, libjq 1.6 accepts too (tests/unit/test-json.c proves it against
 * jv_parse_sized), so a program may use it in place of libjq for speed.
 *
 * The other functions work on spans of a text that fs_json_parse accepted;
 * they trust it and only skip over values, which is what makes reading a
 * few fields of a long row cheap.
 */
#include "config.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fluxstat.h"

typedef const unsigned char *uptr;

static int	 fail(struct fs_jerr *, uptr, uptr, const char *);
static inline uptr scan_string(uptr, uptr, uptr, struct fs_jerr *, int *);
static uptr	 scan_string_rest(uptr, uptr, uptr, struct fs_jerr *);
static uptr	 scan_number(uptr, uptr, uptr, struct fs_jerr *);
static uptr	 skip_string(uptr, uptr);
static uptr	 skip_value(uptr, uptr, enum fs_jtype *);
static int	 hexval(uptr);
static enum fs_jtype type_of(unsigned char);
static int	 key_eq(const struct fs_jspan *, const char *, size_t);
static size_t	 match_key(uptr, uptr, int, const struct fs_jkey *, size_t,
		    const struct fs_jspan *);

/* JSON whitespace: space, tab, LF, CR (and nothing else, RFC 8259 2) */
#define IS_WS(c) ((c) == ' ' || (c) == '\n' || (c) == '\r' || (c) == '\t')

/*
 * Bytes a string can hold as they are: 0x20-0x7f but '"' and '\\'.
 * Everything else needs a look (quote, escape, control, UTF-8 lead).
 */
static const unsigned char str_plain[256] = {
	[0x20 ... 0x21] = 1, [0x23 ... 0x5b] = 1, [0x5d ... 0x7f] = 1
};

/*
 * Eight bytes at a time: nonzero when any of them is '"', '\\', below
 * 0x20 or above 0x7f; the lowest flag is the first byte to look at.
 */
static inline uint64_t
special8(uptr p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return fs_jesc8(v) | (v & FS_HIGHS8);
}

/*
 * The first of the eight bytes at p that special8 (m, nonzero) flagged
 * rightly: on a little-endian machine the lowest flag, as borrows run
 * towards later bytes; elsewhere they run backwards, so look byte by byte.
 */
static inline unsigned
first_special(uptr p, uint64_t m)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	(void)p;
	return (unsigned)__builtin_ctzll(m) >> 3;
#else
	unsigned i;

	(void)m;
	for (i = 0; i < 7 && str_plain[p[i]]; i++)
		continue;
	return i;
#endif
}

static int
fail(struct fs_jerr *err, uptr start, uptr at, const char *msg)
{
	if (err != NULL) {
		err->off = (size_t)(at - start);
		snprintf(err->msg, sizeof err->msg, "%s", msg);
	}
	return -1;
}

static int
hexval(uptr p)
{
	int v = 0, i, c;

	for (i = 0; i < 4; i++) {
		c = p[i];
		if (c >= '0' && c <= '9')
			c -= '0';
		else if (c >= 'a' && c <= 'f')
			c -= 'a' - 10;
		else if (c >= 'A' && c <= 'F')
			c -= 'A' - 10;
		else
			return -1;
		v = v << 4 | c;
	}
	return v;
}

/*
 * A string starting at p (the opening quote).  Returns the byte after the
 * closing quote, or NULL with *err set.  Most strings of a row are short
 * and plain: that case is inline, the rest (escapes, UTF-8, the last
 * bytes of the text) goes to scan_string_rest, and then *rest is 1.
 */
static inline uptr
scan_string(uptr start, uptr p, uptr end, struct fs_jerr *err, int *rest)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t m;

	p++;
	while (end - p >= 8) {
		if ((m = special8(p)) != 0) {
			p += first_special(p, m);
			if (*p == '"') {
				*rest = 0;
				return p + 1;
			}
			break;
		}
		p += 8;
	}
	*rest = 1;
	return scan_string_rest(start, p, end, err);
#else
	*rest = 1;
	return scan_string_rest(start, p + 1, end, err);
#endif
}

/* the rest of a string from p, a byte inside it */
static uptr
scan_string_rest(uptr start, uptr p, uptr end, struct fs_jerr *err)
{
	uint64_t m;
	uptr q;
	int u, lo;

	for (;;) {
		while (end - p >= 8) {
			if ((m = special8(p)) != 0) {
				p += first_special(p, m);
				goto look;
			}
			p += 8;
		}
		while (p < end && str_plain[*p])
			p++;
		if (p >= end) {
			fail(err, start, p, "unterminated string");
			return NULL;
		}
look:
		switch (*p) {
		case '"':
			return p + 1;
		case '\\':
			if (end - p < 2) {
				fail(err, start, p, "unterminated string");
				return NULL;
			}
			switch (p[1]) {
			case '"': case '\\': case '/': case 'b':
			case 'f': case 'n': case 'r': case 't':
				p += 2;
				continue;
			case 'u':
				if (end - p < 6 || (u = hexval(p + 2)) < 0) {
					fail(err, start, p, "invalid \\u escape");
					return NULL;
				}
				if (u >= 0xdc00 && u <= 0xdfff) {
					fail(err, start, p, "lone surrogate escape");
					return NULL;
				}
				if (u >= 0xd800 && u <= 0xdbff) {
					q = p + 6;
					if (end - q < 6 || q[0] != '\\' ||
					    q[1] != 'u' || (lo = hexval(q + 2)) < 0 ||
					    lo < 0xdc00 || lo > 0xdfff) {
						fail(err, start, p,
						    "lone surrogate escape");
						return NULL;
					}
					p += 12;
				} else
					p += 6;
				continue;
			default:
				fail(err, start, p, "invalid escape in string");
				return NULL;
			}
		default:
			break;
		}
		if (*p < 0x20) {
			fail(err, start, p, "unescaped control character in string");
			return NULL;
		}
		/* here *p >= 0x80: a UTF-8 sequence, or an error */
		q = p;
		if ((u = (int)fs_utf8_seq((const char *)p, (size_t)(end - p))) != 0) {
			p += u;
			continue;
		}
		fail(err, start, q, "invalid UTF-8 in string");
		return NULL;
	}
}

/* A number at p; returns the byte after it, or NULL with *err set. */
static uptr
scan_number(uptr start, uptr p, uptr end, struct fs_jerr *err)
{
	uptr d;

	if (*p == '-')
		p++;
	if (p >= end || *p < '0' || *p > '9') {
		fail(err, start, p, "invalid number");
		return NULL;
	}
	if (*p == '0') {
		p++;
		if (p < end && *p >= '0' && *p <= '9') {
			fail(err, start, p, "leading zero in number");
			return NULL;
		}
	} else
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	if (p < end && *p == '.') {
		d = ++p;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
		if (p == d) {
			fail(err, start, p, "invalid number: no digit after '.'");
			return NULL;
		}
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		d = p;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
		if (p == d) {
			fail(err, start, p, "invalid number: no digit in exponent");
			return NULL;
		}
	}
	return p;
}

/*
 * One value, iteratively.  The nesting limit is libjq 1.6's: its parser
 * keeps a stack of 256 entries where an array takes one and an object
 * two (the object and the pending key), and refuses to open a container
 * on a full stack.  So 256 nested arrays pass but only 128 nested objects.
 */
static inline int
parse(const char *text, size_t n, struct fs_jspan *root,
    const struct fs_jkey *keys, size_t nkeys, struct fs_jspan *vals,
    struct fs_jerr *err)
{
	uptr start = (uptr)text, p = start, end = start + n, vstart, q;
	uptr kstart = NULL, mstart = NULL;
	unsigned char stack[FS_JSON_MAX_DEPTH];
	int sp = 0, units = 0, rest;
	size_t i, pend = SIZE_MAX;

	for (i = 0; i < nkeys; i++)
		vals[i].type = FS_J_NONE;

	while (p < end && IS_WS(*p))
		p++;
	if (p >= end)
		return fail(err, start, p, "no JSON value");
	vstart = p;

value:
	switch (*p) {
	case '{':
	case '[':
		if (units >= FS_JSON_MAX_DEPTH)
			return fail(err, start, p,
			    "nested too deeply (as libjq: 256, objects count twice)");
		stack[sp++] = *p;
		units += *p == '{' ? 2 : 1;
		p++;
		while (p < end && IS_WS(*p))
			p++;
		if (p >= end)
			return fail(err, start, p, "unexpected end of text");
		if (stack[sp - 1] == '[') {
			if (*p == ']') {
				p++;
				sp--;
				units--;
				goto after;
			}
			goto value;
		}
		if (*p == '}') {
			p++;
			sp--;
			units -= 2;
			goto after;
		}
		goto key;
	case '"':
		if ((p = scan_string(start, p, end, err, &rest)) == NULL)
			return -1;
		goto after;
	case 't':
		if (end - p >= 4 && memcmp(p, "true", 4) == 0) {
			p += 4;
			goto after;
		}
		return fail(err, start, p, "invalid literal");
	case 'f':
		if (end - p >= 5 && memcmp(p, "false", 5) == 0) {
			p += 5;
			goto after;
		}
		return fail(err, start, p, "invalid literal");
	case 'n':
		if (end - p >= 4 && memcmp(p, "null", 4) == 0) {
			p += 4;
			goto after;
		}
		return fail(err, start, p, "invalid literal");
	case '-': case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		if ((p = scan_number(start, p, end, err)) == NULL)
			return -1;
		goto after;
	default:
		return fail(err, start, p, "expected a JSON value");
	}

key:
	/* p is at the first non-blank byte where a member must start */
	if (*p != '"')
		return fail(err, start, p, "expected a string as object key");
	kstart = p;
	if ((p = scan_string(start, p, end, err, &rest)) == NULL)
		return -1;
	if (nkeys > 0 && sp == 1)
		pend = match_key(kstart, p, rest, keys, nkeys, vals);
	while (p < end && IS_WS(*p))
		p++;
	if (p >= end || *p != ':')
		return fail(err, start, p, "expected ':' after object key");
	p++;
	while (p < end && IS_WS(*p))
		p++;
	if (p >= end)
		return fail(err, start, p, "unexpected end of text");
	if (pend != SIZE_MAX && sp == 1)
		mstart = p;
	goto value;

after:
	/* a value just ended at p */
	while (sp > 0) {
		/* one of the root's members looked for: its value is done
		 * when the nesting is back at the root */
		if (pend != SIZE_MAX && sp == 1) {
			vals[pend].type = type_of(*mstart);
			vals[pend].p = (const char *)mstart;
			vals[pend].n = (size_t)(p - mstart);
			pend = SIZE_MAX;
		}
		while (p < end && IS_WS(*p))
			p++;
		if (p >= end)
			return fail(err, start, p, "unexpected end of text");
		if (*p == ',') {
			q = p++;
			while (p < end && IS_WS(*p))
				p++;
			if (p >= end)
				return fail(err, start, p, "unexpected end of text");
			if (*p == (stack[sp - 1] == '{' ? '}' : ']'))
				return fail(err, start, q, "trailing comma");
			if (stack[sp - 1] == '{')
				goto key;
			goto value;
		}
		if (*p == (stack[sp - 1] == '{' ? '}' : ']')) {
			p++;
			units -= stack[--sp] == '{' ? 2 : 1;
			continue;
		}
		return fail(err, start, p, stack[sp - 1] == '{' ?
		    "expected ',' or '}' in object" :
		    "expected ',' or ']' in array");
	}
	if (root != NULL) {
		root->type = type_of(*vstart);
		root->p = (const char *)vstart;
		root->n = (size_t)(p - vstart);
	}
	while (p < end && IS_WS(*p))
		p++;
	if (p < end)
		return fail(err, start, p, "unexpected data after the JSON value");
	return 0;
}

int
fs_json_parse(const char *text, size_t n, struct fs_jspan *root,
    struct fs_jerr *err)
{
	return parse(text, n, root, NULL, 0, NULL, err);
}

/*
 * The same pass also notes where the wanted members of the root object
 * are, which saves a caller the second walk over a long row that
 * fs_json_get would make (keys[] is short: a linear look per root key).
 */
int
fs_json_parse_keys(const char *text, size_t n, struct fs_jspan *root,
    const struct fs_jkey *keys, size_t nkeys, struct fs_jspan *vals,
    struct fs_jerr *err)
{
	return parse(text, n, root, keys, nkeys, vals, err);
}

/*
 * The key [k, kend) (quotes included) of a root member: the index of the
 * first of keys[] that it names and that is not yet found, or SIZE_MAX.
 * Same rule as key_eq: only a raw key longer than the name and holding a
 * backslash can match through its escapes, and only a key that needed
 * scan_string_rest (rest) can hold one.
 */
static size_t
match_key(uptr k, uptr kend, int rest, const struct fs_jkey *keys,
    size_t nkeys, const struct fs_jspan *vals)
{
	struct fs_jspan ks;
	size_t rawn = (size_t)(kend - k) - 2, i;

	for (i = 0; i < nkeys; i++) {
		if (vals[i].type != FS_J_NONE)
			continue;
		if (rawn == keys[i].n) {
			if ((rawn == 0 || k[1] == (unsigned char)keys[i].name[0]) &&
			    memcmp(k + 1, keys[i].name, rawn) == 0 &&
			    (!rest || memchr(k + 1, '\\', rawn) == NULL))
				return i;
		} else if (rest && rawn > keys[i].n &&
		    memchr(k + 1, '\\', rawn) != NULL) {
			ks.type = FS_J_STRING;
			ks.p = (const char *)k;
			ks.n = rawn + 2;
			if (key_eq(&ks, keys[i].name, keys[i].n))
				return i;
		}
	}
	return SIZE_MAX;
}

static enum fs_jtype
type_of(unsigned char c)
{
	switch (c) {
	case '{': return FS_J_OBJECT;
	case '[': return FS_J_ARRAY;
	case '"': return FS_J_STRING;
	case 't': return FS_J_TRUE;
	case 'f': return FS_J_FALSE;
	case 'n': return FS_J_NULL;
	default: return FS_J_NUMBER;
	}
}

/*
 * Skipping over validated text: no checks, only the ends matter.  lim is
 * the closing bracket of the container being iterated; every value inside
 * ends before it, so the 8-byte loads never read past the text.
 */
static uptr
skip_string(uptr p, uptr lim)
{
	uint64_t v, q;

	p++;
	while (lim - p >= 8) {
		/* eight at a time while no '"' or '\\' among them */
		memcpy(&v, p, 8);
		if ((q = fs_eq8(v, '"') | fs_eq8(v, '\\')) != 0) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/* the lowest flag is exact */
			p += __builtin_ctzll(q) >> 3;
			if (*p == '"')
				return p + 1;
			p += 2;
			continue;
#else
			break;
#endif
		}
		p += 8;
	}
	for (;;) {
		if (*p == '"')
			return p + 1;
		p += *p == '\\' ? 2 : 1;
	}
}

static uptr
skip_value(uptr p, uptr lim, enum fs_jtype *type)
{
	int depth;

	*type = type_of(*p);
	switch (*type) {
	case FS_J_STRING:
		return skip_string(p, lim);
	case FS_J_TRUE:
	case FS_J_NULL:
		return p + 4;
	case FS_J_FALSE:
		return p + 5;
	case FS_J_NUMBER:
		p++;
		while ((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' ||
		    *p == 'E' || *p == '+' || *p == '-')
			p++;
		return p;
	default:
		depth = 0;
		for (;;) {
			switch (*p) {
			case '"':
				p = skip_string(p, lim);
				continue;
			case '{': case '[':
				depth++;
				break;
			case '}': case ']':
				if (--depth == 0)
					return p + 1;
				break;
			}
			p++;
		}
	}
}

void
fs_json_iter(struct fs_jspan c, struct fs_jiter *it)
{
	if ((c.type == FS_J_OBJECT || c.type == FS_J_ARRAY) && c.n >= 2) {
		it->p = c.p;
		it->end = c.p + c.n - 1;	/* the closing bracket */
	} else
		it->p = it->end = NULL;
}

int
fs_json_next(struct fs_jiter *it, struct fs_jspan *key, struct fs_jspan *val)
{
	uptr p = (uptr)it->p, end = (uptr)it->end, q;
	struct fs_jspan k = { FS_J_NONE, NULL, 0 };
	enum fs_jtype t;

	if (p == NULL || p >= end)
		return 0;
	p++;			/* the opening bracket or the ',' */
	while (IS_WS(*p))
		p++;
	if (p >= end) {
		it->p = it->end;
		return 0;
	}
	if (*end == '}') {
		q = skip_string(p, end);
		k.type = FS_J_STRING;
		k.p = (const char *)p;
		k.n = (size_t)(q - p);
		p = q;
		while (*p != ':')
			p++;
		p++;
		while (IS_WS(*p))
			p++;
	}
	q = skip_value(p, end, &t);
	if (key != NULL)
		*key = k;
	if (val != NULL) {
		val->type = t;
		val->p = (const char *)p;
		val->n = (size_t)(q - p);
	}
	while (IS_WS(*q))
		q++;
	it->p = (const char *)q;
	return 1;
}

/*
 * Key span equal to the path segment z[0..n) after unescaping.  An escape
 * makes the raw key longer than its decoding, so a raw key of the same
 * length matches only byte for byte and without a backslash; only a longer
 * raw key with a backslash needs decoding.
 */
static int
key_eq(const struct fs_jspan *k, const char *z, size_t n)
{
	const char *raw = k->p + 1;
	size_t rawn = k->n - 2;
	struct fs_buf b = FS_BUF_INIT;
	int eq;

	if (rawn == n)
		return memcmp(raw, z, n) == 0 && memchr(z, '\\', n) == NULL;
	if (rawn < n || memchr(raw, '\\', rawn) == NULL)
		return 0;
	fs_json_unescape(*k, &b);
	eq = b.len == n && memcmp(b.p, z, n) == 0;
	fs_buf_free(&b);
	return eq;
}

/* The first member of that name wins when an object repeats a key. */
int
fs_json_get(struct fs_jspan obj, const char *path, struct fs_jspan *out)
{
	struct fs_jiter it;
	struct fs_jspan k, v;
	const char *dot;
	size_t seg;
	int found;

	for (;;) {
		if (obj.type != FS_J_OBJECT)
			return 0;
		dot = strchr(path, '.');
		seg = dot ? (size_t)(dot - path) : strlen(path);
		found = 0;
		fs_json_iter(obj, &it);
		while (fs_json_next(&it, &k, &v))
			if (key_eq(&k, path, seg)) {
				found = 1;
				break;
			}
		if (!found)
			return 0;
		if (dot == NULL) {
			if (out != NULL)
				*out = v;
			return 1;
		}
		obj = v;
		path = dot + 1;
	}
}

void
fs_json_unescape(struct fs_jspan s, struct fs_buf *out)
{
	uptr p, end, run;
	unsigned char u8[4];
	unsigned long c;

	if (s.type != FS_J_STRING || s.n < 2)
		return;
	p = (uptr)s.p + 1;
	end = (uptr)s.p + s.n - 1;
	fs_buf_grow(out, s.n);
	while (p < end) {
		run = p;
		while (p < end && *p != '\\')
			p++;
		if (p > run)
			fs_buf_add(out, run, (size_t)(p - run));
		if (p >= end)
			break;
		switch (p[1]) {
		case 'b': fs_buf_addc(out, '\b'); break;
		case 'f': fs_buf_addc(out, '\f'); break;
		case 'n': fs_buf_addc(out, '\n'); break;
		case 'r': fs_buf_addc(out, '\r'); break;
		case 't': fs_buf_addc(out, '\t'); break;
		case 'u':
			c = (unsigned long)hexval(p + 2);
			if (c >= 0xd800 && c <= 0xdbff) {
				c = 0x10000 + ((c - 0xd800) << 10) +
				    ((unsigned long)hexval(p + 8) - 0xdc00);
				p += 6;
			}
			fs_buf_add(out, u8, fs_utf8_put((char *)u8, (uint32_t)c));
			p += 4;
			break;
		default:	/* '"', '\\', '/' */
			fs_buf_addc(out, p[1]);
			break;
		}
		p += 2;
	}
}

/* an escape makes the raw text longer than its decoding: see key_eq */
int
fs_json_streq(struct fs_jspan s, const char *z)
{
	struct fs_buf b = FS_BUF_INIT;
	size_t zn, rawn;
	int eq;

	if (s.type != FS_J_STRING || s.n < 2)
		return 0;
	zn = strlen(z);
	rawn = s.n - 2;
	if (rawn < zn)
		return 0;
	if (rawn == zn)
		return memcmp(s.p + 1, z, zn) == 0 &&
		    memchr(s.p + 1, '\\', zn) == NULL;
	if (memchr(s.p + 1, '\\', rawn) == NULL)
		return 0;
	fs_json_unescape(s, &b);
	eq = b.len == zn && memcmp(b.p, z, zn) == 0;
	fs_buf_free(&b);
	return eq;
}

int
fs_json_get_i64(struct fs_jspan num, int64_t *v)
{
	const char *p = num.p, *end = num.p + num.n;
	uint64_t acc = 0, lim;
	int neg = 0, d;

	if (num.type != FS_J_NUMBER || num.n == 0)
		return -1;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	if (p >= end)
		return -1;
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; p < end; p++) {
		if (*p < '0' || *p > '9')
			return -1;	/* fraction or exponent */
		d = *p - '0';
		if (acc > (lim - (uint64_t)d) / 10)
			return -1;
		acc = acc * 10 + (uint64_t)d;
	}
	if (neg)
		*v = acc == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)acc;
	else
		*v = (int64_t)acc;
	return 0;
}

/*
 * Exact powers of ten a double holds.  A decimal with at most 15
 * significant digits and a power of ten from this table converts with one
 * correctly rounded multiplication or division (Clinger's fast path);
 * everything else goes to strtod.
 */
static const double pow10tab[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/* A number beyond the double range gives +-HUGE_VAL (libjq: +-DBL_MAX). */
double
fs_json_get_double(struct fs_jspan num)
{
	static locale_t c_locale;
	const char *p = num.p, *end = num.p + num.n;
	uint64_t m = 0;
	int digits = 0, exp10 = 0, neg = 0, eneg = 0, e = 0, simple = 1;
	char tmp[64], *big = NULL, *s;
	double r;

	if (num.type != FS_J_NUMBER || num.n == 0)
		return NAN;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	for (; p < end && *p >= '0' && *p <= '9'; p++) {
		if (digits > 0 || *p != '0')
			digits++;
		m = m * 10 + (uint64_t)(*p - '0');
		if (digits > 15)
			simple = 0;
	}
	if (p < end && *p == '.')
		for (p++; p < end && *p >= '0' && *p <= '9'; p++) {
			if (digits > 0 || *p != '0')
				digits++;
			m = m * 10 + (uint64_t)(*p - '0');
			exp10--;
			if (digits > 15)
				simple = 0;
		}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			eneg = *p++ == '-';
		for (; p < end && *p >= '0' && *p <= '9'; p++)
			if (e < 100000)
				e = e * 10 + (*p - '0');
			else
				simple = 0;	/* the sum below would be wrong */
		exp10 += eneg ? -e : e;
	}
#if FLT_EVAL_METHOD == 0
	if (simple && exp10 >= -22 && exp10 <= 22) {
		r = (double)m;
		r = exp10 < 0 ? r / pow10tab[-exp10] : r * pow10tab[exp10];
		return neg ? -r : r;
	}
#else
	(void)simple;
	(void)pow10tab;
#endif
	/* strtod_l: a program's setlocale must not change what '.' means */
	if (c_locale == (locale_t)0)
		c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	if (num.n < sizeof tmp)
		s = tmp;
	else
		s = big = fs_xmalloc(num.n + 1);
	memcpy(s, num.p, num.n);
	s[num.n] = '\0';
	r = c_locale != (locale_t)0 ? strtod_l(s, NULL, c_locale) :
	    strtod(s, NULL);
	free(big);
	return r;
}
