/*
 * layout.c: a results tree's path -> scenario labels, through a template
 * such as "{runtime}/{backend}-{rw}/{clients}/{client}/{bs}.json".  The
 * template's components are matched against the path's last components
 * (right aligned); within a component, placeholders match by backtracking,
 * and a placeholder whose value would be invalid ({rw} not a fio pattern,
 * {clients} not a number, {bs} not a size) makes the matcher try further,
 * so "{backend}-{rw}" splits "my-fs-randread" as "my-fs" and "randread".
 * "{*}" matches anything and is not kept.
 */
#include <stdlib.h>
#include <string.h>
#include "fioscope.h"

static const char *const keys[] = {
	"runtime", "backend", "rw", "bs", "clients", "client", "rep",
	"iodepth", "numjobs", "*",
};

static int valid(const char *key, const char *v, size_t n)
{
	char tmp[128];

	if (n == 0)
		return 0;
	/* free-form values (a runtime, a pod name) may be long; the checked
	 * ones below are never 128 bytes */
	if (strcmp(key, "rw") && strcmp(key, "bs") && strcmp(key, "clients") &&
	    strcmp(key, "iodepth") && strcmp(key, "numjobs"))
		return 1;
	if (n >= sizeof(tmp))
		return 0;
	memcpy(tmp, v, n);
	tmp[n] = '\0';
	if (!strcmp(key, "rw"))
		return fsc_rw_name(tmp) != NULL;
	if (!strcmp(key, "bs"))
		return fsc_parse_size(tmp) > 0;
	if (!strcmp(key, "clients") || !strcmp(key, "iodepth") ||
	    !strcmp(key, "numjobs"))
		return fsc_parse_uint(tmp) > 0;
	return 1;
}

int fsc_label_valid(const char *key, const char *value)
{
	return valid(key, value, strlen(value));
}

/* Work allowed for one component: backtracking over k placeholders is
 * O(n^k) on a name that almost matches (a directory of 200 '-' against
 * "{runtime}-{backend}-{client}-{rep}x" takes seconds, one more
 * placeholder minutes); past the budget the component does not match. */
#define MATCH_STEPS 200000L

/* Match one template component t[0..tn) against s[0..sn). */
static int match_comp(const char *t, size_t tn, const char *s, size_t sn,
		      struct fsc_labels *out, long *steps)
{
	const char *close;
	char key[32];
	size_t kn, i, mark;

	if (++*steps > MATCH_STEPS)
		return 0;
	/* literal text: a loop, not one recursion per character */
	for (; tn && *t != '{'; t++, tn--, s++, sn--)
		if (sn == 0 || *t != *s)
			return 0;
	if (tn == 0)
		return sn == 0;
	close = memchr(t, '}', tn);
	kn = (size_t)(close - t) - 1;
	memcpy(key, t + 1, kn);
	key[kn] = '\0';
	for (i = 1; i <= sn; i++) {
		if (!valid(key, s, i))
			continue;
		mark = out->n;
		if (match_comp(close + 1, tn - (size_t)(close + 1 - t), s + i,
			       sn - i, out, steps)) {
			if (strcmp(key, "*")) {
				char *v = fsc_strndup(s, i);

				fsc_labels_set(out, key, v);
				free(v);
			}
			return 1;
		}
		while (out->n > mark) {
			out->n--;
			free(out->l[out->n].key);
			free(out->l[out->n].value);
		}
	}
	return 0;
}

int fsc_layout_check(const char *t, struct fsc_err *err)
{
	const char *p = t, *close;
	size_t i;
	int ok;

	if (!*t || *t == '/')
		return fsc_err_set(err, NULL,
			"--layout: must be a relative path template");
	while ((p = strchr(p, '{'))) {
		close = strchr(p, '}');
		if (!close || memchr(p, '/', (size_t)(close - p)))
			return fsc_err_set(err, NULL,
				"--layout: unclosed '{' in '%s'", t);
		for (ok = 0, i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			if (strlen(keys[i]) == (size_t)(close - p - 1) &&
			    !strncmp(keys[i], p + 1, (size_t)(close - p - 1)))
				ok = 1;
		if (!ok)
			return fsc_err_set(err, NULL,
				"--layout: unknown placeholder '%.*s'; known: {runtime} {backend} {rw} {bs} {clients} {client} {rep} {iodepth} {numjobs} {*}",
				(int)(close - p + 1), p);
		if (close[1] == '{')
			return fsc_err_set(err, NULL,
				"--layout: placeholders need a separator between them");
		p = close + 1;
	}
	return 0;
}

int fsc_layout_match(const char *tmpl, const char *path,
		     struct fsc_labels *out)
{
	size_t tl = strlen(tmpl), pl = strlen(path);
	size_t te = tl, pe = pl, ts, ps, mark = out->n;
	long steps;

	if (pl > 3 && !strcmp(path + pl - 3, ".gz"))
		pe = pl -= 3;
	while (te > 0) {
		ts = te;
		while (ts > 0 && tmpl[ts - 1] != '/')
			ts--;
		while (pe > 0 && path[pe - 1] == '/')
			pe--;
		if (pe == 0)
			goto fail;
		ps = pe;
		while (ps > 0 && path[ps - 1] != '/')
			ps--;
		steps = 0;
		if (!match_comp(tmpl + ts, te - ts, path + ps, pe - ps, out,
				&steps))
			goto fail;
		te = ts ? ts - 1 : 0;
		pe = ps;
	}
	return 1;
fail:
	while (out->n > mark) {
		out->n--;
		free(out->l[out->n].key);
		free(out->l[out->n].value);
	}
	return 0;
}

int fsc_labels_set(struct fsc_labels *ls, const char *key, const char *value)
{
	size_t i;

	for (i = 0; i < ls->n; i++)
		if (!strcmp(ls->l[i].key, key)) {
			free(ls->l[i].value);
			ls->l[i].value = fsc_strdup(value);
			return 0;
		}
	if (ls->n == FSC_MAX_LABELS)
		return -1;
	ls->l[ls->n].key = fsc_strdup(key);
	ls->l[ls->n].value = fsc_strdup(value);
	ls->n++;
	return 0;
}

const char *fsc_labels_get(const struct fsc_labels *ls, const char *key)
{
	size_t i;

	for (i = 0; i < ls->n; i++)
		if (!strcmp(ls->l[i].key, key))
			return ls->l[i].value;
	return NULL;
}

void fsc_labels_free(struct fsc_labels *ls)
{
	size_t i;

	for (i = 0; i < ls->n; i++) {
		free(ls->l[i].key);
		free(ls->l[i].value);
	}
	ls->n = 0;
}
