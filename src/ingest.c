/*
 * ingest.c: the ingest pipeline.  The walk lists the files; worker threads
 * read, hash and parse them (the costly part, on every core); the calling
 * thread is the one writer and stores finished files in walk order, in
 * batches of whole files.  Workers run at most WINDOW files ahead of the
 * writer, so memory stays bounded whatever the tree's size.  fio log files
 * go last, so that the JSON they belong to is already stored.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ingest.h"
#include "walk.h"


#define WINDOW 64
#define MAX_THREADS 64

struct pool {
	struct task *tasks;
	size_t n;
	size_t next;		/* next task a worker takes */
	size_t done_upto;	/* the writer has consumed tasks below this */
	size_t want;		/* the task the writer waits for, or n */
	int idle;		/* workers waiting for the window to move */
	pthread_mutex_t mu;
	pthread_cond_t cv_work, cv_done;
	int stop;
};

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
	size_t i;
	int kind;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->stop && p->next < p->n &&
		       p->next >= p->done_upto + WINDOW) {
			p->idle++;
			pthread_cond_wait(&p->cv_work, &p->mu);
			p->idle--;
		}
		if (p->stop || p->next >= p->n)
			break;
		i = p->next++;
		pthread_mutex_unlock(&p->mu);
		/* The writer stored task i - WINDOW (the window says so): its
		 * memory is freed here, off the writer's thread. */
		if (i >= WINDOW)
			fsc_task_clear(&p->tasks[i - WINDOW]);
		kind = fsc_task_run(&p->tasks[i]);
		pthread_mutex_lock(&p->mu);
		/* kind is written under the lock the writer reads it with */
		p->tasks[i].kind = kind;
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

static void walk_error(void *ctx, const struct fsc_err *e)
{
	const struct fsc_ingest_opts *o = ((void **)ctx)[0];
	struct fsc_ingest_summary *sum = ((void **)ctx)[1];

	sum->failed++;
	if (o->report)
		o->report(o->ctx, FSC_ERROR, e);
}

static int online_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (int)n;
}

int fsc_ingest(struct fsc_store *st, char *const *paths, size_t npaths,
	       const struct fsc_ingest_opts *o, struct fsc_ingest_summary *sum,
	       struct fsc_err *err)
{
	struct pool p = { 0 };
	struct fsc_walk w;
	struct known_file *known, key;
	struct writer *wr = NULL;
	struct ckpt *ck = NULL;
	pthread_t th[MAX_THREADS];
	void *ctx[2] = { (void *)o, sum };
	size_t nknown, i, j, nlog;
	int nth = o->threads > 0 ? o->threads : online_cores(), started = 0;
	int rc = -1;

	if (nth > MAX_THREADS)
		nth = MAX_THREADS;
	memset(sum, 0, sizeof(*sum));
	fsc_walk(&w, paths, npaths, walk_error, ctx);
	known = load_known(st, &nknown);
	/* fio JSON first, then log files */
	p.tasks = fsc_calloc(w.n + 1, sizeof(*p.tasks));
	for (nlog = 0, i = 0; i < w.n; i++)
		nlog += is_log_name(w.files[i].path);
	for (i = 0, j = 0; i < w.n; i++) {
		struct task *t;

		if (is_log_name(w.files[i].path))
			t = &p.tasks[w.n - nlog + j++];
		else
			t = &p.tasks[i - j];
		t->path = w.files[i].path;
		t->named = w.files[i].named;
		key.path = (char *)t->path;
		t->known = known ? bsearch(&key, known, nknown, sizeof(*known),
					   cmp_known) : NULL;
	}
	p.n = w.n;
	p.want = p.n;
	sum->files = w.n;
	wr = fsc_writer_new(st, o, sum, err);
	if (!wr)
		goto out;
	ck = fsc_ckpt_start(fsc_store_db(st));
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv_work, NULL);
	pthread_cond_init(&p.cv_done, NULL);
	for (started = 0; started < nth && (size_t)started < p.n; started++)
		if (pthread_create(&th[started], NULL, worker, &p) != 0)
			break;
	if (!started && p.n) {
		/* no threads: parse in this thread, one task at a time */
		for (i = 0; i < p.n; i++)
			p.tasks[i].kind = fsc_task_run(&p.tasks[i]);
	}
	for (i = 0; i < p.n; i++) {
		struct task *t = &p.tasks[i];

		pthread_mutex_lock(&p.mu);
		p.want = i;
		while (!t->kind)
			pthread_cond_wait(&p.cv_done, &p.mu);
		p.want = p.n;
		pthread_mutex_unlock(&p.mu);
		if (fsc_writer_put(wr, t, err) < 0 ||
		    fsc_writer_commit(wr, 0, err) < 0)
			goto stop;
		if (!started)
			fsc_task_clear(t);
		pthread_mutex_lock(&p.mu);
		p.done_upto = i + 1;
		/* wake workers only when the window moved by a quarter */
		if (p.idle && (i + 1) % (WINDOW / 4) == 0)
			pthread_cond_broadcast(&p.cv_work);
		pthread_mutex_unlock(&p.mu);
		if (o->progress)
			o->progress(o->ctx, i + 1, p.n);
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
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.cv_work);
	pthread_cond_destroy(&p.cv_done);
out:
	fsc_ckpt_stop(ck);
	fsc_writer_free(wr);
	for (i = 0; i < p.n; i++)
		fsc_task_clear(&p.tasks[i]);
	free(p.tasks);
	for (i = 0; i < nknown; i++) {
		free(known[i].path);
		free(known[i].error);
	}
	free(known);
	fsc_walk_free(&w);
	return rc;
}
