/*
 * observe_rerun.c (#20): the scenarios too noisy to conclude anything
 * from, as lines a script can use: one scenario per line, its key as
 * KEY=VALUE words in --where's syntax (the compared key with the column's
 * value, then the row's keys and labels, the direction of a mixed
 * pattern).  A value with anything but [A-Za-z0-9._:/+-] is quoted for a
 * POSIX shell ('...', a quote as '\'').
 */
#include <string.h>
#include "observe.h"

static void word(struct fsc_buf *out, const char *key, size_t klen,
		 const char *val, size_t vlen)
{
	size_t i;
	int plain = vlen > 0;

	for (i = 0; i < vlen; i++)
		plain &= (val[i] >= 'a' && val[i] <= 'z') ||
			 (val[i] >= 'A' && val[i] <= 'Z') ||
			 (val[i] >= '0' && val[i] <= '9') ||
			 strchr("._:/+-", val[i]) != NULL;
	fsc_buf_adds(out, out->len && out->buf[out->len - 1] != '\n' ? " " :
		     "");
	fsc_buf_add(out, key, klen);
	fsc_buf_adds(out, "=");
	if (plain) {
		fsc_buf_add(out, val, vlen);
		return;
	}
	fsc_buf_adds(out, "'");
	for (i = 0; i < vlen; i++)
		if (val[i] == '\'')
			fsc_buf_adds(out, "'\\''");
		else
			fsc_buf_add(out, &val[i], 1);
	fsc_buf_adds(out, "'");
}

static void str_word(struct fsc_buf *out, const char *key, const char *val)
{
	if (val)
		word(out, key, strlen(key), val, strlen(val));
}

static void num_word(struct fsc_buf *out, const char *key, int64_t v)
{
	struct fsc_buf b = FSC_BUF_INIT;

	if (v < 0)
		return;
	fsc_buf_addf(&b, "%lld", (long long)v);
	str_word(out, key, b.buf);
	fsc_buf_release(&b);
}

/* "fs=xfs\nhost=a": each label a word */
static void label_words(struct fsc_buf *out, const char *labels)
{
	const char *p = labels, *nl, *eq;

	for (; p && *p; p = *nl ? nl + 1 : nl) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		eq = memchr(p, '=', (size_t)(nl - p));
		if (eq && eq > p)
			word(out, p, (size_t)(eq - p), eq + 1,
			     (size_t)(nl - eq - 1));
	}
}

void fsc_obs_rerun(const struct fsc_obs *obs, struct fsc_buf *out)
{
	size_t i, j;

	for (i = 0; i < obs->nrows; i++)
		for (j = 0; j < obs->nruntimes; j++) {
			const struct fsc_obs_row *r = &obs->rows[i];

			if (!r->cells[j].noisy ||
			    r->cells[j].verdict == FSC_OBS_MISSING)
				continue;
			/* the compared key first: a label too */
			if (obs->key)
				word(out, obs->key, strlen(obs->key),
				     obs->runtimes[j], strlen(obs->runtimes[j]));
			str_word(out, "runtime", r->runtime);
			str_word(out, "backend", r->backend);
			str_word(out, "rw", r->rw);
			if (r->show_ddir)
				str_word(out, "ddir", r->ddir);
			num_word(out, "bs", r->bs);
			num_word(out, "iodepth", r->iodepth);
			num_word(out, "numjobs", r->numjobs);
			num_word(out, "clients", r->clients);
			label_words(out, r->labels);
			fsc_buf_adds(out, "\n");
		}
}
