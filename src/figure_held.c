/*
 * figure_held.c: what a figure holds constant, and its name from it.  A
 * figure's file name is KIND[-XKEY]-DDIR-HELD: its kind, its swept key
 * (none for clients, the reference campaign's x), its data direction and
 * the values it holds in a fixed key order: runtime, backend (each unless
 * it is the compared key), the other labels, bs ("4k"), clients ("2c"),
 * iodepth ("qd16") and numjobs ("j4"), a key left out when it is free in
 * the figure or unstated, iodepth and numjobs also when 1 (fio's
 * default).  Nothing else in the store enters a name, so adding data
 * renames no figure drawn before.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "figure.h"
#include "gnuplot.h"

static void word(struct fsc_buf *t, const char *s)
{
	if (t && s && *s)
		fsc_buf_addf(t, "%s%s", t->len ? ", " : "", s);
}

static void part(struct fsc_buf *n, const char *s)
{
	if (!n || !s || !*s)
		return;
	if (n->len)
		fsc_buf_adds(n, "-");
	fsc_name_part(n, s);
}

void fsc_held(const struct fsc_render *r, const struct fsc_scn *g,
	      unsigned skip, struct fsc_buf *name, struct fsc_buf *title)
{
	int free_key = (skip & FSC_K_SERIES) ? g->sk : -1;
	char b[64];
	const char *p, *e;

	if (free_key != FSC_KEY_RUNTIME) {
		part(name, g->runtime);
		word(title, g->runtime);
	}
	if (free_key != FSC_KEY_BACKEND) {
		part(name, g->backend);
		word(title, g->backend);
	}
	/* labels "k=v": "k_v" in names, "k v" in words */
	for (p = (skip & FSC_K_XLABEL) ? g->rest_nx : g->rest; p && *p;
	     p = *e ? e + 1 : e) {
		struct fsc_buf w = FSC_BUF_INIT;

		e = strchr(p, '\n');
		if (!e)
			e = p + strlen(p);
		fsc_buf_add(&w, p, (size_t)(e - p));
		part(name, w.buf);
		if (strchr(w.buf, '='))
			*strchr(w.buf, '=') = ' ';
		word(title, w.buf);
		fsc_buf_release(&w);
	}
	if (!(skip & FSC_K_BS) && g->bs > 0) {
		fsc_bs_name(g->bs, b, sizeof(b));
		part(name, b);
		fsc_bs_title(g->bs, b, sizeof(b));
		if (title)
			fsc_buf_addf(title, "%s%s blocks", title->len ? ", " : "",
				     b);
	}
	if (!(skip & FSC_K_CLIENTS) && g->clients > 0) {
		snprintf(b, sizeof(b), "%lldc", (long long)g->clients);
		part(name, b);
		snprintf(b, sizeof(b), "%lld client%s", (long long)g->clients,
			 g->clients == 1 ? "" : "s");
		word(title, b);
	}
	if (!(skip & FSC_K_IODEPTH) && g->iodepth > 0) {
		snprintf(b, sizeof(b), "qd%lld", (long long)g->iodepth);
		if (g->iodepth != 1)
			part(name, b);
		snprintf(b, sizeof(b), "iodepth %lld", (long long)g->iodepth);
		if (g->iodepth != 1 || r->swept[FSC_X_IODEPTH])
			word(title, b);
	}
	if (!(skip & FSC_K_NUMJOBS) && g->numjobs > 0) {
		snprintf(b, sizeof(b), "j%lld", (long long)g->numjobs);
		if (g->numjobs != 1)
			part(name, b);
		snprintf(b, sizeof(b), "%lld job%s", (long long)g->numjobs,
			 g->numjobs == 1 ? "" : "s");
		if (g->numjobs != 1 || r->swept[FSC_X_NUMJOBS])
			word(title, b);
	}
}

struct fsc_fig *fsc_fig_held(struct fsc_render *r, const char *kind,
			     const char *tmpl, int xk,
			     const struct fsc_scn *g, unsigned skip,
			     const char *title)
{
	struct fsc_buf n = FSC_BUF_INIT, w = FSC_BUF_INIT;
	struct fsc_fig *f;

	fsc_buf_adds(&n, kind);
	if (xk >= 0 && *fsc_xkey_name(r, xk))
		fsc_buf_addf(&n, "-%s", fsc_xkey_name(r, xk));
	if (!(skip & FSC_K_DDIR))
		fsc_buf_addf(&n, "-%s", fsc_ddir_name(g->ddir));
	if (!(skip & FSC_K_RW))
		part(&n, g->rw);
	fsc_held(r, g, skip, &n, &w);
	f = fsc_fig_new_name(r, kind, &n);
	f->tmpl = tmpl;
	f->xkey = xk >= 0 ? (*fsc_xkey_name(r, xk) ? fsc_xkey_name(r, xk) :
			     "clients") : NULL;
	f->held = w.len ? fsc_buf_detach(&w) : NULL;
	f->title = fsc_strdup(title);
	fsc_gp_str(&f->data, "fig_title", title);
	fsc_buf_release(&w);
	fsc_buf_release(&n);
	return f;
}
