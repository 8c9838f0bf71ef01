/*
 * deck_pptx.c: the deck as Office Open XML (ECMA-376 PresentationML),
 * packed with libzip.  Every part comes from a template in
 * TEMPLATES/pptx/ (a user may edit them); fioscope fills in "{{name}}"
 * with text escaped for XML by escape.c (fsc_html_escape) or numbers.
 * Each figure is a picture: its PNG at 1920 x 1080 (the fallback) with
 * its SVG in the asvg:svgBlip extension PowerPoint 2016+ reads (the
 * observation tables too: they are drawn as SVG as well), titles are text
 * boxes, findings bullet paragraphs, and each slide's speaker notes hold
 * its findings or its figure's provenance.  Written to a temporary file
 * beside the deck, renamed over it when whole (outfile.c).  The parts
 * are those PowerPoint writes: with docProps/core.xml and app.xml (the
 * document's properties) and ppt/presProps, viewProps and tableStyles;
 * the dark theme swaps the master's colour map (its background and text
 * become the theme's dark and light colours).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <time.h>
#include <zip.h>
#include "deck.h"
#include "gnuplot.h"
#include "report.h"

/* Slide geometry, EMU (914400 an inch): 13.33 x 7.5 in. */
#define SLIDE_W 12192000L
#define SLIDE_H 6858000L

#define IMAGE_REL "http://schemas.openxmlformats.org/officeDocument/2006/" \
	"relationships/image"

struct pptx {
	struct fsc_gp_env env;
	zip_t *zip;
	struct fsc_err *err;
	const char *path;
};

/* Expand template pptx/NAME with vars into out (appended). */
static int expand(struct pptx *p, const char *name, const struct fsc_tvar *v,
		  size_t n, struct fsc_buf *out)
{
	struct fsc_buf t = FSC_BUF_INIT;
	const char *tmpl;

	fsc_buf_addf(&t, "pptx/%s", name);
	tmpl = fsc_gp_template(&p->env, t.buf, p->err);
	fsc_buf_release(&t);
	if (!tmpl)
		return -1;
	return fsc_template_expand(tmpl, v, n, out, p->err);
}

/* Add the part at name with data (taken). */
static int part(struct pptx *p, const char *name, struct fsc_buf *data)
{
	size_t n = data->len;
	char *d = fsc_buf_detach(data);
	zip_source_t *src = zip_source_buffer(p->zip, d, n, 1);

	if (!src) {
		free(d);
		return fsc_err_set(p->err, p->path, "cannot write: %s",
				   zip_strerror(p->zip));
	}
	if (zip_file_add(p->zip, name, src, ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(src);
		return fsc_err_set(p->err, p->path, "cannot write: %s",
				   zip_strerror(p->zip));
	}
	return 0;
}

/* A part from a template without variables. */
static int fixed(struct pptx *p, const char *tmpl, const char *name)
{
	struct fsc_buf b = FSC_BUF_INIT;

	if (expand(p, tmpl, NULL, 0, &b) < 0) {
		fsc_buf_release(&b);
		return -1;
	}
	return part(p, name, &b);
}

#define NV(v) (sizeof(v) / sizeof(v[0]))

/* Paragraphs of text lines (template para or bullet) into out. */
static int paras(struct pptx *p, const char *tmpl, char *const *lines,
		 size_t n, const char *size, struct fsc_buf *out)
{
	struct fsc_buf e = FSC_BUF_INIT;
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		struct fsc_tvar v[] = { { "size", size }, { "text", NULL } };

		fsc_buf_reset(&e);
		fsc_html_escape(&e, lines[i]);
		v[1].value = e.buf;
		rc = expand(p, tmpl, v, NV(v), out);
	}
	fsc_buf_release(&e);
	return rc;
}

