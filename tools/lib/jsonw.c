/* jsonw.c: JSON output that is valid whatever bytes it is given */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fluxstat.h"

/* bytes that can be copied as they are: printable ASCII but '"' and '\\' */
static int
plain(unsigned char c)
{
	return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

void
fs_json_str(struct fs_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run, k;

	fs_buf_grow(b, n + 2);
	fs_buf_addc(b, '"');
	while (i < n) {
		for (run = i; run < n && plain(p[run]); run++)
			;
		if (run > i) {
			fs_buf_add(b, p + i, run - i);
			i = run;
			continue;
		}
		if (p[i] >= 0x80) {
			k = fs_utf8_seq((const char *)p + i, n - i);
			if (k == 0) {
				/* not UTF-8: stand in U+FFFD, one per byte */
				fs_buf_adds(b, "\\ufffd");
				i++;
			} else {
				fs_buf_add(b, p + i, k);
				i += k;
			}
			continue;
		}
		switch (p[i]) {
		case '"':  fs_buf_adds(b, "\\\""); break;
		case '\\': fs_buf_adds(b, "\\\\"); break;
		case '\b': fs_buf_adds(b, "\\b"); break;
		case '\f': fs_buf_adds(b, "\\f"); break;
		case '\n': fs_buf_adds(b, "\\n"); break;
		case '\r': fs_buf_adds(b, "\\r"); break;
		case '\t': fs_buf_adds(b, "\\t"); break;
		default: {
			char u[7] = { '\\', 'u', '0', '0', hex[p[i] >> 4], hex[p[i] & 15], 0 };

			fs_buf_add(b, u, 6);
		}
		}
		i++;
	}
	fs_buf_addc(b, '"');
}

void
fs_json_strz(struct fs_buf *b, const char *s)
{
	fs_json_str(b, s, strlen(s));
}

void
fs_json_int(struct fs_buf *b, int64_t v)
{
	char tmp[24];
	int n = snprintf(tmp, sizeof tmp, "%" PRId64, v);

	fs_buf_add(b, tmp, (size_t)n);
}

int
fs_json_double(struct fs_buf *b, double v)
{
	char tmp[40];
	int prec, n = 0;

	if (!isfinite(v))
		return -1;
	/* "-0" would read back as the integer 0 (fs_record_parse), losing
	 * the sign: the fraction keeps it a double */
	if (v == 0 && signbit(v)) {
		fs_buf_adds(b, "-0.0");
		return 0;
	}
	/* the shortest of %.15g..%.17g that reads back to the same double */
	for (prec = 15; prec <= 17; prec++) {
		n = snprintf(tmp, sizeof tmp, "%.*g", prec, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	fs_buf_add(b, tmp, (size_t)n);
	return 0;
}
