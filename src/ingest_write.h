/* ingest_write.h: the one writer of an ingest (ingest_write.c). */
#ifndef FSC_INGEST_WRITE_H
#define FSC_INGEST_WRITE_H
#include "ingest_task.h"

/* ingest_ckpt.c: checkpoint the writer's WAL from another thread while it
 * commits; NULL when that cannot start (the writer then does it). */
struct ckpt;
struct ckpt *fsc_ckpt_start(sqlite3 *writer);
void fsc_ckpt_stop(struct ckpt *c);

struct writer;
struct writer *fsc_writer_new(struct fsc_store *st,
			      const struct fsc_ingest_opts *o,
			      struct fsc_ingest_summary *sum, struct fsc_err *err);
/* Store one finished task (any kind): 0, or FSC_REREAD when the task must
 * be read again and put again (an unchanged log whose JSON was replaced),
 * or -1 on a store error. */
#define FSC_REREAD 1
int fsc_writer_put(struct writer *w, struct task *t, struct fsc_err *err);
/* Commit what is pending when the batch is big enough (force: always). */
int fsc_writer_commit(struct writer *w, int force, struct fsc_err *err);
void fsc_writer_free(struct writer *w);
/* ingest_hist.c: store histogram log lg's intervals for run. */
int fsc_put_histlog(sqlite3 *db, const struct fsc_log *lg,
		    sqlite3_int64 file, sqlite3_int64 run, struct fsc_err *err);
#endif
