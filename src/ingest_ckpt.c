/*
 * ingest_ckpt.c: the WAL checkpointer of an ingest.  SQLite copies the
 * write-ahead log back into the database (a checkpoint) from within the
 * commit that crosses wal_autocheckpoint, and again on close: on the one
 * writer thread, which is ingest's critical path.  Here a second
 * connection does it from its own thread, in PASSIVE mode (it never
 * blocks the writer), whenever CKPT_PAGES pages were committed since the
 * last time.  Close then only has the tail left.
 */
#include <pthread.h>
#include <stdlib.h>
#include "ingest_write.h"

#define CKPT_PAGES 256	/* 1 MiB of 4 KiB pages */

struct ckpt {
	sqlite3 *writer, *db;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int want, stop;
};

/* sqlite3_wal_hook: after each commit of the writer, pages in the WAL */
static int hook(void *arg, sqlite3 *db, const char *name, int pages)
{
	struct ckpt *c = arg;

	(void)db;
	(void)name;
	if (pages >= CKPT_PAGES) {
		pthread_mutex_lock(&c->mu);
		c->want = 1;
		pthread_cond_signal(&c->cv);
		pthread_mutex_unlock(&c->mu);
	}
	return SQLITE_OK;
}

static void *run(void *arg)
{
	struct ckpt *c = arg;

	pthread_mutex_lock(&c->mu);
	for (;;) {
		while (!c->want && !c->stop)
			pthread_cond_wait(&c->cv, &c->mu);
		if (!c->want)
			break;
		c->want = 0;
		pthread_mutex_unlock(&c->mu);
		/* PASSIVE: copies what no reader still needs; a busy store
		 * only means less is copied this time */
		sqlite3_wal_checkpoint_v2(c->db, "main",
					  SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&c->mu);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

struct ckpt *fsc_ckpt_start(sqlite3 *writer)
{
	struct ckpt *c = fsc_calloc(1, sizeof(*c));
	const char *path = sqlite3_db_filename(writer, "main");

	c->writer = writer;
	if (!path || !*path ||
	    sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_exec(c->db, "PRAGMA synchronous = NORMAL", NULL, NULL,
			 NULL) != SQLITE_OK)
		goto fail;
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	if (pthread_create(&c->th, NULL, run, c) != 0) {
		pthread_mutex_destroy(&c->mu);
		pthread_cond_destroy(&c->cv);
		goto fail;
	}
	/* replaces the autocheckpoint hook of the writer */
	sqlite3_wal_hook(writer, hook, c);
	return c;
fail:
	sqlite3_close(c->db);
	free(c);
	return NULL;	/* the writer keeps checkpointing itself */
}

void fsc_ckpt_stop(struct ckpt *c)
{
	if (!c)
		return;
	sqlite3_wal_autocheckpoint(c->writer, 1000);	/* SQLite's default */
	pthread_mutex_lock(&c->mu);
	c->stop = 1;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->th, NULL);
	pthread_mutex_destroy(&c->mu);
	pthread_cond_destroy(&c->cv);
	sqlite3_close(c->db);
	free(c);
}
