/* where.h: the one --where grammar of every reading command (where.c).
 *
 * --where KEY=VALUE keeps the scenarios whose KEY is VALUE.  KEY is a
 * scenario key (runtime, backend, rw, bs, clients, iodepth, numjobs), the
 * data direction (ddir) or a free label of the store.  Repeated, the
 * values of one key are alternatives and different keys must all match.
 * Values are read as the key's kind: bs a size ("64k"), clients, iodepth
 * and numjobs numbers, rw a fio pattern ("readwrite" is "rw"), ddir read,
 * write or trim. */
#ifndef FSC_WHERE_H
#define FSC_WHERE_H
#include "fioscope.h"

struct fsc_where {
	struct fsc_buf json;	/* the filters: [["key","value"],...] */
	char **keys;		/* each filter's key, for the store check */
	size_t n;
};
#define FSC_WHERE_INIT { FSC_BUF_INIT, NULL, 0 }

/* The keys every store has, in the order messages list them. */
extern const char *const fsc_where_keys[];
#define FSC_WHERE_NKEYS 8

/* Add one "KEY=VALUE" filter; -1 with err when it is not one or the
 * value cannot be the key's. */
int fsc_where_add(struct fsc_where *w, const char *kv, struct fsc_err *err);
/* Make dst (empty) a copy of src (NULL: no filters). */
void fsc_where_copy(struct fsc_where *dst, const struct fsc_where *src);
/* Does a filter name key? */
int fsc_where_has(const struct fsc_where *w, const char *key);
void fsc_where_free(struct fsc_where *w);

/* Check every filter's key against db: a fixed key or a label some
 * scenario has.  -1 with err listing the keys and labels present (and the
 * nearest one) otherwise. */
int fsc_where_check(const struct fsc_where *w, sqlite3 *db,
		    struct fsc_err *err);
/* Bind the filters (NULL: none) to the statement's :where parameter. */
void fsc_where_bind(const struct fsc_where *w, sqlite3_stmt *s);

/* The SQL condition that keeps a scenario: s is the scenario table, t its
 * scenario_stat row; :where the bound filters. */
#define FSC_WHERE_SQL \
	" NOT EXISTS (SELECT 1 FROM json_each(:where) d WHERE NOT EXISTS (" \
	"  SELECT 1 FROM json_each(:where) x WHERE x.value ->> 0 =" \
	"   d.value ->> 0 AND (CASE x.value ->> 0" \
	"   WHEN 'runtime' THEN s.runtime IS x.value ->> 1" \
	"   WHEN 'backend' THEN s.backend IS x.value ->> 1" \
	"   WHEN 'rw' THEN s.rw IS x.value ->> 1" \
	"   WHEN 'bs' THEN s.bs IS CAST(x.value ->> 1 AS INTEGER)" \
	"   WHEN 'clients' THEN COALESCE(s.clients, t.clients)" \
	"    IS CAST(x.value ->> 1 AS INTEGER)" \
	"   WHEN 'iodepth' THEN s.iodepth IS CAST(x.value ->> 1 AS INTEGER)" \
	"   WHEN 'numjobs' THEN s.numjobs IS CAST(x.value ->> 1 AS INTEGER)" \
	"   WHEN 'ddir' THEN t.ddir IS CAST(x.value ->> 1 AS INTEGER)" \
	"   ELSE instr(char(10) || s.labels || char(10)," \
	"    char(10) || (x.value ->> 0) || '=' || (x.value ->> 1) ||" \
	"    char(10)) > 0 END)))"
#endif
