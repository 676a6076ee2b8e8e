/*
 * fluxstat-state: the installation id, and the state folder as JSON.
 *
 * fluxstat-run asks it for the installation id (made on the very first
 * run, through the library's one fs_id_load) and for --status: the id,
 * the watermark, the reports sent, waiting and refused, as one JSON
 * object that fluxstat-run --status --json and fluxstat-inventory read,
 * and that share/jq/status.jq turns into the text for people.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fluxstat.h"

static void usage(FILE *fp);
static long long delay_of(const char *id, long long splay);
static int reports(const char *dir, const char *sub, struct fs_buf *out,
    char **last);
static int cmpstr(const void *a, const void *b);

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: %s --id [--make] [--splay N] DIR\n"
	    "       %s [--splay N] [--field NAME=VALUE]... DIR\n"
	    "The installation id of the state folder DIR, or the folder as one\n"
	    "JSON object (id, splay delay, watermark, reports sent, waiting,\n"
	    "refused).\n"
	    "  -i, --id             print the id (and with --splay the delay)\n"
	    "  -m, --make           make the id when there is none yet\n"
	    "  -S, --splay N        the midnight delay: the id's first 8 hex\n"
	    "                       digits modulo N seconds\n"
	    "  -f, --field NAME=VALUE  a string member added to the object\n"
	    "      --help, --version\n",
	    fs_progname, fs_progname);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "id", no_argument, NULL, 'i' },
		{ "make", no_argument, NULL, 'm' },
		{ "splay", required_argument, NULL, 'S' },
		{ "field", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct fs_buf out = FS_BUF_INIT, wmpath = FS_BUF_INIT, wm = FS_BUF_INIT;
	const char *dir, *eq;
	char id[37], *last = NULL;
	long long splay = -1;
	int c, idmode = 0, make = 0, r, have_id;
	int64_t day;

	fs_setprogname(argv[0]);
	while ((c = getopt_long(argc, argv, "imS:f:", opts, NULL)) != -1) {
		switch (c) {
		case 'i': idmode = 1; break;
		case 'm': make = 1; break;
		case 'S':
			if (fs_parse_ll(optarg, 0, 99999999, &splay,
			    "--splay") != 0)
				return EX_USAGE;
			break;
		case 'f':
			if ((eq = strchr(optarg, '=')) == NULL || eq == optarg)
				fs_die(EX_USAGE, "--field: not NAME=VALUE");
			break;
		case 'h': usage(stdout); return fs_close_stdout();
		case 'V': fs_print_version(); return fs_close_stdout();
		default: usage(stderr); return EX_USAGE;
		}
	}
	if (argc - optind != 1) {
		usage(stderr);
		return EX_USAGE;
	}
	dir = argv[optind];
	if (make && !idmode)
		fs_die(EX_USAGE, "--make goes with --id");

	if (idmode) {
		if ((r = fs_id_load(dir, make, id)) != 0)
			return r;
		if (splay >= 0)
			printf("%s %lld\n", id, delay_of(id, splay));
		else
			printf("%s\n", id);
		return fs_close_stdout();
	}

	/* the status: what is there, never making anything */
	fs_buf_addc(&out, '{');
	optind = 1;
	while ((c = getopt_long(argc, argv, "imS:f:", opts, NULL)) != -1) {
		if (c != 'f')
			continue;
		eq = strchr(optarg, '=');
		fs_json_str(&out, optarg, (size_t)(eq - optarg));
		fs_buf_addc(&out, ':');
		fs_json_strz(&out, eq + 1);
		fs_buf_addc(&out, ',');
	}
	fs_buf_adds(&out, "\"state\":");
	fs_json_strz(&out, dir);
	have_id = 0;
	fs_buf_adds(&out, ",\"installation_id\":");
	fs_buf_printf(&wmpath, "%s/installation-id", dir);
	if (access(wmpath.p, F_OK) == 0) {
		if ((r = fs_id_load(dir, 0, id)) != 0)
			return r;
		fs_json_strz(&out, id);
		have_id = 1;
	} else
		fs_buf_adds(&out, "null");
	fs_buf_adds(&out, ",\"splay_seconds\":");
	if (have_id && splay >= 0)
		fs_json_int(&out, delay_of(id, splay));
	else
		fs_buf_adds(&out, "null");

	fs_buf_reset(&wmpath);
	fs_buf_printf(&wmpath, "%s/watermark", dir);
	fs_buf_adds(&out, ",\"watermark\":");
	errno = 0;
	if (access(wmpath.p, F_OK) != 0)
		fs_buf_adds(&out, "null");
	else if (fs_read_file(wmpath.p, &wm) != 0)
		return errno == EACCES ? EX_NOPERM : EX_IOERR;
	else {
		if (wm.len > 0 && wm.p[wm.len - 1] == '\n')
			wm.p[--wm.len] = '\0';
		if (fs_day_parse(wm.p, &day) != 0)
			fs_die_at(EX_CONFIG, wmpath.p, 1, "not a day "
			    "(YYYY-MM-DD); remove the file to report "
			    "yesterday only");
		fs_json_strz(&out, wm.p);
	}
	fs_buf_adds(&out, ",\"spool\":");
	if ((r = reports(dir, "spool", &out, NULL)) != 0)
		return r;
	fs_buf_adds(&out, ",\"sent\":");
	if ((r = reports(dir, "sent", &out, &last)) != 0)
		return r;
	fs_buf_adds(&out, ",\"last_sent\":");
	if (last != NULL)
		fs_json_strz(&out, last);
	else
		fs_buf_adds(&out, "null");
	fs_buf_adds(&out, ",\"failed\":");
	if ((r = reports(dir, "failed", &out, NULL)) != 0)
		return r;
	fs_buf_adds(&out, "}\n");
	fwrite(out.p, 1, out.len, stdout);
	free(last);
	fs_buf_free(&out);
	fs_buf_free(&wm);
	fs_buf_free(&wmpath);
	return fs_close_stdout();
}

