/*
 * fluxstat-json: run a jq program (libjq) over every JSON value of files,
 * folders of *.json files, or stdin, writing each output compactly on a
 * line of its own.
 *
 * One jq state and one compile serve the whole run, since a Flux order
 * item folder holds tens of thousands of small files.  Outputs go to a
 * private temporary file first and reach stdout only at the end, when
 * every input was good (or --skip-bad said that the good ones suffice):
 * a bad file never leaves half of a stage's output behind it.
 *
 * Files larger than --max-bytes are not parsed: a real order item is a
 * few KB, and libjq holds a whole value in memory, about ten times its
 * size (a 2 GB sparse file made it crash).  --changed-since skips the
 * files of a folder whose content did not change since an instant, so
 * that a daily run need not parse years of old order items (see the man
 * page for why the mtime can be trusted for that).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jq.h>

#include "fluxstat.h"

enum { OPT_ARG = 256, OPT_SKIP_BAD, OPT_MAX_BYTES, OPT_CHANGED_SINCE };

#define MAX_BYTES_DEFAULT	(1024 * 1024)

static const char *progfile;	/* after fs_share_path */
static int slurp;
static int skip_bad;
static int raw;		/* -r: a string output as its text, unquoted */
static long long max_bytes = MAX_BYTES_DEFAULT;
static int64_t changed_since = INT64_MIN;	/* ms since the epoch */

static jq_state *jq;
static FILE *tmp;		/* the outputs until the end */
static off_t written;		/* bytes put into tmp so far */
static jv slurped;		/* --slurp: the values of the good files */
static int halted;		/* the program called halt: read no more */
static int nbad;		/* inputs that were not good */
static int status;		/* the exit status the bad ones call for */

static void usage(FILE *fp);
static int valid_name(const char *s);
static void compile_error(void *data, jv msg);
static FILE *open_tmp(void);
static int run_value(jv v, const char *name, long nvalue);
static int parse_fd(int fd, const char *name);
static void do_file(const char *path, int fd);
static void do_path(const char *path);
static void do_dir(const char *path);
static void copy_out(void);

#ifdef __SANITIZE_ADDRESS__
/*
 * Built with --enable-sanitizers: libjq has no frame pointers, so the
 * fast unwinder stops at jv_mem_alloc and a leak inside libjq 1.6 could
 * only be suppressed by that name, hiding our own leaks of jq values too.
 * The slow unwinder sees libjq's inner frames, which is what the
 * suppressions of tests/lsan.supp name.  (About twice the CPU, in this
 * program only, in that build only.)
 */
