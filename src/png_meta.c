/*
 * png_meta.c: gnuplot's PNGs carry no resolution and no provenance; this
 * adds to one a pHYs chunk (so that a slide program places a 1920 px
 * figure 13.33 in wide) and tEXt chunks (the program and the figure's
 * selection).  The chunks are spliced in after IHDR (the PNG
 * specification, 5.6: pHYs and tEXt anywhere before IDAT) and every other
 * chunk is copied byte for byte, so the pixels are not decoded at all:
 * libpng, which did this before, can only decode and encode the image
 * again, and that took 2.5 times gnuplot's own drawing time (bench/
 * figures.sh).  The chunks' CRCs are zlib's crc32.  The tests read the
 * result back with libpng (tests/unit/pnginfo.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include "fioscope.h"
#include "png_meta.h"

static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a,
				      '\n' };

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void put32(struct fsc_buf *b, uint32_t v)
{
	unsigned char p[4] = { (unsigned char)(v >> 24),
			       (unsigned char)(v >> 16),
			       (unsigned char)(v >> 8), (unsigned char)v };

	fsc_buf_add(b, p, 4);
}

/* One chunk: length, type, data, CRC of type and data. */
static void chunk(struct fsc_buf *b, const char *type, const void *data,
		  size_t n)
{
	uLong crc = crc32(0L, Z_NULL, 0);

	put32(b, (uint32_t)n);
	fsc_buf_add(b, type, 4);
	fsc_buf_add(b, data, n);
	crc = crc32(crc, (const Bytef *)type, 4);
	crc = crc32(crc, (const Bytef *)data, (uInt)n);
	put32(b, (uint32_t)crc);
}

/* tEXt: a keyword, NUL, Latin-1 text without control characters
 * (anything else becomes '?'). */
static void text(struct fsc_buf *b, const char *key, const char *val)
{
	struct fsc_buf t = FSC_BUF_INIT;
	const unsigned char *p;

	fsc_buf_adds(&t, key);
	fsc_buf_add(&t, "", 1);
	for (p = (const unsigned char *)(val ? val : ""); *p; p++)
		fsc_buf_add(&t, *p < 0x20 || *p >= 0x7f ? "?" : (const char *)p,
			    1);
	chunk(b, "tEXt", t.buf, t.len);
	fsc_buf_release(&t);
}

/* The whole file at in into b; -1 on a read error. */
static int slurp(FILE *in, struct fsc_buf *b)
{
	char blk[65536];
	size_t n;

	while ((n = fread(blk, 1, sizeof(blk), in)) > 0)
		fsc_buf_add(b, blk, n);
	return ferror(in) ? -1 : 0;
}

/* out: in with the chunks added and any pHYs of its own left out; NULL
 * when in is not a whole PNG. */
static const char *splice(const struct fsc_buf *in, struct fsc_buf *out,
			  unsigned ppm, const char *const *kv, size_t nkv)
{
	const unsigned char *p = (const unsigned char *)in->buf;
	size_t at = sizeof(sig), i;
	unsigned char phys[9];
	int first = 1;

	if (in->len < sizeof(sig) || memcmp(p, sig, sizeof(sig)))
		return "not a PNG (no PNG signature)";
	fsc_buf_add(out, sig, sizeof(sig));
	while (at < in->len) {
		uint32_t n;

		if (in->len - at < 12 || (n = be32(p + at)) > in->len - at - 12)
			return "not a whole PNG (a chunk is cut short)";
		if (first && memcmp(p + at + 4, "IHDR", 4))
			return "not a PNG (IHDR is not its first chunk)";
		if (memcmp(p + at + 4, "pHYs", 4))
			fsc_buf_add(out, p + at, (size_t)n + 12);
		at += (size_t)n + 12;
		if (!first)
			continue;
		first = 0;
		for (i = 0; i < 4; i++)	/* x and y pixels per unit */
			phys[i] = phys[4 + i] =
				(unsigned char)(ppm >> (24 - 8 * i));
		phys[8] = 1;	/* the unit is the metre */
		chunk(out, "pHYs", phys, sizeof(phys));
		for (i = 0; i < nkv; i++)
			text(out, kv[2 * i], kv[2 * i + 1]);
	}
	if (first || out->len < 12 ||
	    memcmp(out->buf + out->len - 8, "IEND", 4))
		return "not a whole PNG (no IEND at its end)";
	return NULL;
}

int fsc_png_meta(const char *path, double dpi, const char *software,
		 const char *title, const char *selection, struct fsc_err *err)
{
	struct fsc_buf tmp = FSC_BUF_INIT, in = FSC_BUF_INIT, out = FSC_BUF_INIT;
	const char *kv[6] = { "Software", software, "Title", title, "Comment",
			      selection };
	const char *why;
	FILE *f;
	int rc = -1, werr;

	fsc_buf_addf(&tmp, "%s.meta", path);
	f = fopen(path, "rb");
	if (!f) {
		fsc_err_set(err, path, "%s", strerror(errno));
		goto done;
	}
	if (slurp(f, &in) < 0) {
		fsc_err_set(err, path, "cannot read: %s", strerror(errno));
		fclose(f);
		goto done;
	}
	fclose(f);
	/* pixels per metre: dpi / 0.0254 */
	why = splice(&in, &out, (unsigned)(dpi / 0.0254 + 0.5), kv, 3);
	if (why) {
		fsc_err_set(err, path, "%s", why);
		goto done;
	}
	f = fopen(tmp.buf, "wb");
	if (!f) {
		fsc_err_set(err, tmp.buf, "cannot write: %s", strerror(errno));
		goto done;
	}
	werr = fwrite(out.buf, 1, out.len, f) != out.len;
	if (fclose(f) != 0)
		werr = 1;
	if (werr) {
		fsc_err_set(err, tmp.buf, "cannot write: %s", strerror(errno));
		unlink(tmp.buf);
	} else if (rename(tmp.buf, path) < 0) {
		fsc_err_set(err, path, "cannot replace: %s", strerror(errno));
		unlink(tmp.buf);
	} else {
		rc = 0;
	}
done:
	fsc_buf_release(&tmp);
	fsc_buf_release(&in);
	fsc_buf_release(&out);
	return rc;
}
