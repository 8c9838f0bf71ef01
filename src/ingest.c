/*
 * ingest.c: the ingest pipeline.  A lister thread walks the paths and
 * appends the files as it meets them, under their canonical paths; worker
 * threads read, hash, parse and format them (ingest_task.c: the costly
 * part, on every core); the calling thread is the
 * one writer and stores finished files in walk order, in batches of whole
 * files, then refreshes the statistics.  Workers run at most WINDOW files
 * ahead of the writer, so memory stays bounded whatever the tree's size.
 * fio log files go last, so that the JSON they belong to is stored.  A dry
 * run has no writer: the calling thread reports each run's keys instead.
 */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ingest_write.h"
#include "walk.h"

#define WINDOW 64
#define MAX_THREADS 64
#define CHUNK 1024		/* tasks per block */
#define MAX_CHUNKS 65536	/* 67M files */

/* The tasks of an ingest, in the order the writer stores them: the walk
 * appends (a lister thread, while workers already parse), workers take
 * them in order, the writer consumes them in order.  Tasks live in blocks
 * that never move, so a task's address holds while the list grows. */
struct pool {
	struct task **chunk;	/* MAX_CHUNKS block pointers */
	size_t n;		/* tasks listed so far */
	int listed;		/* the walk is over: n is final */
	size_t next;		/* next task a worker takes */
	size_t done_upto;	/* the writer has consumed tasks below this */
	size_t want;		/* the task the writer waits for, or SIZE_MAX */
	int idle;		/* workers waiting */
	pthread_mutex_t mu;
	pthread_cond_t cv_work, cv_done;
	int stop;
	/* the lister's */
	char *const *paths;
	size_t npaths;
	const struct known_file *known;
	size_t nknown;
	struct fsc_walk_file *logs;	/* fio logs go last */
	size_t nlogs, caplogs;
	struct fsc_budget *budget;	/* one for all the workers */
	/* the last directory made canonical, and what it became */
	struct fsc_buf dir_in, dir_out;
};

static struct task *task_at(const struct pool *p, size_t i)
{
	return &p->chunk[i / CHUNK][i % CHUNK];
}

static int is_log_name(const char *path)
{
	struct fsc_log l;

	if (!fsc_log_name(path, &l))
		return 0;
	fsc_log_free(&l);
	return 1;
}

static void *worker(void *arg)
{
	struct pool *p = arg;
	/* this worker's json-c parser, reused for every file it parses */
	struct json_tokener *tok = fsc_fio_tokener();
	struct task *t;
	size_t i;
	int kind;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->stop && (p->next >= p->n ? !p->listed :
				    p->next >= p->done_upto + WINDOW)) {
			p->idle++;
			pthread_cond_wait(&p->cv_work, &p->mu);
			p->idle--;
		}
		if (p->stop || p->next >= p->n)
			break;
		i = p->next++;
		t = task_at(p, i);
		kind = t->kind;
		pthread_mutex_unlock(&p->mu);
		/* The writer stored task i - WINDOW (the window says so): its
		 * memory is freed here, off the writer's thread. */
		if (i >= WINDOW)
			fsc_task_clear(task_at(p, i - WINDOW));
		if (kind) {
			/* the lister's (a walk error): the writer may have it
			 * already; not a byte of it is ours */
			pthread_mutex_lock(&p->mu);
			continue;
		}
		kind = fsc_task_run(t, tok);
		pthread_mutex_lock(&p->mu);
		/* kind is written under the lock the writer reads it with */
		t->kind = kind;
		if (i == p->want)
			pthread_cond_signal(&p->cv_done);
	}
	pthread_mutex_unlock(&p->mu);
	fsc_fio_tokener_free(tok);
	return NULL;
}

static int cmp_known(const void *a, const void *b)
{
	return strcmp(((const struct known_file *)a)->path,
		      ((const struct known_file *)b)->path);
}

static struct known_file *load_known(struct fsc_store *st, size_t *n)
{
	sqlite3_stmt *s;
	struct known_file *k = NULL;
	size_t cap = 0;

