/*
 * where.c: the one --where grammar: "KEY=VALUE" filters parsed and
 * normalised here (sizes to bytes, ddir to its number, rw to fio's name,
 * label values escaped as the store keeps them), checked against the
 * keys and labels of a store, and matched by one SQL condition
 * (FSC_WHERE_SQL) with the filters bound as one JSON array.
 */
#include <stdlib.h>
#include <string.h>
#include "where.h"

const char *const fsc_where_keys[FSC_WHERE_NKEYS] = {
	"runtime", "backend", "rw", "bs", "clients", "iodepth", "numjobs",
	"ddir",
};

static int fixed_key(const char *k)
{
	int i;

	for (i = 0; i < FSC_WHERE_NKEYS; i++)
		if (!strcmp(fsc_where_keys[i], k))
			return i;
	return -1;
}

/* The value as the store holds it, into v; -1 with err. */
static int normalise(const char *k, const char *val, struct fsc_buf *v,
		     struct fsc_err *err)
{
	int64_t n;
	const char *p;

	if (!strcmp(k, "bs")) {
		if ((n = fsc_parse_size(val)) < 0)
			return fsc_err_set(err, NULL, "--where: bs: '%s' is not "
					   "a block size", val);
		fsc_buf_addf(v, "%lld", (long long)n);
	} else if (!strcmp(k, "clients") || !strcmp(k, "iodepth") ||
		   !strcmp(k, "numjobs")) {
		if ((n = fsc_parse_uint(val)) < 0)
			return fsc_err_set(err, NULL, "--where: %s: '%s' is not "
					   "a number", k, val);
		fsc_buf_addf(v, "%lld", (long long)n);
	} else if (!strcmp(k, "ddir")) {
		n = !strcmp(val, "read") ? 0 : !strcmp(val, "write") ? 1 :
		    !strcmp(val, "trim") ? 2 : -1;
		if (n < 0)
			return fsc_err_set(err, NULL, "--where: ddir: expected "
					   "read, write or trim, not '%s'", val);
		fsc_buf_addf(v, "%lld", (long long)n);
	} else if (!strcmp(k, "rw")) {
		if (!fsc_rw_name(val))
			return fsc_err_set(err, NULL, "--where: rw: '%s' is not "
					   "a fio pattern", val);
		fsc_buf_adds(v, fsc_rw_name(val));
	} else if (fixed_key(k) >= 0) {
		fsc_buf_adds(v, val);
	} else {
		/* a label: escaped as ingest stores it */
		for (p = val; *p; p++)
			fsc_buf_adds(v, *p == '\\' ? "\\\\" : *p == '\n' ?
				     "\\n" : (char[]){ *p, 0 });
	}
	return 0;
}

int fsc_where_add(struct fsc_where *w, const char *kv, struct fsc_err *err)
{
	const char *eq = strchr(kv, '='), *p;
	struct fsc_buf v = FSC_BUF_INIT;
	char *key;

	if (!eq || eq == kv)
		return fsc_err_set(err, NULL, "--where: expected KEY=VALUE, "
				   "got '%s'", kv);
	for (p = kv; p < eq; p++)
		if (!(*p >= 'a' && *p <= 'z') && !(*p >= 'A' && *p <= 'Z') &&
		    !(*p >= '0' && *p <= '9') && !strchr("_.-", *p))
			return fsc_err_set(err, NULL, "--where: '%.*s' is not a "
					   "key (letters, digits, _ . -)",
					   (int)(eq - kv), kv);
	key = fsc_strndup(kv, (size_t)(eq - kv));
	if (normalise(key, eq + 1, &v, err) < 0) {
		free(key);
		fsc_buf_release(&v);
		return -1;
	}
	w->keys = fsc_realloc(w->keys, (w->n + 1) * sizeof(*w->keys));
	w->keys[w->n++] = key;
	fsc_buf_adds(&w->json, w->json.len ? ",[" : "[[");
	fsc_json_string(&w->json, key);
	fsc_buf_adds(&w->json, ",");
	fsc_json_string(&w->json, v.buf);
	fsc_buf_adds(&w->json, "]");
	fsc_buf_release(&v);
	return 0;
}

void fsc_where_copy(struct fsc_where *dst, const struct fsc_where *src)
{
	size_t i;

	for (i = 0; src && i < src->n; i++) {
		dst->keys = fsc_realloc(dst->keys, (dst->n + 1) *
					sizeof(*dst->keys));
		dst->keys[dst->n++] = fsc_strdup(src->keys[i]);
	}
	if (src)
		fsc_buf_add(&dst->json, src->json.buf, src->json.len);
}

