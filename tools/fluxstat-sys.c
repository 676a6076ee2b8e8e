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
#include <strings.h>
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
static char *table_lookup(const char *name, const char *const *keys,
    size_t nkeys);
static int in_vocab(const char *vocab_name, const char *s);
static int split_line(char *line, char **k, char **v);
static char *read_small(const char *path);
static long id_number(const char *s);
static char *arm_name(long impl, long part);
static char *dt_compatible(void);
static void emit_info(struct fs_buf *out, const char *metric, const char *v);
static void emit_gauge(struct fs_buf *out, const char *metric, long long v);
static void confine(void);

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: %s [--root DIR]\n"
	    "  -r, --root DIR   read etc/os-release, proc/cpuinfo, proc/meminfo,\n"
	    "                   sys/devices/system/cpu and the device tree under\n"
	    "                   DIR, with no fallback to the host\n"
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

/*
 * A row of a tab-separated table in share/device/ whose first fields are
 * the given keys (NULL matches any): the last field, or NULL.  The tables
 * are a few hundred lines, read once per run.
 */
static char *
table_lookup(const char *name, const char *const *keys, size_t nkeys)
{
	struct fs_lines l;
	char *path, *line, *f[8], *result = NULL;
	size_t nf, i;
	ssize_t n;

	path = fs_share_path(name);
	if (fs_lines_open(&l, path) != 0) {
		free(path);
		return NULL;
	}
	while (result == NULL && (n = fs_lines_next(&l, &line)) >= 0) {
		if (n == 0 || line[0] == '#')
			continue;
		for (nf = 0, f[0] = line; nf < 7; ) {
			char *tab = strchr(f[nf], '\t');

			nf++;
			if (tab == NULL)
				break;
			*tab = '\0';
			f[nf] = tab + 1;
		}
		if (nf != nkeys + 1)
			continue;
		for (i = 0; i < nkeys; i++)
			if (keys[i] != NULL && strcasecmp(f[i], keys[i]) != 0 &&
			    (id_number(f[i]) < 0 ||
			    id_number(f[i]) != id_number(keys[i])))
				break;
		if (i == nkeys)
			result = fs_xstrdup(f[nkeys]);
	}
	fs_lines_close(&l);
	free(path);
	return result;
}

static int
in_vocab(const char *vocab_name, const char *s)
{
	struct fs_vocab *v;
	char *path;
	int has;

	path = fs_share_path(vocab_name);
	v = fs_vocab_load(path);
	free(path);
	if (v == NULL)
		return 0;
	has = fs_vocab_has(v, s, strlen(s));
	fs_vocab_free(v);
	return has;
}

/* the os-release keys this program reads */
enum { K_NAME, K_ID, K_ID_LIKE, K_VERSION_ID, K_VERSION_CODENAME,
	K_VARIANT_ID, K_N };

/*
 * device.os.name, .version and .edition from os-release(5), in the words
 * of the catalogue's vocabularies where the file itself uses other ones
 * (share/device/os-ids.txt says how).
 */