	*n = 0;
	if (sqlite3_prepare_v2(fsc_store_db(st),
			"SELECT path, id, size, mtime_ns, sha256, status = 'ok', error,"
			" ino, ctime_ns, keyed_by FROM source_file", -1, &s,
			NULL) != SQLITE_OK)
		return NULL;
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *sha = (const char *)sqlite3_column_text(s, 4);
		const char *e = (const char *)sqlite3_column_text(s, 6);

		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			k = fsc_realloc(k, cap * sizeof(*k));
		}
		memset(&k[*n], 0, sizeof(k[*n]));
		k[*n].path = fsc_strdup((const char *)sqlite3_column_text(s, 0));
		k[*n].id = sqlite3_column_int64(s, 1);
		k[*n].size = sqlite3_column_int64(s, 2);
		k[*n].mtime_ns = sqlite3_column_int64(s, 3);
		snprintf(k[*n].sha256, sizeof(k[*n].sha256), "%s", sha ? sha : "");
		k[*n].ok = sqlite3_column_int(s, 5);
		k[*n].error = fsc_strdup(e);
		k[*n].ino = sqlite3_column_type(s, 7) == SQLITE_NULL ? -1 :
			    sqlite3_column_int64(s, 7);
		k[*n].ctime_ns = sqlite3_column_type(s, 8) == SQLITE_NULL ? -1 :
				 sqlite3_column_int64(s, 8);
		k[*n].keyed_by = fsc_strdup((const char *)
					    sqlite3_column_text(s, 9));
		(*n)++;
	}
	sqlite3_finalize(s);
	if (*n)		/* qsort(NULL, 0) is undefined */
		qsort(k, *n, sizeof(*k), cmp_known);
	return k;
}

/* path made canonical (fsc_canon_path), cheaply: the walk meets the files
 * of a directory one after another, so the directory is resolved once
 * (realpath reads every component of the path: ten syscalls a file) and a
 * file that is not a symlink is that directory and its name. */
static char *canon_of(struct pool *p, const char *path)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	struct fsc_buf out = FSC_BUF_INIT;
	struct stat sb;
	size_t dl = slash ? (slash == path ? 1 : (size_t)(slash - path)) : 1;

	if (!*base || !strcmp(base, ".") || !strcmp(base, "..") ||
	    lstat(path, &sb) < 0 || S_ISLNK(sb.st_mode))
		return fsc_canon_path(path);
	if (p->dir_in.len != dl ||
	    memcmp(p->dir_in.buf, slash ? path : ".", dl)) {
		char *c;

		fsc_buf_reset(&p->dir_in);
		fsc_buf_add(&p->dir_in, slash ? path : ".", dl);
		c = fsc_canon_path(p->dir_in.buf);
		fsc_buf_reset(&p->dir_out);
		fsc_buf_adds(&p->dir_out, c);
		free(c);
	}
	fsc_buf_add(&out, p->dir_out.buf, p->dir_out.len);
	if (!out.len || out.buf[out.len - 1] != '/')
		fsc_buf_add(&out, "/", 1);
	fsc_buf_adds(&out, base);
	return fsc_buf_detach(&out);
}

/* Append a task (the lister's thread); -1 past MAX_CHUNKS blocks. */
static int add_task(struct pool *p, const char *path, int named,
		    const struct fsc_err *werr)
{
	struct known_file key;
	struct task *t;
	size_t i;

	i = p->n;	/* only this thread writes n */
	if (i / CHUNK >= MAX_CHUNKS)
		return -1;
	if (!p->chunk[i / CHUNK])
		p->chunk[i / CHUNK] = fsc_calloc(CHUNK, sizeof(struct task));
	t = task_at(p, i);
	t->path = fsc_strdup(path);
	/* a file is stored under its canonical path: C, /abs/C, ./C and C//
	 * are one file (a walk error keeps the path it was given) */
	t->canon = werr ? NULL : canon_of(p, path);
	t->named = named;
	t->budget = p->budget;
	t->ticket = i;
	key.path = t->canon ? t->canon : t->path;
	t->known = p->nknown ? bsearch(&key, p->known, p->nknown,
				       sizeof(*p->known), cmp_known) : NULL;
	if (werr) {
		t->err = fsc_calloc(1, sizeof(*t->err));
		*t->err = *werr;
		t->kind = T_WALKERR;
	}
	pthread_mutex_lock(&p->mu);
	p->n = i + 1;
	if (p->idle)
		pthread_cond_signal(&p->cv_work);
	if (p->want == i)
		pthread_cond_signal(&p->cv_done);
	pthread_mutex_unlock(&p->mu);
	return 0;
}

static void on_file(void *ctx, const char *path, int named)
{
	struct pool *p = ctx;

	if (is_log_name(path)) {
		if (p->nlogs == p->caplogs) {
			p->caplogs = p->caplogs ? p->caplogs * 2 : 64;
			p->logs = fsc_realloc(p->logs,
					      p->caplogs * sizeof(*p->logs));
		}
		p->logs[p->nlogs].path = fsc_strdup(path);
		p->logs[p->nlogs++].named = named;
		return;
	}
	add_task(p, path, named, NULL);
}

static void on_walk_error(void *ctx, const struct fsc_err *e)
{
	add_task(ctx, e->path, 1, e);
}

/* The lister: the walk, in the writer's order.  One path is walked as it
 * goes (the walk meets files in sorted order); several are listed whole,
 * then sorted and made unique.  fio JSON first, then the logs. */
