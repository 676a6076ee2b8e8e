/*
 * test-scan.c: fluxstat.h's scanners fs_utf8_ok and fs_cstr_len against
 * byte-by-byte references (fs_utf8_valid, and a loop for the 0 byte), on
 * random names and strings of every length up to 80 at every offset of a
 * block, with the readable room just enough or generous.  Built three
 * times: test-scan with the code this machine compiles (SSE2 on x86-64),
 * test-scan-swar with FS_NO_SSE2 (8 bytes at a time) and
 * test-scan-portable with FS_NO_SIMD (byte by byte).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fluxstat.h"
#include "tap.h"

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* a byte string mostly ASCII, with UTF-8 sequences good and bad and the
 * odd 0 byte: what decides is where a bad byte falls in a block */
static void
fill(unsigned char *p, size_t n, int zeros)
{
	static const char *const seqs[] = {
		"\xc3\xbc", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xc3",
		"\xe2\x82", "\x80", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
		"\xe0\x80\xaf", "\xff", "\xf0\x9f\x98",
	};
	size_t i = 0, k;
	const char *s;

	while (i < n) {
		switch (rnd(zeros ? 24 : 20)) {
		case 0:
		case 1:
			s = seqs[rnd(sizeof seqs / sizeof *seqs)];
			for (k = 0; s[k] != '\0' && i < n; k++)
				p[i++] = (unsigned char)s[k];
			break;
		case 2:
			if (zeros)
				p[i++] = 0;
			else
				p[i++] = 'x';
			break;
		default:
			p[i++] = (unsigned char)(0x20 + rnd(0x5f));
		}
	}
}

static size_t
ref_cstr(const unsigned char *p, size_t avail, int *high)
{
	size_t i;

	*high = 0;
	for (i = 0; i < avail && p[i] != 0; i++)
		if (p[i] >= 0x80)
			*high = 1;
	return i;
}

int
main(void)
{
	unsigned char *buf = malloc(256);
	size_t n, off, room, got, want, bad, cases = 0, utf8_wrong = 0,
	    cstr_wrong = 0, valid = 0, invalid = 0;
	int rep, gh, wh;

	tap_plan(5);
	for (rep = 0; rep < 200; rep++)
		for (n = 0; n <= 80; n++)
			for (off = 0; off < 16; off++) {
				/* the string, then bytes that must not matter */
				fill(buf + off, n, 0);
				memset(buf + off + n, 0xc3, 40);
				room = rnd(2) ? n : n + rnd(40);
				want = (size_t)fs_utf8_valid((const char *)buf + off,
				    n, 1, &bad);
				got = (size_t)fs_utf8_ok((const char *)buf + off, n,
				    room);
				if (got != want && utf8_wrong++ < 5)
					printf("# fs_utf8_ok n=%zu off=%zu room=%zu: "
					    "%zu, want %zu\n", n, off, room, got, want);
				valid += want;
				invalid += !want;

				/* a name in avail bytes, more readable behind */
				fill(buf + off, n + 40, 1);
				room = n + rnd(40);
				want = ref_cstr(buf + off, n, &wh);
				got = fs_cstr_len((const char *)buf + off, n, room,
				    &gh);
				if ((got != want || (want < n && gh != wh)) &&
				    cstr_wrong++ < 5)
					printf("# fs_cstr_len n=%zu off=%zu room=%zu: "
					    "%zu/%d, want %zu/%d\n", n, off, room, got,
					    gh, want, wh);
				cases++;
			}
	tap_ok(utf8_wrong == 0, "fs_utf8_ok agrees with fs_utf8_valid");
	tap_ok(valid > cases / 10 && invalid > cases / 10,
	    "... on valid and invalid strings alike");
	tap_ok(cstr_wrong == 0, "fs_cstr_len finds the first 0 byte, and "
	    "whether a byte before it is non-ASCII");

	/* the edges by hand: a 0 byte just past avail, a high byte at 15/16 */
	memset(buf, 'a', 64);
	buf[20] = 0;
	tap_ok(fs_cstr_len((const char *)buf, 20, 64, &gh) == 20 &&
	    fs_cstr_len((const char *)buf, 21, 64, &gh) == 20 && gh == 0,
	    "a 0 byte at avail is not in the name; at avail - 1 it is");
	buf[15] = 0xc3;
	buf[16] = 0xbc;
	tap_ok(fs_utf8_ok((const char *)buf, 17, 64) &&
	    !fs_utf8_ok((const char *)buf, 16, 64) &&
	    fs_cstr_len((const char *)buf, 21, 64, &gh) == 20 && gh == 1,
	    "a sequence across a 16-byte block; cut at it, it is bad");
	free(buf);
	return tap_done();
}
