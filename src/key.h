/*
 * key.h: the scenario vocabulary, in one place (key.c).
 *
 * A scenario is a key: the fixed keys runtime, backend, rw, bs, clients,
 * iodepth and numjobs, and free labels (layout fields and --set values
 * that are none of those).  Readers also meet rep (a repetition) and ddir
 * (a data direction).  Every key has a kind:
 * - numeric: bs, clients, iodepth, numjobs, and a label whose every value
 *   is a number; ordered numerically; a numeric key that varies is swept;
 * - categorical: runtime, backend and text labels; ordered by a documented
 *   order (runtimes: bare-metal, runc, kata-9p, kata-virtiofs,
 *   kata-virtiofs-dax, then the others by name; other keys by name); a
 *   categorical key that varies is compared;
 * - pattern: rw (and ddir), ordered as fio lists them.
 * A key that no scenario states is not shown at all: readers say the
 * constant keys once and never print a placeholder for an unknown one.
 */
#ifndef FSC_KEY_H
#define FSC_KEY_H
#include "fioscope.h"

/* Clients whose windows overlap less than this did not run together. */
#define FSC_OVERLAP_MIN 0.9
/* "close to": a ratio within 1 +- this (observe --close, default 5%). */
#define FSC_CLOSE_BAND 0.05

enum fsc_key_kind { FSC_KEY_NUMERIC, FSC_KEY_CATEGORICAL, FSC_KEY_PATTERN };

enum fsc_key_id {
	FSC_KEY_RUNTIME, FSC_KEY_BACKEND, FSC_KEY_RW, FSC_KEY_BS,
	FSC_KEY_CLIENTS, FSC_KEY_IODEPTH, FSC_KEY_NUMJOBS, FSC_KEY_LABEL,
};

/* The fixed key named name, or FSC_KEY_LABEL. */
enum fsc_key_id fsc_key_id(const char *name);
const char *fsc_key_name(enum fsc_key_id k);	/* "iodepth" */
enum fsc_key_kind fsc_key_kind(enum fsc_key_id k);

/* Orders: the pattern's rank in fio's list (read, randread, write, ...;
 * others after), a runtime's rank in the documented order (0 first). */
int fsc_key_rw_rank(const char *rw);
int fsc_key_runtime_rank(const char *runtime);
/* Compare two values of a key (NULL: unknown, last): numerically when
 * both are numbers, else in the key's documented order. */
int fsc_key_cmp(enum fsc_key_id k, const char *a, const char *b);
/* Is s a whole number (a numeric label's value)? */
int fsc_key_is_number(const char *s);

/* Block sizes: the short form tables use ("4k", "1m", "512") and the
 * prose form ("4 KiB", "1 MiB", "512 B"). */
void fsc_key_bs_short(int64_t bs, struct fsc_buf *out);
void fsc_key_bs_long(int64_t bs, struct fsc_buf *out);
/* A numeric key's value as prose says it: "64 KiB", "iodepth 16",
 * "4 jobs", "1 client", "size 8" (a label). */
void fsc_key_phrase(enum fsc_key_id k, const char *label, int64_t v,
		    struct fsc_buf *out);

/* Append s with the gaps an unstated key leaves closed up ("read
 * bandwidth: , 4 KiB blocks" -> "read bandwidth: 4 KiB blocks"): one space
 * between words, no empty list item, nothing dangling at the end. */
void fsc_key_tidy(const char *s, struct fsc_buf *out);

/* The value of label name in a '\n'-separated sorted "k=v" labels text,
 * newly allocated, or NULL. */
char *fsc_key_label_get(const char *labels, const char *name);
/* labels without label name, newly allocated. */
char *fsc_key_label_drop(const char *labels, const char *name);
#endif
