/* ingest_task.h: one file of an ingest, as the lister lists it, a worker
 * reads it (ingest_task.c) and the writer stores it (ingest_write.c). */
#ifndef FSC_INGEST_TASK_H
#define FSC_INGEST_TASK_H
#include "ingest.h"

enum task_kind {
	T_UNCHANGED = 1, T_FIO, T_LOG, T_NOTFIO, T_FAILED,
	T_WALKERR		/* the walk could not list it: err says why */
};

/* A file the store had when the ingest began. */
struct known_file {
	char *path;
	int64_t id, size, mtime_ns, ino, ctime_ns;
	char sha256[65];
	int ok;
	char *error;
	char *keyed_by;		/* --layout and --set it was keyed by */
};

struct task {
	char *path;			/* as walked: for reading and messages */
	char *canon;			/* canonical (stored), or NULL: path */
	int named;
	int kind;			/* enum task_kind, 0 while pending */
	const struct known_file *known;
	struct fsc_file f;		/* disk_size, mtime_ns, sha256 */
	struct fsc_budget *budget;	/* the ingest's, for reading f */
	uint64_t ticket;		/* its index: the writer's order */
	int64_t ino, ctime_ns;		/* -1 when not known */
	struct fsc_result res;
	struct fsc_log log;
	struct fsc_err *err;		/* allocated while the task is in flight */
	/* Made by the worker for the writer: per run, TASK_TEXTS strings:
	 * its job options as JSON, then per direction fio's percentiles and
	 * its bins as JSON (NULL: none).  And the file's global options as
	 * JSON, or NULL. */
	char **text;
	char *gopts;
	/* And per run what fio said of it, for its keys (the strings point
	 * into res, but for names[i], the client's name as made up). */
	struct fsc_keyin *keyin;
	char **names;
};
#define TASK_TEXTS (1 + 2 * FSC_DDIR_NR)

/* Read and classify one file (what a worker does); returns its kind
 * (enum task_kind) for the caller to set. */
int fsc_task_run(struct task *t, struct json_tokener *tok);
void fsc_task_clear(struct task *t);
/* The path the store knows t by. */
static inline const char *fsc_task_path(const struct task *t)
{
	return t->canon ? t->canon : t->path;
}
#endif
