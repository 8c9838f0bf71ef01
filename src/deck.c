/*
 * deck.c: the slide list of `fioscope slides`, in the order of a talk's
 * results section: title, coverage, one run visualised (a timeline), the
 * figures per data direction, the observation tables, the findings (the
 * words of `observe`), provenance.  Figures come from fsc_render_run in
 * its order, whatever their kinds: a new figure family needs no change
 * here.  Images are drawn into a work directory the deck owns.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "deck.h"
#include "render_run.h"
#include "gnuplot.h"
#include "observe.h"
#include "only.h"
#include "key.h"

struct fsc_slide *fsc_deck_add(struct fsc_deck *d, enum fsc_slide_kind kind,
			       const char *section, const char *title)
{
	struct fsc_slide *s;

	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 16;
		d->s = fsc_realloc(d->s, d->cap * sizeof(*d->s));
	}
	s = &d->s[d->n++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->section = section;
	s->title = fsc_strdup(title);
	return s;
}

void fsc_slide_line(struct fsc_slide *s, const char *line)
{
	s->lines = fsc_realloc(s->lines, (s->nlines + 1) * sizeof(*s->lines));
	s->lines[s->nlines++] = fsc_strdup(line);
}

/* The data direction a figure's name gives after its kind (and, for a
 * bar chart or a swept key, its metric or key: KIND[-KEY]-DDIR-...;
 * figure.h), as an order: read, write, trim, then figures of no
 * direction. */
static int fig_dir(const struct fsc_fig *f)
{
	static const char *const dirs[] = { "read", "write", "trim" };
	const char *p = strchr(f->name, '-');
	size_t i, n, tok;

	/* the direction is at most the third word after the kind */
	for (tok = 0; p && tok < 3; tok++, p = strchr(p, '-')) {
		p++;
		n = strcspn(p, "-");
		for (i = 0; i < 3; i++)
			if (strlen(dirs[i]) == n && !strncmp(p, dirs[i], n))
				return (int)i;
	}
	return 3;
}

/* A number variable of a figure's data ("NAME = 3" at a line's start,
 * as fsc_gp_num writes it); -1 when absent. */
static double fig_num(const struct fsc_fig *f, const char *name)
{
	const char *p = f->data.buf;
	size_t n = strlen(name);

	for (; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, name, n) && !strncmp(p + n, " = ", 3))
			return strtod(p + n + 3, NULL);
	return -1;
}

/* The representative run: of the timelines that draw per-interval data
 * (fio logs or status-interval snapshots: npanels > 0), the one of the
 * fewest runs, the first in the figures' order on a tie; without such a
 * timeline, the first.  keep() lets only it through. */
struct pick {
	int done;
	size_t chosen;
};
#define PICK_WHY "The run shown: of the scenarios whose timeline has " \
	"per-interval data (fio logs or status-interval snapshots), the one " \
	"of the fewest runs, the first in the figures' order (backend, block " \
	"size, pattern, runtime, clients) on a tie; without such data, the first."

static int keep_one_timeline(const struct fsc_render *r, size_t i, void *arg)
{
	struct pick *pk = arg;
	double best = -1;
	size_t j;

	if (strcmp(r->figs[i].kind, "timeline"))
		return 1;
	if (!pk->done) {
		pk->done = 1;
		pk->chosen = i;
		for (j = i; j < r->nfigs; j++) {
			double runs = fig_num(&r->figs[j], "nruns");

			if (strcmp(r->figs[j].kind, "timeline") ||
			    fig_num(&r->figs[j], "npanels") <= 0)
				continue;
			if (best < 0 || runs < best) {
				best = runs;
				pk->chosen = j;
			}
		}
	}
	return i == pk->chosen;
}

static void image_paths(struct fsc_slide *s, const char *dir,
			const char *base, int png)
{
	struct fsc_buf p = FSC_BUF_INIT;

	fsc_buf_addf(&p, "%s/%s.svg", dir, base);
	s->svg = fsc_buf_detach(&p);
	if (png) {
		fsc_buf_addf(&p, "%s/%s.png", dir, base);
		s->png = fsc_buf_detach(&p);
	}
}

