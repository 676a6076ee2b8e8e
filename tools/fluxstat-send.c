/*
 * fluxstat-send: drain the spool of packed reports to the vendor's
 * receiver (HTTPS PUT) or to a folder (file://), losing nothing: a report
 * leaves the spool only for sent/ (delivered) or failed/ (refused).
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "fluxstat.h"

#define DAY_SECS	86400
#define ANSWER_MAX	512		/* bytes of a refusal kept in failed/ */
/* bytes of it read: a token (at most 4096 bytes) echoed across the
 * first ANSWER_MAX bytes is still whole here, and found */
#define ANSWER_READ	8192
#define TOKEN_LIKE	32		/* a run this long looks like a secret */
#define REPORT_MAX	(16 * 1024 * 1024)	/* larger is not a report */
#define NAME_LEN	(sizeof "YYYY-MM-DD.json.gz" - 1)

/* what one upload attempt, or one file, came to */
enum outcome {
	DELIVERED,	/* 2xx or copied: to sent/ */
	RETRY,		/* 408, 429, 5xx, network: stays, try again */
	AUTH,		/* 401, 403, TLS trust: stays, exit 77 */
	REFUSED,	/* other answers, corrupt file: to failed/, exit 65 */
	LATER		/* stays for the next run, exit 75 */
};

struct answer {
	long code;
	char body[ANSWER_READ];
	size_t len;
};

static int setup(void);
static int drain(void);
static int scan_spool(char ***names, size_t *n);
static int valid_name(const char *s);
static void bound_spool(char **names, size_t *n);
static void prune(const char *sub);
static enum outcome send_one(const char *name, struct answer *ans);
static enum outcome put_https(const char *name, const char *path,
    struct answer *ans, long *retry_after);
static enum outcome copy_file(const char *name, const char *path);
static int move_to(const char *name, const char *sub);
static void write_answer(const char *name, const char *why,
    const struct answer *ans);
static void redact(struct fs_buf *out, const char *p, size_t n);
static void clean_endpoint(const char *dir);
static int read_token(void);
static int private_file(const char *key, const char *path, int must_be_private);
static int mkdirs(const char *path);
static void fsync_dir(const char *path);
static void pause_ms(long long ms);
static char *join(const char *a, const char *b);
static void confine(void);
static int too_open(const struct stat *st);
static void usage(FILE *fp);

/* options */
static const char *state, *endpoint;
static char *install_id;		/* made lower case by fs_id_valid */
static const char *token_file, *ca_file, *client_cert, *client_key;
static long long max_files = 30, max_age_days = 30, keep_days = 90;
static long long retries = 3, connect_timeout = 30, total_timeout = 300;
static long long stall_timeout = 60, max_wait = 60, backoff_ms = 1000;
static int verbose;

