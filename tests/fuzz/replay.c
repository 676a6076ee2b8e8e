/*
 * replay.c: a harness without libFuzzer.  Each FILE named on the command
 * line is fed to LLVMFuzzerTestOneInput once; a crash or a broken promise
 * aborts, so the status says whether every file passed.  This is how the
 * suite replays the seed corpora and the crash reproducers with gcc (and
 * under --enable-sanitizers, with ASan and UBSan).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fluxstat.h"
#include "fuzz.h"

int
main(int argc, char *argv[])
{
	struct fs_buf b = FS_BUF_INIT;
	FILE *report;
	int i;

	fs_setprogname(argv[0]);
	/* a harness may send stdout to /dev/null (fluxstat-bson's rows): the
	 * count goes to the stdout we were given */
	if ((i = dup(STDOUT_FILENO)) == -1 || (report = fdopen(i, "w")) == NULL)
		fs_die(EX_OSERR, "stdout: %s", strerror(errno));
	for (i = 1; i < argc; i++) {
		fs_buf_reset(&b);
		if (fs_read_file(argv[i], &b) == -1)
			return EX_NOINPUT;
		/* an exact-size copy, so ASan sees a read one byte too far */
		{
			uint8_t *copy = fs_xmalloc(b.len ? b.len : 1);

			if (b.len > 0)
				memcpy(copy, b.p, b.len);
			LLVMFuzzerTestOneInput(copy, b.len);
			free(copy);
		}
	}
	fs_buf_free(&b);
	fprintf(report, "%d input(s) replayed\n", argc - 1);
	if (fclose(report) != 0)
		fs_die(EX_IOERR, "stdout: %s", strerror(errno));
	return 0;
}