/* the same delay for ever: sites spread, each at its own time */
static long long
delay_of(const char *id, long long splay)
{
	char hex[9];

	if (splay == 0)
		return 0;
	memcpy(hex, id, 8);
	hex[8] = '\0';
	return (long long)(strtoull(hex, NULL, 16) % (unsigned long long)splay);
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* DIR/SUB: the number of reports and the days they are for, sorted:
 * {"count":N,"days":["2026-11-28",...]}; an absent folder holds none */
static int
reports(const char *dir, const char *sub, struct fs_buf *out, char **last)
{
	struct fs_buf path = FS_BUF_INIT;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i, len;
	DIR *d;

	fs_buf_printf(&path, "%s/%s", dir, sub);
	if ((d = opendir(path.p)) == NULL && errno != ENOENT) {
		int err = errno;

		fs_warnx("%s: %s", path.p, strerror(err));
		fs_buf_free(&path);
		return err == EACCES ? EX_NOPERM : EX_IOERR;
	}
	while (d != NULL && (e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		/* DAY.json.gz; temporaries start with a dot */
		if (e->d_name[0] == '.' || len != 18 ||
		    strcmp(e->d_name + 10, ".json.gz") != 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			names = fs_xrealloc(names, cap * sizeof *names);
		}
		names[n++] = fs_xstrndup(e->d_name, 10);
	}
	if (d != NULL)
		closedir(d);
	if (n > 0)
		qsort(names, n, sizeof *names, cmpstr);
	fs_buf_adds(out, "{\"count\":");
	fs_json_int(out, (int64_t)n);
	fs_buf_adds(out, ",\"days\":[");
	for (i = 0; i < n; i++) {
		if (i > 0)
			fs_buf_addc(out, ',');
		fs_json_strz(out, names[i]);
	}
	fs_buf_adds(out, "]}");
	if (last != NULL && n > 0)
		*last = fs_xstrdup(names[n - 1]);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	fs_buf_free(&path);
	return 0;
}
