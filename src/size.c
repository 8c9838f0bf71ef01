/* size.c: numbers as fio spells them (block sizes with unit suffixes) and
 * the names of fio's I/O patterns. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "fioscope.h"

int64_t fsc_parse_uint(const char *s)
{
	int64_t v = 0;

	if (!s || !*s)
		return -1;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s) || v > (INT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* fio's default kb_base=1024: k, K, KB, KiB all mean 1024. */
int64_t fsc_parse_size(const char *s)
{
	static const char units[] = "kmgtp";
	int64_t v = 0;
	const char *p, *u;
	int shift = 0;

	if (!s)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	for (p = s; isdigit((unsigned char)*p); p++) {
		if (v > (INT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (*p - '0');
	}
	if (p == s)
		return -1;
	if (*p && (u = strchr(units, tolower((unsigned char)*p)))) {
		shift = 10 * (int)(u - units + 1);
		p++;
		if (*p == 'i' || *p == 'I')
			p++;
		if (*p == 'b' || *p == 'B')
			p++;
	} else if (*p == 'b' || *p == 'B') {
		p++;
	}
	/* "4k,8k" gives the read size; "4k-16k" a range: its lower bound. */
	if (*p && *p != ',' && *p != '-' && *p != ':' && *p != '/')
		return -1;
	if (shift && v > (INT64_MAX >> shift))
		return -1;
	return v << shift;
}

const char *fsc_rw_name(const char *s)
{
	static const char *const names[] = {
		"read", "write", "trim", "randread", "randwrite", "randtrim",
		"rw", "randrw", "trimwrite", "randtrimwrite",
	};
	size_t n, i;

	if (!s)
		return NULL;
	n = strcspn(s, ":");
	if (n == 9 && !strncasecmp(s, "readwrite", 9))
		return "rw";
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && !strncasecmp(s, names[i], n))
			return names[i];
	return NULL;
}
