/*
 * fuzz-gz.c: the strict gzip reader (tools/lib/gz.c) on any file.
 * Promises: success or one of its statuses; on failure the buffer is left
 * as it was; on success at most cap bytes were added.
 */
#include "config.h"

#include <string.h>

#include "fluxstat.h"
#include "fuzz.h"

#define CAP	(1024 * 1024)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fs_buf b = FS_BUF_INIT;
	int st;

	fs_buf_adds(&b, "kept");
	st = fs_gunzip_file(fuzz_path(data, size), CAP, &b);
	FUZZ_CHECK(st == 0 || st == EX_DATAERR || st == EX_IOERR);
	if (st != 0)
		FUZZ_CHECK(b.len == 4 && memcmp(b.p, "kept", 5) == 0);
	else
		FUZZ_CHECK(b.len >= 4 && b.len - 4 <= CAP && b.p[b.len] == '\0');
	fs_buf_free(&b);
	return 0;
}
