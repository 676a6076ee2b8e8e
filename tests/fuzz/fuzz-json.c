/*
 * fuzz-json.c: the JSON reader (tools/lib/json.c) and the time parser that
 * reads its values (tools/lib/time.c).
 * Promises, for a text fs_json_parse accepts: every string unescapes to
 * valid UTF-8; the text written again from its parts (strings through
 * fs_json_str) is accepted too; fs_json_parse_keys finds the same members
 * as fs_json_get; a refusal's offset lies within the text.
 */
#include "config.h"

#include <string.h>

#include "fluxstat.h"
#include "fuzz.h"

static const struct fs_jkey keys[] = {
	{ "metric", 6 }, { "a", 1 }, { "$date", 5 }, { "", 0 }
};
#define NKEYS	(sizeof keys / sizeof keys[0])

static void
string(struct fs_jspan s, struct fs_buf *out)
{
	struct fs_buf u = FS_BUF_INIT;
	size_t bad;

	fs_json_unescape(s, &u);
	FUZZ_CHECK(u.len == 0 || fs_utf8_valid(u.p, u.len, 1, &bad));
	if (u.len > 0 && memchr(u.p, '\0', u.len) == NULL)
		FUZZ_CHECK(fs_json_streq(s, u.p));
	fs_json_str(out, u.p ? u.p : "", u.len);
	fs_buf_free(&u);
}

/* write v again from its parts, touching every decoder on the way */
static void
rewrite(struct fs_jspan v, struct fs_buf *out)
{
	struct fs_jiter it;
	struct fs_jspan k, e;
	int64_t i, ms;
	int first = 1;

	(void)fs_time_parse_json(v, &ms);
	switch (v.type) {
	case FS_J_STRING:
		string(v, out);
		break;
	case FS_J_NUMBER:
		(void)fs_json_get_i64(v, &i);
		(void)fs_json_get_double(v);
		fs_buf_add(out, v.p, v.n);
		break;
	case FS_J_ARRAY:
	case FS_J_OBJECT:
		fs_buf_addc(out, v.type == FS_J_ARRAY ? '[' : '{');
		fs_json_iter(v, &it);
		while (fs_json_next(&it, &k, &e)) {
			if (!first)
				fs_buf_addc(out, ',');
			first = 0;
			if (v.type == FS_J_OBJECT) {
				FUZZ_CHECK(k.type == FS_J_STRING);
				string(k, out);
				fs_buf_addc(out, ':');
			}
			rewrite(e, out);
		}
		fs_buf_addc(out, v.type == FS_J_ARRAY ? ']' : '}');
		break;
	default:
		fs_buf_add(out, v.p, v.n);
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct fs_jspan root, root2, vals[NKEYS], got;
	struct fs_jerr err;
	struct fs_buf out = FS_BUF_INIT;
	size_t i;

	if (fs_json_parse(s, size, &root, &err) != 0) {
		FUZZ_CHECK(err.off <= size);
		FUZZ_CHECK(memchr(err.msg, '\0', sizeof err.msg) != NULL);
		FUZZ_CHECK(fs_json_parse_keys(s, size, &root2, keys, NKEYS,
		    vals, &err) != 0);
		return 0;
	}
	FUZZ_CHECK(root.p >= s && root.p + root.n <= s + size);
	FUZZ_CHECK(fs_json_parse_keys(s, size, &root2, keys, NKEYS, vals,
	    &err) == 0);
	FUZZ_CHECK(root2.type == root.type && root2.p == root.p &&
	    root2.n == root.n);
	for (i = 0; i < NKEYS; i++) {
		/* fs_json_get takes a dotted path: compare the names without dots */
		if (root.type != FS_J_OBJECT) {
			FUZZ_CHECK(vals[i].type == FS_J_NONE);
			continue;
		}
		if (keys[i].n == 0 || strchr(keys[i].name, '.') != NULL)
			continue;
		if (fs_json_get(root, keys[i].name, &got))
			FUZZ_CHECK(vals[i].type == got.type && vals[i].p == got.p &&
			    vals[i].n == got.n);
		else
			FUZZ_CHECK(vals[i].type == FS_J_NONE);
	}
	rewrite(root, &out);
	FUZZ_CHECK(fs_json_parse(out.p, out.len, &root2, &err) == 0);
	FUZZ_CHECK(root2.type == root.type);
	fs_buf_free(&out);
	return 0;
}
