/*
 * figure_color.c: the compared key of a selection (the figures' series)
 * and each value's line type and colour, stable whatever else the store
 * holds: the five reference runtimes keep style.gp's line types 1-5;
 * every other value v takes slot FNV-1a(v) mod 48 (the next free one when
 * a value before it in the key's order holds it), that is colour slot mod
 * 8 of the Okabe-Ito palette and open point type slot div 8, drawn as
 * line type 9 + slot; --colors pins a value's colour.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "figure.h"
#include "gnuplot.h"
#include "model.h"

static const char *const known_rt[] = {
	"bare-metal", "runc", "kata-9p", "kata-virtiofs", "kata-virtiofs-dax",
};
#define NKNOWN (sizeof(known_rt) / sizeof(known_rt[0]))
static const char *const palette[] = {
	"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
	"#000000", "#999999",
};
/* open shapes, unlike the filled ones of the reference runtimes */
static const int points[] = { 6, 4, 8, 12, 10, 14 };
#define NCOL 8
#define NSLOT (NCOL * 6)
#define LT_UNNAMED 6	/* style.gp's blue: the series of no compared key */

static unsigned fnv1a(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Every value of model key k is a whole number above 0. */
static int all_positive(const struct fsc_model_key *k)
{
	size_t i;

	for (i = 0; i < k->nvalues; i++)
		if (fsc_parse_uint(k->values[i]) < 1)
			return 0;
	return k->nvalues > 0;
}

/* The first categorical key that varies (model order: runtime, backend,
 * text labels); runtime when none does.  And the swept label: the first
 * numeric label that varies, its values all whole numbers above 0 (a
 * log axis), as r->xlabel. */
static void compared_key(struct fsc_render *r)
{
	struct fsc_model m = FSC_MODEL_INIT;
	size_t i;

	r->skey = FSC_KEY_RUNTIME;
	for (i = 0; i < r->nscn; i++) {
		const struct fsc_scn *c = &r->scn[i];
		struct fsc_model_scn ms = {
			c->runtime, c->backend, c->rw, NULL, c->labels,
			c->bs, c->clients, c->iodepth, c->numjobs,
		};

		fsc_model_add(&m, &ms);
	}
	fsc_model_finish(&m);
	for (i = 0; i < m.nkeys && !r->xlabel; i++)
		if (m.keys[i].id == FSC_KEY_LABEL &&
		    m.keys[i].kind == FSC_KEY_NUMERIC && m.keys[i].varies &&
		    all_positive(&m.keys[i])) {
			struct fsc_buf p = FSC_BUF_INIT;

			r->xlabel = fsc_strdup(m.keys[i].name);
			fsc_name_part(&p, r->xlabel);
			r->xlabel_part = fsc_buf_detach(&p);
		}
	for (i = 0; i < m.nkeys; i++)
		if (m.keys[i].kind == FSC_KEY_CATEGORICAL &&
		    m.keys[i].varies) {
			r->skey = m.keys[i].id;
			if (r->skey == FSC_KEY_LABEL)
				r->slabel = fsc_strdup(m.keys[i].name);
			break;
		}
	fsc_model_free(&m);
}

static int ser_cmp(const struct fsc_render *r, const char *a, const char *b)
{
	return fsc_key_cmp(r->skey, a, b);
}

static struct fsc_series *ser_find(struct fsc_render *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nser; i++)
		if (!strcmp(r->ser[i].name, name ? name : ""))
			return &r->ser[i];
	return NULL;
}