/* A one-line text box (template title) at y, cy high. */
static int title_box(struct pptx *p, int id, long y, long cy,
		     const char *size, int bold, const char *colour,
		     const char *text, struct fsc_buf *out)
{
	struct fsc_buf e = FSC_BUF_INIT;
	char ids[16], ys[24], cys[24];
	struct fsc_tvar v[] = {
		{ "id", ids }, { "y", ys }, { "cy", cys }, { "size", size },
		{ "bold", bold ? "1" : "0" }, { "colour", colour },
		{ "text", NULL },
	};
	int rc;

	snprintf(ids, sizeof(ids), "%d", id);
	snprintf(ys, sizeof(ys), "%ld", y);
	snprintf(cys, sizeof(cys), "%ld", cy);
	fsc_html_escape(&e, text);
	v[6].value = e.buf;
	rc = expand(p, "title.xml", v, NV(v), out);
	fsc_buf_release(&e);
	return rc;
}

static int body_box(struct pptx *p, int id, long y, long cy,
		    const struct fsc_slide *s, const char *size,
		    struct fsc_buf *out)
{
	struct fsc_buf ps = FSC_BUF_INIT;
	char ids[16], ys[24], cys[24];
	struct fsc_tvar v[] = {
		{ "id", ids }, { "y", ys }, { "cy", cys }, { "paras", NULL },
	};
	int rc;

	snprintf(ids, sizeof(ids), "%d", id);
	snprintf(ys, sizeof(ys), "%ld", y);
	snprintf(cys, sizeof(cys), "%ld", cy);
	rc = paras(p, s->bullets ? "bullet.xml" : "para.xml", s->lines,
		   s->nlines, size, &ps);
	v[3].value = ps.buf;
	if (rc == 0)
		rc = expand(p, "body.xml", v, NV(v), out);
	fsc_buf_release(&ps);
	return rc;
}

static int picture(struct pptx *p, const struct fsc_slide *s, long top,
		   struct fsc_buf *out)
{
	long h = SLIDE_H - top - 91440, w = h * 16 / 9;
	struct fsc_buf e = FSC_BUF_INIT;
	char xs[24], ys[24], cxs[24], cys[24];
	struct fsc_tvar v[] = {
		{ "id", "4" }, { "name", "Figure" }, { "descr", NULL },
		{ "x", xs }, { "y", ys }, { "cx", cxs }, { "cy", cys },
	};
	int rc;

	snprintf(xs, sizeof(xs), "%ld", (SLIDE_W - w) / 2);
	snprintf(ys, sizeof(ys), "%ld", top);
	snprintf(cxs, sizeof(cxs), "%ld", w);
	snprintf(cys, sizeof(cys), "%ld", h);
	fsc_html_escape(&e, s->title);
	v[2].value = e.buf;
	rc = expand(p, "picture.xml", v, NV(v), out);
	fsc_buf_release(&e);
	return rc;
}

/* The file at path as the part ppt/media/imageN.EXT, read when the
 * archive is written. */
static int media(struct pptx *p, const char *path, size_t n, const char *ext)
{
	zip_source_t *src = zip_source_file(p->zip, path, 0, -1);
	char name[64];

	snprintf(name, sizeof(name), "ppt/media/image%zu.%s", n, ext);
	if (!src || zip_file_add(p->zip, name, src, 0) < 0) {
		if (src)
			zip_source_free(src);
		return fsc_err_set(p->err, path, "cannot read: %s",
				   zip_strerror(p->zip));
	}
	return 0;
}