const char *__asan_default_options(void);
const char *
__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}
#endif

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: %s -f PROGRAM.jq [--arg NAME VALUE]... [-s] [-r] [--skip-bad]\n"
	    "       [FILE|DIR...]\n"
	    "  -f, --file PROGRAM.jq  the jq program (found in the share folder\n"
	    "                         when it does not exist as given)\n"
	    "      --arg NAME VALUE   $NAME is the string VALUE in the program\n"
	    "  -s, --slurp            run the program once, on an array of every\n"
	    "                         value of every input\n"
	    "  -r, --raw-output       a string output as its text, not quoted\n"
	    "      --skip-bad         write the outputs of the good inputs even\n"
	    "                         when some were bad (still exit 65; a file\n"
	    "                         of a DIR that cannot be opened is bad too)\n"
	    "      --max-bytes N      a file larger than N bytes is bad, not\n"
	    "                         parsed (default 1048576; stdin is not bounded)\n"
	    "      --changed-since INSTANT  leave out the files of a DIR whose\n"
	    "                         mtime is before INSTANT (ISO-8601)\n"
	    "      --help             this text\n"
	    "      --version          the version\n"
	    "A FILE holds one JSON value or several (NDJSON); a DIR means its\n"
	    "*.json files, sorted; - or no argument means stdin.\n",
	    fs_progname);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "file", required_argument, NULL, 'f' },
		{ "arg", required_argument, NULL, OPT_ARG },
		{ "slurp", no_argument, NULL, 's' },
		{ "raw-output", no_argument, NULL, 'r' },
		{ "skip-bad", no_argument, NULL, OPT_SKIP_BAD },
		{ "max-bytes", required_argument, NULL, OPT_MAX_BYTES },
		{ "changed-since", required_argument, NULL, OPT_CHANGED_SINCE },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct fs_confine conf = { NULL, NULL, 0, 0 };
	jv args = jv_object();
	const char *fopt = NULL;
	struct fs_buf progtext = FS_BUF_INIT;
	char *prog;
	int c, i;

	fs_setprogname(argv[0]);
	while ((c = getopt_long(argc, argv, "f:sr", longopts, NULL)) != -1) {
		switch (c) {
		case 'f': fopt = optarg; break;
		case 's': slurp = 1; break;
		case 'r': raw = 1; break;
		case OPT_SKIP_BAD: skip_bad = 1; break;
		case OPT_MAX_BYTES:
			if (fs_parse_ll(optarg, 1, LLONG_MAX, &max_bytes,
			    "--max-bytes") == -1)
				exit(EX_USAGE);
			break;
		case OPT_CHANGED_SINCE:
			if (fs_time_parse_iso(optarg, strlen(optarg),
			    &changed_since) != 0)
				fs_die(EX_USAGE, "--changed-since: not an ISO-8601 "
				    "instant: %s", optarg);
			break;
		case OPT_ARG:
			/* getopt gives one argument; the value is the next */
			if (optind >= argc)
				fs_die(EX_USAGE, "--arg %s: no value", optarg);
			if (!valid_name(optarg))
				fs_die(EX_USAGE, "--arg %s: not a jq variable "
				    "name", optarg);
			args = jv_object_set(args, jv_string(optarg),
			    jv_string(argv[optind++]));
			break;
		case 'h': usage(stdout); exit(fs_close_stdout());
		case 'V': fs_print_version(); exit(fs_close_stdout());
		default: usage(stderr); exit(EX_USAGE);
		}
	}
	if (fopt == NULL) {
		usage(stderr);
		exit(EX_USAGE);
	}
	progfile = fs_share_path(fopt);
	if (fs_read_file(progfile, &progtext) != 0)
		exit(errno == ENOENT ? EX_NOINPUT : EX_IOERR);
	prog = progtext.p;

	if ((jq = jq_init()) == NULL)
		fs_die(EX_OSERR, "cannot start jq");
	jq_set_error_cb(jq, compile_error, NULL);
	if (!jq_compile_args(jq, prog, args))
		fs_die_at(EX_USAGE, progfile, 0, "the jq program does not "
		    "compile");
	free(prog);

	tmp = open_tmp();
	conf.read = (const char *const *)argv + optind;
	if (fs_confine(&conf) != 0)
		exit(EX_SOFTWARE);
	slurped = jv_array();
	if (optind == argc)
		do_file("-", STDIN_FILENO);
	for (i = optind; i < argc && !halted; i++)
		do_path(argv[i]);
	if (slurp && !halted)
		run_value(slurped, "(all inputs)", 1);
	else
		jv_free(slurped);
	jq_teardown(&jq);

	if (nbad == 0 || skip_bad)
		copy_out();
	fclose(tmp);
	if (nbad > 0)
		fs_warnx("%d input%s not good%s", nbad, nbad == 1 ? " was" :
		    "s were", skip_bad ? "; wrote the outputs of the others" :
		    "; wrote nothing");
	c = fs_close_stdout();
	return c != 0 ? c : status;
}

