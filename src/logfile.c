/*
 * logfile.c: fio's per-job log files (write_bw_log, write_iops_log,
 * write_lat_log), named NAME_KIND.N.log, one sample a line:
 * "time (ms), value, direction, block size[, offset[, priority]]";
 * write_hist_log's NAME_clat_hist.N.log go to histlog.c.
 * Values are kept in fio's units here (bw KiB/s, latency ns in fio 3.x and
 * usec in 2.x); the writer converts them when it links the log to a run.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "fioscope.h"

int fsc_log_name(const char *path, struct fsc_log *log)
{
	static const char *const kinds[] = { "bw", "iops", "clat", "slat",
					     "lat" };
	const char *base = strrchr(path, '/'), *us, *dot, *end;
	size_t n = strlen(path), i, kn;
	char *e;
	long job = 1;

	base = base ? base + 1 : path;
	if (n > 3 && !strcmp(path + n - 3, ".gz"))
		n -= 3;
	end = path + n;
	if (end - base < 6 || strncmp(end - 4, ".log", 4))
		return 0;
	end -= 4;
	/* optional .N job index */
	dot = end;
	while (dot > base && isdigit((unsigned char)dot[-1]))
		dot--;
	if (dot < end && dot > base && dot[-1] == '.') {
		errno = 0;
		job = strtol(dot, &e, 10);
		if (errno || job < 0 || job > 1000000)
			return 0;
		end = dot - 1;
	}
	us = end;
	while (us > base && us[-1] != '_')
		us--;
	if (us <= base + 1)
		return 0;
	kn = (size_t)(end - us);
	/* write_hist_log's NAME_clat_hist.N.log (fio writes no other
	 * histogram log) */
	if (kn == 4 && !strncmp(us, "hist", 4) && us - base > 6 &&
	    !strncmp(us - 6, "_clat_", 6)) {
		us -= 5;
		kn += 5;
		if (us <= base + 1)
			return 0;
		memset(log, 0, sizeof(*log));
		memcpy(log->kind, "clat_hist", 10);
		log->job = (int)job;
		log->prefix = fsc_strndup(base, (size_t)(us - 1 - base));
		return 1;
	}
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strlen(kinds[i]) == kn && !strncmp(us, kinds[i], kn))
			break;
	if (i == sizeof(kinds) / sizeof(kinds[0]))
		return 0;
	memset(log, 0, sizeof(*log));
	memcpy(log->kind, us, kn);
	log->job = (int)job;
	log->prefix = fsc_strndup(base, (size_t)(us - 1 - base));
	return 1;
}

/* Read one integer field followed by ',' or the end of the line. */
static int field(const char **p, const char *end, double *out)
{
	char *e;

	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
	if (*p >= end || !(isdigit((unsigned char)**p) || **p == '-'))
		return -1;
	errno = 0;
	*out = strtod(*p, &e);
	if (errno || e > end || e == *p)
		return -1;
	*p = e;
	while (*p < end && (**p == ' ' || **p == '\t'))
		(*p)++;
	if (*p < end && **p == ',')
		(*p)++;
	return 0;
}

int fsc_log_line(const char **p, const char *end, const char **eol,
		 long *line)
{
	const char *e;

	while (*p < end) {
		e = memchr(*p, '\n', (size_t)(end - *p));
		if (!e)
			e = end;
		(*line)++;
		if (e == *p || (e - *p == 1 && **p == '\r')) {
			*p = e + 1;
			continue;
		}
		*eol = e;
		return 1;
	}
	return 0;
}

int fsc_log_parse(const char *data, size_t len, const char *path,
		  struct fsc_log *log, struct fsc_err *err)
{
	const char *p = data, *end = data + len, *eol;
	size_t cap = 0;
	long line = 0;

	if (!strcmp(log->kind, "clat_hist"))
		return fsc_histlog_parse(data, len, path, log, err);
	while (fsc_log_line(&p, end, &eol, &line)) {
		double f[4];
		int k;

		for (k = 0; k < 4; k++)
			if (field(&p, eol, &f[k]) < 0)
				break;
		/* written so that NaN ("-nan") fails every range, and the
		 * integer fields fit an int64_t */
		if (k < 4 || !(f[0] >= 0 && f[0] <= 9e15) ||
		    !(f[1] >= 0 && f[1] <= 9e18) || !(f[2] >= 0 && f[2] <= 2) ||
		    !(f[3] >= 0 && f[3] <= 9e18))
			return fsc_err_set(err, path,
				"not a fio log sample (time, value, direction, block size)"),
			       fsc_err_line(err, line);
		if (log->npts == cap) {
			cap = cap ? cap * 2 : 256;
			log->pts = fsc_realloc(log->pts, cap * sizeof(*log->pts));
		}
		log->pts[log->npts].time_ms = (int64_t)f[0];
		log->pts[log->npts].value = f[1];
		log->pts[log->npts].ddir = (int)f[2];
		log->pts[log->npts].bs = (int64_t)f[3];
		log->npts++;
		p = eol + 1;
	}
	if (!log->npts)
		return fsc_err_set(err, path, "empty fio log");
	return 0;
}

void fsc_log_free(struct fsc_log *log)
{
	free(log->prefix);
	free(log->pts);
	while (log->niv)
		free(log->iv[--log->niv].bins);
	free(log->iv);
	memset(log, 0, sizeof(*log));
}
