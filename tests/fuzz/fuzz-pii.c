/*
 * fuzz-pii.c: the PII detectors (tools/lib/pii.c) on any bytes.
 * Promise: fs_pii_scan names the first detector that fires, in order.
 */
#include "config.h"

#include "fluxstat.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	enum fs_pii first = FS_PII_NONE, got;
	int k;

	for (k = 1; k < FS_PII_COUNT; k++)
		if (fs_pii_detect((enum fs_pii)k, s, size) && first == FS_PII_NONE)
			first = (enum fs_pii)k;
	got = fs_pii_scan(s, size);
	FUZZ_CHECK(got == first);
	FUZZ_CHECK(fs_pii_name(got) != NULL);
	return 0;
}