static int
valid_name(const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		if (!(*p == '_' || (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') ||
		    (p > s && *p >= '0' && *p <= '9')))
			return 0;
	return p > s;
}

/* only compile errors arrive here: run-time errors come from jq_next */
static void
compile_error(void *data, jv msg)
{
	const char *s;

	(void)data;
	if (jv_get_kind(msg) == JV_KIND_STRING) {
		s = jv_string_value(msg);
		if (strncmp(s, "jq: ", 4) == 0)
			s += 4;
		fs_warn_at(progfile, 0, "jq %s", s);
	} else
		fs_warn_at(progfile, 0, "jq: an error without a message");
	jv_free(msg);
}

static FILE *
open_tmp(void)
{
	const char *dir = getenv("TMPDIR");
	struct fs_buf path = FS_BUF_INIT;
	FILE *fp;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	fs_buf_printf(&path, "%s/fluxstat-json.XXXXXX", dir);
	/* mkstemp makes it 0600; unlinked at once, it vanishes with us */
	if ((fd = mkstemp(path.p)) == -1)
		fs_die_at(EX_CANTCREAT, path.p, 0, "%s", strerror(errno));
	unlink(path.p);
	fs_buf_free(&path);
	if ((fp = fdopen(fd, "w+")) == NULL)
		fs_die(EX_OSERR, "fdopen: %s", strerror(errno));
	return fp;
}

/*
 * Run the program on one value (consumed).  -1 on an uncaught error.
 * jq's message is not shown: programs raise errors with data in them
 * (error(.), "cannot parse 'Frau Schulz'"), and inputs may be personal.
 */
static int
run_value(jv v, const char *name, long nvalue)
{
	jv out, s;

	jq_start(jq, v, 0);
	while (jv_is_valid(out = jq_next(jq))) {
		size_t n;

		if (raw && jv_get_kind(out) == JV_KIND_STRING)
			s = out;	/* the text itself, as jq -r */
		else
			s = jv_dump_string(out, 0);
		n = (size_t)jv_string_length_bytes(jv_copy(s));
		fwrite(jv_string_value(s), 1, n, tmp);
		putc('\n', tmp);
		written += (off_t)n + 1;
		jv_free(s);
	}
	if (jq_halted(jq)) {
		jv code = jq_get_exit_code(jq);

		halted = 1;
		if (jv_get_kind(code) == JV_KIND_NUMBER &&
		    jv_number_value(code) != 0) {
			fs_warn_at(name, 0, "value %ld: the jq program halted "
			    "with status %g", nvalue, jv_number_value(code));
			jv_free(code);
			jv_free(out);
			return -1;
		}
		jv_free(code);
		jv_free(out);
		return 0;
	}
	if (jv_invalid_has_msg(jv_copy(out))) {
		fs_warn_at(name, 0, "value %ld: uncaught jq error (its message "
		    "is not shown: it may quote the input)", nvalue);
		jv_free(out);
		return -1;
	}
	jv_free(out);
	return 0;
}

/*
 * Feed one input to jq's streaming parser.  The parser points into buf
 * without copying, so it must be drained (an invalid without a message:
 * "needs more") before the next read replaces the bytes.
 */
static int
parse_fd(int fd, const char *name)
{
	static char buf[65536];
	jv_parser *p = jv_parser_new(0);
	jv v, values = jv_array();
	long nvalue = 0, line;
	const char *msg, *at;
	ssize_t n;
	int bad = 0, eof = 0;

	while (!eof && !bad && !halted) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fs_warn_at(name, 0, "%s", strerror(errno));
			bad = 1;
			break;
		}
		eof = n == 0;
		jv_parser_set_buf(p, buf, (int)n, !eof);
		while (jv_is_valid(v = jv_parser_next(p))) {
			nvalue++;
			if (slurp)
				values = jv_array_append(values, v);
			else if (run_value(v, name, nvalue) != 0)
				bad = 1;
			if (bad || halted)
				break;
		}
		if (bad || halted)	/* v was valid, and is consumed */
			break;
		if (jv_invalid_has_msg(jv_copy(v))) {
			/* "Invalid literal at line 3, column 7": the place,
			 * never the text */
			jv m = jv_invalid_get_msg(v);

			msg = jv_string_value(m);
			line = 0;
			if ((at = strstr(msg, " at line ")) != NULL)
				line = strtol(at + 9, NULL, 10);
			fs_warn_at(name, line, "not valid JSON: %.*s",
			    at ? (int)(at - msg) : (int)strlen(msg), msg);
			jv_free(m);
			bad = 1;
		} else {
			jv_free(v);
		}
	}
	jv_parser_free(p);
	if (slurp && !bad) {
		jv_array_foreach(values, i, x)
			slurped = jv_array_append(slurped, x);
	}
	jv_free(values);
	return bad ? -1 : 0;
}

