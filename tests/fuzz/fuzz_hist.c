/*
 * fuzz_hist.c: libFuzzer target for the store's histogram text form
 * (hist.c), which stats.c reads back from io_stat.clat_bins: a store
 * handed over by someone else holds whatever they wrote there.  Parse,
 * merge with itself, take percentiles, format and parse again.
 */
#include <stdlib.h>
#include <string.h>
#include "fioscope.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	char *text = fsc_strndup((const char *)data, size);
	struct fsc_bin *b, *m = NULL, *back;
	struct fsc_buf out = FSC_BUF_INIT;
	size_t n, nm = 0, cap = 0, nb, i;
	uint64_t nr = 0;

	if (fsc_hist_parse(text, &b, &n) == 0) {
		for (i = 0; i < n; i++)
			nr += b[i].count;
		(void)fsc_hist_percentile(b, n, nr, 50);
		(void)fsc_hist_percentile(b, n, nr, 99.99);
		fsc_hist_format(b, n, &out);
		CHECK(fsc_hist_parse(out.buf, &back, &nb) == 0 && nb == n);
		free(back);
		/* merging needs sorted input, as stored histograms are */
		fsc_hist_merge(&m, &nm, &cap, b, n);
		free(b);
	} else {
		CHECK(b == NULL && n == 0);
	}
	(void)fsc_plat_idx_to_val((unsigned)size % (29u << 6), 6);
	free(m);
	fsc_buf_release(&out);
	free(text);
	return 0;
}
