/*
 * fluxstat-sys: the device.* records (fluxstat-catalog(7)) of the host it runs on.
 *
 * Everything comes from small text files (os-release, /proc, /sys), read
 * under --root for tests.  Nothing here is worth failing a report for: an
 * info that cannot be read is "unknown", and a gauge that cannot be read
 * is left out rather than given a made-up number (the report then shows
 * the catalogue's 0, which no real host has).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fluxstat.h"

static const char *root;	/* NULL: the host itself */

static void usage(FILE *fp);
static FILE *open_under(const char *path);
static char *os_release_value(const char *line, const char *key);
static void read_os_release(char **name, char **version, char **edition);
static char *read_cpu_model(void);
static long long read_cpu_count(void);
static long long read_ram_bytes(void);
static void emit_info(struct fs_buf *out, const char *metric, const char *v);
static void emit_gauge(struct fs_buf *out, const char *metric, long long v);
static void confine(void);

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: %s [--root DIR]\n"
	    "  -r, --root DIR   read etc/os-release, proc/cpuinfo, proc/meminfo,\n"
	    "                   sys/devices/system/cpu/online under DIR, with no\n"
	    "                   fallback to the host\n"
	    "      --help       this text\n"
	    "      --version    the version\n"
	    "Writes the device.* records of the host.\n", fs_progname);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "root", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct fs_buf out = FS_BUF_INIT;
	char *name, *version, *edition, *model;
	int c;

	fs_setprogname(argv[0]);
	while ((c = getopt_long(argc, argv, "r:", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': root = optarg; break;
		case 'h': usage(stdout); exit(fs_close_stdout());
		case 'V': fs_print_version(); exit(fs_close_stdout());
		default: usage(stderr); exit(EX_USAGE);
		}
	}
	if (optind != argc) {
		usage(stderr);
		exit(EX_USAGE);
	}

	confine();
	read_os_release(&name, &version, &edition);
	model = read_cpu_model();
	/* sorted by metric name, like a report */
	emit_gauge(&out, "device.cpu.count", read_cpu_count());
	emit_info(&out, "device.cpu.model", model);
	emit_info(&out, "device.os.edition", edition);
	emit_info(&out, "device.os.name", name);
	emit_info(&out, "device.os.version", version);
	emit_gauge(&out, "device.ram.bytes", read_ram_bytes());
	fwrite(out.p, 1, out.len, stdout);
	fs_buf_free(&out);
	free(name);
	free(version);
	free(edition);
	free(model);
	return fs_close_stdout();
}

/* NULL, quietly, when the file is absent: that is an expected case */
static FILE *
open_under(const char *path)
{
	struct fs_buf b = FS_BUF_INIT;
	FILE *fp;

	if (root != NULL)
		fs_buf_printf(&b, "%s%s", root, path);
	else
		fs_buf_adds(&b, path);
	fp = fopen(b.p, "r");
	if (fp == NULL && errno != ENOENT && errno != ENOTDIR)
		fs_warn_at(b.p, 0, "%s", strerror(errno));
	fs_buf_free(&b);
	return fp;
}

/*
 * The value of KEY=value in an os-release line, unquoted as os-release(5)
 * says: shell-style double or single quotes, backslash escapes inside
 * double quotes.  NULL when the line is another key.
 */
static char *
os_release_value(const char *line, const char *key)
{
	size_t n = strlen(key);
	struct fs_buf v = FS_BUF_INIT;
	const char *p;
	char q = 0;

	if (strncmp(line, key, n) != 0 || line[n] != '=')
		return NULL;
	for (p = line + n + 1; *p != '\0' && *p != '\n'; p++) {
		if (q == 0 && (*p == '"' || *p == '\''))
			q = *p;
		else if (q != 0 && *p == q)
			q = 0;
		else if (q != '\'' && *p == '\\' && p[1] != '\0' && p[1] != '\n')
			fs_buf_addc(&v, *++p);
		else
			fs_buf_addc(&v, *p);
	}
	if (v.p == NULL)
		fs_buf_adds(&v, "");
	return v.p;
}

static void
read_os_release(char **name, char **version, char **edition)
{
	char *line = NULL, *v;
	size_t cap = 0;
	FILE *fp;

	*name = *version = *edition = NULL;
	if ((fp = open_under("/etc/os-release")) == NULL &&
	    (fp = open_under("/usr/lib/os-release")) == NULL) {
		*name = fs_xstrdup("unknown");
		*version = fs_xstrdup("unknown");
		*edition = fs_xstrdup("unknown");
		return;
	}
	while (getline(&line, &cap, fp) != -1) {
		if ((v = os_release_value(line, "NAME")) != NULL) {
			free(*name);
			*name = v;
		} else if ((v = os_release_value(line, "VERSION_ID")) != NULL) {
			free(*version);
			*version = v;
		} else if ((v = os_release_value(line, "VARIANT_ID")) != NULL) {
			free(*edition);
			*edition = v;
		}
	}
	free(line);
	fclose(fp);
	/* os-release(5): NAME defaults to "Linux"; a rolling release has no
	 * VERSION_ID; no VARIANT_ID is the catalogue's "none" */
	if (*name == NULL || **name == '\0') {
		free(*name);
		*name = fs_xstrdup("Linux");
	}
	if (*version == NULL || **version == '\0') {
		free(*version);
		*version = fs_xstrdup("unknown");
	}
	if (*edition == NULL || **edition == '\0') {
		free(*edition);
		*edition = fs_xstrdup("none");
	}
}

