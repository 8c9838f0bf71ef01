/*
 * model.c: the campaign model (model.h): which keys a selection of
 * scenarios states, which vary, their values in order.
 */
#include <stdlib.h>
#include <string.h>
#include "model.h"

/* The fixed keys and ddir, in the model's order between the text labels
 * (first) and the numeric labels (last). */
static const char *const fixed[] = { "runtime", "backend", "rw", "ddir",
	"bs", "clients", "iodepth", "numjobs" };
#define NFIXED (sizeof(fixed) / sizeof(fixed[0]))

static int key_index(struct fsc_model *m, const char *name)
{
	int k = fsc_model_find(m, name);
	size_t i;

	if (k >= 0)
		return k;
	m->keys = fsc_realloc(m->keys, (m->nkeys + 1) * sizeof(*m->keys));
	memset(&m->keys[m->nkeys], 0, sizeof(*m->keys));
	m->keys[m->nkeys].name = fsc_strdup(name);
	m->keys[m->nkeys].id = fsc_key_id(name);
	for (i = 0; i < m->n; i++) {
		m->vals[i] = fsc_realloc(m->vals[i],
					 (m->nkeys + 1) * sizeof(char *));
		m->vals[i][m->nkeys] = NULL;
	}
	return (int)m->nkeys++;
}

int fsc_model_find(const struct fsc_model *m, const char *name)
{
	size_t k;

	for (k = 0; k < m->nkeys; k++)
		if (!strcmp(m->keys[k].name, name))
			return (int)k;
	return -1;
}

static char *num(int64_t v)
{
	struct fsc_buf b = FSC_BUF_INIT;

	if (v < 0)
		return NULL;
	fsc_buf_addf(&b, "%lld", (long long)v);
	return fsc_buf_detach(&b);
}

size_t fsc_model_add(struct fsc_model *m, const struct fsc_model_scn *s)
{
	char *v[NFIXED];
	size_t i, k;
	const char *p;

	if (!m->nkeys)
		for (k = 0; k < NFIXED; k++)
			key_index(m, fixed[k]);
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 64;
		m->vals = fsc_realloc(m->vals, m->cap * sizeof(*m->vals));
	}
	i = m->n++;
	m->vals[i] = fsc_calloc(m->nkeys, sizeof(char *));
	v[0] = fsc_strdup(s->runtime);
	v[1] = fsc_strdup(s->backend);
	v[2] = fsc_strdup(s->rw);
	v[3] = fsc_strdup(s->ddir);
	v[4] = num(s->bs);
	v[5] = num(s->clients);
	v[6] = num(s->iodepth);
	v[7] = num(s->numjobs);
	for (k = 0; k < NFIXED; k++)
		m->vals[i][k] = v[k];
	for (p = s->labels; p && *p;) {
		const char *e = strchr(p, '\n'), *eq;
		size_t l = e ? (size_t)(e - p) : strlen(p);
		char *name;

		eq = memchr(p, '=', l);
		if (eq) {
			name = fsc_strndup(p, (size_t)(eq - p));
			k = (size_t)key_index(m, name);
			free(name);
			free(m->vals[i][k]);
			m->vals[i][k] = fsc_strndup(eq + 1,
						    l - (size_t)(eq - p) - 1);
		}
		p += l + (e != NULL);
	}
	return i;
}

const char *fsc_model_val(const struct fsc_model *m, size_t i, size_t k)
{
	return m->vals[i][k];
}

static int cmp_val(const struct fsc_model_key *k, const char *a,
		   const char *b)
{
	return fsc_key_cmp(k->id, a, b);
}

/* The model's order of keys: text labels after runtime and backend,
 * numeric labels last. */
static int rank(const struct fsc_model_key *k)
{
	if (!strcmp(k->name, "ddir"))
		return 4;	/* after rw */
	if (k->id == FSC_KEY_LABEL)
		return k->kind == FSC_KEY_NUMERIC ? 20 : 2;
	if (k->id == FSC_KEY_RW)
		return 3;
	return k->id < FSC_KEY_RW ? (int)k->id : (int)k->id + 2;
}

static int key_order(const struct fsc_model_key *a,
		     const struct fsc_model_key *b)
{
	int c = rank(a) - rank(b);

	return c ? c : strcmp(a->name, b->name);
}