/* derived */
static char *spool;
static char *token;		/* never printed, wiped at exit */
static const char *file_root;	/* endpoint folder for file:// */
static CURL *curl;

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "state", required_argument, NULL, 's' },
		{ "endpoint", required_argument, NULL, 'e' },
		{ "installation-id", required_argument, NULL, 'i' },
		{ "token-file", required_argument, NULL, 't' },
		{ "ca-file", required_argument, NULL, 'C' },
		{ "client-cert", required_argument, NULL, 'c' },
		{ "client-key", required_argument, NULL, 'k' },
		{ "max-files", required_argument, NULL, 'n' },
		{ "max-age-days", required_argument, NULL, 'a' },
		{ "keep-sent-days", required_argument, NULL, 'K' },
		{ "retries", required_argument, NULL, 'r' },
		{ "backoff-ms", required_argument, NULL, 'b' },
		{ "max-wait", required_argument, NULL, 'w' },
		{ "connect-timeout", required_argument, NULL, 'T' },
		{ "timeout", required_argument, NULL, 'O' },
		{ "stall-timeout", required_argument, NULL, 'S' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c, status;

	fs_setprogname(argv[0]);
	while ((c = getopt_long(argc, argv, "v", opts, NULL)) != -1) {
		long long *num = NULL, lo = 0, hi = 1000000;
		const char *what = NULL;

		switch (c) {
		case 's': state = optarg; break;
		case 'e': endpoint = optarg; break;
		case 'i': install_id = optarg; break;
		case 't': token_file = optarg; break;
		case 'C': ca_file = optarg; break;
		case 'c': client_cert = optarg; break;
		case 'k': client_key = optarg; break;
		case 'n': num = &max_files; lo = 1; what = "--max-files"; break;
		case 'a': num = &max_age_days; lo = 1; what = "--max-age-days"; break;
		case 'K': num = &keep_days; lo = 1; what = "--keep-sent-days"; break;
		case 'r': num = &retries; hi = 20; what = "--retries"; break;
		case 'b': num = &backoff_ms; hi = 600000; what = "--backoff-ms"; break;
		case 'w': num = &max_wait; hi = 3600; what = "--max-wait"; break;
		case 'T': num = &connect_timeout; lo = 1; hi = 3600; what = "--connect-timeout"; break;
		case 'O': num = &total_timeout; lo = 1; hi = 86400; what = "--timeout"; break;
		case 'S': num = &stall_timeout; lo = 1; hi = 3600; what = "--stall-timeout"; break;
		case 'v': verbose = 1; break;
		case 'h': usage(stdout); return fs_close_stdout();
		case 'V': fs_print_version(); return fs_close_stdout();
		default: usage(stderr); return EX_USAGE;
		}
		if (num != NULL && fs_parse_ll(optarg, lo, hi, num, what) == -1)
			return EX_USAGE;
	}
	if (optind != argc || state == NULL || endpoint == NULL ||
	    install_id == NULL) {
		usage(stderr);
		return EX_USAGE;
	}
	status = setup();
	if (status == 0) {
		confine();
		status = drain();
	}
	if (token != NULL) {
		explicit_bzero(token, strlen(token));
		free(token);
	}
	if (curl != NULL)
		curl_easy_cleanup(curl);
	curl_global_cleanup();
	free(spool);
	c = fs_close_stdout();
	return status ? status : c;
}

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: %s --state DIR --endpoint URL --installation-id ID\n"
	    "           [--token-file FILE] [--ca-file FILE]\n"
	    "           [--client-cert FILE --client-key FILE]\n"
	    "           [--max-files N] [--max-age-days N] [--keep-sent-days N]\n"
	    "           [--retries N] [--backoff-ms MS] [--max-wait SECONDS]\n"
	    "           [--connect-timeout SECONDS] [--timeout SECONDS]\n"
	    "           [--stall-timeout SECONDS] [-v]\n"
	    "Uploads DIR/spool/YYYY-MM-DD.json.gz, oldest first, to\n"
	    "URL/installations/ID/reports/ (https:// or file:///FOLDER), then moves\n"
	    "each to DIR/sent/ (delivered) or DIR/failed/ (refused).\n"
	    "Exit: 0 all delivered, 65 a file refused, 75 files wait for the next\n"
	    "run, 77 credentials or trust refused, 78 bad configuration.\n",
	    fs_progname);
}

/*
 * Oldest first.  A server that is down, busy or refusing our credentials
 * will treat the next report the same way, so the first such answer ends
 * the run and the rest waits in the spool.
 */
static int
drain(void)
{
	struct answer ans;
	char **names = NULL;
	size_t i, n = 0;
	int status, auth = 0, refused = 0, later = 0;

	if ((status = scan_spool(&names, &n)) != 0 || n == 0)
		return status;
	bound_spool(names, &n);
	for (i = 0; i < n && !auth && !later; i++) {
		if (names[i] == NULL)
			continue;
		switch (send_one(names[i], &ans)) {
		case DELIVERED:
			/* not moved: it goes again next run, which PUT allows */
			if (move_to(names[i], "sent") == -1)
				later = 1;
			else if (verbose)
				fs_warnx("%s: delivered", names[i]);
			break;
		case REFUSED:
			refused = 1;
			break;
		case AUTH:
			auth = 1;
			break;
		case RETRY:
		case LATER:
			later = 1;
			break;
		}
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return auth ? EX_NOPERM : refused ? EX_DATAERR : later ? EX_TEMPFAIL : 0;
}

/* check the configuration before touching the spool; 0 or an exit status */
static int
setup(void)
{
	struct stat st;
	char *lock;
	int fd, e;

	/* it becomes part of the URL and of the file:// path */
	if (!fs_id_valid(install_id)) {
		fs_warnx("--installation-id: not an installation id (a UUID)");
		return EX_USAGE;
	}
	if (strncmp(endpoint, "file:///", 8) == 0) {
		file_root = endpoint + 7;
	} else if (strncmp(endpoint, "https://", 8) == 0 && endpoint[8] != '\0') {
		if (token_file == NULL && client_cert == NULL) {
			fs_warnx("endpoint %s: neither a token file nor a client "
			    "certificate is configured (FLUXSTAT_TOKEN_FILE)",
			    endpoint);
			return EX_CONFIG;
		}
		if ((client_cert == NULL) != (client_key == NULL)) {
			fs_warnx("--client-cert and --client-key go together");
			return EX_CONFIG;
		}
		if (ca_file != NULL && private_file("CA file", ca_file, 0) != 0)
			return EX_CONFIG;
		if (client_cert != NULL &&
		    private_file("client certificate", client_cert, 0) != 0)
			return EX_CONFIG;
		if (client_key != NULL &&
		    (fd = private_file("client key", client_key, 1)) != 0)
			return fd;
		if (token_file != NULL && (fd = read_token()) != 0)
			return fd;
	} else {
		fs_warnx("endpoint %s: only https:// and file:/// are "
		    "supported (reports never travel unencrypted)", endpoint);
		return EX_CONFIG;
	}

	if (stat(state, &st) == -1) {
		fs_warn_at(state, 0, "state folder: %s", strerror(errno));
		return EX_CONFIG;
	}
	if (!S_ISDIR(st.st_mode)) {
		fs_warn_at(state, 0, "state folder: not a folder");
		return EX_CONFIG;
	}
	spool = join(state, "spool");

	/*
	 * One sender at a time: a second one would find the same files in
	 * the spool and upload them again.  It does not wait (the first one
	 * may be stuck on a slow server); the files are the first one's job.
	 */
	lock = join(state, "send.lock");
	fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1) {
		e = errno;	/* before the message and free() change it */
		fs_warn_at(lock, 0, "%s", strerror(e));
		free(lock);
		return e == EACCES ? EX_NOPERM : EX_CANTCREAT;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		fs_warn_at(lock, 0, "another fluxstat-send is draining this "
		    "spool; leaving it to that one");
		free(lock);
		return EX_TEMPFAIL;
	}
	free(lock);		/* fd stays open: the lock lasts until exit */
	srandom((unsigned)time(NULL) ^ (unsigned)getpid());
	prune("sent");
	prune("failed");
	if (!file_root) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0 ||
		    (curl = curl_easy_init()) == NULL) {
			fs_warnx("cannot start libcurl");
			return EX_SOFTWARE;
		}
	}
	return 0;
}