static void fig_slide(struct fsc_deck *d, const struct fsc_deck_opts *o,
		      const struct fsc_fig *f, const char *db)
{
	static const char *const dn[] = { "Read", "Write", "Trim" };
	struct fsc_buf t = FSC_BUF_INIT;
	int dir = fig_dir(f);
	int tl = !strcmp(f->kind, "timeline");
	struct fsc_slide *s;

	if (dir < 3 && !tl)
		fsc_buf_addf(&t, "%s: ", dn[dir]);
	fsc_buf_adds(&t, tl ? "One run visualised" : fsc_kind_title(f->kind));
	s = fsc_deck_add(d, FSC_SLIDE_IMAGE, tl ? "timeline" : "figure", t.buf);
	fsc_buf_reset(&t);
	fsc_buf_adds(&t, f->name);
	if (tl)
		fsc_buf_adds(&t, ": of the scenarios with per-interval data, "
			     "the one of the fewest runs");
	s->subtitle = fsc_buf_detach(&t);
	image_paths(s, d->dir, f->name, o->png);
	fsc_buf_reset(&t);
	if (tl)
		fsc_buf_addf(&t, "%s\n", d->timeline_why);
	fsc_buf_addf(&t, "Figure %s (kind %s), drawn by gnuplot from the "
		     "templates style.gp and %s.gp with the data of store ",
		     f->name, f->kind, f->kind);
	fsc_buf_adds(&t, db);
	fsc_buf_addf(&t, " (fioscope %s; `fioscope render --db ", FSC_VERSION);
	fsc_buf_adds(&t, db);
	fsc_buf_addf(&t, " --only %s` draws it again with its .gp script).",
		     f->kind);
	s->notes = fsc_buf_detach(&t);
}

#define PER_SLIDE 6

/* The findings (the words of `observe --metric M`) as bullet slides in
 * observe's order, each run of one kind under its heading, PER_SLIDE a
 * slide; the speaker notes hold them too.  Any kind observe adds comes
 * with its heading. */
static void findings_of(const struct fsc_obs *obs, enum fsc_obs_metric m,
			struct fsc_deck *d)
{
	struct fsc_buf t = FSC_BUF_INIT, head = FSC_BUF_INIT;
	struct fsc_slide *s = NULL;
	size_t i, j, n, k;

	for (i = 0; i < obs->nfindings; i = j) {
		enum fsc_obs_kind kind = obs->findings[i].kind;

		for (j = i; j < obs->nfindings &&
		     obs->findings[j].kind == kind; j++)
			;
		n = j - i;
		fsc_buf_reset(&head);
		fsc_obs_kind_head(obs, kind, &head);
		for (k = 0; k < n; k++) {
			const char *text = obs->findings[i + k].text;

			if (k % PER_SLIDE == 0) {
				fsc_buf_reset(&t);
				fsc_buf_addf(&t, "%s: %s",
					     fsc_obs_metric_title(m), head.buf);
				if (n > PER_SLIDE)
					fsc_buf_addf(&t, " (%zu of %zu)",
						     k / PER_SLIDE + 1,
						     (n + PER_SLIDE - 1) /
						     PER_SLIDE);
				s = fsc_deck_add(d, FSC_SLIDE_TEXT, "findings",
						 t.buf);
				s->bullets = 1;
				s->notes = fsc_strdup("");
			}
			fsc_slide_line(s, text);
			fsc_buf_reset(&t);
			fsc_buf_adds(&t, s->notes);
			fsc_buf_addf(&t, "%s%s", *s->notes ? "\n" : "", text);
			free(s->notes);
			s->notes = fsc_buf_detach(&t);
		}
	}
	fsc_buf_release(&t);
	fsc_buf_release(&head);
}