/* Slide n (from 1): its XML, relationships, notes and picture. */
static int one_slide(struct pptx *p, const struct fsc_slide *s, size_t n)
{
	struct fsc_buf shapes = FSC_BUF_INIT, x = FSC_BUF_INIT,
		       name = FSC_BUF_INIT, rel = FSC_BUF_INIT;
	char ns[24];
	struct fsc_tvar v[] = { { "shapes", NULL } };
	struct fsc_tvar rv[] = { { "n", ns }, { "image_rel", NULL } };
	struct fsc_tvar nv[] = { { "notes", NULL } };
	char *lines[64];
	size_t nl = 0;
	const char *q;
	int rc = -1;

	snprintf(ns, sizeof(ns), "%zu", n);
	if (s->kind == FSC_SLIDE_TITLE) {
		if (title_box(p, 2, 1371600, 1005840, "4400", 1, "tx1",
			      s->title, &shapes) < 0 ||
		    title_box(p, 3, 2377440, 548640, "2400", 0, "tx2",
			      s->subtitle ? s->subtitle : "", &shapes) < 0 ||
		    body_box(p, 4, 3108960, 3200400, s, "2000", &shapes) < 0)
			goto out;
	} else {
		int img = s->kind == FSC_SLIDE_IMAGE;

		if (title_box(p, 2, 182880, img ? 594360 : 777240,
			      img ? "2400" : "3200", 1, "tx1", s->title,
			      &shapes) < 0 ||
		    title_box(p, 3, img ? 777240 : 960120, 228600, "1100", 0,
			      "tx2", s->subtitle ? s->subtitle : "",
			      &shapes) < 0)
			goto out;
		if (img ? picture(p, s, 1005840, &shapes) < 0 :
		    body_box(p, 4, 1325880, 5303520, s, "1800", &shapes) < 0)
			goto out;
	}
	v[0].value = shapes.buf;
	fsc_buf_addf(&name, "ppt/slides/slide%zu.xml", n);
	if (expand(p, "slide.xml", v, NV(v), &x) < 0 || part(p, name.buf, &x) < 0)
		goto out;
	if (s->kind == FSC_SLIDE_IMAGE)	/* the PNG, and its SVG */
		fsc_buf_addf(&rel, "<Relationship Id=\"rId3\" Type=\"%s\" "
			     "Target=\"../media/image%zu.png\"/>"
			     "<Relationship Id=\"rId4\" Type=\"%s\" "
			     "Target=\"../media/image%zu.svg\"/>",
			     IMAGE_REL, n, IMAGE_REL, n);
	rv[1].value = rel.buf;
	fsc_buf_reset(&name);
	fsc_buf_addf(&name, "ppt/slides/_rels/slide%zu.xml.rels", n);
	if (expand(p, "slide.rels", rv, NV(rv), &x) < 0 ||
	    part(p, name.buf, &x) < 0)
		goto out;
	/* the notes, one paragraph a line */
	for (q = s->notes ? s->notes : ""; nl < 64; nl++) {
		size_t len = strcspn(q, "\n");

		lines[nl] = fsc_strndup(q, len);
		q += len;
		if (!*q++) {
			nl++;
			break;
		}
	}
	fsc_buf_reset(&rel);
	if (paras(p, "para.xml", lines, nl, "1200", &rel) < 0)
		goto out;
	nv[0].value = rel.buf;
	fsc_buf_reset(&name);
	fsc_buf_addf(&name, "ppt/notesSlides/notesSlide%zu.xml", n);
	if (expand(p, "notes.xml", nv, NV(nv), &x) < 0 ||
	    part(p, name.buf, &x) < 0)
		goto out;
	fsc_buf_reset(&name);
	fsc_buf_addf(&name, "ppt/notesSlides/_rels/notesSlide%zu.xml.rels", n);
	if (expand(p, "notes.rels", rv, NV(rv), &x) < 0 ||
	    part(p, name.buf, &x) < 0)
		goto out;
	if (s->kind == FSC_SLIDE_IMAGE &&
	    (media(p, s->png, n, "png") < 0 || media(p, s->svg, n, "svg") < 0))
		goto out;
	rc = 0;
out:
	while (nl)
		free(lines[--nl]);
	fsc_buf_release(&shapes);
	fsc_buf_release(&x);
	fsc_buf_release(&name);
	fsc_buf_release(&rel);
	return rc;
}

