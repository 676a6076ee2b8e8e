/* map.c: string-keyed hash table, open addressing with linear probing */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fluxstat.h"

struct entry {
	char *key;		/* NULL: empty slot */
	size_t klen;
	uint64_t hash;
	void *val;
};

struct fs_map {
	struct entry *e;
	size_t cap;		/* a power of two */
	size_t count;
};

/* FNV-1a: simple, and the keys here are short label tuples */
static uint64_t
hash(const char *k, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)k[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

struct fs_map *
fs_map_new(void)
{
	struct fs_map *m = fs_xcalloc(1, sizeof *m);

	m->cap = 64;
	m->e = fs_xcalloc(m->cap, sizeof *m->e);
	return m;
}

static struct entry *
find(const struct fs_map *m, const char *key, size_t n, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	for (;;) {
		struct entry *e = &m->e[i];

		if (e->key == NULL || (e->hash == h && e->klen == n &&
		    memcmp(e->key, key, n) == 0))
			return e;
		i = (i + 1) & (m->cap - 1);
	}
}

static void
grow(struct fs_map *m)
{
	struct entry *old = m->e;
	size_t i, oldcap = m->cap;

	m->cap *= 2;
	m->e = fs_xcalloc(m->cap, sizeof *m->e);
	for (i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*find(m, old[i].key, old[i].klen, old[i].hash) = old[i];
	free(old);
}

void **
fs_map_slot(struct fs_map *m, const char *key, size_t n, int *created)
{
	uint64_t h = hash(key, n);
	struct entry *e = find(m, key, n, h);

	if (e->key != NULL) {
		if (created != NULL)
			*created = 0;
		return &e->val;
	}
	if ((m->count + 1) * 4 > m->cap * 3) {
		grow(m);
		e = find(m, key, n, h);
	}
	e->key = fs_xstrndup(key, n);
	e->klen = n;
	e->hash = h;
	e->val = NULL;
	m->count++;
	if (created != NULL)
		*created = 1;
	return &e->val;
}

void *
fs_map_get(const struct fs_map *m, const char *key, size_t n)
{
	struct entry *e = find(m, key, n, hash(key, n));

	return e->key != NULL ? e->val : NULL;
}

size_t
fs_map_count(const struct fs_map *m)
{
	return m->count;
}

static int
cmpkey(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char **
fs_map_keys(const struct fs_map *m)
{
	const char **k = fs_xcalloc(m->count + 1, sizeof *k);
	size_t i, j = 0;

	for (i = 0; i < m->cap; i++)
		if (m->e[i].key != NULL)
			k[j++] = m->e[i].key;
	qsort(k, j, sizeof *k, cmpkey);
	return k;
}

void
fs_map_free(struct fs_map *m, void (*freeval)(void *))
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->cap; i++) {
		if (m->e[i].key == NULL)
			continue;
		if (freeval != NULL)
			freeval(m->e[i].val);
		free(m->e[i].key);
	}
	free(m->e);
	free(m);
}
