/*
 * fuzz.h: what the libFuzzer harnesses in tests/fuzz/ share.
 *
 * Each fuzz-NAME.c defines LLVMFuzzerTestOneInput for one parser of the
 * project.  Built with clang -fsanitize=fuzzer it is a fuzzer (make fuzz);
 * built with replay.c instead it is an ordinary program that feeds it the
 * files named on its command line (the regression test in the suite).
 * A harness aborts (FUZZ_CHECK) when a parser's own promise is broken, so
 * that a wrong answer is found like a crash.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: broken promise: %s\n",		\
		    __FILE__, __LINE__, #cond);				\
		abort();						\
	}								\
} while (0)

/* a path that reads data[0..size) from its start, for parsers that take a
 * file name: one memfd, rewritten for each input */
const char *fuzz_path(const uint8_t *data, size_t size);

#endif
