/*
 * replay.c: a main() for the libFuzzer targets, so that any compiler can
 * build them (make test builds $(B)/replay_TARGET) and run saved inputs:
 * replay_TARGET FILE...  feeds each file once to LLVMFuzzerTestOneInput,
 * the way `fuzz_TARGET FILE...` does.  A failed check aborts.
 */
#include <stdio.h>
#include <stdlib.h>
#include "fioscope.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

int main(int argc, char **argv)
{
	struct fsc_buf b = FSC_BUF_INIT;
	char chunk[65536];
	size_t n;
	int i;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");

		if (!f) {
			perror(argv[i]);
			return 1;
		}
		fsc_buf_reset(&b);
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			fsc_buf_add(&b, chunk, n);
		if (ferror(f)) {
			perror(argv[i]);
			fclose(f);
			return 1;
		}
		fclose(f);
		LLVMFuzzerTestOneInput((const unsigned char *)b.buf, b.len);
	}
	fsc_buf_release(&b);
	printf("replayed %d inputs\n", argc - 1);
	return 0;
}
