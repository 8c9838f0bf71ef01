/* cmd_slides.c: fioscope slides: the results section of a talk as a deck,
 * PDF or PPTX (deck*.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "deck.h"
#include "observe.h"

static const char usage[] =
"usage: fioscope slides [--db FILE] [--out DECK.pdf|DECK.pptx]\n"
"                       [--where KEY=VALUE]... [--only KIND,...]\n"
"                       [--baseline [KEY=]VALUE] [--title T] [--subtitle S]\n"
"                       [--theme light|dark] [--font-scale X] [--transparent]\n"
"                       [--templates DIR] [--jobs N]\n"
"\n"
"Build the results section of a talk from the store: a title slide (what\n"
"was measured), the coverage, one run visualised (a timeline), per data\n"
"direction the figures of 'fioscope render', the observation tables, the\n"
"findings (the words of 'fioscope observe') and the provenance.  The slide\n"
"list is printed on standard error.\n"
"\n"
"  --db FILE            the store (default: $FIOSCOPE_DB, else fioscope.db)\n"
"  --out FILE           the deck: .pdf (vector, one 16:9 page a slide) or\n"
"                       .pptx (PowerPoint, LibreOffice Impress; templates\n"
"                       in TEMPLATES/pptx/)  (default: slides.pdf)\n"
"  --where KEY=VALUE    the scenarios whose KEY is VALUE only (as 'report')\n"
"  --only KIND,...      figure kinds to show: bw, iops, lat, cdf, stack,\n"
"                       timeline, tl, bar, grid, observations (tables and\n"
"                       their slides); default: all\n"
"  --baseline KEY=VALUE what the observations compare with (as 'observe')\n"
"  --title T            the title slide's title (default: fio results)\n"
"  --subtitle S         the title slide's subtitle\n"
"  --theme T            light (default) or dark: the pages, their text and\n"
"                       every figure and table on them\n"
"  --font-scale X       the figures' and tables' text size, 0.5 to 2\n"
"                       (default 1: 27 pt at 1080 px)\n"
"  --transparent        figures and tables without background, over the\n"
"                       slide's (PNG with alpha in a .pptx)\n"
"                       (--size is not offered: a slide is 1920x1080, 16:9)\n"
"  --templates DIR      templates to use first (*.gp, pptx/*)\n"
"  --jobs N             gnuplot processes (default: one per core)\n"
"  -h, --help           this help\n"
"\n"
"Exit status: 0 success, 1 store, template, gnuplot or write error (no\n"
"deck is left), 2 usage error.\n";

enum { O_DB = 1, O_OUT, O_WHERE, O_ONLY, O_BASELINE, O_TITLE, O_SUBTITLE,
       O_TEMPLATES, O_JOBS };

static const struct cli_opt opts[] = {
	{ "db", 0, 1, O_DB },
	{ "out", 0, 1, O_OUT },
	{ "where", 0, 1, O_WHERE },
	{ "only", 0, 1, O_ONLY },
	{ "baseline", 0, 1, O_BASELINE },
	{ "title", 0, 1, O_TITLE },
	{ "subtitle", 0, 1, O_SUBTITLE },
	{ "templates", 0, 1, O_TEMPLATES },
	{ "jobs", 0, 1, O_JOBS },
	CLI_KNOB_OPTS,
	{ NULL, 0, 0, 0 },
};

/* 1 .pdf, 2 .pptx, 0 another. */
static int format_of(const char *out)
{
	size_t n = strlen(out);

	if (n > 4 && !strcmp(out + n - 4, ".pdf"))
		return 1;
	if (n > 5 && !strcmp(out + n - 5, ".pptx"))
		return 2;
	return 0;
}

static int slides(struct fsc_deck_opts *o, const char *db, const char *out,
		  const char *prog)
{
	struct fsc_buf msgs = FSC_BUF_INIT, line = FSC_BUF_INIT;
	struct fsc_store *st;
	struct fsc_err err = { "", "", 0 };
	struct fsc_deck d;
	size_t i;
	int rc, fmt = format_of(out);

	memset(&d, 0, sizeof(d));
	o->png = fmt == 2;
	st = cli_open_store(prog, db, 1, &rc);
	if (!st)
		return rc;
	if ((rc = cli_where_check(prog, "slides", o->where, st))) {
		fsc_store_close(st);
		return rc;
	}
	rc = fsc_deck_build(st, o, &d, &msgs, &err);
	cli_relay(prog, "gnuplot", &msgs);
	fsc_store_close(st);
	if (rc == 0)
		rc = fmt == 1 ? fsc_deck_pdf(&d, out, &err) :
		     fsc_deck_pptx(&d, o->tmpl, out, &err);
	if (rc < 0) {
		cli_error(prog, &err);
		rc = 1;
	} else {
		for (i = 0; i < d.n; i++) {
			fsc_buf_reset(&line);
			fsc_buf_addf(&line, "slide %zu: %s: ", i + 1,
				     d.s[i].section);
			fsc_display(&line, d.s[i].title);
			fprintf(stderr, "%s\n", line.buf);
		}
		cli_msg(prog, "wrote %s: %zu slide%s, %zu figure%s", out, d.n,
			d.n == 1 ? "" : "s", d.figures,
			d.figures == 1 ? "" : "s");
	}
	fsc_deck_free(&d);
	fsc_buf_release(&msgs);
	fsc_buf_release(&line);
	return rc;
}

int cmd_slides(int argc, char **argv, const char *prog)
{
	struct fsc_deck_opts o;
	struct fsc_where where = FSC_WHERE_INIT;
	struct fsc_buf sel = FSC_BUF_INIT;
	struct cli c;
	const char *db = NULL, *out = "slides.pdf";
	int id, rc = FSC_EXIT_USAGE;

	memset(&o, 0, sizeof(o));
	o.knobs = (struct fsc_knobs)FSC_KNOBS_INIT;
	o.where = &where;
	cli_init(&c, prog, "slides", usage, opts, argc, argv);
	while ((id = cli_next(&c)) > 0) {
		switch (id) {
		case O_DB: db = c.val; break;
		case O_OUT: out = c.val; break;
		case O_BASELINE: o.baseline = c.val; break;
		case O_TITLE: o.title = c.val; break;
		case O_SUBTITLE: o.subtitle = c.val; break;
		case O_TEMPLATES: o.tmpl = c.val; break;
		case O_JOBS:
			if (!(o.jobs = cli_jobs(&c)))
				goto out;
			break;
		case O_ONLY:
			if (!(o.only = cli_only(&c)))
				goto out;
			break;
		case O_WHERE:
			if (cli_where_add(&c, &where))
				goto out;
			fsc_buf_addf(&sel, "%s--where %s", sel.len ? " " : "",
				     c.val);
			break;
		case CLI_K_SIZE:
			rc = cli_usage(prog, "slides", "--size: a slide is "
				       "1920x1080 (16:9): the deck draws every "
				       "figure at that size; --font-scale sets "
				       "the text size");
			goto out;
		default:
			if (cli_knob(&c, id, &o.knobs))
				goto out;
			break;
		}
	}
	if ((rc = cli_finish(&c, id, 0)) >= 0)
		goto out;
	if (!format_of(out))
		rc = cli_usage(prog, "slides", "--out: '%s' is not a deck: "
			       "formats: .pdf, .pptx", out);
	else {
		o.selection = sel.len ? sel.buf : NULL;
		rc = slides(&o, db, out, prog);
	}
out:
	fsc_where_free(&where);
	fsc_buf_release(&sel);
	return rc;
}
