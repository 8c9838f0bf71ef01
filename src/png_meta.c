/*
 * png_meta.c: gnuplot's PNGs carry no resolution and no provenance; this
 * rewrites one through libpng with a pHYs chunk (so that a slide program
 * places a 1920 px figure 13.33 in wide) and tEXt chunks (the program and
 * the figure's selection).  The pixels are copied as they are.
 */
#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fioscope.h"
#include "png_meta.h"

/* tEXt is Latin-1 without control characters: anything else is '?'. */
static char *latin1(const char *s)
{
	char *t = fsc_strdup(s ? s : "");
	size_t i;

	for (i = 0; t[i]; i++)
		if ((unsigned char)t[i] < 0x20 || (unsigned char)t[i] >= 0x7f)
			t[i] = '?';
	return t;
}

/* libpng's state, kept in memory that longjmp cannot clobber */
struct pm {
	png_structp rp, wp;
	png_infop ri;
	png_textp text;
};

static void pm_free(struct pm *m)
{
	png_destroy_read_struct(&m->rp, m->ri ? &m->ri : NULL, NULL);
	png_destroy_write_struct(&m->wp, NULL);
	free(m->text);
}

/* Copy in to out with the chunks added; 0, or -1 (why in msg). */
static int copy(struct pm *m, FILE *in, FILE *out, unsigned ppm, char **kv,
		size_t nkv, char *msg, size_t msgsize)
{
	size_t i;

	m->rp = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL,
				       NULL);
	m->wp = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL,
					NULL);
	m->ri = m->rp ? png_create_info_struct(m->rp) : NULL;
	m->text = calloc(nkv ? nkv : 1, sizeof(*m->text));
	if (!m->rp || !m->wp || !m->ri || !m->text) {
		snprintf(msg, msgsize, "out of memory");
		return -1;
	}
	if (setjmp(png_jmpbuf(m->rp)) || setjmp(png_jmpbuf(m->wp))) {
		snprintf(msg, msgsize, "not a PNG that libpng reads");
		return -1;
	}
	png_init_io(m->rp, in);
	png_read_png(m->rp, m->ri, PNG_TRANSFORM_IDENTITY, NULL);
	png_set_pHYs(m->rp, m->ri, ppm, ppm, PNG_RESOLUTION_METER);
	for (i = 0; i < nkv; i++) {
		m->text[i].compression = PNG_TEXT_COMPRESSION_NONE;
		m->text[i].key = kv[2 * i];
		m->text[i].text = kv[2 * i + 1];
	}
	png_set_text(m->rp, m->ri, m->text, (int)nkv);
	png_init_io(m->wp, out);
	png_write_png(m->wp, m->ri, PNG_TRANSFORM_IDENTITY, NULL);
	return 0;
}

int fsc_png_meta(const char *path, double dpi, const char *software,
		 const char *title, const char *selection, struct fsc_err *err)
{
	struct fsc_buf tmp = FSC_BUF_INIT;
	struct pm m = { NULL, NULL, NULL, NULL };
	char *kv[6], msg[128] = "";
	FILE *in, *out;
	int rc = -1;

	kv[0] = fsc_strdup("Software");
	kv[1] = latin1(software);
	kv[2] = fsc_strdup("Title");
	kv[3] = latin1(title);
	kv[4] = fsc_strdup("Comment");
	kv[5] = latin1(selection);
	fsc_buf_addf(&tmp, "%s.meta", path);
	in = fopen(path, "rb");
	if (!in) {
		fsc_err_set(err, path, "%s", strerror(errno));
		goto done;
	}
	out = fopen(tmp.buf, "wb");
	if (!out) {
		fsc_err_set(err, tmp.buf, "cannot write: %s", strerror(errno));
		fclose(in);
		goto done;
	}
	/* pixels per metre: dpi / 0.0254 */
	rc = copy(&m, in, out, (unsigned)(dpi / 0.0254 + 0.5), kv, 3, msg,
		  sizeof(msg));
	pm_free(&m);
	fclose(in);
	if (fclose(out) != 0 && rc == 0) {
		rc = fsc_err_set(err, tmp.buf, "cannot write: %s",
				 strerror(errno));
	} else if (rc < 0) {
		fsc_err_set(err, path, "%s", msg);
	} else if (rename(tmp.buf, path) < 0) {
		rc = fsc_err_set(err, path, "cannot replace: %s",
				 strerror(errno));
	}
	if (rc < 0)
		unlink(tmp.buf);
done:
	free(kv[0]);
	free(kv[1]);
	free(kv[2]);
	free(kv[3]);
	free(kv[4]);
	free(kv[5]);
	fsc_buf_release(&tmp);
	return rc;
}
