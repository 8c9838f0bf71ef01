/*
 * model.h: the campaign model (model.c).  For a selection of scenarios:
 * every key that some scenario states (the fixed keys, ddir, and each free
 * label as a key of its own), which of them vary and which are constant,
 * and each key's kind (key.h): a numeric key that varies is swept, a
 * categorical one compared.  A key no scenario states is not in the model:
 * nothing shows it.
 *
 * Values are text ("4096", "ext4"), NULL where a scenario does not state
 * the key; numeric keys order numerically.
 */
#ifndef FSC_MODEL_H
#define FSC_MODEL_H
#include "key.h"

struct fsc_model_key {
	char *name;		/* "iodepth", or the label's name */
	enum fsc_key_id id;	/* FSC_KEY_LABEL for labels */
	enum fsc_key_kind kind;	/* a label is numeric when all values are */
	int varies;		/* two scenarios differ in it */
	char **values;		/* its distinct values, in the key's order */
	size_t nvalues;
};

struct fsc_model {
	struct fsc_model_key *keys;	/* stated keys, in the model's order */
	size_t nkeys;
	char ***vals;		/* vals[scenario][key]: text or NULL */
	size_t n, cap;
};
#define FSC_MODEL_INIT { NULL, 0, NULL, 0, 0 }

/* The fields of one scenario (NULL strings and negative numbers are
 * unstated; labels is the store's '\n'-separated "k=v" text). */
struct fsc_model_scn {
	const char *runtime, *backend, *rw, *ddir, *labels;
	int64_t bs, clients, iodepth, numjobs;
};

/* Add a scenario; its index. */
size_t fsc_model_add(struct fsc_model *m, const struct fsc_model_scn *s);
/* After the last add: drop the keys no scenario states, find what varies
 * and each key's values and kind.  Keys are in this order: runtime,
 * backend, the text labels, rw, ddir, bs, clients, iodepth, numjobs, the
 * numeric labels. */
void fsc_model_finish(struct fsc_model *m);
void fsc_model_free(struct fsc_model *m);
/* The key named name, or -1. */
int fsc_model_find(const struct fsc_model *m, const char *name);
/* The value of key k in scenario i, or NULL. */
const char *fsc_model_val(const struct fsc_model *m, size_t i, size_t k);
/* Compare two scenarios on every key but those in skip (a key index list
 * ended by -1), in the model's order. */
int fsc_model_cmp_except(const struct fsc_model *m, size_t a, size_t b,
			 const int *skip);
/* Compare two scenarios on the keys listed (-1 ended) only. */
int fsc_model_cmp_on(const struct fsc_model *m, size_t a, size_t b,
		     const int *keys);
/* A key's value as prose says it: "64 KiB", "iodepth 16", "4 jobs",
 * "randread", "fs xfs"; "" for NULL. */
void fsc_model_phrase(const struct fsc_model *m, size_t k, const char *v,
		      struct fsc_buf *out);
/* The constant keys, said once: "backend beegfs, bs 1 MiB"; nothing for
 * a campaign where everything varies. */
void fsc_model_constants(const struct fsc_model *m, struct fsc_buf *out);
/* The categorical keys that vary, comma separated ("" when none). */
void fsc_model_compared(const struct fsc_model *m, struct fsc_buf *out);
#endif
