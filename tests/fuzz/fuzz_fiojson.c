/*
 * fuzz_fiojson.c: libFuzzer target for the fio JSON parser (fiojson.c):
 * fsc_fio_sniff and fsc_fio_parse on arbitrary bytes, then the checks the
 * writer relies on: a failed parse leaves the result empty with a one-line
 * message; a successful one has sorted, bounded bins and percentiles whose
 * store text form (hist.c) reads back identically.
 */
#include <stdlib.h>
#include <string.h>
#include "fioscope.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static void check_msg(const struct fsc_err *e)
{
	size_t i;

	CHECK(e->msg[0] != '\0');
	for (i = 0; e->msg[i]; i++)
		CHECK((unsigned char)e->msg[i] >= 0x20);
}

static void check_ddir(const struct fsc_ddir_stat *d)
{
	struct fsc_buf b = FSC_BUF_INIT;
	struct fsc_bin *back;
	size_t i, n;

	for (i = 0; i < d->nbins; i++) {
		CHECK(d->bins[i].count > 0);
		CHECK(i == 0 || d->bins[i - 1].value_ns < d->bins[i].value_ns);
	}
	for (i = 0; i < d->npcts; i++)
		CHECK(d->pcts[i].pct > 0 && d->pcts[i].pct <= 100);
	CHECK(d->io_bytes <= ((uint64_t)1 << 60));
	if (!d->has_bins)
		return;
	fsc_hist_format(d->bins, d->nbins, &b);
	CHECK(fsc_hist_parse(b.buf, &back, &n) == 0);
	CHECK(n == d->nbins);
	CHECK(n == 0 || !memcmp(back, d->bins, n * sizeof(*back)));
	(void)fsc_hist_percentile(back, n, d->total_ios, 99.0);
	free(back);
	fsc_buf_release(&b);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	/* one tokener for every input, reused as a worker reuses its own */
	static struct json_tokener *tok;
	struct fsc_result res;
	struct fsc_err err;
	char *buf = malloc(size + 1);
	size_t i;
	int d;

	/* fsc_file_read hands the parser a NUL-terminated copy */
	memcpy(buf, data, size);
	buf[size] = '\0';
	(void)fsc_fio_sniff(buf, size);
	memset(&err, 0, sizeof(err));
	if (!tok)
		tok = fsc_fio_tokener();
	CHECK(tok);
	if (fsc_fio_parse(tok, buf, size, "fuzz.json", &res, &err) < 0) {
		check_msg(&err);
		CHECK(!res.runs && !res.nruns && !res.snaps && !res.gopts &&
		      !res.fio_version);
	} else {
		CHECK(res.ndocs >= 1 && res.fio_version);
		for (i = 0; i < res.nruns; i++) {
			const struct fsc_run *r = &res.runs[i];

			(void)fsc_rw_name(fsc_result_opt(&res, r, "rw"));
			(void)fsc_result_opt(&res, r, "bs");
			for (d = 0; d < FSC_DDIR_NR; d++)
				check_ddir(&r->dd[d]);
		}
		for (i = 0; i < res.nsnaps; i++)
			CHECK(res.snaps[i].ddir >= 0 &&
			      res.snaps[i].ddir < FSC_DDIR_NR);
	}
	fsc_result_free(&res);
	free(buf);
	return 0;
}