/*
 * The first CPU's model.  x86 and most others say "model name"; 32-bit
 * ARM says "Processor", MIPS "cpu model", PowerPC "cpu", RISC-V "uarch".
 * The keys are tried in that order, each by its first occurrence, which
 * belongs to the first CPU.
 */
static char *
read_cpu_model(void)
{
	static const char *keys[] = {
		"model name", "Processor", "cpu model", "cpu", "uarch"
	};
	enum { NKEYS = sizeof(keys) / sizeof(keys[0]) };
	char *found[NKEYS] = { NULL };
	char *line = NULL, *colon, *k, *v, *e, *best = NULL;
	size_t cap = 0, i;
	FILE *fp;

	if ((fp = open_under("/proc/cpuinfo")) == NULL)
		return fs_xstrdup("unknown");
	while (getline(&line, &cap, fp) != -1) {
		if ((colon = strchr(line, ':')) == NULL)
			continue;
		for (e = colon; e > line && isspace((unsigned char)e[-1]); e--)
			;
		*e = '\0';
		for (k = line; isspace((unsigned char)*k); k++)
			;
		for (v = colon + 1; isspace((unsigned char)*v); v++)
			;
		for (e = v + strlen(v); e > v && isspace((unsigned char)e[-1]); e--)
			;
		*e = '\0';
		for (i = 0; i < NKEYS; i++)
			if (found[i] == NULL && *v != '\0' &&
			    strcmp(k, keys[i]) == 0)
				found[i] = fs_xstrdup(v);
	}
	free(line);
	fclose(fp);
	for (i = 0; i < NKEYS; i++) {
		if (best == NULL)
			best = found[i];
		else
			free(found[i]);
	}
	return best ? best : fs_xstrdup("unknown");
}

/*
 * Online CPUs as the kernel lists them: "0-3,5\n" is 5.  A list that does
 * not parse counts as absent.  Only the host itself falls back to
 * sysconf(): under --root the answer must come from the files.
 */
static long long
read_cpu_count(void)
{
	char buf[4096], *p, *end;
	long long n = 0, a, b;
	size_t len;
	FILE *fp;

	if ((fp = open_under("/sys/devices/system/cpu/online")) != NULL) {
		len = fread(buf, 1, sizeof(buf) - 1, fp);
		fclose(fp);
		buf[len] = '\0';
		for (p = buf; ; p++) {
			errno = 0;
			if (!isdigit((unsigned char)*p))
				break;
			a = b = strtoll(p, &end, 10);
			if (*end == '-') {
				p = end + 1;
				if (!isdigit((unsigned char)*p))
					break;
				b = strtoll(p, &end, 10);
			}
			if (errno != 0 || b < a || b - a > 1 << 20)
				break;
			n += b - a + 1;
			p = end;
			if (*p != ',') {
				if (*p == '\n' || *p == '\0')
					return n;
				break;
			}
		}
		if (root == NULL)
			fs_warnx("/sys/devices/system/cpu/online: not a CPU "
			    "list");
	}
	if (root == NULL)
		return sysconf(_SC_NPROCESSORS_ONLN);
	return -1;
}

static long long
read_ram_bytes(void)
{
	char *line = NULL;
	size_t cap = 0;
	long long kb = -1, pages, size;
	FILE *fp;

	if ((fp = open_under("/proc/meminfo")) != NULL) {
		while (getline(&line, &cap, fp) != -1)
			if (sscanf(line, "MemTotal: %lld kB", &kb) == 1)
				break;
		free(line);
		fclose(fp);
		if (kb >= 0 && kb <= INT64_MAX / 1024)
			return kb * 1024;
	}
	if (root == NULL) {
		pages = sysconf(_SC_PHYS_PAGES);
		size = sysconf(_SC_PAGESIZE);
		if (pages > 0 && size > 0)
			return pages * size;
	}
	return -1;
}

static void
emit_info(struct fs_buf *out, const char *metric, const char *v)
{
	struct fs_record r;

	memset(&r, 0, sizeof(r));
	r.metric = fs_xstrdup(metric);
	r.vtype = FS_V_STRING;
	r.s = fs_xstrdup(v);
	fs_record_write(out, &r);
	fs_buf_addc(out, '\n');
	fs_record_free(&r);
}

/* a negative value is unknown: no record */
static void
emit_gauge(struct fs_buf *out, const char *metric, long long v)
{
	struct fs_record r;

	if (v < 0)
		return;
	memset(&r, 0, sizeof(r));
	r.metric = fs_xstrdup(metric);
	r.vtype = FS_V_INT;
	r.i = v;
	fs_record_write(out, &r);
	fs_buf_addc(out, '\n');
	fs_record_free(&r);
}

/* the four files it reads, under --root when given, and nothing else */
static void
confine(void)
{
	static const char *const files[] = { "/etc/os-release",
	    "/usr/lib/os-release", "/proc/cpuinfo", "/proc/meminfo",
	    "/sys/devices/system/cpu/online" };
	struct fs_confine conf = { NULL, NULL, 0, 0 };
	const char *read[6];
	size_t k;

	for (k = 0; k < 5; k++) {
		char *p = fs_xmalloc((root ? strlen(root) : 0) +
		    strlen(files[k]) + 1);

		strcpy(p, root ? root : "");
		strcat(p, files[k]);
		read[k] = p;
	}
	read[k] = NULL;
	conf.read = read;
	if (fs_confine(&conf) != 0)
		exit(EX_SOFTWARE);
	for (k = 0; k < 5; k++)
		free((char *)read[k]);
}
