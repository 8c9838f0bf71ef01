/*
 * ingest.c: the ingest pipeline.  A lister thread walks the paths and
 * appends the files as it meets them; worker threads read, hash, parse and
 * format them (the costly part, on every core); the calling thread is the
 * one writer and stores finished files in walk order, in batches of whole
 * files, then refreshes the statistics.  Workers run at most WINDOW files
 * ahead of the writer, so memory stays bounded whatever the tree's size.
 * fio log files go last, so that the JSON they belong to is stored.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ingest.h"
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
	fsc_file_free(&t->f);
	fsc_result_free(&t->res);
	fsc_log_free(&t->log);
}

int fsc_task_run(struct task *t)
{
	const struct known_file *k = t->known;
	struct stat sb;
	int kind;

	/* only the tasks in flight hold an error record (2 KiB each) */
	if (!t->err)
		t->err = fsc_calloc(1, sizeof(*t->err));

	/* Unchanged by size and mtime, like git's index: no read at all. */
	if (k && k->ok && stat(t->path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    sb.st_size == k->size &&
	    (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec ==
	    k->mtime_ns) {
		t->f.disk_size = (uint64_t)k->size;
		t->f.mtime_ns = k->mtime_ns;
		memcpy(t->f.sha256, k->sha256, sizeof(t->f.sha256));
		return T_UNCHANGED;
	}
	if (fsc_file_read(t->path, &t->f, t->err) < 0) {
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
	} else if (fsc_fio_parse(t->f.data, t->f.len, t->path, &t->res,
				 t->err) < 0) {
		kind = T_FAILED;
	} else {
		kind = T_FIO;
		fsc_task_prepare(t);
	}
	/* The content is parsed; keep only what the writer needs. */
	free(t->f.data);
	t->f.data = NULL;
	return kind;
}

static void *worker(void *arg)
{
	struct pool *p = arg;
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
		kind = fsc_task_run(t);
		pthread_mutex_lock(&p->mu);
		/* kind is written under the lock the writer reads it with */
		t->kind = kind;
		if (i == p->want)
			pthread_cond_signal(&p->cv_done);
	}
	pthread_mutex_unlock(&p->mu);
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
			"SELECT path, id, size, mtime_ns, sha256, status = 'ok', error"
			" FROM source_file", -1, &s, NULL) != SQLITE_OK)
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
		(*n)++;
	}
	sqlite3_finalize(s);
	if (*n)		/* qsort(NULL, 0) is undefined */
		qsort(k, *n, sizeof(*k), cmp_known);
	return k;
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
	t->named = named;
	key.path = t->path;
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
	known = load_known(st, &nknown);
	p.chunk = fsc_calloc(MAX_CHUNKS, sizeof(*p.chunk));
	p.paths = paths;
	p.npaths = npaths;
	p.known = known;
	p.nknown = nknown;
	p.want = SIZE_MAX;
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv_work, NULL);
	pthread_cond_init(&p.cv_done, NULL);
	wr = fsc_writer_new(st, o, sum, err);
	if (!wr)
		goto out;
	ck = fsc_ckpt_start(fsc_store_db(st));
	/* without threads, list first and parse in this thread */
	lister_started = pthread_create(&lt, NULL, lister, &p) == 0;
	if (!lister_started)
		lister(&p);
	for (started = 0; started < nth; started++)
		if (pthread_create(&th[started], NULL, worker, &p) != 0)
			break;
	for (i = 0;; i++) {
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
			t->kind = fsc_task_run(t);
		pg.bytes += t->f.disk_size;
		if (t->kind == T_WALKERR) {
			sum->failed++;
			if (o->report)
				o->report(o->ctx, FSC_ERROR, t->err);
		} else if (fsc_writer_put(wr, t, err) < 0 ||
			   fsc_writer_commit(wr, 0, err) < 0) {
			goto stop;
		}
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
	if (fsc_writer_commit(wr, 1, err) < 0)
		goto stop;
	rc = 0;
stop:
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
	}
	for (i = 0; i < MAX_CHUNKS && p.chunk[i]; i++)
		free(p.chunk[i]);
	free(p.chunk);
	/* the statistics of what changed, while the checkpointer still
	 * copies the log behind */
	if (rc == 0 && fsc_stats_refresh(st, 0, err) < 0)
		rc = -1;
	fsc_ckpt_stop(ck);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.cv_work);
	pthread_cond_destroy(&p.cv_done);
	for (i = 0; i < nknown; i++) {
		free(known[i].path);
		free(known[i].error);
	}
	free(known);
	return rc;
}