/*
 * The token is a secret: it is read here, kept in memory only, handed to
 * libcurl, and wiped at exit.  A token file that group or others can read
 * is refused, so a leak is fixed rather than used.
 */
static int
read_token(void)
{
	char buf[4097];
	struct stat st;
	ssize_t n;
	size_t len, i;
	int fd, e;

	if ((fd = open(token_file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		e = errno;
		if (e == EACCES) {
			fs_warn_at(token_file, 0, "token file: %s: a local "
			    "permission problem, nothing was sent", strerror(e));
			return EX_NOPERM;
		}
		fs_warn_at(token_file, 0, "token file: %s", strerror(e));
		return EX_CONFIG;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		fs_warn_at(token_file, 0, "token file: not a regular file");
		close(fd);
		return EX_CONFIG;
	}
	if (too_open(&st)) {
		fs_warn_at(token_file, 0, "token file is open to group or "
		    "others (mode %03o); refusing to use it: chmod 600 it (or "
		    "640 root:fluxstat) and ask for a new token if others may "
		    "have read it (a local problem: nothing was sent)",
		    (unsigned)(st.st_mode & 0777));
		close(fd);
		return EX_NOPERM;
	}
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n < 0) {
		fs_warn_at(token_file, 0, "token file: %s", strerror(errno));
		return EX_IOERR;
	}
	len = (size_t)n;
	while (len > 0 && isspace((unsigned char)buf[len - 1]))
		len--;
	for (i = 0; i < len; i++)
		if (buf[i] <= ' ' || buf[i] > '~')
			break;
	if (len == 0 || i < len || (size_t)n == sizeof buf - 1) {
		fs_warn_at(token_file, 0, "token file: expected one token of "
		    "printable characters on one line");
		explicit_bzero(buf, sizeof buf);
		return EX_CONFIG;
	}
	token = fs_xstrndup(buf, len);
	explicit_bzero(buf, sizeof buf);
	return 0;
}

/* an existing file; with must_be_private, unreadable to group and others */
/*
 * A secret is readable by this program's user alone (0600), or it belongs
 * to root and is readable by this program's own group, nothing more (0640
 * root:fluxstat, as the package installs it: root owns the configuration,
 * the fluxstat user only reads it).
 */
static int
too_open(const struct stat *st)
{
	if ((st->st_mode & 077) == 0)
		return 0;
	return (st->st_mode & 037) != 0 || st->st_uid != 0 ||
	    st->st_gid != getegid();
}

static int
private_file(const char *key, const char *path, int must_be_private)
{
	struct stat st;

	if (stat(path, &st) == -1 || access(path, R_OK) == -1) {
		fs_warn_at(path, 0, "%s: %s", key, strerror(errno));
		return EX_CONFIG;
	}
	if (must_be_private && too_open(&st)) {
		fs_warn_at(path, 0, "%s is open to group or others (mode %03o); "
		    "refusing to use it: chmod 600 it (a local problem: "
		    "nothing was sent)", key,
		    (unsigned)(st.st_mode & 0777));
		return EX_NOPERM;
	}
	return 0;
}

/* "YYYY-MM-DD.json.gz", the only names that are uploaded */
static int
valid_name(const char *s)
{
	static const char pat[] = "dddd-dd-dd.json.gz";
	size_t i;

	if (strlen(s) != NAME_LEN)
		return 0;
	for (i = 0; i < NAME_LEN; i++)
		if (pat[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != pat[i])
			return 0;
	return 1;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* the reports waiting in the spool, sorted: the names sort by day */
static int
scan_spool(char ***names, size_t *n)
{
	struct dirent *e;
	size_t cap = 0;
	DIR *d;

	if ((d = opendir(spool)) == NULL) {
		int err = errno;

		if (err == ENOENT)
			return 0;	/* nothing was ever packed */
		fs_warn_at(spool, 0, "%s", strerror(err));
		return err == EACCES ? EX_NOPERM : EX_IOERR;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;	/* ., .., and fluxstat-pack's temporaries */
		if (!valid_name(e->d_name)) {
			fs_warn_at(spool, 0, "%s: not a report name "
			    "(YYYY-MM-DD.json.gz); left alone", e->d_name);
			continue;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*names = fs_xrealloc(*names, cap * sizeof **names);
		}
		(*names)[(*n)++] = fs_xstrdup(e->d_name);
	}
	closedir(d);
	if (*n > 0)
		qsort(*names, *n, sizeof **names, cmp_names);
	return 0;
}

/*
 * The spool must not grow without end while the receiver is unreachable:
 * reports older than --max-age-days (by the time they were packed) and
 * the oldest beyond --max-files are deleted, each one named on stderr.
 * Dropped entries become NULL.
 */
static int
drop(char **name, const char *why)
{
	char *path = join(spool, *name);
	int gone = unlink(path) == 0;

	if (gone) {
		fs_warn_at(spool, 0, "%s: dropped, %s", *name, why);
		free(*name);
		*name = NULL;
	} else
		fs_warn_at(path, 0, "%s", strerror(errno));
	free(path);
	return gone;
}

static void
bound_spool(char **names, size_t *n)
{
	struct stat st;
	time_t now = time(NULL);
	size_t i, left = *n;
	char *path, why[64];

	snprintf(why, sizeof why, "it waited more than %lld days", max_age_days);
	for (i = 0; i < *n; i++) {
		path = join(spool, names[i]);
		if (stat(path, &st) == 0 &&
		    now - st.st_mtime > (time_t)(max_age_days * DAY_SECS) &&
		    drop(&names[i], why))
			left--;
		free(path);
	}
	snprintf(why, sizeof why, "more than %lld reports wait", max_files);
	for (i = 0; i < *n && left > (size_t)max_files; i++)
		if (names[i] != NULL && drop(&names[i], why))
			left--;
}

/* sent/ is the site's record of what left; it keeps --keep-sent-days */
static void
prune(const char *sub)
{
	struct dirent *e;
	struct stat st;
	time_t now = time(NULL);
	char *dir = join(state, sub), *path;
	DIR *d;

	if ((d = opendir(dir)) == NULL) {
		free(dir);
		return;
	}
	/* a sender killed while writing an answer left its temporary; the
	 * lock is ours, so any there is stale */
	fs_atomic_clean(dir, NULL, 0);
	while ((e = readdir(d)) != NULL) {
		char base[NAME_LEN + 1];

		/* only what this program put there: reports and their answers */
		memcpy(base, e->d_name, sizeof base - 1);
		base[NAME_LEN] = '\0';
		if (!valid_name(base) || (e->d_name[NAME_LEN] != '\0' &&
		    strcmp(e->d_name + NAME_LEN, ".answer") != 0))
			continue;
		path = join(dir, e->d_name);
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		    now - st.st_mtime > (time_t)(keep_days * DAY_SECS) &&
		    unlink(path) == -1)
			fs_warn_at(path, 0, "%s", strerror(errno));
		free(path);
	}
	closedir(d);
	free(dir);
}

/* one report: check it, deliver it (with retries), file it */
static enum outcome
send_one(const char *name, struct answer *ans)
{
	struct fs_buf doc = FS_BUF_INIT;
	enum outcome o = LATER;
	long long wait;
	long ra = 0;
	char *path = join(spool, name);
	int attempt, st;

	memset(ans, 0, sizeof *ans);
	/* only a whole report leaves: a damaged one would be refused or,
	 * worse, accepted and misread by the receiver */
	st = fs_gunzip_file(path, REPORT_MAX, &doc);
	fs_buf_free(&doc);
	if (st == EX_DATAERR) {
		fs_warn_at(spool, 0, "%s: not a whole report; moved to failed/",
		    name);
		if (move_to(name, "failed") == 0)
			write_answer(name, "not sent: the file in the spool is "
			    "not a whole gzip report", NULL);
		free(path);
		return REFUSED;
	}
	if (st != 0) {
		free(path);
		return LATER;
	}
	if (file_root != NULL) {
		o = copy_file(name, path);
		if (o == AUTH)
			fs_warnx("%s: not delivered: the endpoint folder is not "
			    "writable (a local permission problem); it stays in "
			    "the spool", name);
		free(path);
		return o;
	}

	for (attempt = 0; attempt <= retries; attempt++) {
		o = put_https(name, path, ans, &ra);
		if (o != RETRY || attempt == retries)
			break;
		/* exponential backoff with jitter, so that sites that lost
		 * the receiver together do not come back in step */
		wait = backoff_ms << attempt;
		if (wait > max_wait * 1000)
			wait = max_wait * 1000;
		wait = wait / 2 + (wait > 1 ? random() % (wait / 2 + 1) : 0);
		if (ra > max_wait) {
			fs_warnx("%s: the receiver asks to wait %ld s, more "
			    "than --max-wait %lld; leaving it for the next run",
			    name, ra, max_wait);
			break;
		}
		if (ra > 0)
			wait = (long long)ra * 1000;
		pause_ms(wait);
	}
	switch (o) {
	case REFUSED:
		fs_warnx("%s: the receiver refused it (HTTP %ld); moved to "
		    "failed/ with the answer", name, ans->code);
		if (move_to(name, "failed") == 0)
			write_answer(name, NULL, ans);
		break;
	case AUTH:
		/* the last line is what fluxstat-run logs: say which side */
		if (ans->code == 401 || ans->code == 403)
			fs_warnx("%s: not sent: the receiver refused the "
			    "credentials (HTTP %ld); check the token or client "
			    "certificate; it stays in the spool", name,
			    ans->code);
		else
			fs_warnx("%s: not sent: the receiver's certificate is "
			    "not trusted (TLS); check the CA file and the "
			    "endpoint's host name; it stays in the spool", name);
		break;
	case RETRY:
		fs_warnx("%s: not delivered; it stays in the spool for the "
		    "next run", name);
		break;
	default:
		break;
	}
	free(path);
	return o;
}

static size_t
keep_answer(char *p, size_t size, size_t nmemb, void *arg)
{
	struct answer *ans = arg;
	size_t n = size * nmemb, room = sizeof ans->body - ans->len;

	memcpy(ans->body + ans->len, p, n < room ? n : room);
	ans->len += n < room ? n : room;
	return n;
}

static enum outcome
put_https(const char *name, const char *path, struct answer *ans,
    long *retry_after)
{
	char errbuf[CURL_ERROR_SIZE];
	struct curl_slist *hdrs = NULL;
	struct fs_buf url = FS_BUF_INIT;
	struct stat st;
	enum outcome o;
	curl_off_t ra = 0;
	CURLcode rc;
	size_t elen = strlen(endpoint);
	FILE *fp;

	*retry_after = 0;
	ans->len = 0;
	ans->code = 0;
	if ((fp = fopen(path, "rb")) == NULL || fstat(fileno(fp), &st) == -1) {
		fs_warn_at(path, 0, "%s", strerror(errno));
		if (fp != NULL)
			fclose(fp);
		return LATER;
	}
	while (elen > 8 && endpoint[elen - 1] == '/')
		elen--;
	fs_buf_add(&url, endpoint, elen);
	fs_buf_printf(&url, "/installations/%s/reports/%s", install_id, name);
	hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
	hdrs = curl_slist_append(hdrs, "Content-Encoding: gzip");
	/* a report is small; waiting for 100-continue only adds a second */
	hdrs = curl_slist_append(hdrs, "Expect:");

	curl_easy_reset(curl);
	errbuf[0] = '\0';
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(curl, CURLOPT_URL, url.p);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https");
#else
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS, (long)CURLPROTO_HTTPS);
#endif
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_READDATA, fp);
	curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, (curl_off_t)st.st_size);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(curl, CURLOPT_USERAGENT, "fluxstat/" PACKAGE_VERSION);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, keep_answer);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, ans);
	/* a receiver that accepts and then stalls must not hang the run */
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, (long)connect_timeout);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)total_timeout);
	curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, (long)stall_timeout);
	/* verification is libcurl's default; set it anyway, there is no
	 * switch to turn it off */
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
	if (ca_file != NULL)
		curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file);
	if (client_cert != NULL) {
		curl_easy_setopt(curl, CURLOPT_SSLCERT, client_cert);
		curl_easy_setopt(curl, CURLOPT_SSLKEY, client_key);
	}
	if (token != NULL) {
		curl_easy_setopt(curl, CURLOPT_HTTPAUTH, (long)CURLAUTH_BEARER);
		curl_easy_setopt(curl, CURLOPT_XOAUTH2_BEARER, token);
	}

	rc = curl_easy_perform(curl);
	fclose(fp);
	curl_slist_free_all(hdrs);
	if (rc != CURLE_OK) {
		const char *why = errbuf[0] ? errbuf : curl_easy_strerror(rc);

		switch (rc) {
		case CURLE_PEER_FAILED_VERIFICATION:
		case CURLE_SSL_CACERT_BADFILE:
		case CURLE_SSL_CERTPROBLEM:
		case CURLE_SSL_ISSUER_ERROR:
			fs_warnx("%s: %s: TLS: %s", name, url.p, why);
			o = AUTH;
			break;
		default:
			fs_warnx("%s: %s: %s", name, url.p, why);
			o = RETRY;
			break;
		}
		fs_buf_free(&url);
		return o;
	}
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &ans->code);
	curl_easy_getinfo(curl, CURLINFO_RETRY_AFTER, &ra);
	*retry_after = ra > 86400 ? 86400 : (long)ra;
	if (ans->code >= 200 && ans->code <= 299)
		o = DELIVERED;
	else if (ans->code == 401 || ans->code == 403) {
		fs_warnx("%s: %s: HTTP %ld: the receiver refused the "
		    "credentials%s", name, url.p, ans->code, token ?
		    " (the token was sent; the receiver does not know it or "
		    "not for this installation id)" : " (no token was sent)");
		o = AUTH;
	} else if (ans->code == 408 || ans->code == 429 || ans->code >= 500) {
		fs_warnx("%s: %s: HTTP %ld%s", name, url.p, ans->code,
		    ra > 0 ? " with Retry-After" : "");
		o = RETRY;
	} else
		o = REFUSED;
	fs_buf_free(&url);
	return o;
}