static void *lister(void *arg)
{
	struct pool *p = arg;
	struct fsc_walk w;
	size_t i;

	if (p->npaths == 1) {
		fsc_walk_each(p->paths, 1, on_file, on_walk_error, p);
	} else {
		fsc_walk(&w, p->paths, p->npaths, on_walk_error, p);
		for (i = 0; i < w.n; i++)
			on_file(p, w.files[i].path, w.files[i].named);
		fsc_walk_free(&w);
	}
	for (i = 0; i < p->nlogs; i++) {
		add_task(p, p->logs[i].path, p->logs[i].named, NULL);
		free(p->logs[i].path);
	}
	free(p->logs);
	pthread_mutex_lock(&p->mu);
	p->listed = 1;
	pthread_cond_broadcast(&p->cv_work);
	pthread_cond_broadcast(&p->cv_done);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Store task t, reading it again when the writer asks (an unchanged log
 * whose fio JSON was replaced lost its samples). */
static int put_task(struct writer *wr, struct task *t, struct fsc_err *err)
{
	int rc = fsc_writer_put(wr, t, err);

	if (rc == FSC_REREAD) {
		fsc_task_clear(t);
		t->known = NULL;
		t->kind = fsc_task_run(t, NULL);
		rc = fsc_writer_put(wr, t, err);
	}
	return rc < 0 ? -1 : 0;
}

static void dry_report(const struct fsc_ingest_opts *o, enum fsc_level lv,
		       const char *path, const char *msg)
{
	struct fsc_err e;

	if (!o->report)
		return;
	fsc_err_set(&e, path, "%s", msg);
	o->report(o->ctx, lv, &e);
}

/* A dry run: the keys each run of t would get, and where they came from;
 * nothing is stored. */
static void dry_put(const struct fsc_ingest_opts *o,
		    struct fsc_ingest_summary *sum, struct task *t)
{
	struct fsc_buf warn = FSC_BUF_INIT;
	struct fsc_labels ls = { .n = 0 };
	size_t i;

	if (t->kind == T_NOTFIO || t->kind == T_LOG) {
		sum->skipped++;
		return;
	}
	if (t->kind == T_FAILED) {
		sum->failed++;
		dry_report(o, FSC_ERROR, t->path, t->err->msg);
		return;
	}
	if (!fsc_keys_labels(o, fsc_task_path(t), &ls)) {
		fsc_buf_addf(&warn, "path does not match the layout '%s'",
			     o->layout);
		if (o->keep_unmatched || fsc_keys_set_covers_layout(o)) {
			dry_report(o, FSC_WARNING, t->path, warn.buf);
		} else {
			sum->unmatched++;
			fsc_buf_adds(&warn, ": would not be ingested");
			dry_report(o, FSC_ERROR, t->path, warn.buf);
			goto out;
		}
		fsc_buf_reset(&warn);
	}
	for (i = 0; i < t->res.nruns; i++) {
		struct fsc_keys k = { .labels = FSC_BUF_INIT };

		fsc_keys_resolve(o, &ls, &t->keyin[i], &k, &warn);
		if (o->keys)
			o->keys(o->ctx, t->path, i, t->res.runs[i].jobname, &k);
		fsc_buf_release(&k.labels);
	}
	if (warn.len)
		dry_report(o, FSC_WARNING, t->path, warn.buf);
	sum->ingested++;
	sum->runs += t->res.nruns;
out:
	fsc_labels_free(&ls);
	fsc_buf_release(&warn);
}

/* Resolve ".", ".." and repeated '/' of an absolute path, in place. */
static void lexical_clean(char *p)
{
	char *out = p, *in = p;

	while (*in) {
		while (*in == '/')
			in++;
		if (!*in)
			break;
		if (in[0] == '.' && (in[1] == '/' || !in[1])) {
			in++;
			continue;
		}
		if (in[0] == '.' && in[1] == '.' && (in[2] == '/' || !in[2])) {
			in += 2;
			while (out > p && *--out != '/')
				;
			continue;
		}
		*out++ = '/';
		while (*in && *in != '/')
			*out++ = *in++;
	}
	if (out == p)
		*out++ = '/';
	*out = '\0';
}

char *fsc_canon_path(const char *path)
{
	struct fsc_buf b = FSC_BUF_INIT;
	char *r = realpath(path, NULL), cwd[PATH_MAX];

	if (r)
		return r;
	if (path[0] != '/' && getcwd(cwd, sizeof(cwd))) {
		fsc_buf_adds(&b, cwd);
		fsc_buf_add(&b, "/", 1);
	}
	fsc_buf_adds(&b, path);
	lexical_clean(b.buf);
	return fsc_buf_detach(&b);
}

int fsc_ingest(struct fsc_store *st, char *const *paths, size_t npaths,
	       const struct fsc_ingest_opts *o, struct fsc_ingest_summary *sum,
	       struct fsc_err *err)
{
	struct pool p = { 0 };
	struct fsc_progress pg = { 0 };
	struct known_file *known;
	struct writer *wr = NULL;
	struct ckpt *ck = NULL;
	struct task *t;
	pthread_t th[MAX_THREADS], lt;
	size_t nknown, i, n;
	int nth = o->threads > 0 ? o->threads : fsc_cores(MAX_THREADS), started = 0;
	int lister_started = 0, rc = -1;

	if (nth > MAX_THREADS)
		nth = MAX_THREADS;
	memset(sum, 0, sizeof(*sum));
	known = o->dry_run ? NULL : load_known(st, &nknown);
	if (o->dry_run)
		nknown = 0;
	p.chunk = fsc_calloc(MAX_CHUNKS, sizeof(*p.chunk));
	p.paths = paths;
	p.npaths = npaths;
	p.known = known;
	p.nknown = nknown;
	p.want = SIZE_MAX;
	p.budget = fsc_budget_new(o->max_memory);
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv_work, NULL);
	pthread_cond_init(&p.cv_done, NULL);
	if (!o->dry_run) {
		wr = fsc_writer_new(st, o, sum, err);
		if (!wr)
			goto out;
		ck = fsc_ckpt_start(fsc_store_db(st));
	}
	/* without threads, list first and parse in this thread */
	lister_started = pthread_create(&lt, NULL, lister, &p) == 0;
	if (!lister_started)
		lister(&p);
	for (started = 0; started < nth; started++)
		if (pthread_create(&th[started], NULL, worker, &p) != 0)
			break;
	for (i = 0;; i++) {
		fsc_budget_head(p.budget, i);
		pthread_mutex_lock(&p.mu);
		p.want = i;
		while (!(i < p.n && (task_at(&p, i)->kind || !started)) &&
		       !(p.listed && i >= p.n))
			pthread_cond_wait(&p.cv_done, &p.mu);
		p.want = SIZE_MAX;
		n = p.n;
		pg.listed = p.listed;
		pthread_mutex_unlock(&p.mu);
		if (i >= n)
			break;
		t = task_at(&p, i);
		if (!t->kind)
			t->kind = fsc_task_run(t, NULL);
		pg.bytes += t->f.disk_size;
		if (t->kind == T_WALKERR) {
			sum->failed++;
			if (o->report)
				o->report(o->ctx, FSC_ERROR, t->err);
		} else if (o->dry_run) {
			dry_put(o, sum, t);
		} else if (put_task(wr, t, err) < 0 ||
			   fsc_writer_commit(wr, 0, err) < 0) {
			goto stop;
		}
		fsc_file_free(&t->f);	/* stored: its result's budget back */
		if (!started)
			fsc_task_clear(t);
		pthread_mutex_lock(&p.mu);
		p.done_upto = i + 1;
		/* wake workers only when the window moved by a quarter */
		if (p.idle && (i + 1) % (WINDOW / 4) == 0)
			pthread_cond_broadcast(&p.cv_work);
		pthread_mutex_unlock(&p.mu);
		if (o->progress) {
			pg.done = i + 1;
			pg.total = n;
			o->progress(o->ctx, &pg);
		}
	}
	if (wr && fsc_writer_commit(wr, 1, err) < 0)
		goto stop;
	rc = 0;
stop:
	fsc_budget_head(p.budget, UINT64_MAX);
	pthread_mutex_lock(&p.mu);
	p.stop = 1;
	pthread_cond_broadcast(&p.cv_work);
	pthread_mutex_unlock(&p.mu);
	while (started > 0)
		pthread_join(th[--started], NULL);
out:
	if (lister_started)
		pthread_join(lt, NULL);	/* it lists to the end regardless */
	fsc_writer_free(wr);
	sum->files = p.n;
	for (i = 0; i < p.n; i++) {
		fsc_task_clear(task_at(&p, i));
		free(task_at(&p, i)->path);
		free(task_at(&p, i)->canon);
	}
	for (i = 0; i < MAX_CHUNKS && p.chunk[i]; i++)
		free(p.chunk[i]);
	free(p.chunk);
	fsc_buf_release(&p.dir_in);
	fsc_buf_release(&p.dir_out);
	/* the statistics of what changed, while the checkpointer still
	 * copies the log behind */
	if (rc == 0 && !o->dry_run && fsc_stats_refresh(st, 0, err) < 0)
		rc = -1;
	fsc_ckpt_stop(ck);
	sum->mem_peak = fsc_budget_peak(p.budget);
	sum->mem_limit = fsc_budget_limit(p.budget);
	fsc_budget_free(p.budget);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.cv_work);
	pthread_cond_destroy(&p.cv_done);
	for (i = 0; i < nknown; i++) {
		free(known[i].path);
		free(known[i].error);
		free(known[i].keyed_by);
	}
	free(known);
	return rc;
}
