/*
 * fuzz_logfile.c: libFuzzer target for the fio log-file reader (logfile.c).
 * The input's first line is a file name for fsc_log_name; the rest is the
 * content for fsc_log_parse, whatever the name said (a NAME_clat_hist.N.log
 * name sends it to the histogram log reader, histlog.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "fioscope.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const unsigned char *nl = memchr(data, '\n', size);
	size_t nlen = nl ? (size_t)(nl - data) : size;
	char *name = fsc_strndup((const char *)data, nlen);
	size_t clen = nl ? size - nlen - 1 : 0;
	char *content = malloc(clen + 1);
	struct fsc_log log;
	struct fsc_err err;
	size_t i;
	int rc;

	if (clen)
		memcpy(content, nl + 1, clen);
	content[clen] = '\0';
	memset(&log, 0, sizeof(log));
	if (fsc_log_name(name, &log)) {
		CHECK(log.prefix && log.kind[0] && log.job >= 0);
		CHECK(strlen(log.kind) < sizeof(log.kind));
	}
	rc = fsc_log_parse(content, clen, name, &log, &err);
	if (rc == 0 && log.niv) {
		/* #19: a histogram log (NAME_clat_hist.N.log) */
		CHECK(!strcmp(log.kind, "clat_hist") && !log.npts);
		for (i = 0; i < log.niv; i++) {
			const struct fsc_histiv *v = &log.iv[i];
			uint64_t sum = 0;
			size_t k;

			CHECK(v->ddir >= 0 && v->ddir <= 2);
			CHECK(v->time_ms >= 0 && v->bs >= 0);
			CHECK(v->nbins <= FSC_HIST_BUCKETS_FIO3);
			for (k = 0; k < v->nbins; k++) {
				CHECK(v->bins[k].count > 0);
				CHECK(!k || v->bins[k].value_ns >
				      v->bins[k - 1].value_ns);
				sum = sum > UINT64_MAX - v->bins[k].count ?
				      UINT64_MAX : sum + v->bins[k].count;
			}
			CHECK(sum == v->samples);
			if (v->samples)
				CHECK(fsc_hist_percentile(v->bins, v->nbins,
							  v->samples, 50) <=
				      fsc_hist_percentile(v->bins, v->nbins,
							  v->samples, 99.9));
		}
	} else if (rc == 0) {
		CHECK(log.npts > 0);
		for (i = 0; i < log.npts; i++) {
			CHECK(log.pts[i].ddir >= 0 && log.pts[i].ddir <= 2);
			CHECK(log.pts[i].time_ms >= 0 && log.pts[i].bs >= 0);
			CHECK(isfinite(log.pts[i].value));
		}
	} else {
		CHECK(err.msg[0]);
	}
	fsc_log_free(&log);
	free(name);
	free(content);
	return 0;
}