/* file:/// endpoints: an air-gapped site's folder, same layout as the URL */
static enum outcome
copy_file(const char *name, const char *path)
{
	struct fs_atomic a;
	struct fs_buf dir = FS_BUF_INIT;
	char buf[65536];
	ssize_t n;
	int fd, ok = 0;

	if (access(file_root, F_OK) == -1) {
		fs_warn_at(file_root, 0, "endpoint folder: %s", strerror(errno));
		return LATER;
	}
	fs_buf_printf(&dir, "%s/installations/%s/reports", file_root, install_id);
	if (mkdirs(dir.p) == -1) {
		n = errno;
		fs_buf_free(&dir);
		return n == EACCES || n == EPERM || n == EROFS ? AUTH : LATER;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		fs_warn_at(path, 0, "%s", strerror(errno));
		fs_buf_free(&dir);
		return LATER;
	}
	if (access(dir.p, W_OK) == -1) {
		fs_warn_at(dir.p, 0, "%s", strerror(errno));
		close(fd);
		fs_buf_free(&dir);
		return AUTH;
	}
	clean_endpoint(dir.p);
	if (fs_atomic_open(&a, dir.p, name) == 0) {
		while ((n = read(fd, buf, sizeof buf)) > 0)
			if (fs_atomic_write(&a, buf, (size_t)n) == -1)
				break;
		if (n < 0)
			fs_warn_at(path, 0, "%s", strerror(errno));
		if (n == 0)
			ok = fs_atomic_commit(&a) == 0;
		else
			fs_atomic_abort(&a);
		/* a copy killed before its rename left ".NAME.XXXXXX" */
		if (ok)
			fs_atomic_clean(dir.p, name, 0);
	}
	close(fd);
	fs_buf_free(&dir);
	return ok ? DELIVERED : LATER;
}

