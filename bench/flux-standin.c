/*
 * flux-standin: a stand-in for the Flux server, for bench/impact.sh.
 *
 *	bench/flux-standin -d Monitoring.db -i ORDERITEMS [-s SECONDS]
 *	    [-r OPS_PER_S] [-w WORKERS] [-b BURN_US]
 *
 * WORKERS processes (default 2, one a core) each do OPS_PER_S operations a
 * second (default 200) on a fixed schedule for SECONDS (default 20): an
 * operation inserts one print job into Monitoring.db (WAL mode, one
 * transaction each, as a server commits a finished job), reads one order
 * item file (round robin over the folder) and spends BURN_US microseconds
 * of CPU (default 1500: the server's own work).  A worker that falls
 * behind its schedule does not skip: its throughput drops.
 *
 * Prints one line: ops/s done, and the p50 and p99 of the write latency
 * (BEGIN to COMMIT) in milliseconds.  The rows it wrote are deleted at
 * the end, so the database holds what it held before (in WAL mode).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fluxstat.h"

#define ID_BASE	INT64_C(9000000000)	/* the stand-in's rows: above any real id */

static const char *db_path, *items;
static double seconds = 20, rate = 200;
static int workers = 2;
static long burn_us = 1500;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
burn(long us)
{
	volatile uint64_t x = 1;
	double end = cpu_now() + (double)us / 1e6;

	while (cpu_now() < end)
		for (int i = 0; i < 1000; i++)
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
}

static void
check(sqlite3 *db, int rc, const char *what)
{
	if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		fs_die(EX_SOFTWARE, "%s: %s: %s", db_path, what, sqlite3_errmsg(db));
}

static char **
list_items(size_t *n)
{
	DIR *d = opendir(items);
	struct dirent *e;
	char **v = NULL;

	*n = 0;
	if (d == NULL)
		fs_die(EX_NOINPUT, "%s: %s", items, strerror(errno));
	while ((e = readdir(d)) != NULL && *n < 20000) {
		if (strstr(e->d_name, ".json") == NULL)
			continue;
		v = fs_xrealloc(v, (*n + 1) * sizeof *v);
		v[(*n)++] = fs_xstrdup(e->d_name);
	}
	closedir(d);
	if (*n == 0)
		fs_die(EX_NOINPUT, "%s: no order item files", items);
	return v;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* one worker: writes its latencies (ms) and op count to fd */
static void
worker(int k, int fd)
{
	sqlite3 *db;
	sqlite3_stmt *ins;
	size_t nitems, i, nops = (size_t)(seconds * rate), done = 0;
	char **names = list_items(&nitems), path[4096], buf[65536], ts[32];
	double *lat = fs_xcalloc(nops + 1, sizeof *lat), t0, t, w0;
	int64_t id = ID_BASE + (int64_t)k * 100000000;

	check(NULL, sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL), "open");
	sqlite3_busy_timeout(db, 10000);
	check(db, sqlite3_exec(db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL), "pragma");
	check(db, sqlite3_prepare_v2(db, "INSERT INTO print_jobs (id, job_name, "
	    "printer_model, job_type, signature, pages, copies, color, status, "
	    "submitted_at, finished_at, duration_ms) VALUES (?, 'standin', "
	    "'AccurioPress C14000', 'flat', '4p', 8, 100, 1, 'printed', ?, ?, "
	    "1234)", -1, &ins, NULL), "prepare");
	t0 = now();
	for (i = 0; i < nops; i++) {
		double due = t0 + (double)i / rate;
		time_t wall;
		int fdi;

		while ((t = now()) < due)
			usleep((useconds_t)((due - t) * 1e6));
		if (now() > t0 + seconds)
			break;
		wall = time(NULL);
		strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", gmtime(&wall));
		w0 = now();
		check(db, sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), "begin");
		sqlite3_bind_int64(ins, 1, id++);
		sqlite3_bind_text(ins, 2, ts, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 3, ts, -1, SQLITE_TRANSIENT);
		check(db, sqlite3_step(ins), "insert");
		sqlite3_reset(ins);
		check(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), "commit");
		lat[done++] = (now() - w0) * 1000;
		snprintf(path, sizeof path, "%s/%s", items, names[i % nitems]);
		if ((fdi = open(path, O_RDONLY)) >= 0) {
			while (read(fdi, buf, sizeof buf) > 0)
				;
			close(fdi);
		}
		burn(burn_us);
	}
	sqlite3_finalize(ins);
	sqlite3_close(db);
	if (write(fd, &done, sizeof done) != sizeof done ||
	    write(fd, lat, done * sizeof *lat) != (ssize_t)(done * sizeof *lat))
		fs_die(EX_IOERR, "pipe: %s", strerror(errno));
	_exit(0);
}

int
main(int argc, char **argv)
{
	double *all = NULL, t0, el;
	size_t nall = 0, n;
	int c, k, p[64][2];
	sqlite3 *db;

	fs_setprogname(argv[0]);
	while ((c = getopt(argc, argv, "d:i:s:r:w:b:")) != -1) {
		switch (c) {
		case 'd': db_path = optarg; break;
		case 'i': items = optarg; break;
		case 's': seconds = atof(optarg); break;
		case 'r': rate = atof(optarg); break;
		case 'w': workers = atoi(optarg); break;
		case 'b': burn_us = atol(optarg); break;
		default:
			fprintf(stderr, "usage: %s -d DB -i ITEMS [-s S] [-r R] [-w W] [-b US]\n",
			    fs_progname);
			return EX_USAGE;
		}
	}
	if (db_path == NULL || items == NULL || seconds <= 0 || rate <= 0 ||
	    workers < 1 || workers > 64)
		fs_die(EX_USAGE, "-d DB and -i ITEMS are needed");
	check(NULL, sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE, NULL), "open");
	sqlite3_busy_timeout(db, 10000);
	check(db, sqlite3_exec(db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL), "wal");
	t0 = now();
	/* a pipe each: the workers' results must not interleave */
	for (k = 0; k < workers; k++) {
		pid_t pid;

		if (pipe(p[k]) != 0)
			fs_die(EX_OSERR, "pipe: %s", strerror(errno));
		if ((pid = fork()) < 0)
			fs_die(EX_OSERR, "fork: %s", strerror(errno));
		if (pid == 0) {
			close(p[k][0]);
			worker(k, p[k][1]);
		}
		close(p[k][1]);
	}
	for (k = 0; k < workers; k++) {
		if (read(p[k][0], &n, sizeof n) != sizeof n)
			fs_die(EX_SOFTWARE, "a worker died");
		all = fs_xrealloc(all, (nall + n + 1) * sizeof *all);
		for (size_t got = 0; got < n * sizeof *all;) {
			ssize_t r = read(p[k][0], (char *)(all + nall) + got,
			    n * sizeof *all - got);

			if (r <= 0)
				fs_die(EX_SOFTWARE, "a worker died");
			got += (size_t)r;
		}
		nall += n;
	}
	while (wait(NULL) > 0)
		;
	el = now() - t0;
	check(db, sqlite3_exec(db, "DELETE FROM print_jobs WHERE id >= 9000000000",
	    NULL, NULL, NULL), "delete");
	check(db, sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL,
	    NULL), "checkpoint");
	sqlite3_close(db);
	qsort(all, nall, sizeof *all, cmp_double);
	printf("%.1f %.2f %.2f\n", (double)nall / el,
	    nall ? all[nall / 2] : 0.0, nall ? all[(nall * 99) / 100] : 0.0);
	free(all);
	return fs_close_stdout();
}
