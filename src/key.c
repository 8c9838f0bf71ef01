/*
 * key.c: the scenario vocabulary (key.h): the keys, their kinds, orders
 * and display.  Every reader (ls, observe, report, figures) orders and
 * names keys through these, so that they agree.
 */
#include <stdlib.h>
#include <string.h>
#include "key.h"

static const char *const names[] = {
	"runtime", "backend", "rw", "bs", "clients", "iodepth", "numjobs",
};

enum fsc_key_id fsc_key_id(const char *name)
{
	size_t i;

	for (i = 0; name && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i]))
			return (enum fsc_key_id)i;
	return FSC_KEY_LABEL;
}

const char *fsc_key_name(enum fsc_key_id k)
{
	return k < FSC_KEY_LABEL ? names[k] : "label";
}

enum fsc_key_kind fsc_key_kind(enum fsc_key_id k)
{
	switch (k) {
	case FSC_KEY_RUNTIME: case FSC_KEY_BACKEND: case FSC_KEY_LABEL:
		return FSC_KEY_CATEGORICAL;
	case FSC_KEY_RW:
		return FSC_KEY_PATTERN;
	default:
		return FSC_KEY_NUMERIC;
	}
}

static int rank_in(const char *const *list, size_t n, const char *s)
{
	size_t i;

	for (i = 0; s && i < n; i++)
		if (!strcmp(s, list[i]))
			return (int)i;
	return (int)n;
}

int fsc_key_rw_rank(const char *rw)
{
	/* fio's HOWTO lists readwrite= in this order */
	static const char *const order[] = { "read", "randread", "write",
		"randwrite", "rw", "randrw", "trim", "randtrim", "trimwrite",
		"randtrimwrite" };

	return rank_in(order, sizeof(order) / sizeof(order[0]), rw);
}

int fsc_key_runtime_rank(const char *runtime)
{
	/* the documented default baseline first, then the reference
	 * campaign's runtimes from the least to the most layered */
	static const char *const order[] = { "bare-metal", "runc", "kata-9p",
		"kata-virtiofs", "kata-virtiofs-dax" };

	return rank_in(order, sizeof(order) / sizeof(order[0]), runtime);
}

int fsc_key_is_number(const char *s)
{
	char *end;

	if (!s || !*s || *s == '-' || *s == '+' || *s == ' ')
		return 0;
	(void)strtoll(s, &end, 10);
	return !*end;
}

int fsc_key_cmp(enum fsc_key_id k, const char *a, const char *b)
{
	int c;

	if (!a || !b)
		return !a - !b;
	if (fsc_key_is_number(a) && fsc_key_is_number(b)) {
		long long x = strtoll(a, NULL, 10), y = strtoll(b, NULL, 10);

		return x < y ? -1 : x > y;
	}
	if (k == FSC_KEY_RUNTIME &&
	    (c = fsc_key_runtime_rank(a) - fsc_key_runtime_rank(b)))
		return c;
	if (k == FSC_KEY_RW && (c = fsc_key_rw_rank(a) - fsc_key_rw_rank(b)))
		return c;
	return strcmp(a, b);
}

void fsc_key_bs_short(int64_t bs, struct fsc_buf *out)
{
	if (bs >= 1024 && bs % 1048576 == 0)
		fsc_buf_addf(out, "%lldm", (long long)(bs / 1048576));
	else if (bs >= 1024 && bs % 1024 == 0)
		fsc_buf_addf(out, "%lldk", (long long)(bs / 1024));
	else if (bs >= 0)
		fsc_buf_addf(out, "%lld", (long long)bs);
}

void fsc_key_bs_long(int64_t bs, struct fsc_buf *out)
{
	if (bs >= 1024 && bs % 1048576 == 0)
		fsc_buf_addf(out, "%lld MiB", (long long)(bs / 1048576));
	else if (bs >= 1024 && bs % 1024 == 0)
		fsc_buf_addf(out, "%lld KiB", (long long)(bs / 1024));
	else if (bs >= 0)
		fsc_buf_addf(out, "%lld B", (long long)bs);
}

void fsc_key_phrase(enum fsc_key_id k, const char *label, int64_t v,
		    struct fsc_buf *out)
{
	switch (k) {
	case FSC_KEY_BS:
		fsc_key_bs_long(v, out);
		break;
	case FSC_KEY_CLIENTS:
		fsc_buf_addf(out, "%lld client%s", (long long)v,
			     v == 1 ? "" : "s");
		break;
	case FSC_KEY_NUMJOBS:
		fsc_buf_addf(out, "%lld job%s", (long long)v, v == 1 ? "" : "s");
		break;
	case FSC_KEY_IODEPTH:
		fsc_buf_addf(out, "iodepth %lld", (long long)v);
		break;
	default:
		fsc_buf_addf(out, "%s %lld", label ? label : fsc_key_name(k),
			     (long long)v);
		break;
	}
}

/* The line of labels that holds label name, its length in *len. */
static const char *label_line(const char *labels, const char *name,
			      size_t *len)
{
	size_t n = strlen(name);
	const char *p = labels;

	while (p && *p) {
		const char *e = strchr(p, '\n');
		size_t l = e ? (size_t)(e - p) : strlen(p);

		if (l > n && !strncmp(p, name, n) && p[n] == '=') {
			*len = l;
			return p;
		}
		p = e ? e + 1 : NULL;
	}
	return NULL;
}

char *fsc_key_label_get(const char *labels, const char *name)
{
	size_t l, n = strlen(name);
	const char *p = label_line(labels, name, &l);
	char *v;

	if (!p)
		return NULL;
	v = fsc_calloc(l - n, 1);
	memcpy(v, p + n + 1, l - n - 1);
	return v;
}

char *fsc_key_label_drop(const char *labels, const char *name)
{
	struct fsc_buf b = FSC_BUF_INIT;
	size_t n = strlen(name);
	const char *p = labels;

	if (!labels)
		return NULL;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t l = e ? (size_t)(e - p) : strlen(p);

		if (!(l > n && !strncmp(p, name, n) && p[n] == '=')) {
			if (b.len)
				fsc_buf_adds(&b, "\n");
			fsc_buf_add(&b, p, l);
		}
		p += l + (e != NULL);
	}
	return b.len ? fsc_buf_detach(&b) : fsc_strdup("");
}

void fsc_key_tidy(const char *s, struct fsc_buf *out)
{
	size_t start = out->len;

	for (; *s; s++) {
		char *o = out->buf + start;
		size_t n = out->len - start;

		if (*s == ' ' && (!n || o[n - 1] == ' '))
			continue;	/* one space, none first */
		if ((*s == ',' || *s == ':') && n && o[n - 1] == ' ' &&
		    (n < 2 || o[n - 2] == ',' || o[n - 2] == ':')) {
			continue;	/* ", ," and ": ," lose the second */
		}
		if (*s == ',' && n && o[n - 1] == ' ')
			out->buf[--out->len] = '\0';	/* " ," */
		if (*s == ',' && (!n || o[n - 1] == ':' || o[n - 1] == ','))
			continue;
		fsc_buf_add(out, s, 1);
	}
	while (out->len > start && (out->buf[out->len - 1] == ' ' ||
	       out->buf[out->len - 1] == ',' || out->buf[out->len - 1] == ':'))
		out->buf[--out->len] = '\0';
}