static void
read_os_release(char **name, char **version, char **edition)
{
	static const char *const keys[K_N] = {
		"NAME", "ID", "ID_LIKE", "VERSION_ID", "VERSION_CODENAME",
		"VARIANT_ID"
	};
	char *val[K_N] = { NULL };
	char *line = NULL, *v, *like, *w, *mapped = NULL;
	const char *tk[3];
	size_t cap = 0, k;
	FILE *fp;

	*name = *version = *edition = NULL;
	if ((fp = open_under("/etc/os-release")) == NULL &&
	    (fp = open_under("/usr/lib/os-release")) == NULL) {
		*name = fs_xstrdup("unknown");
		*version = fs_xstrdup("unknown");
		*edition = fs_xstrdup("unknown");
		return;
	}
	while (getline(&line, &cap, fp) != -1)
		for (k = 0; k < K_N; k++)
			if ((v = os_release_value(line, keys[k])) != NULL) {
				free(val[k]);
				val[k] = v;
			}
	free(line);
	fclose(fp);
	for (k = 0; k < K_N; k++)
		if (val[k] != NULL && *val[k] == '\0') {
			free(val[k]);
			val[k] = NULL;
		}

	/* os-release(5): NAME defaults to "Linux", ID to "linux" */
	if (val[K_NAME] != NULL && in_vocab("vocab/os_names.txt", val[K_NAME]))
		*name = fs_xstrdup(val[K_NAME]);
	if (*name == NULL && val[K_ID] != NULL) {
		tk[0] = "id";
		tk[1] = val[K_ID];
		*name = table_lookup("device/os-ids.txt", tk, 2);
	}
	if (*name == NULL && val[K_ID_LIKE] != NULL) {
		like = fs_xstrdup(val[K_ID_LIKE]);
		tk[0] = "like";
		for (w = strtok(like, " \t"); w != NULL && mapped == NULL;
		    w = strtok(NULL, " \t")) {
			tk[1] = w;
			mapped = table_lookup("device/os-ids.txt", tk, 2);
		}
		free(like);
		*name = mapped;
	}
	if (*name == NULL)
		*name = fs_xstrdup(val[K_NAME] != NULL ? val[K_NAME] : "Linux");

	/* "v23.12" (postmarketOS) is the version 23.12; one without a digit
	 * ("edge", Arch's container "TEMPLATE_VERSION_ID") is none */
	if ((v = val[K_VERSION_ID]) != NULL && strpbrk(v, "0123456789") == NULL)
		v = NULL;
	if (v != NULL) {
		if ((v[0] == 'v' || v[0] == 'V') && isdigit((unsigned char)v[1]))
			v++;
		*version = fs_xstrdup(v);
	} else if (val[K_VERSION_CODENAME] != NULL && val[K_ID] != NULL) {
		tk[0] = "codename";
		tk[1] = val[K_ID];
		tk[2] = val[K_VERSION_CODENAME];
		*version = table_lookup("device/os-ids.txt", tk, 3);
	}
	if (*version == NULL)
		*version = fs_xstrdup("none");	/* a rolling release */
	*edition = fs_xstrdup(val[K_VARIANT_ID] != NULL ? val[K_VARIANT_ID] :
	    "none");
	for (k = 0; k < K_N; k++)
		free(val[k]);
}

/* the key and value of a "key : value" line, both trimmed; 0 if none */
static int
split_line(char *line, char **k, char **v)
{
	char *colon, *e;

	if ((colon = strchr(line, ':')) == NULL)
		return 0;
	for (e = colon; e > line && isspace((unsigned char)e[-1]); e--)
		;
	*e = '\0';
	for (*k = line; isspace((unsigned char)**k); (*k)++)
		;
	for (*v = colon + 1; isspace((unsigned char)**v); (*v)++)
		;
	for (e = *v + strlen(*v); e > *v && isspace((unsigned char)e[-1]); e--)
		;
	*e = '\0';
	return 1;
}

/* the first line of a small file under the root, trimmed; NULL if none */
static char *
read_small(const char *path)
{
	char buf[512];
	size_t len;
	FILE *fp;

	if ((fp = open_under(path)) == NULL)
		return NULL;
	len = fread(buf, 1, sizeof buf - 1, fp);
	fclose(fp);
	buf[len] = '\0';
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == ' ' ||
	    buf[len - 1] == '\0'))
		buf[--len] = '\0';
	return len > 0 ? fs_xstrdup(buf) : NULL;
}

/* "0x41", "65": a number, or -1 */
static long
id_number(const char *s)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtol(s, &end, 0);
	return errno != 0 || *end != '\0' || v < 0 ? -1 : v;
}

/* "Vendor Part" of an ARM implementer and part, as lscpu(1) names them;
 * the vendor alone with the part's number when only the vendor is known */
