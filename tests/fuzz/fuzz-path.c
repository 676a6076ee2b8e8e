/* fuzz-path.c: the input as a file, for the parsers that open a path */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"

const char *
fuzz_path(const uint8_t *data, size_t size)
{
	static char path[64];
	static int fd = -1;
	size_t off = 0;
	ssize_t w;

	if (fd == -1) {
		if ((fd = memfd_create("fuzz-input", MFD_CLOEXEC)) == -1) {
			perror("memfd_create");
			abort();
		}
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) == -1)
		abort();
	while (off < size) {
		if ((w = pwrite(fd, data + off, size - off, (off_t)off)) <= 0)
			abort();
		off += (size_t)w;
	}
	return path;
}
