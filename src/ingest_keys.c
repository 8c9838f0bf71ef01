/*
 * ingest_keys.c: the scenario keys of a run, and where each came from.
 * fio's own options first (rw, bs, iodepth, numjobs), then --set, then the
 * canonical path through the --layout template; a client's name from a
 * label, else from fio (client/server output).  The writer keys new runs
 * with it, re-keys stored ones with it (from their stored options, without
 * reading the file again), and a dry run prints it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ingest.h"

const char *const fsc_key_names[FSC_K_NR] = {
	[FSC_K_RUNTIME] = "runtime", [FSC_K_BACKEND] = "backend",
	[FSC_K_RW] = "rw", [FSC_K_BS] = "bs", [FSC_K_CLIENTS] = "clients",
	[FSC_K_IODEPTH] = "iodepth", [FSC_K_NUMJOBS] = "numjobs",
	[FSC_K_REP] = "rep", [FSC_K_CLIENT] = "client",
};

const char *const fsc_key_src_names[] = {
	[FSC_SRC_NONE] = "unknown", [FSC_SRC_JSON] = "JSON",
	[FSC_SRC_LAYOUT] = "layout", [FSC_SRC_SET] = "--set",
	[FSC_SRC_DEFAULT] = "fio's default",
};

/* A key neither fio's reported job options nor the layout state ran
 * with fio's default (fio 3.33 --cmdhelp: rw read, bs 4096, iodepth 1, numjobs 1):
 * stated or not, the same settings make the same scenario, and the run
 * keeps which keys were defaults (run.defaults). */
static void fio_defaults(struct fsc_keys *k)
{
	if (!k->rw) {
		k->rw = "read";
		k->src[FSC_K_RW] = FSC_SRC_DEFAULT;
	}
	if (k->bs < 0) {
		k->bs = 4096;
		k->src[FSC_K_BS] = FSC_SRC_DEFAULT;
	}
	if (k->iodepth < 0) {
		k->iodepth = 1;
		k->src[FSC_K_IODEPTH] = FSC_SRC_DEFAULT;
	}
	if (k->numjobs < 0) {
		k->numjobs = 1;
		k->src[FSC_K_NUMJOBS] = FSC_SRC_DEFAULT;
	}
}

static int is_known_key(const char *k)
{
	int i;

	for (i = 0; i < FSC_K_NR; i++)
		if (!strcmp(k, fsc_key_names[i]))
			return 1;
	return 0;
}

int fsc_keys_labels(const struct fsc_ingest_opts *o, const char *path,
		    struct fsc_labels *ls)
{
	int match = 1;
	size_t i;

	if (o->layout)
		match = fsc_layout_match(o->layout, path, ls);
	for (i = 0; i < o->sets.n; i++)
		fsc_labels_set(ls, o->sets.l[i].key, o->sets.l[i].value);
	fsc_labels_utf8(ls);	/* valid UTF-8 at the door (escape.c) */
	return match;
}

int fsc_keys_set_covers_layout(const struct fsc_ingest_opts *o)
{
	const char *p = o->layout, *close;
	char key[32];

	if (!p)
		return 1;
	while ((p = strchr(p, '{')) && (close = strchr(p, '}'))) {
		snprintf(key, sizeof(key), "%.*s", (int)(close - p - 1), p + 1);
		if (strcmp(key, "*") && !fsc_labels_get(&o->sets, key))
			return 0;
		p = close + 1;
	}
	return 1;
}

static enum fsc_key_src label_src(const struct fsc_ingest_opts *o,
				  const struct fsc_labels *ls, const char *key)
{
	if (!fsc_labels_get(ls, key))
		return FSC_SRC_NONE;
	return fsc_labels_get(&o->sets, key) ? FSC_SRC_SET : FSC_SRC_LAYOUT;
}

static int cmp_label(const void *a, const void *b)
{
	return strcmp(((const struct fsc_label *)a)->key,
		      ((const struct fsc_label *)b)->key);
}

/* A label key or value in the '\n'-separated labels text: '\\' and a
 * newline are written as \\ and \n, so that one label holding a newline
 * cannot pass for two labels (and share their scenario). */
static void label_add(struct fsc_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fsc_buf_add(b, "\\\\", 2);
		else if (*s == '\n')
			fsc_buf_add(b, "\\n", 2);
		else
			fsc_buf_add(b, s, 1);
	}
}

static void disagree(struct fsc_buf *warn, const char *name,
		     const char *fio, const char *label)
{
	if (warn && !warn->len)
		fsc_buf_addf(warn, "%s is '%s' in fio's options but '%s' in the path or --set; keeping fio's",
			     name, fio, label);
}

/* A numeric key: fio's value wins over the label. */
static int64_t num_key(const struct fsc_ingest_opts *o,
		       const struct fsc_labels *ls, struct fsc_keys *k,
		       int key, const char *fio, int size,
		       struct fsc_buf *warn)
{
	const char *name = fsc_key_names[key];
	const char *label = fsc_labels_get(ls, name);
	int64_t f = -1, l = -1;

