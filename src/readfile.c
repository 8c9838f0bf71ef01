/* readfile.c: read one input file whole, hash its bytes on disk (SHA-256
 * by libcrypto) and gunzip it when it is gzip data, refusing anything over
 * FSC_MAX_FILE; within a memory budget (budget.c), reserving what reading
 * and parsing it takes first, and refusing binary data from its first
 * bytes alone. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <openssl/evp.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
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

/* What parsing n bytes of content takes, with the content itself. */
static uint64_t parse_need(uint64_t n)
{
	return n * (1 + FSC_PARSE_FACTOR);
}

/* Content may grow to *cap bytes within the reservation; past it, take
 * more from the budget without waiting (a thread that holds a reservation
 * must not wait for another's).  -1 when the budget has no more. */
static int grow(struct fsc_file *f, uint64_t *cap, size_t len)
{
	uint64_t more;

	if (!f->budget || len <= *cap)
		return 0;
	more = len - *cap + (len >> 2);	/* a quarter ahead */
	if (fsc_budget_reserve(f->budget, parse_need(more), f->reserved,
			       f->ticket) < 0)
		return -1;
	f->reserved += parse_need(more);
	*cap += more;
	return 0;
}

static int gunzip(const unsigned char *in, size_t inlen, struct fsc_file *f,
		  uint64_t cap, const char *path, struct fsc_err *err)
{
	z_stream z;
	struct fsc_buf out = FSC_BUF_INIT;
	int rc, over = 0;

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
		if (grow(f, &cap, out.len) < 0) {
			rc = Z_MEM_ERROR;
			over = 1;
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
	if (over) {
		fsc_buf_release(&out);
		return fsc_err_set(err, path, "gunzipped content passes %llu MiB,"
			" more than its gzip trailer says, and more than the memory"
			" budget (--max-memory %llu MiB) allows: a decompression"
			" bomb?", (unsigned long long)(cap >> 20),
			(unsigned long long)(fsc_budget_limit(f->budget) >> 20));
	}
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

/* Binary data by its first bytes: NUL bytes (unless all at even or all at
 * odd offsets: UTF-16 text, which the parser names) or many control
 * characters.  fio's data files are random or zero bytes. */
static int is_binary(const unsigned char *p, size_t n)
{
	size_t i, nul[2] = { 0, 0 }, ctl = 0;

	if (n >= 2 && ((p[0] == 0xff && p[1] == 0xfe) ||
		       (p[0] == 0xfe && p[1] == 0xff)))
		return 0;
	for (i = 0; i < n; i++)
		if (!p[i])
			nul[i & 1]++;
		else if ((p[i] < 0x20 && !memchr("\t\n\v\f\r\033", p[i], 6)) ||
			 p[i] == 0x7f)
			ctl++;
	if (nul[0] && nul[1])
		return 1;
	return ctl > n / 8;
}

static ssize_t read_at(int fd, unsigned char *buf, size_t n, off_t off)
{
	size_t got = 0;
	ssize_t r;

	while (got < n) {
		r = pread(fd, buf + got, n - got, off + (off_t)got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

#define HEAD 4096

static int load(const char *path, struct fsc_file *f, struct fsc_budget *b,
		uint64_t ticket, int sniff, struct fsc_err *err)
{
	struct stat sb;
	struct fsc_sha256 h;
	unsigned char *raw = NULL, head[HEAD], tail[4];
	uint64_t content, need;
	ssize_t nhead;
	size_t got = 0;
	ssize_t n;
	int fd, rc = -1, gz;

	memset(f, 0, sizeof(*f));
	f->budget = b;
	f->ticket = ticket;
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
	f->disk_size = (uint64_t)sb.st_size;
	f->mtime_ns = (int64_t)sb.st_mtim.tv_sec * 1000000000 +
		      sb.st_mtim.tv_nsec;
	nhead = read_at(fd, head, HEAD, 0);
	if (nhead < 0) {
		fsc_err_set(err, path, "read error: %s", strerror(errno));
		goto out;
	}
	gz = nhead >= 2 && head[0] == 0x1f && head[1] == 0x8b;
	if (sniff && !gz && is_binary(head, (size_t)nhead)) {
		fsc_err_set(err, path, "not fio output (binary data)");
		rc = FSC_FILE_NOT_FIO;
		goto out;
	}
	if ((uint64_t)sb.st_size > FSC_MAX_FILE) {
		fsc_err_set(err, path, "file is over the %zu MiB limit",
			    FSC_MAX_FILE >> 20);
		goto out;
	}
	/* What it takes: the bytes on disk, and the content (for gzip, the
	 * size its trailer states, mod 2^32) with what parsing it takes. */
	content = (uint64_t)sb.st_size;
	need = parse_need(content);
	if (gz) {
		content = 0;
		if (sb.st_size >= 4 && read_at(fd, tail, 4, sb.st_size - 4) == 4)
			content = (uint64_t)tail[0] | (uint64_t)tail[1] << 8 |
				  (uint64_t)tail[2] << 16 |
				  (uint64_t)tail[3] << 24;
		/* deflate inflates 1032 times at most: a trailer that says
		 * more is not gzip's (corrupt, or not the last member) */
		if (content > (uint64_t)sb.st_size * 1032)
			content = (uint64_t)sb.st_size;
		need = (uint64_t)sb.st_size + parse_need(content);
	}
	if (fsc_budget_reserve(b, need, 0, ticket) < 0) {
		fsc_err_set(err, path, "reading and parsing it takes about %llu"
			    " MiB, over the memory budget of %llu MiB"
			    " (--max-memory)",
			    (unsigned long long)((need + (1 << 20) - 1) >> 20),
			    (unsigned long long)(fsc_budget_limit(b) >> 20));
		goto out;
	}
	f->reserved = b ? need : 0;
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
		if (gunzip(raw, got, f, content, path, err) < 0)
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
	if (rc < 0)
		fsc_file_free(f);
	return rc;
}

int fsc_file_read(const char *path, struct fsc_file *f, struct fsc_err *err)
{
	return load(path, f, NULL, 0, 0, err);
}

int fsc_file_load(const char *path, struct fsc_file *f, struct fsc_budget *b,
		  uint64_t ticket, struct fsc_err *err)
{
	return load(path, f, b, ticket, 1, err);
}

void fsc_file_keep(struct fsc_file *f, uint64_t keep)
{
	size_t len = f->len;

	free(f->data);
	f->data = NULL;
	f->len = 0;
#ifdef __GLIBC__
	/* Each thread's malloc arena keeps the pages a big parse freed: the
	 * budget would hold for the reservations and not for the process.
	 * Give them back (a few ms, for big files only). */
	if (f->budget && len >= ((size_t)4 << 20))
		malloc_trim(0);
#else
	(void)len;
#endif
	if (keep > f->reserved)
		keep = f->reserved;
	fsc_budget_release(f->budget, f->reserved - keep);
	f->reserved = keep;
}

void fsc_file_free(struct fsc_file *f)
{
	free(f->data);
	f->data = NULL;
	f->len = 0;
	fsc_budget_release(f->budget, f->reserved);
	f->reserved = 0;
}
