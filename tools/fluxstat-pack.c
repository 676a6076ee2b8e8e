/*
 * fluxstat-pack: compress a report into a folder, reproducibly and
 * atomically, or read one back (-d) only when it is whole.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "fluxstat.h"

/* a report is a few kilobytes; this only stops a runaway input */
#define MAX_DOC	(64LL * 1024 * 1024)

static int pack(const char *out, const char *in);
static int unpack(const char *in);
static void usage(FILE *fp);

static int level = 9;
static long long maxdoc = MAX_DOC;

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "decompress", no_argument, NULL, 'd' },
		{ "output", required_argument, NULL, 'o' },
		{ "max-size", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *out = NULL;
	long long v;
	int c, dflag = 0, status;

	fs_setprogname(argv[0]);
	while ((c = getopt_long(argc, argv, "do:m:123456789", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dflag = 1; break;
		case 'o': out = optarg; break;
		case 'm':
			if (fs_parse_ll(optarg, 1, 1LL << 40, &v, "--max-size") == -1)
				return EX_USAGE;
			maxdoc = v;
			break;
		case '1': case '2': case '3': case '4': case '5':
		case '6': case '7': case '8': case '9': level = c - '0'; break;
		case 'h': usage(stdout); return fs_close_stdout();
		case 'V': fs_print_version(); return fs_close_stdout();
		default: usage(stderr); return EX_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1 || dflag == (out != NULL)) {
		usage(stderr);
		return EX_USAGE;
	}
	status = dflag ? unpack(argc ? argv[0] : "-") : pack(out, argc ? argv[0] : "-");
	c = fs_close_stdout();
	return status ? status : c;
}

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: %s [-1..-9] [-m BYTES] -o DIR/NAME [FILE]\n"
	    "       %s -d [-m BYTES] [FILE]\n"
	    "  -o, --output PATH      write FILE (default stdin) gzipped to PATH, atomically\n"
	    "  -d, --decompress       write the document in FILE (default stdin) to stdout,\n"
	    "                         only if the file is whole\n"
	    "  -1 .. -9               compression level (default 9)\n"
	    "  -m, --max-size BYTES   largest document accepted (default %lld)\n"
	    "      --help, --version\n", fs_progname, fs_progname, (long long)MAX_DOC);
}

/*
 * deflateInit2 with windowBits 15+16 writes a gzip header with no file
 * name and mtime 0, so the same document always gives the same bytes.  The
 * bytes go to a temporary file beside the final name (fs_atomic_*), which
 * only gets the final name once it is complete and on disk: a reader of
 * the spool sees a whole report or none.
 */
static int
pack(const char *out, const char *in)
{
	unsigned char ibuf[65536], obuf[65536];
	struct fs_confine conf = { NULL, NULL, 0, 0 };
	const char *outdir[2] = { NULL, NULL };
	struct fs_atomic a;
	char *d1, *d2, *dir, *name;
	FILE *fp;
	z_stream z;
	size_t n;
	long long total = 0;
	int flush, zr, status = 0;

	d1 = fs_xstrdup(out);
	d2 = fs_xstrdup(out);
	dir = dirname(d1);
	name = basename(d2);
	if (out[0] == '\0' || out[strlen(out) - 1] == '/' ||
	    strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		fs_warnx("%s: not a file name", out);
		free(d1);
		free(d2);
		return EX_USAGE;
	}
	if (strcmp(in, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(in, "rb")) == NULL) {
		fs_warn_at(in, 0, "%s", strerror(errno));
		free(d1);
		free(d2);
		return EX_NOINPUT;
	}
	if (fs_atomic_open(&a, dir, name) == -1) {
		status = EX_CANTCREAT;
		goto close;
	}
	/* from here on: the input, and the output's folder */
	outdir[0] = dir;
	conf.write = outdir;
	if (fs_confine(&conf) != 0) {
		fs_atomic_abort(&a);
		status = EX_SOFTWARE;
		goto close;
	}
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK) {
		fs_warnx("cannot start zlib");
		fs_atomic_abort(&a);
		status = EX_SOFTWARE;
		goto close;
	}
	do {
		n = fread(ibuf, 1, sizeof ibuf, fp);
		if (ferror(fp)) {
			fs_warn_at(strcmp(in, "-") ? in : "(stdin)", 0,
			    "read error: %s", strerror(errno));
			status = EX_IOERR;
			break;
		}
		total += (long long)n;
		if (total > maxdoc) {
			fs_warn_at(strcmp(in, "-") ? in : "(stdin)", 0,
			    "document larger than %lld bytes; refusing it", maxdoc);
			status = EX_DATAERR;
			break;
		}
		/* an empty report means the stage before failed: keep nothing */
		if (n == 0 && total == 0) {
			fs_warn_at(strcmp(in, "-") ? in : "(stdin)", 0,
			    "empty input; nothing packed");
			status = EX_DATAERR;
			break;
		}
		flush = feof(fp) ? Z_FINISH : Z_NO_FLUSH;
		z.next_in = ibuf;
		z.avail_in = (uInt)n;
		do {
			z.next_out = obuf;
			z.avail_out = sizeof obuf;
			zr = deflate(&z, flush);
			if (zr == Z_STREAM_ERROR) {
				fs_warnx("zlib failed");
				status = EX_SOFTWARE;
				break;
			}
			if (fs_atomic_write(&a, obuf, sizeof obuf - z.avail_out) == -1)
				status = EX_IOERR;
		} while (status == 0 && z.avail_out == 0);
	} while (status == 0 && flush != Z_FINISH);
	deflateEnd(&z);
	if (status != 0)
		fs_atomic_abort(&a);
	else if (fs_atomic_commit(&a) == -1)
		status = EX_IOERR;
	else	/* a pack killed before its rename left ".NAME.XXXXXX" */
		fs_atomic_clean(dir, name, 0);
close:
	if (fp != stdin)
		fclose(fp);
	free(d1);
	free(d2);
	return status;
}

static int
unpack(const char *in)
{
	struct fs_buf doc = FS_BUF_INIT;
	const char *inputs[2] = { in, NULL };
	struct fs_confine conf = { inputs, NULL, 0, 0 };
	int status;

	if (fs_confine(&conf) != 0)
		return EX_SOFTWARE;
	status = fs_gunzip_file(in, (size_t)maxdoc, &doc);
	if (status == 0 && doc.len > 0 &&
	    fwrite(doc.p, 1, doc.len, stdout) != doc.len)
		status = EX_IOERR;	/* fs_close_stdout says why */
	fs_buf_free(&doc);
	return status;
}