/*
 * A sender killed during a copy leaves ".DAY.json.gz.XXXXXX" in the
 * endpoint folder.  The copy of the same day in a later run removes it;
 * this, once a run, removes those whose day never comes back (dropped
 * from the spool meanwhile).  Only temporaries of report names older than
 * --timeout are touched: a live sender's copy is younger.
 */
static void
clean_endpoint(const char *dir)
{
	static int done;
	struct dirent *e;
	char base[NAME_LEN + 1];
	DIR *d;

	if (done++ || (d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] != '.' || strlen(e->d_name) != NAME_LEN + 8)
			continue;
		memcpy(base, e->d_name + 1, NAME_LEN);
		base[NAME_LEN] = '\0';
		if (valid_name(base))
			fs_atomic_clean(dir, base, (long)total_timeout);
	}
	closedir(d);
}

static int
word_char(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '-';
}

/* the length of the keyword at p (case ignored), 0 when none is there */
static size_t
keyword(const char *p, size_t n, const char *const *words)
{
	size_t k, len;

	for (k = 0; words[k] != NULL; k++) {
		len = strlen(words[k]);
		if (len <= n && strncasecmp(p, words[k], len) == 0 &&
		    (len == n || !word_char((unsigned char)p[len])))
			return len;
	}
	return 0;
}

