/*
 * fuzz_layout.c: libFuzzer target for the --layout matcher (layout.c) and
 * the number spellings it validates with (size.c).  Input: a template, a
 * newline, then a path.  A template that fsc_layout_check refuses is never
 * matched (that is what ingest does).
 */
#include <stdlib.h>
#include <string.h>
#include "fioscope.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const unsigned char *nl = memchr(data, '\n', size);
	size_t tlen = nl ? (size_t)(nl - data) : size;
	char *tmpl = fsc_strndup((const char *)data, tlen);
	char *path = nl ? fsc_strndup((const char *)nl + 1, size - tlen - 1) :
			  fsc_strdup("");
	struct fsc_labels ls = { .n = 0 };
	struct fsc_err err;
	size_t i;

	(void)fsc_parse_size(path);
	(void)fsc_parse_uint(path);
	(void)fsc_rw_name(path);
	if (fsc_layout_check(tmpl, &err) == 0) {
		if (fsc_layout_match(tmpl, path, &ls)) {
			for (i = 0; i < ls.n; i++)
				CHECK(ls.l[i].key && ls.l[i].value &&
				      strcmp(ls.l[i].key, "*"));
		} else {
			CHECK(ls.n == 0);
		}
	} else {
		CHECK(err.msg[0]);
	}
	fsc_labels_free(&ls);
	free(tmpl);
	free(path);
	return 0;
}
