/* ingest.h: the ingest pipeline (ingest.c: workers that read and parse;
 * ingest_write.c: the one writer that keys runs by scenario and stores
 * them). */
#ifndef FSC_INGEST_H
#define FSC_INGEST_H
#include "fioscope.h"

enum fsc_level { FSC_NOTE, FSC_WARNING, FSC_ERROR };

struct fsc_progress {
	size_t done;		/* files stored */
	size_t total;		/* files listed so far */
	uint64_t bytes;		/* bytes on disk of the files stored */
	int listed;		/* the walk is over: total is final */
};

struct fsc_ingest_opts {
	const char *layout;	/* path template, or NULL */
	struct fsc_labels sets;	/* --set KEY=VALUE */
	int threads;		/* parse workers; 0: one per online core */
	/* Called from the writer thread for every note, warning and error. */
	void (*report)(void *ctx, enum fsc_level lv, const struct fsc_err *e);
	/* Called after each file. */
	void (*progress)(void *ctx, const struct fsc_progress *p);
	void *ctx;
};

struct fsc_ingest_summary {
	size_t files;		/* files considered */
	size_t ingested, unchanged, failed, skipped;
	size_t runs;		/* runs added */
	size_t logs;		/* log files linked */
};

/* Ingest paths into st, then refresh the statistics of the scenarios that
 * changed.  Every bad file is reported and counted, and the others still
 * land, each whole or not at all.  0 when the store was updated (even
 * with failed files), -1 on a store error (err set). */
int fsc_ingest(struct fsc_store *st, char *const *paths, size_t npaths,
	       const struct fsc_ingest_opts *o, struct fsc_ingest_summary *sum,
	       struct fsc_err *err);

/* ---- private to ingest*.c ---- */
/* ingest_ckpt.c: checkpoint the writer's WAL from another thread while it
 * commits; NULL when that cannot start (the writer then does it). */
struct ckpt;
struct ckpt *fsc_ckpt_start(sqlite3 *writer);
void fsc_ckpt_stop(struct ckpt *c);

enum task_kind {
	T_UNCHANGED = 1, T_FIO, T_LOG, T_NOTFIO, T_FAILED,
	T_WALKERR		/* the walk could not list it: err says why */
};

struct known_file {
	char *path;
	int64_t id, size, mtime_ns;
	char sha256[65];
	int ok;
	char *error;
};

struct task {
	char *path;
	int named;
	int kind;			/* enum task_kind, 0 while pending */
	const struct known_file *known;
	struct fsc_file f;		/* disk_size, mtime_ns, sha256 */
	struct fsc_result res;
	struct fsc_log log;
	struct fsc_err *err;		/* allocated while the task is in flight */
	/* Made by the worker for the writer (fsc_task_prepare): per run,
	 * TASK_TEXTS strings: its job options as JSON, then per direction
	 * fio's percentiles and its bins as JSON (NULL: none).  And the
	 * file's global options as JSON, or NULL. */
	char **text;
	char *gopts;
};
#define TASK_TEXTS (1 + 2 * FSC_DDIR_NR)

struct writer;
struct writer *fsc_writer_new(struct fsc_store *st,
			      const struct fsc_ingest_opts *o,
			      struct fsc_ingest_summary *sum, struct fsc_err *err);
/* Store one finished task (any kind); -1 only on a store error. */
int fsc_writer_put(struct writer *w, struct task *t, struct fsc_err *err);
/* Commit what is pending when the batch is big enough (force: always). */
int fsc_writer_commit(struct writer *w, int force, struct fsc_err *err);
void fsc_writer_free(struct writer *w);
/* Read and classify one file (what a worker does); returns its kind
 * (enum task_kind) for the caller to set.  Also used by the writer for a
 * log whose sibling JSON was replaced. */
int fsc_task_run(struct task *t);
/* Format what the writer stores as text (t->text, t->gopts), so that the
 * one writer thread only binds it. */
void fsc_task_prepare(struct task *t);
void fsc_task_clear(struct task *t);
#endif