int fsc_where_has(const struct fsc_where *w, const char *key)
{
	size_t i;

	for (i = 0; w && i < w->n; i++)
		if (!strcmp(w->keys[i], key))
			return 1;
	return 0;
}

void fsc_where_free(struct fsc_where *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->keys[i]);
	free(w->keys);
	fsc_buf_release(&w->json);
	w->keys = NULL;
	w->n = 0;
}

void fsc_where_bind(const struct fsc_where *w, sqlite3_stmt *s)
{
	int i = sqlite3_bind_parameter_index(s, ":where");

	if (!i)
		return;
	if (w && w->n) {
		/* the array closed in a copy: w stays appendable */
		struct fsc_buf j = FSC_BUF_INIT;

		fsc_buf_add(&j, w->json.buf, w->json.len);
		fsc_buf_adds(&j, "]");
		sqlite3_bind_text(s, i, fsc_buf_detach(&j), -1, free);
	} else {
		sqlite3_bind_text(s, i, "[]", -1, SQLITE_STATIC);
	}
}

/* The label keys of the store's scenarios, sorted, unique. */
static int label_keys(sqlite3 *db, char ***out, size_t *nout,
		      struct fsc_err *err)
{
	static const char sql[] =
		"WITH RECURSIVE l(rest, line) AS ("
		" SELECT labels || char(10), NULL FROM scenario"
		"  WHERE labels IS NOT NULL AND labels <> ''"
		" UNION ALL SELECT substr(rest, instr(rest, char(10)) + 1),"
		"  substr(rest, 1, instr(rest, char(10)) - 1) FROM l"
		"  WHERE rest <> '')"
		" SELECT DISTINCT substr(line, 1, instr(line, '=') - 1) AS k"
		" FROM l WHERE instr(line, '=') > 1 ORDER BY k";
	sqlite3_stmt *s;
	size_t n = 0;

	*out = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return fsc_err_set(err, NULL, "%s", sqlite3_errmsg(db));
	while (sqlite3_step(s) == SQLITE_ROW) {
		*out = fsc_realloc(*out, (n + 1) * sizeof(**out));
		(*out)[n++] = fsc_strdup((const char *)
					 sqlite3_column_text(s, 0));
	}
	sqlite3_finalize(s);
	*nout = n;
	return 0;
}

int fsc_where_check(const struct fsc_where *w, sqlite3 *db,
		    struct fsc_err *err)
{
	char **labels = NULL;
	const char **names;
	const char *near;
	struct fsc_buf list = FSC_BUF_INIT;
	size_t i, j, nl = 0;
	int rc = 0;

	if (!w || !w->n)
		return 0;
	if (label_keys(db, &labels, &nl, err) < 0)
		return -1;
	names = fsc_malloc((FSC_WHERE_NKEYS + nl) * sizeof(*names));
	for (i = 0; i < FSC_WHERE_NKEYS; i++)
		names[i] = fsc_where_keys[i];
	for (i = 0; i < nl; i++)
		names[FSC_WHERE_NKEYS + i] = labels[i];
	for (i = 0; i < w->n && !rc; i++) {
		for (j = 0; j < FSC_WHERE_NKEYS + nl; j++)
			if (!strcmp(w->keys[i], names[j]))
				break;
		if (j < FSC_WHERE_NKEYS + nl)
			continue;
		for (j = 0; j < FSC_WHERE_NKEYS; j++)
			fsc_buf_addf(&list, "%s%s", j ? ", " : "", names[j]);
		fsc_buf_adds(&list, nl ? "; labels in the store: " :
			     "; no labels in the store");
		for (j = 0; j < nl; j++)
			fsc_buf_addf(&list, "%s%s", j ? ", " : "", labels[j]);
		near = fsc_suggest(w->keys[i], names, FSC_WHERE_NKEYS + nl);
		if (near)
			rc = fsc_err_set(err, NULL, "--where: unknown key '%s'; "
					 "did you mean '%s'? keys: %s", w->keys[i],
					 near, list.buf);
		else
			rc = fsc_err_set(err, NULL, "--where: unknown key '%s'; "
					 "keys: %s", w->keys[i], list.buf);
	}
	fsc_buf_release(&list);
	for (i = 0; i < nl; i++)
		free(labels[i]);
	free(labels);
	free(names);
	return rc;
}
