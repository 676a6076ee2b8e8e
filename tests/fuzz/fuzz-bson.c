/*
 * fuzz-bson.c: the BSON reader of fluxstat-bson (framing, plain and gzip
 * streams, mongodump archives, the document checker, the writer and the
 * --fields projection), through the same run_file() the program uses.
 *
 * The program is included whole, its main() renamed, so the harness runs
 * exactly the code that ships and the program keeps its one-file shape.
 * The first input byte picks the options: none, --fields, or --ns with
 * --fields.  Promise: every row written is JSON that fs_json_parse takes.
 */
int fluxstat_bson_main(int argc, char **argv);
#define main fluxstat_bson_main
#include "fluxstat-bson.c"
#undef main

#include "fuzz.h"

static struct field *fields;

/* every line of the rows collected so far is valid JSON */
static void
check_rows(void)
{
	struct fs_jspan root;
	struct fs_jerr err;
	const char *p = out.p, *end, *nl;

	if (out.len == 0)
		return;
	end = out.p + out.len;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		FUZZ_CHECK(nl != NULL);
		FUZZ_CHECK(fs_json_parse(p, (size_t)(nl - p), &root, &err) == 0);
		FUZZ_CHECK(root.type == FS_J_OBJECT);
		p = nl + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	int mode;

	if (!ready) {
		crc_init();
		fields = fs_xcalloc(1, sizeof *fields);
		add_field(fields, "_id,name,a.b,a.c.d,settings,x");
		/* rows are flushed to stdout 64 KiB at a time */
		if (freopen("/dev/null", "w", stdout) == NULL)
			abort();
		ready = 1;
	}
	if (size == 0)
		return 0;
	mode = data[0] % 3;
	opt_fields = mode == 0 ? NULL : fields;
	opt_ns = mode == 2 ? "flux.users" : NULL;
	status = 0;
	fs_buf_reset(&out);
	(void)run_file(fuzz_path(data + 1, size - 1));
	check_rows();
	fs_buf_reset(&out);
	ns_free();
	return 0;
}