/* The time of the document's properties, W3CDTF in UTC: now, or
 * $SOURCE_DATE_EPOCH (reproducible builds). */
static void created(char *out, size_t n)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v = e && *e ? strtoll(e, &end, 10) : -1;
	time_t t = v >= 0 && !*end ? (time_t)v : time(NULL);
	struct tm tm;

	if (!gmtime_r(&t, &tm) ||
	    !strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(out, n, "1970-01-01T00:00:00Z");
}

/* docProps/core.xml and app.xml: title, creator, dates; slide counts. */
static int doc_props(struct pptx *p, const struct fsc_deck *d)
{
	struct fsc_buf title = FSC_BUF_INIT, sub = FSC_BUF_INIT,
		       x = FSC_BUF_INIT;
	char when[32], ns[24];
	struct fsc_tvar cv[] = {
		{ "title", NULL }, { "subject", NULL },
		{ "version", FSC_VERSION }, { "created", when },
	};
	struct fsc_tvar av[] = { { "slides", ns }, { "notes", ns } };
	int rc = -1;

	created(when, sizeof(when));
	snprintf(ns, sizeof(ns), "%zu", d->n);
	if (d->n) {
		fsc_html_escape(&title, d->s[0].title);
		if (d->s[0].subtitle)
			fsc_html_escape(&sub, d->s[0].subtitle);
	}
	cv[0].value = title.buf;
	cv[1].value = sub.buf;
	if (expand(p, "core.xml", cv, NV(cv), &x) < 0 ||
	    part(p, "docProps/core.xml", &x) < 0 ||
	    expand(p, "app.xml", av, NV(av), &x) < 0 ||
	    part(p, "docProps/app.xml", &x) < 0)
		goto out;
	rc = 0;
out:
	fsc_buf_release(&title);
	fsc_buf_release(&sub);
	fsc_buf_release(&x);
	return rc;
}

/* The slide master, its colour map by the theme: light text on the
 * theme's dark colours when dark. */
static int master(struct pptx *p, int dark)
{
	struct fsc_buf x = FSC_BUF_INIT;
	struct fsc_tvar v[] = {
		{ "bg1", dark ? "dk1" : "lt1" }, { "tx1", dark ? "lt1" : "dk1" },
		{ "bg2", dark ? "dk2" : "lt2" }, { "tx2", dark ? "lt2" : "dk2" },
	};

	if (expand(p, "master.xml", v, NV(v), &x) < 0) {
		fsc_buf_release(&x);
		return -1;
	}
	return part(p, "ppt/slideMasters/slideMaster1.xml", &x);
}

