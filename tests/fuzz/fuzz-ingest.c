/*
 * fuzz-ingest.c: the fleet report validator of fluxstat-ingest (envelope,
 * place in the tree, every record against the catalogue, duplicates),
 * through the same check() the program runs on each received file.
 *
 * The program is included whole, its main() renamed.  The input is the
 * report's JSON text; the harness gzips it (the gzip layer has its own
 * harness) and checks it as installations/ID/reports/DAY.json.gz with a
 * fixed ID and DAY, so a seed made for them passes.  The catalogue comes
 * from $FLUXSTAT_SHARE.  Promises: a verdict is one of the rules; an
 * accepted report yields its report row and one row per record, each a
 * JSON object; a rejection's message is not empty.
 */
int fluxstat_ingest_main(int argc, char **argv);
#define main fluxstat_ingest_main
#include "fluxstat-ingest.c"
#undef main

#include <zlib.h>

#include "fuzz.h"

#define ID	"11111111-2222-4333-8444-555555555555"
#define NAME	"2026-11-30.json.gz"

static void
check_lines(const struct fs_buf *b, size_t *n)
{
	struct fs_jspan root;
	struct fs_jerr err;
	const char *p = b->p, *end, *nl;

	*n = 0;
	if (b->len == 0)
		return;
	end = b->p + b->len;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		FUZZ_CHECK(nl != NULL);
		FUZZ_CHECK(fs_json_parse(p, (size_t)(nl - p), &root, &err) == 0);
		FUZZ_CHECK(root.type == FS_J_OBJECT);
		p = nl + 1;
		(*n)++;
	}
}

static struct fs_buf gz = FS_BUF_INIT;

static void
gzip(const uint8_t *data, size_t size)
{
	z_stream z;
	int zr;

	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	fs_buf_reset(&gz);
	fs_buf_grow(&gz, deflateBound(&z, size) + 32);
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)size;
	z.next_out = (Bytef *)gz.p;
	z.avail_out = (uInt)gz.cap - 1;
	zr = deflate(&z, Z_FINISH);
	FUZZ_CHECK(zr == Z_STREAM_END);
	gz.len = z.total_out;
	deflateEnd(&z);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct verdict v;
	enum rule r;
	size_t nhead, nrow;

	if (!ready) {
		char *path;

		if ((cat = fs_catalog_load(NULL)) == NULL)
			abort();
		if (asprintf(&path, "%s/vocab/triggers.txt", cat->dir) < 0 ||
		    (triggers = fs_vocab_load(path)) == NULL)
			abort();
		free(path);
		ready = 1;
	}
	if (size > 256 * 1024)
		return 0;
	gzip(data, size);
	fs_buf_reset(&rows);
	fs_buf_reset(&head);
	v.rule = Q_OK;
	v.msg[0] = '\0';
	r = check(fuzz_path((const uint8_t *)gz.p, gz.len), ID, NAME, &v);
	FUZZ_CHECK(r >= Q_OK && r < Q_N);
	if (r != Q_OK) {
		FUZZ_CHECK(r == v.rule && v.msg[0] != '\0');
		return 0;
	}
	check_lines(&head, &nhead);
	check_lines(&rows, &nrow);
	FUZZ_CHECK(nhead == 1 && nrow == nrecords);
	return 0;
}
