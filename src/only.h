/* only.h: --only KIND,... (only.c). */
#ifndef FSC_ONLY_H
#define FSC_ONLY_H
#include "fioscope.h"

/* The kinds --only may name, FSC_ONLY_NKINDS of them. */
extern const char *const fsc_only_kinds[];

/* Check a comma-separated list of kinds; -1 with err naming the first
 * unknown one and listing the kinds. */
int fsc_only_parse(const char *list, struct fsc_err *err);
/* What a caption or a slide calls a figure kind ("Aggregate bandwidth");
 * a kind not listed is named as it is. */
const char *fsc_kind_title(const char *kind);
/* Does the list (NULL: every kind) hold kind? */
int fsc_only_has(const char *list, const char *kind);
#endif
