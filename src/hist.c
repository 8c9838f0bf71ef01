/*
 * hist.c: fio's completion latency histogram (json+ "bins"): bucket values,
 * merging, percentiles exactly as fio computes them, and the store's text
 * form of a histogram.
 *
 * fio (stat.h, "EXECUTIVE SUMMARY") keeps 2^bits buckets per power-of-two
 * group; stat.c plat_idx_to_val() reports a bucket as the mean of its range,
 * and calc_clat_percentiles() walks the buckets in order and reports, for
 * each p, the value of the first bucket at which the cumulative count
 * reaches p/100 * nr, computed in long double.
 */
#include <stdlib.h>
#include <string.h>
#include "fioscope.h"

uint64_t fsc_plat_idx_to_val(unsigned idx, unsigned bits)
{
	unsigned val = 1u << bits, error_bits, k;
	uint64_t base;

	/* the first two groups are exact: the index is the value */
	if (idx < (val << 1))
		return idx;
	error_bits = (idx >> bits) - 1;
	base = (uint64_t)1 << (error_bits + bits);
	k = idx % val;
	return base + (uint64_t)((k + 0.5) * (double)((uint64_t)1 << error_bits));
}

uint64_t fsc_hist_percentile(const struct fsc_bin *bins, size_t n,
			     uint64_t nr, double p)
{
	long double want = (long double)p / 100.0 * nr, sum = 0;
	size_t i;

	/* in long double: the counts of saturated buckets must not wrap */
	for (i = 0; i < n; i++) {
		sum += bins[i].count;
		if (sum >= want)
			return bins[i].value_ns;
	}
	return n ? bins[n - 1].value_ns : 0;
}

/* A bucket's sum stops at UINT64_MAX rather than wrap: a wrapped count
 * would be a small, wrong number that still looks exact. */
int fsc_hist_merge(struct fsc_bin **a, size_t *na, size_t *cap,
		   const struct fsc_bin *b, size_t nb)
{
	struct fsc_bin *out;
	size_t i = 0, j = 0, k = 0;
	int sat = 0;

	if (!nb)
		return 0;
	out = fsc_malloc((*na + nb) * sizeof(*out));
	while (i < *na || j < nb) {
		if (j >= nb || (i < *na && (*a)[i].value_ns < b[j].value_ns))
			out[k++] = (*a)[i++];
		else if (i >= *na || b[j].value_ns < (*a)[i].value_ns)
			out[k++] = b[j++];
		else {
			out[k] = (*a)[i++];
			if (out[k].count > UINT64_MAX - b[j].count) {
				out[k].count = UINT64_MAX;
				sat = 1;
			} else {
				out[k].count += b[j].count;
			}
			k++;
			j++;
		}
	}
	free(*a);
	*a = out;
	*na = k;
	*cap = *na + nb;
	return sat;
}

/* Decimal digits at *s into *v, advancing *s; -1 when none or when the
 * number does not fit (a tampered store). */
static int dec(const char **s, uint64_t *v)
{
	const char *p = *s;
	uint64_t x = 0;
	unsigned d;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		d = (unsigned)(*p - '0');
		if (x > (UINT64_MAX - d) / 10)
			return -1;
		x = x * 10 + d;
	}
	*s = p;
	*v = x;
	return 0;
}

int fsc_hist_parse(const char *s, struct fsc_bin **bins, size_t *n)
{
	size_t cap = 0;

	*bins = NULL;
	*n = 0;
	while (*s == ' ')
		s++;
	if (*s++ != '{')
		return -1;
	for (;;) {
		uint64_t v, c;

		while (*s == ' ' || *s == ',')
			s++;
		if (*s == '}')
			return 0;
		if (*s++ != '"' || dec(&s, &v) < 0 || s[0] != '"' || s[1] != ':')
			break;
		s += 2;
		if (dec(&s, &c) < 0)
			break;
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*bins = fsc_realloc(*bins, cap * sizeof(**bins));
		}
		(*bins)[*n].value_ns = v;
		(*bins)[(*n)++].count = c;
	}
	free(*bins);
	*bins = NULL;
	*n = 0;
	return -1;
}

void fsc_hist_format(const struct fsc_bin *bins, size_t n,
		     struct fsc_buf *out)
{
	size_t i;

	/* "value":count, at most 20 + 20 digits and 4 more bytes each */
	fsc_buf_grow(out, n * 44 + 2);
	out->buf[out->len++] = '{';
	for (i = 0; i < n; i++) {
		if (i)
			out->buf[out->len++] = ',';
		out->buf[out->len++] = '"';
		out->len += fsc_u64_dec(bins[i].value_ns, out->buf + out->len);
		out->buf[out->len++] = '"';
		out->buf[out->len++] = ':';
		out->len += fsc_u64_dec(bins[i].count, out->buf + out->len);
	}
	out->buf[out->len++] = '}';
	out->buf[out->len] = '\0';
}
