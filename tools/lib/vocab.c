/* vocab.c: closed vocabularies read from share/vocab/NAME.txt */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fluxstat.h"

struct fs_vocab {
	struct fs_map *values;
};

/* sentinel stored as every value: fs_map_get returns NULL for "absent" */
static char present;

struct fs_vocab *
fs_vocab_load(const char *path)
{
	struct fs_lines l;
	struct fs_vocab *v;
	char *line;
	ssize_t n;
	size_t bad;

	if (fs_lines_open(&l, path) != 0)
		return NULL;
	v = fs_xcalloc(1, sizeof *v);
	v->values = fs_map_new();
	while ((n = fs_lines_next(&l, &line)) >= 0) {
		while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
			n--;
		if (n == 0 || line[0] == '#')
			continue;
		if (!fs_utf8_valid(line, (size_t)n, 0, &bad)) {
			fs_warn_at(l.name, l.lineno, "not UTF-8 text (byte %zu)", bad + 1);
			goto fail;
		}
		*fs_map_slot(v->values, line, (size_t)n, NULL) = &present;
	}
	if (n == -2)
		goto fail;
	if (fs_map_count(v->values) == 0) {
		fs_warn_at(l.name, 0, "empty vocabulary");
		goto fail;
	}
	fs_lines_close(&l);
	return v;
fail:
	fs_lines_close(&l);
	fs_vocab_free(v);
	return NULL;
}

int
fs_vocab_has(const struct fs_vocab *v, const char *s, size_t n)
{
	return fs_map_get(v->values, s, n) != NULL;
}

void
fs_vocab_free(struct fs_vocab *v)
{
	if (v == NULL)
		return;
	fs_map_free(v->values, NULL);
	free(v);
}
