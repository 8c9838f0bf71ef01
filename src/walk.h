/* walk.h: the file list of an ingest (walk.c). */
#ifndef FSC_WALK_H
#define FSC_WALK_H
#include "fioscope.h"

struct fsc_walk_file {
	char *path;
	int named;		/* named on the command line, not walked */
};
struct fsc_walk {
	struct fsc_walk_file *files;	/* sorted by path, unique */
	size_t n, cap;
};
typedef void fsc_walk_error_fn(void *ctx, const struct fsc_err *err);
typedef void fsc_walk_file_fn(void *ctx, const char *path, int named);

/* Call onfile for every regular file under paths as the walk meets it
 * (named: a path given, not walked).  Under one path the files come in
 * strcmp order of their paths, the order fsc_walk sorts into. */
void fsc_walk_each(char *const *paths, size_t npaths,
		   fsc_walk_file_fn *onfile, fsc_walk_error_fn *onerr,
		   void *ctx);

/* Expand paths into w (owned; free with fsc_walk_free).  Errors (missing
 * paths, unreadable directories) go to onerr and the walk goes on. */
void fsc_walk(struct fsc_walk *w, char *const *paths, size_t npaths,
	      fsc_walk_error_fn *onerr, void *ctx);
void fsc_walk_free(struct fsc_walk *w);
#endif
