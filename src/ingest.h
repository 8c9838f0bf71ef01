/* ingest.h: the ingest pipeline (ingest.c: a lister and workers that read
 * and parse, ingest_task.c; ingest_write.c: the one writer that keys runs
 * by scenario, ingest_keys.c, and stores them). */
#ifndef FSC_INGEST_H
#define FSC_INGEST_H
#include "fioscope.h"

enum fsc_level { FSC_NOTE, FSC_WARNING, FSC_ERROR };

/* The scenario keys of a run, and where each came from. */
enum fsc_key { FSC_K_RUNTIME, FSC_K_BACKEND, FSC_K_RW, FSC_K_BS,
	       FSC_K_CLIENTS, FSC_K_IODEPTH, FSC_K_NUMJOBS, FSC_K_REP,
	       FSC_K_CLIENT, FSC_K_NR };
enum fsc_key_src { FSC_SRC_NONE, FSC_SRC_JSON, FSC_SRC_LAYOUT, FSC_SRC_SET,
		   FSC_SRC_DEFAULT /* fio's default: nobody stated it */ };
struct fsc_keys {
	const char *runtime, *backend, *rw, *rep, *client;
	int64_t bs, clients, iodepth, numjobs;	/* -1: unknown */
	struct fsc_buf labels;	/* free labels, sorted, '\n'-separated */
	enum fsc_key_src src[FSC_K_NR];
};
extern const char *const fsc_key_names[FSC_K_NR];
extern const char *const fsc_key_src_names[];
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
	int keep_unmatched;	/* ingest files --layout does not match */
	/* Dry run: store nothing (st may be NULL); keys() gets every run's
	 * keys instead. */
	int dry_run;
	void (*keys)(void *ctx, const char *path, size_t run,
		     const char *jobname, const struct fsc_keys *k);
	/* One memory budget for reading and parsing, shared by all the
	 * workers, bytes; 0: a quarter of the physical memory. */
	uint64_t max_memory;
	/* Called from the writer thread for every note, warning and error. */
	void (*report)(void *ctx, enum fsc_level lv, const struct fsc_err *e);
	/* Called after each file. */
	void (*progress)(void *ctx, const struct fsc_progress *p);
	void *ctx;
};

struct fsc_ingest_summary {
	size_t files;		/* files considered */
	size_t ingested, unchanged, failed, skipped;
	size_t duplicates;	/* content already stored under another path */
	size_t unmatched;	/* paths --layout does not match */
	size_t rekeyed;		/* unchanged files whose keys changed */
	size_t runs;		/* runs added */
	size_t logs;		/* log files linked */
	uint64_t mem_limit;	/* the memory budget, bytes */
	uint64_t mem_peak;	/* the most of it reserved at once */
};

/* Ingest paths into st, then refresh the statistics of the scenarios that
 * changed.  Every bad file is reported and counted, and the others still
 * land, each whole or not at all.  0 when the store was updated (even
 * with failed files), -1 on a store error (err set). */
int fsc_ingest(struct fsc_store *st, char *const *paths, size_t npaths,
	       const struct fsc_ingest_opts *o, struct fsc_ingest_summary *sum,
	       struct fsc_err *err);

/* Remove the files at or under paths (canonical, see fsc_canon_path) with
 * their runs, samples and statistics, in one transaction.  *nfiles and
 * *nruns: what went.  -1 on a store error. */
int fsc_remove(struct fsc_store *st, char *const *paths, size_t npaths,
	       size_t *nfiles, size_t *nruns, struct fsc_err *err);

/* path made absolute and canonical: realpath() when it exists, else
 * lexically (".", ".." and repeated '/' resolved against the working
 * directory).  Allocated. */
char *fsc_canon_path(const char *path);

/* ---- ingest_keys.c ---- */
/* The labels of a path: its layout's (canonical path matched against
 * o->layout), then o->sets over them.  0 when there is a layout and the
 * path does not match it (ls then holds --set's only). */
int fsc_keys_labels(const struct fsc_ingest_opts *o, const char *path,
		    struct fsc_labels *ls);
/* Does --set give every key that o->layout's placeholders name? */
int fsc_keys_set_covers_layout(const struct fsc_ingest_opts *o);
/* What fio's output says of a run (NULL: not stated). */
struct fsc_keyin {
	const char *rw, *bs, *iodepth, *numjobs, *client;
	int options;	/* fio reported the job's options: what they leave
			   out ran with fio's default (not so fio 2.0/2.1,
			   whose JSON has no options) */
};
/* Resolve a run's keys: fio's rw, bs, iodepth and numjobs win over the
 * labels (the first disagreement is described in warn when it is empty);
 * the others are labels, the client fio's name when no label says.  k's
 * strings point into ls and in; release k->labels. */
void fsc_keys_resolve(const struct fsc_ingest_opts *o,
		      const struct fsc_labels *ls, const struct fsc_keyin *in,
		      struct fsc_keys *k, struct fsc_buf *warn);
/* The canonical scenario key of k (each value escaped, no collisions). */
void fsc_keys_scenario(const struct fsc_keys *k, struct fsc_buf *out);
/* What the command keys files by (--layout and --set), as stored in
 * source_file.keyed_by: a file keyed otherwise is re-keyed. */
void fsc_keys_by(const struct fsc_ingest_opts *o, struct fsc_buf *out);
#endif