/*
 * A copy of p[0..n) with credentials replaced by "[redacted]": our token
 * wherever it appears; the value after "Authorization" (the rest of the
 * line); what follows "Bearer" or "Basic"; the value after token-like
 * names followed by ':' or '=' ("token", "api_key", "password", ...);
 * and any run of TOKEN_LIKE or more letters and digits (with + / = _)
 * mixing both, which is what a secret of an unknown kind looks like.
 */
static void
redact(struct fs_buf *out, const char *p, size_t n)
{
	static const char *const line_words[] = {
		"proxy-authorization", "authorization", "cookie",
		"set-cookie", NULL
	};
	static const char *const scheme_words[] = { "bearer", "basic", NULL };
	static const char *const name_words[] = {
		"access_token", "refresh_token", "id_token", "token", "api_key",
		"api-key", "apikey", "x-api-key", "password", "passwd", "secret",
		"client_secret", NULL
	};
	size_t i = 0, j, k, tlen = token ? strlen(token) : 0;
	int letters, digits, eq;

	fs_buf_grow(out, n);
	while (i < n) {
		unsigned char c = (unsigned char)p[i];
		int start = i == 0 || !word_char((unsigned char)p[i - 1]);

		if (tlen > 0 && n - i >= tlen && memcmp(p + i, token, tlen) == 0) {
			fs_buf_adds(out, "[redacted]");
			i += tlen;
			continue;
		}
		if (start && (k = keyword(p + i, n - i, line_words)) > 0) {
			/* the name and its separator stay, the value goes */
			for (j = i + k; j < n && (p[j] == ' ' || p[j] == '\t' ||
			    p[j] == '"' || p[j] == '\''); j++)
				;
			if (j < n && (p[j] == ':' || p[j] == '=')) {
				for (j++; j < n && (p[j] == ' ' || p[j] == '\t' ||
				    p[j] == '"' || p[j] == '\''); j++)
					;
				fs_buf_add(out, p + i, j - i);
				for (i = j; j < n && p[j] != '\n' && p[j] != '\r' &&
				    p[j] != '"' && p[j] != '<' && p[j] != '\''; j++)
					;
				if (j > i)
					fs_buf_adds(out, "[redacted]");
				i = j;
				continue;
			}
		}
		if (start && (k = keyword(p + i, n - i, scheme_words)) > 0 &&
		    i + k < n && (p[i + k] == ' ' || p[i + k] == '\t')) {
			for (j = i + k; j < n && (p[j] == ' ' || p[j] == '\t'); j++)
				;
			fs_buf_add(out, p + i, j - i);
			for (i = j; j < n && !isspace((unsigned char)p[j]) &&
			    p[j] != '"' && p[j] != '<' && p[j] != '\'' &&
			    p[j] != ',' && p[j] != ';'; j++)
				;
			if (j > i)
				fs_buf_adds(out, "[redacted]");
			i = j;
			continue;
		}
		if (start && (k = keyword(p + i, n - i, name_words)) > 0) {
			for (eq = 0, j = i + k; j < n && (p[j] == ' ' ||
			    p[j] == '"' || p[j] == '\'' || p[j] == ':' ||
			    p[j] == '='); j++)
				eq |= p[j] == ':' || p[j] == '=';
			if (eq) {
				fs_buf_add(out, p + i, j - i);
				for (i = j; j < n && !isspace((unsigned char)p[j]) &&
				    p[j] != '"' && p[j] != '<' && p[j] != '\'' &&
				    p[j] != '&' && p[j] != ',' && p[j] != ';' &&
				    p[j] != '}'; j++)
					;
				if (j > i)
					fs_buf_adds(out, "[redacted]");
				i = j;
				continue;
			}
		}
		if (isalnum(c) && (i == 0 || !isalnum((unsigned char)p[i - 1]))) {
			for (letters = digits = 0, j = i; j < n &&
			    (isalnum((unsigned char)p[j]) || p[j] == '+' ||
			    p[j] == '/' || p[j] == '=' || p[j] == '_'); j++) {
				letters |= isalpha((unsigned char)p[j]);
				digits |= isdigit((unsigned char)p[j]);
			}
			if (j - i >= TOKEN_LIKE && letters && digits) {
				fs_buf_adds(out, "[redacted]");
				i = j;
				continue;
			}
		}
		fs_buf_addc(out, p[i]);
		i++;
	}
}