static void
do_file(const char *path, int fd)
{
	const char *name = fd == STDIN_FILENO ? "(stdin)" : path;
	off_t mark = written;
	struct stat st;

	if (fd != STDIN_FILENO && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > max_bytes) {
		fs_warn_at(name, 0, "%lld bytes, more than --max-bytes %lld: "
		    "not read", (long long)st.st_size, max_bytes);
		nbad++;
		if (status == 0)
			status = EX_DATAERR;
		return;
	}
	if (parse_fd(fd, name) == 0)
		return;
	nbad++;
	if (status == 0)
		status = EX_DATAERR;
	/* a bad file gives nothing, even under --skip-bad: all or none */
	if (fflush(tmp) != 0 || ftruncate(fileno(tmp), mark) != 0 ||
	    fseeko(tmp, mark, SEEK_SET) != 0)
		fs_die(EX_IOERR, "temporary file: %s", strerror(errno));
	written = mark;
}

static void
do_path(const char *path)
{
	struct stat st;
	int fd;

	if (strcmp(path, "-") == 0) {
		do_file(path, STDIN_FILENO);
		return;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1) {
		fs_warn_at(path, 0, "%s", strerror(errno));
		if (fd != -1)
			close(fd);
		nbad++;
		status = EX_NOINPUT;
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		do_dir(path);
		return;
	}
	do_file(path, fd);
	close(fd);
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The folder's *.json regular files in byte order of their names (not the
 * locale's, so every site reads them alike).  Links are not followed: a
 * link in a data folder points out of it.
 */
static void
do_dir(const char *path)
{
	struct dirent *de;
	struct stat st;
	char **names = NULL;
	size_t n = 0, i, len;
	struct fs_buf full = FS_BUF_INIT;
	DIR *d;
	int fd;

	if ((d = opendir(path)) == NULL) {
		fs_warn_at(path, 0, "%s", strerror(errno));
		nbad++;
		status = EX_NOINPUT;
		return;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len <= 5 || strcmp(de->d_name + len - 5, ".json") != 0)
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0
		    || !S_ISREG(st.st_mode))
			continue;
		if (changed_since != INT64_MIN &&
		    (int64_t)st.st_mtim.tv_sec * 1000 +
		    st.st_mtim.tv_nsec / 1000000 < changed_since)
			continue;
		names = fs_xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = fs_xstrdup(de->d_name);
	}
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		fs_buf_reset(&full);
		fs_buf_printf(&full, "%s/%s", path, names[i]);
		if (halted) {
			free(names[i]);
			continue;
		}
		fd = openat(dirfd(d), names[i], O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		if (fd == -1) {
			/* under --skip-bad one file of a folder is a bad input
			 * like any other: the folder, the store, is there */
			fs_warn_at(full.p, 0, "%s", strerror(errno));
			nbad++;
			if (!skip_bad)
				status = EX_NOINPUT;
			else if (status == 0)
				status = EX_DATAERR;
		} else {
			do_file(full.p, fd);
			close(fd);
		}
		free(names[i]);
	}
	free(names);
	fs_buf_free(&full);
	closedir(d);
}

static void
copy_out(void)
{
	char buf[65536];
	size_t n;

	fflush(tmp);
	if (ferror(tmp) || fseeko(tmp, 0, SEEK_SET) != 0)
		fs_die(EX_IOERR, "temporary file: %s", strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), tmp)) > 0)
		if (fwrite(buf, 1, n, stdout) != n)
			break;
	if (ferror(tmp))
		fs_die(EX_IOERR, "temporary file: read error");
}