void fsc_model_finish(struct fsc_model *m)
{
	size_t k, i, j, nk = 0, *perm = fsc_calloc(m->nkeys + 1, sizeof(*perm));
	struct fsc_model_key *keys = fsc_calloc(m->nkeys + 1, sizeof(*keys));

	for (k = 0; k < m->nkeys; k++) {
		struct fsc_model_key *K = &m->keys[k];
		int numeric = 1, any = 0;

		for (i = 0; i < m->n; i++) {
			const char *v = m->vals[i][k];

			if (v) {
				any = 1;
				numeric &= fsc_key_is_number(v);
			}
			if (i && !K->varies && (!v != !m->vals[0][k] ||
			    (v && strcmp(v, m->vals[0][k]))))
				K->varies = 1;
		}
		if (!strcmp(K->name, "ddir"))
			K->kind = FSC_KEY_PATTERN;
		else if (K->id == FSC_KEY_LABEL)
			K->kind = numeric ? FSC_KEY_NUMERIC :
				  FSC_KEY_CATEGORICAL;
		else
			K->kind = fsc_key_kind(K->id);
		if (!any)
			continue;
		/* distinct values, in order (insertion sort: few values) */
		for (i = 0; i < m->n; i++) {
			const char *v = m->vals[i][k];

			if (!v)
				continue;
			for (j = 0; j < K->nvalues; j++)
				if (!strcmp(K->values[j], v))
					break;
			if (j < K->nvalues)
				continue;
			K->values = fsc_realloc(K->values, (K->nvalues + 1) *
						sizeof(char *));
			for (j = K->nvalues; j > 0 &&
			     cmp_val(K, K->values[j - 1], v) > 0; j--)
				K->values[j] = K->values[j - 1];
			K->values[j] = fsc_strdup(v);
			K->nvalues++;
		}
		perm[nk++] = k;
	}
	/* stable sort of the stated keys by rank */
	for (i = 1; i < nk; i++)
		for (j = i; j > 0 && key_order(&m->keys[perm[j - 1]],
		     &m->keys[perm[j]]) > 0; j--) {
			size_t t = perm[j];

			perm[j] = perm[j - 1];
			perm[j - 1] = t;
		}
	for (i = 0; i < m->n; i++) {
		char **row = fsc_calloc(nk + 1, sizeof(char *));

		for (j = 0; j < nk; j++) {
			row[j] = m->vals[i][perm[j]];
			m->vals[i][perm[j]] = NULL;
		}
		for (k = 0; k < m->nkeys; k++)
			free(m->vals[i][k]);
		free(m->vals[i]);
		m->vals[i] = row;
	}
	for (j = 0; j < nk; j++) {
		keys[j] = m->keys[perm[j]];
		m->keys[perm[j]].name = NULL;
		m->keys[perm[j]].values = NULL;
	}
	for (k = 0; k < m->nkeys; k++) {
		free(m->keys[k].name);
		free(m->keys[k].values);	/* stated keys moved: NULL */
	}
	free(m->keys);
	m->keys = keys;
	m->nkeys = nk;
	free(perm);
}

void fsc_model_free(struct fsc_model *m)
{
	size_t i, k;

	for (i = 0; i < m->n; i++) {
		for (k = 0; k < m->nkeys; k++)
			free(m->vals[i][k]);
		free(m->vals[i]);
	}
	free(m->vals);
	for (k = 0; k < m->nkeys; k++) {
		for (i = 0; i < m->keys[k].nvalues; i++)
			free(m->keys[k].values[i]);
		free(m->keys[k].values);
		free(m->keys[k].name);
	}
	free(m->keys);
	memset(m, 0, sizeof(*m));
}

int fsc_model_cmp_except(const struct fsc_model *m, size_t a, size_t b,
			 const int *skip)
{
	size_t k;
	int c, i, skipped;

	for (k = 0; k < m->nkeys; k++) {
		for (skipped = 0, i = 0; skip && skip[i] >= 0; i++)
			skipped |= skip[i] == (int)k;
		if (skipped)
			continue;
		if ((c = cmp_val(&m->keys[k], m->vals[a][k], m->vals[b][k])))
			return c;
	}
	return 0;
}

int fsc_model_cmp_on(const struct fsc_model *m, size_t a, size_t b,
		     const int *keys)
{
	int c, i;

	for (i = 0; keys[i] >= 0; i++)
		if ((c = cmp_val(&m->keys[keys[i]], m->vals[a][keys[i]],
				 m->vals[b][keys[i]])))
			return c;
	return 0;
}

void fsc_model_phrase(const struct fsc_model *m, size_t k, const char *v,
		      struct fsc_buf *out)
{
	const struct fsc_model_key *K = &m->keys[k];

	if (!v)
		return;
	if (K->kind == FSC_KEY_NUMERIC && fsc_key_is_number(v))
		fsc_key_phrase(K->id, K->name, strtoll(v, NULL, 10), out);
	else if (K->kind == FSC_KEY_PATTERN || K->id == FSC_KEY_RUNTIME)
		fsc_buf_adds(out, v);	/* "randread", "kata-9p" */
	else
		fsc_buf_addf(out, "%s %s", K->name, v);
}

void fsc_model_constants(const struct fsc_model *m, struct fsc_buf *out)
{
	size_t k;
	const char *sep = "";

	for (k = 0; m->n && k < m->nkeys; k++) {
		if (m->keys[k].varies || !m->vals[0][k])
			continue;
		/* iodepth 1 and 1 job, fio's defaults, go without saying */
		if ((m->keys[k].id == FSC_KEY_IODEPTH ||
		     m->keys[k].id == FSC_KEY_NUMJOBS) &&
		    !strcmp(m->vals[0][k], "1"))
			continue;
		fsc_buf_adds(out, sep);
		fsc_model_phrase(m, k, m->vals[0][k], out);
		sep = ", ";
	}
}

void fsc_model_compared(const struct fsc_model *m, struct fsc_buf *out)
{
	const char *sep = "";
	size_t k;

	for (k = 0; k < m->nkeys; k++)
		if (m->keys[k].varies &&
		    m->keys[k].kind == FSC_KEY_CATEGORICAL) {
			fsc_buf_addf(out, "%s%s", sep, m->keys[k].name);
			sep = ", ";
		}
}
