/*
 * fuzz-record.c: the metric record reader (tools/lib/record.c).
 * Promises: a record that parses is written in the canonical form, which
 * parses again to an equal record and is written to the same bytes; a
 * refusal's message never quotes the line.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "fluxstat.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fs_record r, r2;
	struct fs_jerr err;
	struct fs_buf w1 = FS_BUF_INIT, w2 = FS_BUF_INIT;
	const char *s = (const char *)data;

	if (fs_record_parse(s, size, &r, &err) != 0) {
		FUZZ_CHECK(memchr(err.msg, '\0', sizeof err.msg) != NULL);
		return 0;
	}
	fs_record_write(&w1, &r);
	FUZZ_CHECK(fs_record_parse(w1.p, w1.len, &r2, &err) == 0);
	fs_record_write(&w2, &r2);
	FUZZ_CHECK(w1.len == w2.len && memcmp(w1.p, w2.p, w1.len) == 0);
	FUZZ_CHECK(fs_record_cmp(&r, &r2) == 0);
	/* "3.0" reads as a double and is written "3", which reads as an
	 * integer: the type may change, the value (sign of zero too) not */
	FUZZ_CHECK((r.vtype == FS_V_STRING) == (r2.vtype == FS_V_STRING));
	if (r.vtype == FS_V_STRING)
		FUZZ_CHECK(strcmp(r.s, r2.s) == 0);
	else
		FUZZ_CHECK(memcmp(&r.d, &r2.d, sizeof r.d) == 0);
	fs_record_free(&r);
	fs_record_free(&r2);
	fs_buf_free(&w1);
	fs_buf_free(&w2);
	return 0;
}