static int pack(struct pptx *p, const struct fsc_deck *d)
{
	struct fsc_buf ov = FSC_BUF_INIT, ids = FSC_BUF_INIT,
		       rels = FSC_BUF_INIT, x = FSC_BUF_INIT;
	size_t i;
	int rc = -1;

	for (i = 1; i <= d->n; i++) {
		fsc_buf_addf(&ov, "<Override PartName=\"/ppt/slides/slide%zu.xml\" "
			     "ContentType=\"application/vnd.openxmlformats-"
			     "officedocument.presentationml.slide+xml\"/>"
			     "<Override PartName=\"/ppt/notesSlides/notesSlide%zu.xml\" "
			     "ContentType=\"application/vnd.openxmlformats-"
			     "officedocument.presentationml.notesSlide+xml\"/>",
			     i, i);
		fsc_buf_addf(&ids, "<p:sldId id=\"%zu\" r:id=\"rId%zu\"/>",
			     255 + i, 10 + i);
		fsc_buf_addf(&rels, "<Relationship Id=\"rId%zu\" Type=\"http://"
			     "schemas.openxmlformats.org/officeDocument/2006/"
			     "relationships/slide\" Target=\"slides/slide%zu.xml\"/>",
			     10 + i, i);
	}
	{
		struct fsc_tvar cv[] = { { "overrides", ov.buf } };
		struct fsc_tvar pv[] = { { "slide_ids", ids.buf } };
		struct fsc_tvar rv[] = { { "slide_rels", rels.buf } };

		if (expand(p, "content-types.xml", cv, 1, &x) < 0 ||
		    part(p, "[Content_Types].xml", &x) < 0 ||
		    fixed(p, "package.rels", "_rels/.rels") < 0 ||
		    expand(p, "presentation.xml", pv, 1, &x) < 0 ||
		    part(p, "ppt/presentation.xml", &x) < 0 ||
		    expand(p, "presentation.rels", rv, 1, &x) < 0 ||
		    part(p, "ppt/_rels/presentation.xml.rels", &x) < 0)
			goto out;
	}
	if (doc_props(p, d) < 0 || master(p, d->dark) < 0 ||
	    fixed(p, "pres-props.xml", "ppt/presProps.xml") < 0 ||
	    fixed(p, "view-props.xml", "ppt/viewProps.xml") < 0 ||
	    fixed(p, "table-styles.xml", "ppt/tableStyles.xml") < 0 ||
	    fixed(p, "master.rels",
		  "ppt/slideMasters/_rels/slideMaster1.xml.rels") < 0 ||
	    fixed(p, "layout.xml", "ppt/slideLayouts/slideLayout1.xml") < 0 ||
	    fixed(p, "layout.rels",
		  "ppt/slideLayouts/_rels/slideLayout1.xml.rels") < 0 ||
	    fixed(p, "theme.xml", "ppt/theme/theme1.xml") < 0 ||
	    fixed(p, "theme.xml", "ppt/theme/theme2.xml") < 0 ||
	    fixed(p, "notes-master.xml",
		  "ppt/notesMasters/notesMaster1.xml") < 0 ||
	    fixed(p, "notes-master.rels",
		  "ppt/notesMasters/_rels/notesMaster1.xml.rels") < 0)
		goto out;
	for (i = 0; i < d->n; i++)
		if (one_slide(p, &d->s[i], i + 1) < 0)
			goto out;
	rc = 0;
out:
	fsc_buf_release(&ov);
	fsc_buf_release(&ids);
	fsc_buf_release(&rels);
	fsc_buf_release(&x);
	return rc;
}

int fsc_deck_pptx(const struct fsc_deck *d, const char *tmpl,
		  const char *path, struct fsc_err *err)
{
	struct pptx p;
	struct fsc_buf tmp = FSC_BUF_INIT;
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
	int fd, zerr, rc = -1;

	memset(&p, 0, sizeof(p));
	p.err = err;
	p.path = path;
	if (fsc_gp_env_init(&p.env, tmpl, err) < 0)
		return -1;
	/* the archive is made beside the deck, renamed over it when whole */
	fsc_buf_add(&tmp, path, dir);
	fsc_buf_addf(&tmp, ".%s.XXXXXX", path + dir);
	fd = mkstemp(tmp.buf);
	if (fd < 0) {
		fsc_err_set(err, path, "cannot write: %s", strerror(errno));
		goto out;
	}
	close(fd);
	p.zip = zip_open(tmp.buf, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!p.zip) {
		zip_error_t ze;

		zip_error_init_with_code(&ze, zerr);
		fsc_err_set(err, path, "cannot write: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		unlink(tmp.buf);
		goto out;
	}
	if (pack(&p, d) < 0) {
		zip_discard(p.zip);
		unlink(tmp.buf);
		goto out;
	}
	if (zip_close(p.zip) < 0) {
		fsc_err_set(err, path, "cannot write: %s", zip_strerror(p.zip));
		zip_discard(p.zip);
		unlink(tmp.buf);
		goto out;
	}
	(void)chmod(tmp.buf, 0644);	/* as outfile.c's files */
	rc = fsc_out_commit(tmp.buf, path, err);
out:
	fsc_gp_env_free(&p.env);
	fsc_buf_release(&tmp);
	return rc;
}