/* The observation table of metric m as slides, and its findings. */
static int obs_slides(struct fsc_store *st, const struct fsc_deck_opts *o,
		      enum fsc_obs_metric m, struct fsc_deck *d,
		      size_t *nf,
		      struct fsc_err *err)
{
	struct fsc_obs_opts oo;
	struct fsc_obs *obs;
	struct fsc_knobs kn = o->knobs;
	struct fsc_buf path = FSC_BUF_INIT, t = FSC_BUF_INIT;
	const char *name = fsc_obs_metric_name(m);
	struct fsc_err oerr;
	int n, k, rc = -1;

	fsc_obs_opts_init(&oo, m, o->baseline, o->where);
	kn.width = 1920;	/* the slide's size, the table's own title */
	kn.height = 1080;
	kn.title = kn.subtitle = NULL;
	obs = fsc_obs_new(st, &oo, &oerr);
	if (!obs)
		return 0;	/* nothing to compare: no table, no finding */
	if (obs->nruntimes && fsc_only_has(o->only, "observations")) {
		fsc_buf_addf(&path, "%s/observations-%s.svg", d->dir, name);
		n = fsc_obs_render_knobs(obs, FSC_OBS_SVG, &kn, path.buf, err);
		fsc_buf_reset(&path);
		fsc_buf_addf(&path, "%s/observations-%s.png", d->dir, name);
		if (n < 0 || (o->png && fsc_obs_render_knobs(obs, FSC_OBS_PNG,
				&kn, path.buf, err) < 0))
			goto out;
		for (k = 1; k <= n; k++) {
			struct fsc_slide *s;

			fsc_buf_reset(&t);
			fsc_obs_title(obs, &t);
			if (n > 1)
				fsc_buf_addf(&t, " (%d of %d)", k, n);
			s = fsc_deck_add(d, FSC_SLIDE_IMAGE, "observations",
					 t.buf);
			fsc_buf_reset(&t);
			if (n == 1)
				fsc_buf_addf(&t, "observations-%s", name);
			else
				fsc_buf_addf(&t, "observations-%s-%d", name, k);
			image_paths(s, d->dir, t.buf, o->png);
			fsc_buf_reset(&t);
			fsc_obs_footnotes(obs, &t);
			fsc_buf_addf(&t, "The table of `fioscope observe "
				     "--metric %s`: %s.", name,
				     obs->note ? obs->note : "");
			s->notes = fsc_buf_detach(&t);
			s->subtitle = fsc_strdup(fsc_obs_metric_title(m));
		}
	}
	findings_of(obs, m, d);
	(*nf) += obs->nfindings;
	rc = 0;
out:
	fsc_obs_free(obs);
	fsc_buf_release(&path);
	fsc_buf_release(&t);
	return rc;
}

/* The scenarios drawn, as a JSON array of ids for json_each(). */
static void scn_ids(const struct fsc_render *r, struct fsc_buf *o)
{
	size_t i;

	fsc_buf_adds(o, "[");
	for (i = 0; i < r->nscn; i++)
		fsc_buf_addf(o, "%s%lld", i ? "," : "",
			     (long long)r->scn[i].id);
	fsc_buf_adds(o, "]");
}

int fsc_deck_build(struct fsc_store *st, const struct fsc_deck_opts *o,
		   struct fsc_deck *d, struct fsc_buf *msgs,
		   struct fsc_err *err)
{
	const char *tmp = getenv("TMPDIR");
	struct fsc_buf b = FSC_BUF_INIT, ids = FSC_BUF_INIT;
	struct fsc_render_opts ro;
	struct fsc_render r;
	const char *db = sqlite3_db_filename(fsc_store_db(st), "main");
	const char *base = db && strrchr(db, '/') ? strrchr(db, '/') + 1 : db;
	struct pick pk = { 0, 0 };
	int rr, rc = -1, dir;
	size_t i, nf = 0;