static char *
arm_name(long impl, long part)
{
	char ib[24], pb[24], *vendor, *pname, *r = NULL;
	const char *tk[3];

	snprintf(ib, sizeof ib, "0x%02lx", impl);
	snprintf(pb, sizeof pb, "0x%03lx", part);
	tk[0] = "arm";
	tk[1] = ib;
	tk[2] = "-";
	if ((vendor = table_lookup("device/cpu-ids.txt", tk, 3)) == NULL)
		return NULL;
	tk[2] = pb;
	pname = table_lookup("device/cpu-ids.txt", tk, 3);
	if (asprintf(&r, "%s %s", vendor, pname != NULL ? pname : pb) < 0)
		fs_die(EX_OSERR, "out of memory");
	free(vendor);
	free(pname);
	return r;
}

/* the first entry of a device-tree "compatible" list ("sifive,u74-mc\0riscv\0")
 * that names more than the architecture */
static char *
dt_compatible(void)
{
	static const char *const paths[] = {
		"/sys/firmware/devicetree/base/cpus/cpu@0/compatible",
		"/proc/device-tree/cpus/cpu@0/compatible",
	};
	char buf[512], *p;
	size_t len, i;
	FILE *fp;

	for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		if ((fp = open_under(paths[i])) == NULL)
			continue;
		len = fread(buf, 1, sizeof buf - 1, fp);
		fclose(fp);
		buf[len] = '\0';
		for (p = buf; p < buf + len; p += strlen(p) + 1)
			if (*p != '\0' && strcmp(p, "riscv") != 0 &&
			    strncmp(p, "arm,armv", 8) != 0)
				return fs_xstrdup(p);
	}
	return NULL;
}

/*
 * The first CPU's model, the way lscpu(1) finds it:
 *  - ARM: CPU implementer and part (from /proc/cpuinfo, else MIDR_EL1 under
 *    /sys/devices/system/cpu/cpu0) named by share/device/cpu-ids.txt;
 *  - "model name" (x86; "Model Name" on LoongArch);
 *  - s390: the machine type of the first "processor N:" line, named by the
 *    same table (never its "identification", which is a serial number);
 *  - "Processor" (old 32-bit ARM), "cpu model" (MIPS), "cpu" (POWER,
 *    SPARC), "uarch" (RISC-V);
 *  - the device tree's compatible list for cpu@0;
 *  - RISC-V: the vendor of mvendorid with the base ISA ("T-Head RISC-V
 *    rv64imafdcv").
 * Each key counts by its first occurrence, which belongs to the first CPU.
 */