	if (fio)
		f = size ? fsc_parse_size(fio) : fsc_parse_uint(fio);
	if (label)
		l = size ? fsc_parse_size(label) : fsc_parse_uint(label);
	if (f > 0 && l > 0 && f != l)
		disagree(warn, name, fio, label);
	k->src[key] = f > 0 ? FSC_SRC_JSON :
		      l > 0 ? label_src(o, ls, name) : FSC_SRC_NONE;
	return f > 0 ? f : l > 0 ? l : -1;
}

void fsc_keys_resolve(const struct fsc_ingest_opts *o,
		      const struct fsc_labels *ls, const struct fsc_keyin *in,
		      struct fsc_keys *k, struct fsc_buf *warn)
{
	const char *lrw = fsc_labels_get(ls, "rw");
	struct fsc_label sorted[FSC_MAX_LABELS];
	size_t i, n = 0;
	int key;

	memset(k->src, 0, sizeof(k->src));
	k->runtime = fsc_labels_get(ls, "runtime");
	k->backend = fsc_labels_get(ls, "backend");
	k->rep = fsc_labels_get(ls, "rep");
	k->client = fsc_labels_get(ls, "client");
	for (key = 0; key < FSC_K_NR; key++)
		if (key != FSC_K_RW && key != FSC_K_BS &&
		    key != FSC_K_IODEPTH && key != FSC_K_NUMJOBS)
			k->src[key] = label_src(o, ls, fsc_key_names[key]);
	if (!k->client && in->client) {
		k->client = in->client;
		k->src[FSC_K_CLIENT] = FSC_SRC_JSON;
	}
	k->rw = fsc_rw_name(in->rw);
	if (k->rw && lrw && fsc_rw_name(lrw) &&
	    strcmp(k->rw, fsc_rw_name(lrw)))
		disagree(warn, "rw", in->rw, lrw);
	k->src[FSC_K_RW] = k->rw ? FSC_SRC_JSON : FSC_SRC_NONE;
	if (!k->rw && (k->rw = fsc_rw_name(lrw)))
		k->src[FSC_K_RW] = label_src(o, ls, "rw");
	k->bs = num_key(o, ls, k, FSC_K_BS, in->bs, 1, warn);
	k->iodepth = num_key(o, ls, k, FSC_K_IODEPTH, in->iodepth, 0, warn);
	k->numjobs = num_key(o, ls, k, FSC_K_NUMJOBS, in->numjobs, 0, warn);
	if (in->options)
		fio_defaults(k);
	k->clients = fsc_labels_get(ls, "clients") ?
		     fsc_parse_uint(fsc_labels_get(ls, "clients")) : -1;
	if (k->clients <= 0) {
		k->clients = -1;
		k->src[FSC_K_CLIENTS] = FSC_SRC_NONE;
	}
	for (i = 0; i < ls->n; i++)
		if (!is_known_key(ls->l[i].key))
			sorted[n++] = ls->l[i];
	qsort(sorted, n, sizeof(sorted[0]), cmp_label);
	fsc_buf_reset(&k->labels);
	for (i = 0; i < n; i++) {
		if (i)
			fsc_buf_add(&k->labels, "\n", 1);
		label_add(&k->labels, sorted[i].key);
		fsc_buf_add(&k->labels, "=", 1);
		label_add(&k->labels, sorted[i].value);
	}
}

/* Canonical scenario key: each value escaped so no two keys collide. */
static void key_add(struct fsc_buf *k, const char *name, const char *v)
{
	fsc_buf_adds(k, name);
	if (!v) {
		fsc_buf_adds(k, "?;");
		return;
	}
	fsc_buf_add(k, "=", 1);
	for (; *v; v++) {
		if (*v == ';' || *v == '\\' || *v == '?' || *v == '=')
			fsc_buf_add(k, "\\", 1);
		fsc_buf_add(k, v, 1);
	}
	fsc_buf_add(k, ";", 1);
}

static void key_num(struct fsc_buf *k, const char *name, int64_t v)
{
	char num[24];

	snprintf(num, sizeof(num), "%lld", (long long)v);
	key_add(k, name, v > 0 ? num : NULL);
}

void fsc_keys_scenario(const struct fsc_keys *k, struct fsc_buf *out)
{
	fsc_buf_reset(out);
	key_add(out, "runtime", k->runtime);
	key_add(out, "backend", k->backend);
	key_add(out, "rw", k->rw);
	key_num(out, "bs", k->bs);
	key_num(out, "clients", k->clients);
	key_num(out, "iodepth", k->iodepth);
	key_num(out, "numjobs", k->numjobs);
	key_add(out, "labels", k->labels.len ? k->labels.buf : "");
}

void fsc_keys_by(const struct fsc_ingest_opts *o, struct fsc_buf *out)
{
	size_t i;

	fsc_buf_reset(out);
	key_add(out, "layout", o->layout);
	for (i = 0; i < o->sets.n; i++) {
		key_add(out, "set", o->sets.l[i].key);
		key_add(out, "=", o->sets.l[i].value);
	}
}
