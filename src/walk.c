/*
 * walk.c: expand the PATH arguments of ingest into their files, as the walk
 * meets them (fsc_walk_each: under one path, already in sorted order) or
 * as a sorted list (fsc_walk).
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
	int used;
};

struct walker {
	struct seen *seen;	/* open addressing, a power of two */
	size_t nseen, capseen;
	fsc_walk_file_fn *onfile;
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

static size_t seen_slot(const struct seen *t, size_t cap, dev_t dev,
			ino_t ino)
{
	uint64_t h = ((uint64_t)dev * 0x9e3779b97f4a7c15ULL) ^ (uint64_t)ino;
	size_t i = (size_t)(h * 0xff51afd7ed558ccdULL >> 17) & (cap - 1);

	while (t[i].used && (t[i].dev != dev || t[i].ino != ino))
		i = (i + 1) & (cap - 1);
	return i;
}

/* Record directory sb as visited: 1 the first time, 0 when it was already
 * on the walk (a symlink loop, or a directory named twice).  A hash set:
 * a sweep has tens of thousands of directories. */
static int first_visit(struct walker *k, const struct stat *sb)
{
	struct seen *old = k->seen;
	size_t i, oldcap = k->capseen;

	if (2 * (k->nseen + 1) > k->capseen) {
		k->capseen = k->capseen ? k->capseen * 2 : 256;
		k->seen = fsc_calloc(k->capseen, sizeof(*k->seen));
		for (i = 0; i < oldcap; i++)
			if (old[i].used)
				k->seen[seen_slot(k->seen, k->capseen, old[i].dev,
						  old[i].ino)] = old[i];
		free(old);
	}
	i = seen_slot(k->seen, k->capseen, sb->st_dev, sb->st_ino);
	if (k->seen[i].used)
		return 0;
	k->seen[i].dev = sb->st_dev;
	k->seen[i].ino = sb->st_ino;
	k->seen[i].used = 1;
	k->nseen++;
	return 1;
}

struct entry {
	char *name;
	size_t len;
	int err;		/* errno of a failed stat, or 0 */
	int dir;		/* a directory (sorted as "name/") */
	struct stat sb;		/* symlinks and the unknown: stat'ed */
};

/* The name as sorted: a directory's with a '/' after it. */
static int vchar(const struct entry *e, size_t i)
{
	if (i < e->len)
		return (unsigned char)e->name[i];
	return i == e->len && e->dir ? '/' : 0;
}

/* Entries in the order of the paths they make: a directory sorts as
 * "name/", so that walking them in this order lists the files in strcmp
 * order of their whole paths ("a-b/x" before "a/x" before "a.json"). */
static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	size_t i;
	int c, d;

	for (i = 0;; i++) {
		c = vchar(x, i);
		d = vchar(y, i);
		if (c != d || !c)
			return c - d;
	}
}

static void walk_dir(struct walker *k, const char *dir, int depth)
{
	struct fsc_err err;
	struct dirent *de;
	struct entry *ents = NULL;
	struct stat sb;
	size_t n = 0, cap = 0, i;
	DIR *d;
	int fd;

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
	fd = dirfd(d);
	/* the visit is marked here, by the open directory's device and
	 * inode: its entry in the parent needed no stat */
	if (fstat(fd, &sb) < 0 || !first_visit(k, &sb)) {
		closedir(d);
		return;
	}
	while ((de = readdir(d))) {
		struct entry *e;

		if (de->d_name[0] == '.')
			continue;	/* hidden, and . and .. */
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			ents = fsc_realloc(ents, cap * sizeof(*ents));
		}
		e = &ents[n++];
		e->name = fsc_strdup(de->d_name);
		e->len = strlen(e->name);
		e->err = 0;
		e->dir = 0;
		/* Regular files and directories need no stat (a directory's
		 * visit is marked when it is opened); symlinks are followed,
		 * stat'ed relative to the directory. */
		if (de->d_type == DT_REG) {
			e->sb.st_mode = S_IFREG;
		} else if (de->d_type == DT_DIR) {
			e->dir = 1;
		} else if (fstatat(fd, e->name, &e->sb, 0) < 0) {
			e->err = errno;
		} else {
			e->dir = S_ISDIR(e->sb.st_mode);
		}
	}
	if (n)		/* an empty directory: qsort(NULL, 0) is undefined */
		qsort(ents, n, sizeof(*ents), cmp_entry);
	for (i = 0; i < n; i++) {
		struct fsc_buf p = FSC_BUF_INIT;

		fsc_buf_adds(&p, dir);
		if (p.len && p.buf[p.len - 1] != '/')
			fsc_buf_add(&p, "/", 1);
		fsc_buf_adds(&p, ents[i].name);
		if (ents[i].err) {
			fsc_err_set(&err, p.buf, "cannot stat: %s",
				    strerror(ents[i].err));
			k->onerr(k->ctx, &err);
		} else if (ents[i].dir) {
			walk_dir(k, p.buf, depth + 1);
		} else if (S_ISREG(ents[i].sb.st_mode)) {
			k->onfile(k->ctx, p.buf, 0);
		}
		free(ents[i].name);
		fsc_buf_release(&p);
	}
	closedir(d);
	free(ents);
}

static int cmp_file(const void *a, const void *b)
{
	const struct fsc_walk_file *x = a, *y = b;

	return strcmp(x->path, y->path);
}

void fsc_walk_each(char *const *paths, size_t npaths,
		   fsc_walk_file_fn *onfile, fsc_walk_error_fn *onerr,
		   void *ctx)
{
	struct walker k = { .onfile = onfile, .onerr = onerr, .ctx = ctx };
	struct fsc_err err;
	struct stat sb;
	size_t i;

	for (i = 0; i < npaths; i++) {
		if (stat(paths[i], &sb) < 0) {
			fsc_err_set(&err, paths[i], "%s", strerror(errno));
			onerr(ctx, &err);
		} else if (S_ISDIR(sb.st_mode)) {
			walk_dir(&k, paths[i], 0);
		} else {
			onfile(ctx, paths[i], 1);
		}
	}
	free(k.seen);
}

struct collect {
	struct fsc_walk *w;
	fsc_walk_error_fn *onerr;
	void *ctx;
};

static void collect_file(void *ctx, const char *path, int named)
{
	add(((struct collect *)ctx)->w, path, named);
}

static void collect_error(void *ctx, const struct fsc_err *err)
{
	struct collect *c = ctx;

	c->onerr(c->ctx, err);
}

void fsc_walk(struct fsc_walk *w, char *const *paths, size_t npaths,
	      fsc_walk_error_fn *onerr, void *ctx)
{
	struct collect c = { w, onerr, ctx };
	size_t i, j;

	memset(w, 0, sizeof(*w));
	fsc_walk_each(paths, npaths, collect_file, collect_error, &c);
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
