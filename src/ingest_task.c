/*
 * ingest_task.c: what a worker thread does with one file of an ingest:
 * stat it (the size, mtime, inode and ctime shortcut to "unchanged"), read
 * and hash it, recognise and parse it, and format the text the writer
 * binds (job options, percentiles and bins as JSON), so that the one
 * writer thread (ingest_write.c) only writes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "ingest_task.h"

static void task_prepare(struct task *t);
static void task_keyin(struct task *t, size_t i, struct fsc_buf *tmp);

void fsc_task_clear(struct task *t)
{
	size_t i;

	free(t->err);
	t->err = NULL;
	if (t->text) {
		for (i = 0; i < t->res.nruns * TASK_TEXTS; i++)
			free(t->text[i]);
		free(t->text);
		t->text = NULL;
	}
	free(t->gopts);
	t->gopts = NULL;
	if (t->names)
		for (i = 0; i < t->res.nruns; i++)
			free(t->names[i]);
	free(t->names);
	t->names = NULL;
	free(t->keyin);
	t->keyin = NULL;
	fsc_result_free(&t->res);
	fsc_log_free(&t->log);
	/* last: the budget back once the result is freed */
	fsc_file_free(&t->f);
}

int fsc_task_run(struct task *t, struct json_tokener *tok)
{
	const struct known_file *k = t->known;
	struct stat sb;
	int kind;

	/* only the tasks in flight hold an error record (2 KiB each) */
	if (!t->err)
		t->err = fsc_calloc(1, sizeof(*t->err));

	/* Unchanged by size, mtime, inode and ctime, like git's index: no
	 * read at all.  Size and mtime alone are not enough: rsync -t and
	 * touch -r give new content an old mtime, but not an old ctime, and
	 * rsync's rename gives it a new inode. */
	t->ino = t->ctime_ns = -1;
	if (stat(t->path, &sb) == 0) {
		t->ino = (int64_t)sb.st_ino;
		t->ctime_ns = (int64_t)sb.st_ctim.tv_sec * 1000000000 +
			      sb.st_ctim.tv_nsec;
	}
	if (k && k->ok && t->ino >= 0 && S_ISREG(sb.st_mode) &&
	    sb.st_size == k->size &&
	    (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec ==
	    k->mtime_ns && t->ino == k->ino && t->ctime_ns == k->ctime_ns) {
		t->f.disk_size = (uint64_t)k->size;
		t->f.mtime_ns = k->mtime_ns;
		memcpy(t->f.sha256, k->sha256, sizeof(t->f.sha256));
		return T_UNCHANGED;
	}
	switch (fsc_file_load(t->path, &t->f, t->budget, t->ticket, t->err)) {
	case 0:
		break;
	case FSC_FILE_NOT_FIO:	/* binary: not even read whole */
		return t->named ? T_FAILED : T_NOTFIO;
	default:
		return T_FAILED;
	}
	if (k && k->ok && !strcmp(k->sha256, t->f.sha256)) {
		fsc_file_free(&t->f);
		return T_UNCHANGED;
	}
	if (fsc_log_name(t->path, &t->log)) {
		if (fsc_log_parse(t->f.data, t->f.len, t->path, &t->log,
				  t->err) == 0)
			kind = T_LOG;
		else
			kind = t->named ? T_FAILED : T_NOTFIO;
	} else if (t->f.len == 0) {
		fsc_err_set(t->err, t->path, "empty file");
		kind = t->named ? T_FAILED : T_NOTFIO;
	} else if (!fsc_fio_sniff(t->f.data, t->f.len)) {
		fsc_err_set(t->err, t->path, "not fio output");
		kind = t->named ? T_FAILED : T_NOTFIO;
	} else if (fsc_fio_parse(tok, t->f.data, t->f.len, t->path, &t->res,
				 t->err) < 0) {
		kind = T_FAILED;
	} else {
		kind = T_FIO;
		task_prepare(t);
	}
	/* The content is parsed; keep only what the writer needs, and give
	 * the memory budget back but what the result takes (about twice the
	 * content: measured on json+ files) until the writer has stored and
	 * freed it. */
	fsc_file_keep(&t->f, kind == T_FIO || kind == T_LOG ?
		      2 * (uint64_t)t->f.len : 0);
	return kind;
}

/* printf's "%.6f" of a percentile, faster: when pct is a whole number of
 * millionths to within 1e-9 (fio's keys are), the digits are those of
 * that number, far from any rounding boundary. */
static void add_pct(struct fsc_buf *b, double pct)
{
	double m = pct * 1e6, r = floor(m + 0.5);
	char tmp[32];
	uint64_t u;

	if (!(pct >= 0 && pct <= 100) || fabs(m - r) > 1e-3) {
		fsc_buf_addf(b, "%.6f", pct);
		return;
	}
	u = (uint64_t)r;
	snprintf(tmp, sizeof(tmp), "%llu.%06llu",
		 (unsigned long long)(u / 1000000),
		 (unsigned long long)(u % 1000000));
	fsc_buf_adds(b, tmp);
}

/* fio's percentiles as {"99.000000": ns}, as fio 3 keys them; NULL when
 * fio gave none. */
static char *pcts_json(const struct fsc_ddir_stat *d)
{
	struct fsc_buf b = FSC_BUF_INIT;
	size_t i;

	if (!d->npcts)
		return NULL;
	fsc_buf_grow(&b, d->npcts * 24 + 2);
	fsc_buf_add(&b, "{", 1);
	for (i = 0; i < d->npcts; i++) {
		if (i + 1 < d->npcts && d->pcts[i + 1].pct == d->pcts[i].pct)
			continue;	/* the last of equal keys, as fio */
		fsc_buf_add(&b, b.len > 1 ? ",\"" : "\"", b.len > 1 ? 2 : 1);
		add_pct(&b, d->pcts[i].pct);
		fsc_buf_add(&b, "\":", 2);
		fsc_buf_add_u64(&b, d->pcts[i].value_ns);
	}
	fsc_buf_add(&b, "}", 1);
	return fsc_buf_detach(&b);
}

/* fio's options as one JSON object (fiojson.c made the keys unique: a
 * key fio repeated keeps its last value). */
static void opts_json(const struct fsc_kv *kv, size_t n, struct fsc_buf *o)
{
	size_t i;

	fsc_buf_reset(o);
	fsc_buf_add(o, "{", 1);
	for (i = 0; i < n; i++) {
		if (i)
			fsc_buf_add(o, ",", 1);
		fsc_json_string(o, kv[i].key);
		fsc_buf_add(o, ":", 1);
		if (kv[i].value)
			fsc_json_string(o, kv[i].value);
		else
			fsc_buf_adds(o, "null");
	}
	fsc_buf_add(o, "}", 1);
}

/* Format what the writer stores as text (t->text, t->gopts), so that the
 * one writer thread only binds it. */
static void task_prepare(struct task *t)
{
	struct fsc_buf b = FSC_BUF_INIT;
	char **x;
	size_t i;
	int d;

	t->text = fsc_calloc(t->res.nruns * TASK_TEXTS + 1, sizeof(*t->text));
	t->keyin = fsc_calloc(t->res.nruns + 1, sizeof(*t->keyin));
	t->names = fsc_calloc(t->res.nruns + 1, sizeof(*t->names));
	for (i = 0; i < t->res.nruns; i++)
		task_keyin(t, i, &b);
	fsc_buf_reset(&b);
	for (i = 0; i < t->res.nruns; i++) {
		const struct fsc_run *r = &t->res.runs[i];

		x = t->text + i * TASK_TEXTS;
		opts_json(r->opts, r->nopts, &b);
		x[0] = fsc_buf_detach(&b);
		for (d = 0; d < FSC_DDIR_NR; d++) {
			if (!r->dd[d].present)
				continue;
			x[1 + 2 * d] = pcts_json(&r->dd[d]);
			if (r->dd[d].has_bins) {
				fsc_hist_format(r->dd[d].bins, r->dd[d].nbins, &b);
				x[2 + 2 * d] = fsc_buf_detach(&b);
			}
		}
	}
	if (t->res.ngopts) {
		opts_json(t->res.gopts, t->res.ngopts, &b);
		t->gopts = fsc_buf_detach(&b);
	}
}

/* A client's name: fio's hostname, or "host:port" when two entries of a
 * client/server file share a host (several servers on one machine), or
 * "host#N" when even that does not tell them apart. */
static const char *run_client(const struct task *t, size_t i,
			      struct fsc_buf *tmp)
{
	const struct fsc_run *r = &t->res.runs[i];
	int same_host = 0, same_port = 0;
	size_t j;

	if (!r->client)
		return NULL;
	for (j = 0; j < t->res.nruns; j++) {
		const struct fsc_run *o = &t->res.runs[j];

		if (j == i || !o->client || strcmp(o->client, r->client))
			continue;
		same_host = 1;
		if (o->port == r->port)
			same_port = 1;
	}
	if (!same_host)
		return r->client;
	fsc_buf_reset(tmp);
	if (r->port >= 0 && !same_port)
		fsc_buf_addf(tmp, "%s:%lld", r->client, (long long)r->port);
	else
		fsc_buf_addf(tmp, "%s#%zu", r->client, i + 1);
	return tmp->buf;
}

/* What fio said of run i of t, for its keys. */
static void task_keyin(struct task *t, size_t i, struct fsc_buf *tmp)
{
	const struct fsc_run *r = &t->res.runs[i];
	struct fsc_keyin *in = &t->keyin[i];

	in->rw = fsc_result_opt(&t->res, r, "rw");
	if (!in->rw)
		in->rw = fsc_result_opt(&t->res, r, "readwrite");
	in->bs = fsc_result_opt(&t->res, r, "bs");
	if (!in->bs)
		in->bs = fsc_result_opt(&t->res, r, "blocksize");
	in->iodepth = fsc_result_opt(&t->res, r, "iodepth");
	in->numjobs = fsc_result_opt(&t->res, r, "numjobs");
	in->options = r->nopts > 0 || t->res.ngopts > 0;
	t->names[i] = fsc_strdup(run_client(t, i, tmp));
	in->client = t->names[i];
}