static char *
read_cpu_model(void)
{
	enum { C_MODEL, C_PROC, C_MIPS, C_CPU, C_UARCH, C_IMPL, C_PART,
		C_VENDOR, C_MACHINE, C_MVENDOR, C_ISA, C_N };
	static const char *const keys[C_N] = {
		"model name", "Processor", "cpu model", "cpu", "uarch",
		"CPU implementer", "CPU part", "vendor_id", "", "mvendorid",
		"isa"
	};
	char *found[C_N] = { NULL };
	char *line = NULL, *k, *v, *m, *best = NULL, *midr, *dt;
	const char *tk[3];
	size_t cap = 0, i;
	unsigned long long mv;
	long impl, part;
	FILE *fp;

	if ((fp = open_under("/proc/cpuinfo")) != NULL) {
		while (getline(&line, &cap, fp) != -1) {
			if (!split_line(line, &k, &v) || *v == '\0')
				continue;
			for (i = 0; i < C_N; i++) {
				if (found[i] != NULL || i == C_MACHINE)
					continue;
				if (i == C_MODEL ? strcasecmp(k, keys[i]) == 0 :
				    strcmp(k, keys[i]) == 0)
					found[i] = fs_xstrdup(v);
			}
			/* s390: "processor 0: version = FF,  identification
			 * = 123456,  machine = 2817" */
			if (found[C_MACHINE] == NULL &&
			    strncmp(k, "processor ", 10) == 0 &&
			    (m = strstr(v, "machine = ")) != NULL) {
				m += 10;
				m[strspn(m, "0123456789")] = '\0';
				if (*m != '\0')
					found[C_MACHINE] = fs_xstrdup(m);
			}
		}
		free(line);
		fclose(fp);
	}

	impl = id_number(found[C_IMPL]);
	part = id_number(found[C_PART]);
	if (impl < 0 && (midr = read_small(
	    "/sys/devices/system/cpu/cpu0/regs/identification/midr_el1")) != NULL) {
		errno = 0;
		mv = strtoull(midr, &k, 16);
		if (errno == 0 && *k == '\0' && k != midr) {
			impl = (long)((mv >> 24) & 0xff);
			part = (long)((mv >> 4) & 0xfff);
		}
		free(midr);
	}
	if (impl > 0 && part >= 0)
		best = arm_name(impl, part);
	if (best == NULL && found[C_MODEL] != NULL)
		best = fs_xstrdup(found[C_MODEL]);
	if (best == NULL && found[C_MACHINE] != NULL) {
		tk[0] = "s390";
		tk[1] = found[C_MACHINE];
		tk[2] = "-";
		if ((best = table_lookup("device/cpu-ids.txt", tk, 3)) == NULL &&
		    asprintf(&best, "IBM Z machine type %s", found[C_MACHINE]) < 0)
			fs_die(EX_OSERR, "out of memory");
	}
	for (i = C_PROC; best == NULL && i <= C_UARCH; i++)
		if (found[i] != NULL)
			best = fs_xstrdup(found[i]);
	/* 32-bit PowerPC names the core by number alone ("740/750") */
	if (best != NULL && isdigit((unsigned char)best[0]) &&
	    found[C_CPU] != NULL && strcmp(best, found[C_CPU]) == 0) {
		v = best;
		if (asprintf(&best, "PowerPC %s", v) < 0)
			fs_die(EX_OSERR, "out of memory");
		free(v);
	}
	if (best == NULL && (dt = dt_compatible()) != NULL)
		best = dt;
	if (best == NULL && found[C_ISA] != NULL &&
	    strncmp(found[C_ISA], "rv", 2) == 0) {
		found[C_ISA][strcspn(found[C_ISA], "_ ")] = '\0';
		tk[0] = "riscv";
		tk[1] = found[C_MVENDOR] != NULL ? found[C_MVENDOR] : "";
		tk[2] = "-";
		v = table_lookup("device/cpu-ids.txt", tk, 3);
		if (asprintf(&best, "%s%sRISC-V %s", v != NULL ? v : "",
		    v != NULL ? " " : "", found[C_ISA]) < 0)
			fs_die(EX_OSERR, "out of memory");
		free(v);
	}
	for (i = 0; i < C_N; i++)
		free(found[i]);
	return best != NULL ? best : fs_xstrdup("unknown");
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

/* the files it reads, under --root when given, and the two tables and
 * the vocabulary it names them by (share/), nothing else */
static void
confine(void)
{
	static const char *const files[] = { "/etc/os-release",
	    "/usr/lib/os-release", "/proc/cpuinfo", "/proc/meminfo",
	    "/sys/devices/system/cpu/online",
	    "/sys/devices/system/cpu/cpu0/regs/identification/midr_el1",
	    "/sys/firmware/devicetree/base/cpus/cpu@0/compatible",
	    "/proc/device-tree/cpus/cpu@0/compatible" };
	enum { NF = sizeof files / sizeof files[0] };
	struct fs_confine conf = { NULL, NULL, 0, 0 };
	const char *read[NF + 4];
	size_t k;

	for (k = 0; k < NF; k++) {
		char *p = fs_xmalloc((root ? strlen(root) : 0) +
		    strlen(files[k]) + 1);

		strcpy(p, root ? root : "");
		strcat(p, files[k]);
		read[k] = p;
	}
	read[NF] = fs_share_path("device/cpu-ids.txt");
	read[NF + 1] = fs_share_path("device/os-ids.txt");
	read[NF + 2] = fs_share_path("vocab/os_names.txt");
	read[NF + 3] = NULL;
	conf.read = read;
	if (fs_confine(&conf) != 0)
		exit(EX_SOFTWARE);
	for (k = 0; k < NF + 3; k++)
		free((char *)read[k]);
}
