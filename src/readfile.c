/* readfile.c: read one input file whole, hash its bytes on disk (SHA-256
 * by libcrypto) and gunzip it when it is gzip data, refusing anything over
 * FSC_MAX_FILE. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <openssl/evp.h>
#include "fioscope.h"

int fsc_sha256_init(struct fsc_sha256 *s)
{
	s->ctx = EVP_MD_CTX_new();
	if (s->ctx && EVP_DigestInit_ex(s->ctx, EVP_sha256(), NULL) == 1)
		return 0;
	EVP_MD_CTX_free(s->ctx);
	s->ctx = NULL;
	return -1;
}

void fsc_sha256_update(struct fsc_sha256 *s, const void *p, size_t n)
{
	if (s->ctx && EVP_DigestUpdate(s->ctx, p, n) != 1) {
		EVP_MD_CTX_free(s->ctx);	/* the finish says it failed */
		s->ctx = NULL;
	}
}

int fsc_sha256_hex(struct fsc_sha256 *s, char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0, i;
	int ok = s->ctx && EVP_DigestFinal_ex(s->ctx, md, &n) == 1 && n == 32;

	EVP_MD_CTX_free(s->ctx);
	s->ctx = NULL;
	hex[0] = '\0';
	if (!ok)
		return -1;
	for (i = 0; i < n; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
	return 0;
}

static int gunzip(const unsigned char *in, size_t inlen, struct fsc_file *f,
		  const char *path, struct fsc_err *err)
{
	z_stream z;
	struct fsc_buf out = FSC_BUF_INIT;
	int rc;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return fsc_err_set(err, path, "cannot start gzip decoder");
	z.next_in = (unsigned char *)in;
	z.avail_in = (uInt)inlen;
	for (;;) {
		fsc_buf_grow(&out, 1 << 16);
		z.next_out = (unsigned char *)out.buf + out.len;
		z.avail_out = (uInt)(out.alloc - out.len - 1);
		rc = inflate(&z, Z_NO_FLUSH);
		out.len = (size_t)((char *)z.next_out - out.buf);
		out.buf[out.len] = '\0';
		if (out.len > FSC_MAX_FILE) {
			rc = Z_MEM_ERROR;
			break;
		}
		if (rc == Z_STREAM_END && z.avail_in > 0) {
			/* concatenated gzip members, as gzip -c a b > c makes */
			if (inflateReset(&z) != Z_OK)
				break;
			continue;
		}
		if (rc != Z_OK)
			break;
		if (z.avail_in == 0 && z.avail_out > 0) {
			rc = Z_BUF_ERROR;
			break;
		}
	}
	inflateEnd(&z);
	if (rc == Z_MEM_ERROR && out.len > FSC_MAX_FILE) {
		fsc_buf_release(&out);
		return fsc_err_set(err, path,
			"gunzipped content is over the %zu MiB limit",
			FSC_MAX_FILE >> 20);
	}
	if (rc != Z_STREAM_END) {
		fsc_buf_release(&out);
		return fsc_err_set(err, path, "gzip data is %s",
			rc == Z_BUF_ERROR ? "truncated" : "corrupt");
	}
	f->len = out.len;
	f->data = fsc_buf_detach(&out);
	f->gz = 1;
	return 0;
}

int fsc_file_read(const char *path, struct fsc_file *f, struct fsc_err *err)
{
	struct stat sb;
	struct fsc_sha256 h;
	unsigned char *raw = NULL;
	size_t got = 0;
	ssize_t n;
	int fd, rc = -1;

	memset(f, 0, sizeof(*f));
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return fsc_err_set(err, path, "cannot open: %s", strerror(errno));
	if (fstat(fd, &sb) < 0) {
		fsc_err_set(err, path, "cannot stat: %s", strerror(errno));
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		fsc_err_set(err, path, "not a regular file");
		goto out;
	}
	if ((uint64_t)sb.st_size > FSC_MAX_FILE) {
		fsc_err_set(err, path, "file is over the %zu MiB limit",
			    FSC_MAX_FILE >> 20);
		goto out;
	}
	raw = fsc_malloc((size_t)sb.st_size + 1);
	while (got < (size_t)sb.st_size) {
		n = read(fd, raw + got, (size_t)sb.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fsc_err_set(err, path, "read error: %s", strerror(errno));
			goto out;
		}
		if (n == 0)
			break;	/* shrank while we read: take what is there */
		got += (size_t)n;
	}
	raw[got] = '\0';
	f->disk_size = got;
	f->mtime_ns = (int64_t)sb.st_mtim.tv_sec * 1000000000 +
		      sb.st_mtim.tv_nsec;
	if (fsc_sha256_init(&h) < 0) {
		fsc_err_set(err, path, "cannot start SHA-256 (libcrypto)");
		goto out;
	}
	fsc_sha256_update(&h, raw, got);
	if (fsc_sha256_hex(&h, f->sha256) < 0) {
		fsc_err_set(err, path, "cannot compute SHA-256 (libcrypto)");
		goto out;
	}
	if (got >= 2 && raw[0] == 0x1f && raw[1] == 0x8b) {
		if (gunzip(raw, got, f, path, err) < 0)
			goto out;
		free(raw);
	} else {
		f->data = (char *)raw;
		f->len = got;
	}
	raw = NULL;
	rc = 0;
out:
	free(raw);
	close(fd);
	return rc;
}

void fsc_file_free(struct fsc_file *f)
{
	free(f->data);
	f->data = NULL;
	f->len = 0;
}