	memset(d, 0, sizeof(*d));
	memset(&r, 0, sizeof(r));
	d->dark = o->knobs.dark;
	fsc_buf_addf(&b, "%s/fioscope-slides.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(b.buf)) {
		fsc_err_set(err, b.buf, "cannot create: %s", strerror(errno));
		goto out;
	}
	d->dir = fsc_buf_detach(&b);
	memset(&ro, 0, sizeof(ro));
	ro.out = d->dir;
	ro.tmpl = o->tmpl;
	ro.formats = FSC_FMT_SVG | (o->png ? FSC_FMT_PNG : 0);
	ro.knobs = o->knobs;
	ro.knobs.width = 1920;	/* 16:9, the slide's size */
	ro.knobs.height = 1080;
	ro.knobs.title = ro.knobs.subtitle = NULL;
	ro.jobs = o->jobs;
	ro.where = o->where;
	ro.only = o->only;
	ro.keep = keep_one_timeline;
	ro.keep_arg = &pk;
	rr = fsc_render_run(st, &ro, &r, msgs, err);
	if (rr < 0)
		goto out;
	if (!r.nscn) {
		fsc_err_set(err, db ? db : "", "%s",
			    o->where && o->where->n ?
			    "no scenario matches --where: no slides" :
			    "no scenario in the store: no slides");
		goto out;
	}
	if (rr == FSC_RENDER_NO_GNUPLOT) {
		fsc_err_set(err, "", "gnuplot not found (Debian package "
			    "gnuplot-nox): no figures to put on slides");
		goto out;
	}
	for (i = 0; i < r.nfigs; i++)
		if (r.figs[i].error) {
			fsc_err_set(err, "", "%s", r.figs[i].error);
			goto out;
		}
	d->figures = r.nfigs;
	d->timeline_why = fsc_strdup(PICK_WHY);
	scn_ids(&r, &ids);
	if (fsc_deck_title(st, o, ids.buf, d, err) < 0 ||
	    fsc_deck_coverage(st, d, err) < 0)
		goto out;
	for (i = 0; i < r.nfigs; i++)
		if (!strcmp(r.figs[i].kind, "timeline"))
			fig_slide(d, o, &r.figs[i], base ? base : "");
	for (dir = 0; dir <= 3; dir++)
		for (i = 0; i < r.nfigs; i++)
			if (strcmp(r.figs[i].kind, "timeline") &&
			    fig_dir(&r.figs[i]) == dir)
				fig_slide(d, o, &r.figs[i], base ? base : "");
	if (obs_slides(st, o, FSC_OBS_BW, d, &nf, err) < 0 ||
	    obs_slides(st, o, FSC_OBS_P99, d, &nf, err) < 0)
		goto out;
	/* the findings after every table, as the talk has them */
	{
		size_t n = d->n, j = 0, k;
		struct fsc_slide *tmpv = fsc_malloc((n ? n : 1) * sizeof(*tmpv));

		for (k = 0; k < n; k++)
			if (strcmp(d->s[k].section, "findings"))
				tmpv[j++] = d->s[k];
		for (k = 0; k < n; k++)
			if (!strcmp(d->s[k].section, "findings"))
				tmpv[j++] = d->s[k];
		memcpy(d->s, tmpv, n * sizeof(*tmpv));
		free(tmpv);
	}
	if (fsc_deck_provenance(st, o, ids.buf, d, err) < 0)
		goto out;
	rc = 0;
out:
	fsc_render_free(&r);
	fsc_buf_release(&b);
	fsc_buf_release(&ids);
	return rc;
}

void fsc_deck_free(struct fsc_deck *d)
{
	size_t i, j;

	for (i = 0; i < d->n; i++) {
		struct fsc_slide *s = &d->s[i];

		free(s->title);
		free(s->subtitle);
		for (j = 0; j < s->nlines; j++)
			free(s->lines[j]);
		free(s->lines);
		free(s->svg);
		free(s->png);
		free(s->notes);
	}
	free(d->s);
	if (d->dir)
		fsc_gp_rmdir(d->dir);
	free(d->dir);
	free(d->timeline_why);
	memset(d, 0, sizeof(*d));
}
