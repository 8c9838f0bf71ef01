/*
 * outfile.c: the one way an output file is written.  Its bytes go to a
 * temporary name in the same directory, which is renamed over the final
 * name only when complete and non-empty: a reader never sees half a file,
 * a full disk never leaves an empty one, and a symlink at the final name
 * is replaced, never written through.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fioscope.h"

/* A temporary name beside path ("DIR/.NAME.XXXXXX"), opened O_EXCL. */
static int open_temp(const char *path, struct fsc_buf *tmp)
{
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
	int fd;

	fsc_buf_reset(tmp);
	fsc_buf_add(tmp, path, dir);
	fsc_buf_addf(tmp, ".%s.XXXXXX", path + dir);
	fd = mkstemp(tmp->buf);
	if (fd >= 0)
		(void)fchmod(fd, 0644);
	return fd;
}

int fsc_out_commit(const char *tmp, const char *path, struct fsc_err *err)
{
	struct stat st;

	if (stat(tmp, &st) < 0 || !S_ISREG(st.st_mode)) {
		unlink(tmp);
		return fsc_err_set(err, path, "cannot write: not written");
	}
	if (st.st_size == 0) {
		unlink(tmp);
		return fsc_err_set(err, path, "cannot write: empty");
	}
	/* rename replaces a symlink at path; it never follows it */
	if (rename(tmp, path) < 0) {
		int e = errno;

		unlink(tmp);
		return fsc_err_set(err, path, "cannot write: %s", strerror(e));
	}
	return 0;
}

int fsc_out_write(const char *path, const void *data, size_t n,
		  struct fsc_err *err)
{
	struct fsc_buf tmp = FSC_BUF_INIT;
	const char *p = data;
	size_t done = 0;
	int fd, e = 0, rc;

	fd = open_temp(path, &tmp);
	if (fd < 0) {
		e = errno;
		fsc_buf_release(&tmp);
		return fsc_err_set(err, path, "cannot write: %s", strerror(e));
	}
	while (done < n) {
		ssize_t w = write(fd, p + done, n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			e = w < 0 ? errno : ENOSPC;
			break;
		}
		done += (size_t)w;
	}
	if (close(fd) < 0 && !e)
		e = errno;
	if (e) {
		unlink(tmp.buf);
		fsc_buf_release(&tmp);
		return fsc_err_set(err, path, "cannot write: %s", strerror(e));
	}
	rc = fsc_out_commit(tmp.buf, path, err);
	fsc_buf_release(&tmp);
	return rc;
}

int fsc_out_buf(const char *path, const struct fsc_buf *b,
		struct fsc_err *err)
{
	return fsc_out_write(path, b->buf, b->len, err);
}