/* rename within the state folder, then make the rename durable */
static int
move_to(const char *name, const char *sub)
{
	char *dir = join(state, sub), *from = join(spool, name);
	char *to = join(dir, name);
	int r = -1;

	if (mkdir(dir, 0700) == -1 && errno != EEXIST)
		fs_warn_at(dir, 0, "%s", strerror(errno));
	else if (rename(from, to) == -1)
		fs_warn_at(to, 0, "%s", strerror(errno));
	else {
		/* sent/ keeps a report --keep-sent-days from its sending */
		if (strcmp(sub, "sent") == 0)
			utimensat(AT_FDCWD, to, NULL, 0);
		fsync_dir(dir);
		fsync_dir(spool);
		r = 0;
	}
	free(dir);
	free(from);
	free(to);
	return r;
}

/* failed/NAME.answer: why the report was refused, for whoever reads it */
static void
write_answer(const char *name, const char *why, const struct answer *ans)
{
	struct fs_atomic a;
	struct fs_buf b = FS_BUF_INIT, fname = FS_BUF_INIT;
	char *dir = join(state, "failed");

	struct fs_buf body = FS_BUF_INIT;

	if (why != NULL)
		fs_buf_printf(&b, "%s\n", why);
	else {
		/* kept for 90 days and read by people: no credentials in it,
		 * even when the receiver echoes our request headers */
		redact(&body, ans->body, ans->len);
		if (body.len > ANSWER_MAX)
			body.len = ANSWER_MAX;
		fs_buf_printf(&b, "status: HTTP %ld\nfirst %zu bytes of the "
		    "answer (credentials redacted):\n", ans->code, body.len);
		fs_buf_add(&b, body.p, body.len);
	}
	fs_buf_printf(&fname, "%s.answer", name);
	if (fs_atomic_open(&a, dir, fname.p) == 0) {
		if (fs_atomic_write(&a, b.p, b.len) == 0 &&
		    fs_atomic_commit(&a) == 0)
			fs_atomic_clean(dir, fname.p, 0);
		else
			fs_atomic_abort(&a);
	}
	fs_buf_free(&body);
	fs_buf_free(&b);
	fs_buf_free(&fname);
	free(dir);
}

