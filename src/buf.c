/* buf.c: struct fsc_buf, a growable NUL-terminated string, and the
 * allocation wrappers that every module uses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fioscope.h"

char fsc_buf_empty[1];

static void oom(void)
{
	/* The only place the library stops the process: there is no sound
	 * way to continue without memory. */
	fputs("fioscope: out of memory\n", stderr);
	abort();
}

void *fsc_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom();
	return p;
}

void *fsc_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *fsc_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		oom();
	return q;
}

char *fsc_strndup(const char *s, size_t n)
{
	char *p = fsc_malloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *fsc_strdup(const char *s)
{
	return s ? fsc_strndup(s, strlen(s)) : NULL;
}

void fsc_buf_grow(struct fsc_buf *b, size_t n)
{
	size_t want;

	if (b->len + n + 1 <= b->alloc)
		return;
	want = b->alloc ? b->alloc : 64;
	while (want < b->len + n + 1)
		want *= 2;
	if (!b->alloc)
		b->buf = NULL;
	b->buf = fsc_realloc(b->buf, want);
	if (!b->alloc)
		b->buf[0] = '\0';
	b->alloc = want;
}

void fsc_buf_add(struct fsc_buf *b, const void *p, size_t n)
{
	fsc_buf_grow(b, n);
	memcpy(b->buf + b->len, p, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

void fsc_buf_adds(struct fsc_buf *b, const char *s)
{
	fsc_buf_add(b, s, strlen(s));
}

void fsc_buf_addf(struct fsc_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(b->buf + b->len, b->alloc ? b->alloc - b->len : 0,
		      fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (b->len + (size_t)n + 1 > b->alloc) {
		fsc_buf_grow(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->buf + b->len, b->alloc - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void fsc_buf_reset(struct fsc_buf *b)
{
	b->len = 0;
	if (b->alloc)
		b->buf[0] = '\0';
}

char *fsc_buf_detach(struct fsc_buf *b)
{
	char *s = b->alloc ? b->buf : fsc_strdup("");

	b->buf = fsc_buf_empty;
	b->len = b->alloc = 0;
	return s;
}

void fsc_buf_release(struct fsc_buf *b)
{
	if (b->alloc)
		free(b->buf);
	b->buf = fsc_buf_empty;
	b->len = b->alloc = 0;
}

size_t fsc_u64_dec(uint64_t v, char *out)
{
	static const char pairs[] =
		"00010203040506070809101112131415161718192021222324"
		"25262728293031323334353637383940414243444546474849"
		"50515253545556575859606162636465666768697071727374"
		"75767778798081828384858687888990919293949596979899";
	char tmp[24], *p = tmp + sizeof(tmp);
	size_t n;

	while (v >= 100) {
		p -= 2;
		memcpy(p, pairs + 2 * (v % 100), 2);
		v /= 100;
	}
	if (v >= 10) {
		p -= 2;
		memcpy(p, pairs + 2 * v, 2);
	} else {
		*--p = (char)('0' + v);
	}
	n = (size_t)(tmp + sizeof(tmp) - p);
	memcpy(out, p, n);
	return n;
}

void fsc_buf_add_u64(struct fsc_buf *b, uint64_t v)
{
	char tmp[24];

	fsc_buf_add(b, tmp, fsc_u64_dec(v, tmp));
}
