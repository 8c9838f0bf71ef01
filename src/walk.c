/*
 * walk.c: expand the PATH arguments of ingest into a sorted list of files.
 * Directories are walked recursively, hidden entries are skipped, and a
 * directory already on the walk (by device and inode) is not entered again,
 * so symlink loops end.  Problems are reported through the callback and the
 * walk goes on.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "walk.h"

struct seen {
	dev_t dev;
	ino_t ino;
};

struct walker {
	struct fsc_walk *w;
	struct seen *seen;
	size_t nseen, capseen;
	fsc_walk_error_fn *onerr;
	void *ctx;
};

static void add(struct fsc_walk *w, const char *path, int named)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		w->files = fsc_realloc(w->files, w->cap * sizeof(*w->files));
	}
	w->files[w->n].path = fsc_strdup(path);
	w->files[w->n].named = named;
	w->n++;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Record directory sb as visited: 1 the first time, 0 when it was already
 * on the walk (a symlink loop, or a directory named twice). */
static int first_visit(struct walker *k, const struct stat *sb)
{
	size_t j;

	for (j = 0; j < k->nseen; j++)
		if (k->seen[j].dev == sb->st_dev && k->seen[j].ino == sb->st_ino)
			return 0;
	if (k->nseen == k->capseen) {
		k->capseen = k->capseen ? k->capseen * 2 : 64;
		k->seen = fsc_realloc(k->seen, k->capseen * sizeof(*k->seen));
	}
	k->seen[k->nseen].dev = sb->st_dev;
	k->seen[k->nseen++].ino = sb->st_ino;
	return 1;
}

static void walk_dir(struct walker *k, const char *dir, int depth)
{
	struct fsc_err err;
	struct dirent *de;
	struct stat sb;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	DIR *d;

	if (depth > 256) {
		fsc_err_set(&err, dir, "directory tree too deep");
		k->onerr(k->ctx, &err);
		return;
	}
	d = opendir(dir);
	if (!d) {
		fsc_err_set(&err, dir, "cannot open directory: %s",
			    strerror(errno));
		k->onerr(k->ctx, &err);
		return;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;	/* hidden, and . and .. */
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			names = fsc_realloc(names, cap * sizeof(*names));
		}
		names[n++] = fsc_strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_name);
	for (i = 0; i < n; i++) {
		struct fsc_buf p = FSC_BUF_INIT;

		fsc_buf_adds(&p, dir);
		if (p.len && p.buf[p.len - 1] != '/')
			fsc_buf_add(&p, "/", 1);
		fsc_buf_adds(&p, names[i]);
		free(names[i]);
		if (stat(p.buf, &sb) < 0) {
			fsc_err_set(&err, p.buf, "cannot stat: %s",
				    strerror(errno));
			k->onerr(k->ctx, &err);
		} else if (S_ISDIR(sb.st_mode)) {
			if (first_visit(k, &sb))
				walk_dir(k, p.buf, depth + 1);
		} else if (S_ISREG(sb.st_mode)) {
			add(k->w, p.buf, 0);
		}
		fsc_buf_release(&p);
	}
	free(names);
}

static int cmp_file(const void *a, const void *b)
{
	const struct fsc_walk_file *x = a, *y = b;

	return strcmp(x->path, y->path);
}

void fsc_walk(struct fsc_walk *w, char *const *paths, size_t npaths,
	      fsc_walk_error_fn *onerr, void *ctx)
{
	struct walker k = { .w = w, .onerr = onerr, .ctx = ctx };
	struct fsc_err err;
	struct stat sb;
	size_t i, j;

	memset(w, 0, sizeof(*w));
	for (i = 0; i < npaths; i++) {
		if (stat(paths[i], &sb) < 0) {
			fsc_err_set(&err, paths[i], "%s", strerror(errno));
			onerr(ctx, &err);
		} else if (S_ISDIR(sb.st_mode)) {
			if (first_visit(&k, &sb))
				walk_dir(&k, paths[i], 0);
		} else {
			add(w, paths[i], 1);
		}
	}
	free(k.seen);
	/* sorted and unique: a file named twice is ingested once */
	qsort(w->files, w->n, sizeof(*w->files), cmp_file);
	for (i = j = 0; i < w->n; i++) {
		if (j && !strcmp(w->files[j - 1].path, w->files[i].path)) {
			w->files[j - 1].named |= w->files[i].named;
			free(w->files[i].path);
		} else {
			w->files[j++] = w->files[i];
		}
	}
	w->n = j;
}

void fsc_walk_free(struct fsc_walk *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->files[i].path);
	free(w->files);
	memset(w, 0, sizeof(*w));
}