void fsc_series_assign(struct fsc_render *r)
{
	char used[NSLOT] = { 0 };
	size_t i, j;

	compared_key(r);
	r->ser = fsc_calloc(r->nscn + 1, sizeof(*r->ser));
	for (i = 0; i < r->nscn; i++) {
		struct fsc_scn *c = &r->scn[i];
		const char *v = r->skey == FSC_KEY_BACKEND ? c->backend :
				r->skey == FSC_KEY_RUNTIME ? c->runtime : NULL;

		c->sk = (int)r->skey;
		if (r->skey == FSC_KEY_LABEL) {
			c->series = fsc_key_label_get(c->labels, r->slabel);
			c->rest = c->labels ?
				  fsc_key_label_drop(c->labels, r->slabel) : NULL;
		} else {
			c->series = v ? fsc_strdup(v) : NULL;
			c->rest = c->labels ? fsc_strdup(c->labels) : NULL;
		}
		if (c->rest && !*c->rest) {
			free(c->rest);
			c->rest = NULL;
		}
		if (r->xlabel) {
			char *lv = fsc_key_label_get(c->labels, r->xlabel);

			c->lx = lv ? fsc_parse_uint(lv) : -1;
			free(lv);
			c->rest_nx = c->rest ?
				     fsc_key_label_drop(c->rest, r->xlabel) :
				     NULL;
			if (c->rest_nx && !*c->rest_nx) {
				free(c->rest_nx);
				c->rest_nx = NULL;
			}
		} else if (c->rest)
			c->rest_nx = fsc_strdup(c->rest);
		if (!ser_find(r, c->series)) {
			/* insertion in the key's order */
			for (j = r->nser; j > 0 &&
			     ser_cmp(r, r->ser[j - 1].name, c->series) > 0; j--)
				r->ser[j] = r->ser[j - 1];
			memset(&r->ser[j], 0, sizeof(r->ser[j]));
			r->ser[j].name = fsc_strdup(c->series ? c->series : "");
			r->nser++;
		}
	}
	/* fixed runtimes first, then the others in order */
	for (i = 0; i < r->nser; i++) {
		struct fsc_series *s = &r->ser[i];
		size_t k;

		if (!*s->name) {
			s->lt = LT_UNNAMED;
			continue;
		}
		for (k = 0; r->skey == FSC_KEY_RUNTIME && k < NKNOWN; k++)
			if (!strcmp(s->name, known_rt[k]))
				s->lt = (int)k + 1;
	}
	for (i = 0; i < r->nser; i++) {
		struct fsc_series *s = &r->ser[i];
		unsigned slot;

		if (s->lt)
			continue;
		slot = fnv1a(s->name) % NSLOT;
		for (j = 0; j < NSLOT && used[slot]; j++)
			slot = (slot + 1) % NSLOT;
		used[slot] = 1;
		s->lt = 9 + (int)slot;
		snprintf(s->color, sizeof(s->color), "%s", palette[slot % NCOL]);
		s->pt = points[slot / NCOL];
	}
	for (i = 0; i < r->nscn; i++)
		r->scn[i].lt = ser_find(r, r->scn[i].series)->lt;
}

/* One "name=#rrggbb" item of spec [p, e): 0, or -1 with err. */
static int pin_item(const char *p, const char *e, const char **name,
		    size_t *nlen, const char **hex, struct fsc_err *err)
{
	const char *eq = memchr(p, '=', (size_t)(e - p));
	size_t i;

	if (!eq || eq == p || e - eq != 8 || eq[1] != '#')
		return fsc_err_set(err, "", "--colors: expected NAME=#rrggbb, "
				   "not '%.*s'", (int)(e - p), p);
	for (i = 2; i < 8; i++)
		if (!strchr("0123456789abcdefABCDEF", eq[i]))
			return fsc_err_set(err, "", "--colors: '%.*s' is not "
					   "a colour #rrggbb", 7, eq + 1);
	*name = p;
	*nlen = (size_t)(eq - p);
	*hex = eq + 1;
	return 0;
}

static int pins(struct fsc_render *r, const char *spec, struct fsc_err *err)
{
	const char *p = spec, *e, *name = NULL, *hex = NULL;
	size_t nlen = 0, i;

	for (; p && *p; p = *e ? e + 1 : e) {
		e = strchr(p, ',');
		if (!e)
			e = p + strlen(p);
		if (pin_item(p, e, &name, &nlen, &hex, err) < 0)
			return -1;
		for (i = 0; r && i < r->nser; i++)
			if (strlen(r->ser[i].name) == nlen &&
			    !memcmp(r->ser[i].name, name, nlen)) {
				memcpy(r->ser[i].color, hex, 7);
				r->ser[i].color[7] = '\0';
				if (!r->ser[i].pt)
					r->ser[i].pt = r->ser[i].lt <= 5 ?
						(int[]){ 7, 5, 9, 13, 11 }
						[r->ser[i].lt - 1] : 7;
			}
	}
	return 0;
}

int fsc_colors_check(const char *spec, struct fsc_err *err)
{
	if (!spec || !*spec)
		return fsc_err_set(err, "", "--colors: expected NAME=#rrggbb,...");
	return pins(NULL, spec, err);
}

int fsc_series_pin(struct fsc_render *r, const char *spec,
		   struct fsc_err *err)
{
	return pins(r, spec, err);
}

void fsc_gp_linetypes(struct fsc_buf *b, const struct fsc_render *r,
		      const int *lts, size_t n)
{
	struct fsc_buf t = FSC_BUF_INIT;
	size_t i, k;

	for (i = 0; i < n; i++)
		for (k = 0; k < r->nser; k++)
			if (r->ser[k].lt == lts[i] && r->ser[k].color[0])
				fsc_buf_addf(&t, "%sset linetype %d lc rgb '%s' "
					     "lw 3 pt %d ps 1.6 dt solid",
					     t.len ? "; " : "", r->ser[k].lt,
					     r->ser[k].color, r->ser[k].pt);
	if (t.len)
		fsc_gp_str(b, "fig_linetypes", t.buf);
	fsc_buf_release(&t);
}