/* mkdir -p; -1 with errno set and a message */
static int
mkdirs(const char *path)
{
	char *p = fs_xstrdup(path), *s;
	int e;

	for (s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		e = *s;
		*s = '\0';
		if (mkdir(p, 0777) == -1 && errno != EEXIST) {
			e = errno;
			fs_warn_at(p, 0, "%s", strerror(e));
			free(p);
			errno = e;
			return -1;
		}
		if (e == '\0')
			break;
		*s = '/';
	}
	free(p);
	return 0;
}

static void
fsync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd != -1) {
		fsync(fd);
		close(fd);
	}
}

static void
pause_ms(long long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

static char *
join(const char *a, const char *b)
{
	struct fs_buf p = FS_BUF_INIT;

	fs_buf_printf(&p, "%s/%s", a, b);
	return p.p;
}

/*
 * From here on: the state folder (the spool, sent/, failed/), the file://
 * folder, the TLS files named, what TLS and name lookup read (the system's
 * CAs, OpenSSL's configuration, /etc/hosts and resolv.conf, the libraries
 * glibc loads for them), and TCP connections to the endpoint's port only
 * (any port when a proxy is set in the environment).
 */
static void
confine(void)
{
	static const char *const system_read[] = { "/etc/ssl",
	    "/usr/lib/ssl", "/usr/share/ca-certificates",
	    "/usr/local/share/ca-certificates", "/etc/hosts",
	    "/etc/resolv.conf", "/etc/nsswitch.conf", "/etc/host.conf",
	    "/etc/gai.conf", "/usr/lib", "/lib", "/usr/share/zoneinfo" };
	static const char *const proxies[] = { "https_proxy", "HTTPS_PROXY",
	    "all_proxy", "ALL_PROXY" };
	struct fs_confine conf = { NULL, NULL, 0, 0 };
	const char *read[20], *write[3];
	const char *host, *end, *colon;
	long long port = 443;
	size_t n = 0, k;

	if (file_root == NULL) {
		for (k = 0; k < sizeof system_read / sizeof *system_read; k++)
			read[n++] = system_read[k];
		if (ca_file != NULL)
			read[n++] = ca_file;
		if (client_cert != NULL)
			read[n++] = client_cert;
		if (client_key != NULL)
			read[n++] = client_key;
		if (token_file != NULL)
			read[n++] = token_file;
		/* https://host[:port]/...; [v6]:port too */
		host = endpoint + 8;
		end = host + strcspn(host, "/?#");
		colon = memchr(host, ']', (size_t)(end - host));
		colon = memchr(colon ? colon : host, ':',
		    (size_t)(end - (colon ? colon : host)));
		if (colon != NULL && colon + 1 < end)
			port = strtoll(colon + 1, NULL, 10);
		conf.net = 1;
		conf.tcp_port = port > 0 && port < 65536 ? (int)port : 0;
		for (k = 0; k < sizeof proxies / sizeof *proxies; k++)
			if (getenv(proxies[k]) != NULL && *getenv(proxies[k]))
				conf.tcp_port = 0;
	}
	read[n] = NULL;
	write[0] = state;
	write[1] = file_root;
	write[2] = NULL;
	conf.read = read;
	conf.write = write;
	if (fs_confine(&conf) != 0)
		exit(EX_SOFTWARE);
}
