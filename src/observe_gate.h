/*
 * observe_gate.h (#20): `observe --gate`: per-metric tolerances checked
 * against the baseline of one store or against a second store (the same
 * scenarios from an earlier campaign), as text, JSON and JUnit XML, and
 * an exit status for CI: 0 every rule holds, 1 a rule fails beyond the
 * confidence interval, 3 no failure but some cells too noisy to decide.
 *
 * A rule is METRIC OP SIGNED-PERCENT: "bw>=-5%" (the ratio to the
 * reference must not fall below 0.95x), "p99<=+10%" (at most 1.10x).
 * Rules are separated by blanks, commas or newlines; '#' starts a comment
 * (the rules file).  Nothing here prints.
 */
#ifndef FSC_OBSERVE_GATE_H
#define FSC_OBSERVE_GATE_H
#include "observe.h"

struct fsc_gate_rule {
	enum fsc_obs_metric metric;
	int ge;			/* 1: ratio >= bound, 0: ratio <= bound */
	double bound;		/* 1 + the signed tolerance */
	char *text;		/* "bw>=-5%" */
};

enum fsc_gate_status { FSC_GATE_PASS, FSC_GATE_FAIL, FSC_GATE_NOISY };

struct fsc_gate_check {
	const struct fsc_gate_rule *rule;
	char *name;		/* "runc, read, 8 clients" */
	char *ref;		/* what it is compared with: "bare-metal",
				   "the other store" */
	enum fsc_gate_status status;
	double ratio, lo, hi;
	int has_ci;
};

struct fsc_gate {
	struct fsc_gate_rule *rules;
	size_t nrules;
	struct fsc_gate_check *checks;
	size_t nchecks, fails, noisy;
};

/* Parse rules (appended to g).  -1 with err naming the bad rule. */
int fsc_gate_parse(struct fsc_gate *g, const char *text, struct fsc_err *err);
/* Check every rule: each compared cell of st against its baseline, or,
 * with other, each cell of st against the same cell of other (row key
 * and column alike).  o's metric is set per rule.  -1 with err. */
int fsc_gate_run(struct fsc_gate *g, struct fsc_store *st,
		 struct fsc_store *other, const struct fsc_obs_opts *o,
		 struct fsc_err *err);
/* 0, 1 or 3 (see the top). */
int fsc_gate_exit(const struct fsc_gate *g);
void fsc_gate_text(const struct fsc_gate *g, struct fsc_buf *out);
void fsc_gate_json(const struct fsc_gate *g, struct fsc_buf *out);
void fsc_gate_junit(const struct fsc_gate *g, struct fsc_buf *out);
void fsc_gate_free(struct fsc_gate *g);
#endif
