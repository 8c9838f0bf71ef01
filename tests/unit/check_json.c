/*
 * check_json.c: json.c (fsc_json_parse) against json-c, the parser it
 * replaced, which must agree on every valid document:
 *
 *  - every JSON document of every tests/fixtures .json file (a document
 *    starts with '{' at the start of a line, as fiojson.c reads them);
 *  - a few hundred generated documents (a seeded generator: nesting to
 *    depth 10, strings with every escape, \uXXXX, surrogate pairs and lone
 *    surrogates, raw UTF-8 and control bytes, integers at and beyond the
 *    int64 limits, doubles in many spellings, NaN and Infinity, blanks);
 *  - hand-written bad documents (message and offset), every prefix of a
 *    small document, the nesting limit, and documents whose literals fall
 *    where the node array grows.
 *
 * Compared: types (json-c int = FSC_JSON_INT, double = FSC_JSON_DOUBLE...),
 * integers, doubles bit for bit, strings byte for byte, member keys in
 * order, member counts (node len), fsc_json_get, the node links (next),
 * fsc_json_raw of containers and numbers (re-parsed by json-c), and used
 * against json_tokener_get_parse_end.  The differences that are meant:
 *
 *  - json-c's leniencies (non-strict mode) are errors in json.c: trailing
 *    commas, leading zeros, "1." "1e" "1e+", literals in another case
 *    (nan, NULL, True, infinity), comments, single quotes;
 *  - \u0000 becomes U+FFFD (json-c: a NUL byte), and json.c reads raw NUL
 *    bytes inside strings (json-c stops at the first NUL);
 *  - json-c's parse end takes in the blanks after the value, used does not;
 *  - nesting deeper than FSC_JSON_MAX_DEPTH is an error;
 *  - json-c 0.16 makes U+FFFD of the pairs for U+xD800..U+xDFFF (planes
 *    1 to 16; see str_cases): json.c decodes them, the generator avoids
 *    them.
 *
 * Usage: check_json [FIXTURES-DIR]   (default tests/fixtures)
 * Each part runs in a child process, so that a crash in the parser is one
 * failed check and the other parts still run.  Prints each failure, notes
 * ("# ...") and "check_json: N passed, M failed"; exits 1 on a failure.
 */
#include <dirent.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <json-c/json.h>
#include "fioscope.h"

#define NDOCS 400		/* generated documents */
#define JC_DEPTH 1000		/* json-c's nesting limit here */

/* the counts; each part runs in a child process that sends them back */
static struct stats {
	long passed, failed;
	long fffd;		/* json-c NUL bytes (\u0000) that are U+FFFD */
	long dups;		/* objects with duplicate keys */
	long lenient;		/* documents only json-c takes */
	long nul;		/* documents only json.c takes (raw NUL) */
	long raw;		/* fsc_json_raw texts re-parsed */
	long values;		/* values compared */
} st;
static struct json_tokener *tok;

static void check(int ok, const char *fmt, ...) FSC_PRINTF(2, 3);
static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		st.passed++;
		return;
	}
	st.failed++;
	printf("not ok: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* json-c on n bytes of s: the value (owned) or NULL; *end = parse end */
static struct json_object *jc_parse(const char *s, size_t n, size_t *end,
				    enum json_tokener_error *jerr)
{
	struct json_object *o;

	json_tokener_reset(tok);
	o = json_tokener_parse_ex(tok, s, (int)n);
	*jerr = json_tokener_get_error(tok);
	*end = json_tokener_get_parse_end(tok);
	if (*jerr != json_tokener_success) {
		/* json-c 0.16's reset keeps a pending high surrogate: the
		 * next document's first \uXXXX would pair with it */
		json_tokener_free(tok);
		tok = json_tokener_new_ex(JC_DEPTH);
		if (!tok)
			abort();
	}
	return o;
}

/* ---- comparing a json.c tree with a json-c one ---- */

struct cmp {
	const struct fsc_json *j;
	size_t used;		/* the document's bytes */
	char path[256];		/* where we are, for messages */
	size_t plen;
	char why[512];		/* the first difference */
};

static int differ(struct cmp *c, const char *fmt, ...) FSC_PRINTF(2, 3);
static int differ(struct cmp *c, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (c->why[0])
		return -1;
	n = snprintf(c->why, sizeof(c->why), "at $%s: ", c->path);
	va_start(ap, fmt);
	if (n > 0 && (size_t)n < sizeof(c->why))
		vsnprintf(c->why + n, sizeof(c->why) - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* s for a message: printable ASCII, other bytes as \xNN, at most 40 */
static const char *esc(const char *s, size_t n, char out[200])
{
	size_t i, o = 0;

	for (i = 0; i < n && o < 160; i++)
		if (s[i] >= 0x20 && s[i] < 0x7f && s[i] != '\\')
			out[o++] = s[i];
		else
			o += (size_t)sprintf(out + o, "\\x%02x",
					     (unsigned char)s[i]);
	if (i < n)
		o += (size_t)sprintf(out + o, "...");
	out[o] = '\0';
	return out;
}

static size_t path_push(struct cmp *c, const char *fmt, ...) FSC_PRINTF(2, 3);
static size_t path_push(struct cmp *c, const char *fmt, ...)
{
	size_t was = c->plen;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(c->path + was, sizeof(c->path) - was, fmt, ap);
	va_end(ap);
	if (n > 0)
		c->plen = was + (size_t)n < sizeof(c->path) ? was + (size_t)n :
			  sizeof(c->path) - 1;
	return was;
}

static void path_pop(struct cmp *c, size_t was)
{
	c->plen = was;
	c->path[was] = '\0';
}

/* The node links and bounds: next, member counts, keys are strings,
 * strings within the source or the arena, containers' source spans. */
static int walk(struct cmp *c, uint32_t k, const char *src)
{
	const struct fsc_json *j = c->j;
	const struct fsc_jnode *n;
	uint32_t i, m = 0;
	int obj;

	if (k >= j->nn)
		return differ(c, "node %u past the end (%zu nodes)", k, j->nn);
	n = &j->n[k];
	if (n->next <= k || n->next > j->nn)
		return differ(c, "node %u: next %u out of (%u, %zu]", k,
			      n->next, k, j->nn);
	switch (n->type) {
	case FSC_JSON_STRING:
		if ((size_t)n->off + n->len > (n->esc ? j->str.len : c->used))
			return differ(c, "string node %u outside its text", k);
		if (n->next != k + 1)
			return differ(c, "string node %u: next %u", k, n->next);
		return 0;
	case FSC_JSON_NULL: case FSC_JSON_FALSE: case FSC_JSON_TRUE:
	case FSC_JSON_INT: case FSC_JSON_DOUBLE:
		if (!n->len || (size_t)n->off + n->len > c->used)
			return differ(c, "node %u: source span %u+%u", k,
				      n->off, n->len);
		if (n->next != k + 1)
			return differ(c, "node %u: next %u", k, n->next);
		return 0;
	case FSC_JSON_ARRAY: case FSC_JSON_OBJECT:
		break;
	default:
		return differ(c, "node %u: type %d", k, n->type);
	}
	obj = n->type == FSC_JSON_OBJECT;
	if (n->u.i <= (int64_t)n->off || n->u.i > (int64_t)c->used ||
	    src[n->off] != (obj ? '{' : '[') ||
	    src[n->u.i - 1] != (obj ? '}' : ']'))
		return differ(c, "container node %u: source span %u..%" PRId64,
			      k, n->off, n->u.i);
	for (i = k + 1; i < n->next; i = j->n[i].next, m++) {
		if (obj) {
			if (j->n[i].type != FSC_JSON_STRING)
				return differ(c, "node %u: key of type %d", i,
					      j->n[i].type);
			if (walk(c, i, src) < 0)
				return -1;
			if (++i >= n->next)
				return differ(c, "node %u: key without value",
					      i - 1);
		}
		if (walk(c, i, src) < 0)
			return -1;
	}
	if (i != n->next)
		return differ(c, "container node %u: members end at %u, next %u",
			      k, i, n->next);
	if (m != n->len)
		return differ(c, "container node %u: len %u, %u members", k,
			      n->len, m);
	return 0;
}

/* json.c's string fs against json-c's js: equal but where json-c has a NUL
 * byte (from \u0000), which json.c makes U+FFFD. */
static int str_eq(const char *fs, size_t fl, const char *js, size_t jl)
{
	size_t i, k = 0;

	for (i = 0; i < jl; i++) {
		if (js[i] == '\0') {
			if (fl - k < 3 || memcmp(fs + k, "\xef\xbf\xbd", 3))
				return 0;
			k += 3;
			st.fffd++;
		} else {
			if (k == fl || fs[k] != js[i])
				return 0;
			k++;
		}
	}
	return k == fl;
}

struct key {
	const char *s;
	size_t len;
	uint32_t at;		/* the key's node */
};

static int key_order(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int r;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	r = memcmp(x->s, y->s, x->len);
	if (r)
		return r;
	return x->at < y->at ? -1 : x->at > y->at;
}

static int cmp_value(struct cmp *c, uint32_t k, struct json_object *o);

static int cmp_object(struct cmp *c, uint32_t k, struct json_object *o)
{
	const struct fsc_json *j = c->j;
	const struct fsc_jnode *n = &j->n[k];
	struct json_object_iterator it, end;
	struct key *keys, *sorted;
	size_t m = 0, x, distinct, jn, was;
	uint32_t i, v;
	int dups = 0, rc = -1;
	char e[200];

	if (n->type != FSC_JSON_OBJECT)
		return differ(c, "json-c object, json.c type %d", n->type);
	keys = fsc_calloc(n->len + 1, sizeof(*keys));
	sorted = fsc_calloc(n->len + 1, sizeof(*keys));
	for (i = k + 1; i < n->next && m < n->len; i = j->n[i + 1].next) {
		keys[m].s = fsc_json_str(j, i, &keys[m].len);
		keys[m++].at = i;
	}
	memcpy(sorted, keys, m * sizeof(*keys));
	qsort(sorted, m, sizeof(*keys), key_order);
	distinct = m;
	for (x = 1; x < m; x++)
		if (sorted[x].len == sorted[x - 1].len &&
		    !memcmp(sorted[x].s, sorted[x - 1].s, sorted[x].len)) {
			dups = 1;
			distinct--;
		}
	jn = (size_t)json_object_object_length(o);
	if (dups)
		st.dups++;
	if (distinct != jn) {
		differ(c, "json-c has %zu members, json.c %zu distinct keys",
		       jn, distinct);
		goto out;
	}
	it = json_object_iter_begin(o);
	end = json_object_iter_end(o);
	for (x = 0; !json_object_iter_equal(&it, &end);
	     json_object_iter_next(&it), x++) {
		const char *name = json_object_iter_peek_name(&it);
		struct json_object *val = json_object_iter_peek_value(&it);

		was = path_push(c, ".%s", esc(name, strlen(name), e));
		/* the last of duplicates wins in both (json-c keeps it at
		 * the first one's place) */
		v = m <= 256 || x % (m / 128) == 0 ||
		    dups ? fsc_json_get(j, k, name) : 0;
		if (dups) {
			if (!v) {
				differ(c, "fsc_json_get finds no member");
				goto out;
			}
		} else {
			if (!str_eq(keys[x].s, keys[x].len, name, strlen(name))) {
				differ(c, "key %zu is \"%s\" in json.c", x,
				       esc(keys[x].s, keys[x].len, e));
				goto out;
			}
			if (v && v != keys[x].at + 1) {
				differ(c, "fsc_json_get gives node %u, not %u",
				       v, keys[x].at + 1);
				goto out;
			}
			v = keys[x].at + 1;
		}
		if (cmp_value(c, v, val) < 0)
			goto out;
		path_pop(c, was);
	}
	rc = 0;
out:
	free(keys);
	free(sorted);
	return rc;
}

static int cmp_value(struct cmp *c, uint32_t k, struct json_object *o)
{
	const struct fsc_json *j = c->j;
	const struct fsc_jnode *n = &j->n[k];
	enum json_type t = json_object_get_type(o);
	const char *s;
	size_t len, x, was;
	uint32_t i;
	double d, fd;
	int want;
	char e[200], e2[200];

	st.values++;
	switch (t) {
	case json_type_null:
		if (n->type != FSC_JSON_NULL)
			return differ(c, "json-c null, json.c type %d", n->type);
		break;
	case json_type_string:
		if (n->type != FSC_JSON_STRING)
			return differ(c, "json-c string, json.c type %d", n->type);
		s = fsc_json_str(j, k, &len);
		if (!str_eq(s, len, json_object_get_string(o),
			    (size_t)json_object_get_string_len(o)))
			return differ(c, "strings differ: json.c \"%s\", json-c \"%s\"",
				      esc(s, len, e),
				      esc(json_object_get_string(o),
					  (size_t)json_object_get_string_len(o), e2));
		break;
	case json_type_boolean:
		want = json_object_get_boolean(o) ? FSC_JSON_TRUE :
		       FSC_JSON_FALSE;
		if (n->type != want)
			return differ(c, "json-c %s, json.c type %d",
				      want == FSC_JSON_TRUE ? "true" : "false",
				      n->type);
		break;
	case json_type_int:
		if (n->type != FSC_JSON_INT)
			return differ(c, "json-c int, json.c type %d", n->type);
		if (json_object_get_int64(o) != n->u.i)
			return differ(c, "json-c %" PRId64 ", json.c %" PRId64,
				      json_object_get_int64(o), n->u.i);
		if (fsc_json_double(j, k) != (double)n->u.i)
			return differ(c, "fsc_json_double of an int");
		return 0;
	case json_type_double:
		if (n->type != FSC_JSON_DOUBLE)
			return differ(c, "json-c double, json.c type %d", n->type);
		d = json_object_get_double(o);
		fd = fsc_json_double(j, k);
		if (memcmp(&d, &fd, sizeof(d)))
			return differ(c, "json-c %.17g, json.c %.17g", d, fd);
		return 0;
	case json_type_array:
		if (n->type != FSC_JSON_ARRAY)
			return differ(c, "json-c array, json.c type %d", n->type);
		len = json_object_array_length(o);
		if (n->len != len)
			return differ(c, "json-c %zu values, json.c len %u", len,
				      n->len);
		for (x = 0, i = k + 1; x < len; x++, i = j->n[i].next) {
			was = path_push(c, "[%zu]", x);
			if (cmp_value(c, i, json_object_array_get_idx(o, x)) < 0)
				return -1;
			path_pop(c, was);
		}
		return 0;
	case json_type_object:
		return cmp_object(c, k, o);
	default:
		return differ(c, "json-c type %d", (int)t);
	}
	/* null, true, false, a string: not a number */
	return isnan(fsc_json_double(j, k)) ? 0 :
	       differ(c, "fsc_json_double of type %d is not NaN", n->type);
}

/* fsc_json_raw of every container and number, re-parsed by json-c, is the
 * same value; a literal's raw text is its spelling. */
static int cmp_raw(struct cmp *c, const char *src)
{
	const struct fsc_json *j = c->j;
	enum json_tokener_error jerr;
	struct fsc_buf b = FSC_BUF_INIT;
	struct json_object *o;
	const char *r;
	size_t len, end;
	uint32_t k;
	int rc = 0;

	for (k = 0; k < j->nn && !rc; k++) {
		const struct fsc_jnode *n = &j->n[k];
		static const char *const word[] = { "null", "false", "true" };

		r = fsc_json_raw(j, k, &len);
		if (r < src || r + len > src + c->used) {
			rc = differ(c, "raw text of node %u outside the source", k);
			break;
		}
		if (n->type <= FSC_JSON_TRUE) {
			if (len != strlen(word[n->type]) ||
			    memcmp(r, word[n->type], len))
				rc = differ(c, "raw text of node %u: %.*s", k,
					    (int)len, r);
			continue;
		}
		if (n->type == FSC_JSON_STRING)
			continue;
		fsc_buf_reset(&b);
		fsc_buf_add(&b, r, len);
		fsc_buf_add(&b, " ", 1);	/* json-c ends a number there */
		o = jc_parse(b.buf, b.len, &end, &jerr);
		st.raw++;
		if (jerr != json_tokener_success || end != b.len) {
			rc = differ(c, "raw text of node %u (%.*s) re-parses: %s, end %zu of %zu",
				    k, (int)(len < 60 ? len : 60), r,
				    json_tokener_error_desc(jerr), end, b.len);
		} else {
			size_t was = path_push(c, " (raw of node %u)", k);

			rc = cmp_value(c, k, o);
			path_pop(c, was);
		}
		json_object_put(o);
	}
	fsc_buf_release(&b);
	return rc;
}

/* Why json-c accepted what json.c rejected at off: one of json-c's
 * leniencies, or NULL when none of them explains the error. */
static const char *lenient(const char *s, size_t len, size_t off,
			   const char *err)
{
	static const char *const lit[] = {
		"null", "true", "false", "nan", "infinity"
	};
	const char *p = s + off, *q;
	size_t i;

	if (!err || off >= len)
		return NULL;
	if (!strcmp(err, "nesting too deep"))
		return "nesting deeper than FSC_JSON_MAX_DEPTH";
	if (*p == '/')
		return "a comment";
	if (*p == '\'')
		return "a single-quoted string";
	if (*p == ']' || *p == '}') {
		for (q = p; q > s && is_ws(q[-1]); q--)
			;
		if (q > s && q[-1] == ',')
			return "a trailing comma";
	}
	if (is_digit(*p) && off >= 1 && p[-1] == '0' &&
	    (off < 2 || !is_digit(p[-2])))
		return "a leading zero";
	if (!strcmp(err, "number expected") && off >= 1 && p[-1] &&
	    strchr(".eE+-", p[-1]) && !is_digit(*p))
		return "a number without digits after '.', 'e' or the sign";
	for (i = 0; i < sizeof(lit) / sizeof(*lit); i++)
		if (len - off >= strlen(lit[i]) &&
		    !strncasecmp(p, lit[i], strlen(lit[i])))
			return "a literal spelled in another case";
	return NULL;
}

/* Parse n bytes of s with both; on a success of both, compare everything.
 * what names the document in messages. */
static void compare(const char *what, const char *s, size_t n, int gen)
{
	struct fsc_json j = FSC_JSON_INIT;
	struct json_object *o;
	enum json_tokener_error jerr;
	struct cmp c;
	size_t used = 0, end, ws;
	long dups0 = st.dups;
	char *copy = fsc_malloc(n ? n : 1);	/* no byte past n */
	const char *why;
	char e[200];
	int rc;

	memcpy(copy, s, n);
	rc = fsc_json_parse(&j, copy, n, &used);
	o = jc_parse(s, n, &end, &jerr);
	if (rc < 0 && jerr != json_tokener_success) {
		check(1, "%s: both reject", what);
		if (!gen)
			printf("# %s: both reject (json-c: %s; json.c: %s at byte %zu)\n",
			       what, json_tokener_error_desc(jerr),
			       j.err ? j.err : "truncated", j.err_off);
		/* a cut in the middle: both say so */
		check((jerr == json_tokener_continue) == !j.err,
		      "%s: json-c says %s, json.c %s at %zu", what,
		      json_tokener_error_desc(jerr),
		      j.err ? j.err : "truncated", j.err_off);
		goto out;
	}
	if (rc < 0) {
		why = lenient(copy, n, j.err_off, j.err);
		if (why)
			st.lenient++;
		check(why != NULL, "%s: json-c accepts, json.c: %s at byte %zu: \"%s\"",
		      what, j.err ? j.err : "truncated", j.err_off,
		      esc(copy + (j.err_off < n ? j.err_off : n),
			  n - j.err_off < 30 ? n - j.err_off : 30, e));
		if (why)
			printf("# %s: json-c takes %s (json.c: %s at byte %zu)\n",
			       what, why, j.err, j.err_off);
		goto out;
	}
	if (jerr != json_tokener_success) {
		why = memchr(copy, '\0', used) ? "a raw NUL byte" : NULL;
		if (why)
			st.nul++;
		check(why != NULL, "%s: json-c rejects (%s at %zu), json.c accepts %zu bytes",
		      what, json_tokener_error_desc(jerr), end, used);
		goto out;
	}
	check(1, "%s: both accept", what);
	memset(&c, 0, sizeof(c));
	c.j = &j;
	c.used = used;
	/* json-c's end takes in the blanks after the value */
	for (ws = used; ws < n && is_ws(copy[ws]); ws++)
		;
	check(end == ws && used > 0 && used <= n,
	      "%s: used %zu, json-c's parse end %zu (expected %zu)", what,
	      used, end, ws);
	if (walk(&c, 0, copy) == 0 && j.n[0].next != j.nn)
		differ(&c, "node 0 ends at %u of %zu nodes", j.n[0].next, j.nn);
	check(!c.why[0], "%s: nodes: %s", what, c.why);
	if (c.why[0])
		goto out;
	check(cmp_value(&c, 0, o) == 0, "%s: trees differ %s", what, c.why);
	if (gen)
		check(st.dups == dups0, "%s: duplicate keys (generated without)",
		      what);
	else if (st.dups != dups0)
		printf("# %s: %ld objects with duplicate keys\n", what,
		       st.dups - dups0);
	c.why[0] = '\0';
	check(cmp_raw(&c, copy) == 0, "%s: raw: %s", what, c.why);
out:
	json_object_put(o);
	fsc_json_free(&j);
	free(copy);
}

/* ---- fixtures ---- */

static int name_order(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void find_json(const char *dir, char ***list, size_t *n, size_t *cap)
{
	struct dirent *e;
	struct stat sb;
	DIR *d = opendir(dir);
	char *path;
	size_t l;

	if (!d) {
		check(0, "cannot open %s", dir);
		return;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		path = fsc_malloc(strlen(dir) + strlen(e->d_name) + 2);
		sprintf(path, "%s/%s", dir, e->d_name);
		if (stat(path, &sb) < 0) {
			free(path);
			continue;
		}
		l = strlen(e->d_name);
		if (S_ISDIR(sb.st_mode)) {
			find_json(path, list, n, cap);
			free(path);
		} else if (S_ISREG(sb.st_mode) && l > 5 &&
			   !strcmp(e->d_name + l - 5, ".json")) {
			if (*n == *cap) {
				*cap = *cap ? *cap * 2 : 64;
				*list = fsc_realloc(*list, *cap * sizeof(**list));
			}
			(*list)[(*n)++] = path;
		} else {
			free(path);
		}
	}
	closedir(d);
}

static int read_all(const char *path, struct fsc_buf *b)
{
	char chunk[65536];
	FILE *f = fopen(path, "rb");
	size_t got;

	if (!f)
		return -1;
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		fsc_buf_add(b, chunk, got);
	got = (size_t)ferror(f);
	fclose(f);
	return got ? -1 : 0;
}

/* Every document of the file, found as fiojson.c finds them; the compare
 * stops at the first one that either parser rejects. */
static long check_fixture(const char *path)
{
	struct fsc_buf b = FSC_BUF_INIT;
	struct fsc_json j = FSC_JSON_INIT;
	size_t pos = 0, used;
	long docs = 0;
	char what[1200];
	const char *nl;

	if (read_all(path, &b) < 0) {
		check(0, "%s: cannot read", path);
		return 0;
	}
	for (;;) {
		while (pos < b.len && !(b.buf[pos] == '{' &&
					(pos == 0 || b.buf[pos - 1] == '\n'))) {
			nl = memchr(b.buf + pos, '\n', b.len - pos);
			pos = nl ? (size_t)(nl - b.buf) + 1 : b.len;
		}
		if (pos >= b.len)
			break;
		snprintf(what, sizeof(what), "%s (document %ld)", path,
			 docs + 1);
		compare(what, b.buf + pos, b.len - pos, 0);
		docs++;
		if (fsc_json_parse(&j, b.buf + pos, b.len - pos, &used) < 0)
			break;
		pos += used;
	}
	if (!docs) {
		/* no document: whatever the file starts with, both reject */
		snprintf(what, sizeof(what), "%s (no document)", path);
		compare(what, b.buf, b.len, 0);
	}
	fsc_json_free(&j);
	fsc_buf_release(&b);
	return docs;
}

/* ---- generated documents ---- */

static uint64_t rng_state;

static uint64_t rnd(void)	/* splitmix64 */
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned pick(unsigned n)
{
	return (unsigned)(rnd() % n);
}

static void gen_ws(struct fsc_buf *b)
{
	unsigned n = pick(3) ? 0 : 1 + pick(4);

	while (n--)
		fsc_buf_add(b, &" \t\n\r"[pick(4)], 1);
}

static void gen_u(struct fsc_buf *b, unsigned v)
{
	fsc_buf_addf(b, pick(2) ? "\\u%04x" : "\\u%04X", v);
}

/* A string; a key (key >= 0) starts "k<key>_", so that an object's keys
 * differ, and never holds \u0000 (json-c's keys end at a NUL). */
static void gen_string(struct fsc_buf *b, int key)
{
	static const char *const esc[] = {
		"\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"
	};
	static const char *const raw[] = {
		"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\x01", "\x1f",
		"\x7f", "\t", "\xff\xfe", "\xed\xa0\x80"
	};
	unsigned i, n = pick(8), k, v;
	char ch;

	fsc_buf_add(b, "\"", 1);
	if (key >= 0)
		fsc_buf_addf(b, "k%d_", key);
	for (i = 0; i < n; i++) {
		switch (pick(9)) {
		case 0: case 1:		/* plain text */
			for (k = 1 + pick(12); k; k--) {
				ch = (char)(0x20 + pick(95));
				fsc_buf_add(b, ch == '"' || ch == '\\' ? "x" :
					    &ch, 1);
			}
			break;
		case 2:
			fsc_buf_adds(b, esc[pick(8)]);
			break;
		case 3:			/* \uXXXX, not a surrogate */
			switch (pick(3)) {
			case 0: v = 1 + pick(0x7f); break;
			case 1: v = 0x80 + pick(0x780); break;
			default:
				v = 0x800 + pick(0xf800 - 0x800);
				if (v >= 0xd800)
					v += 0x800;
			}
			gen_u(b, v);
			break;
		case 4:			/* a surrogate pair */
			v = pick(0x100000);
			if (((v + 0x10000) & 0xf800) == 0xd800)
				v ^= 0x1000;	/* json-c's bug: str_cases */
			gen_u(b, 0xd800 + (v >> 10));
			gen_u(b, 0xdc00 + (v & 0x3ff));
			break;
		case 5:			/* a lone surrogate */
			v = pick(2) ? 0xd800 : 0xdc00;
			v += pick(0x400);
			gen_u(b, v);
			if (v < 0xdc00 || pick(2))	/* no pair */
				fsc_buf_adds(b, pick(2) ? "x" : "\\n");
			break;
		case 6:
			fsc_buf_adds(b, raw[pick(sizeof(raw) / sizeof(*raw))]);
			break;
		case 7:
			fsc_buf_adds(b, key < 0 && pick(2) ? "\\u0000" : "z");
			break;
		default:		/* anything, but NUL in a key */
			v = pick(0x10000);
			gen_u(b, v || key < 0 ? v : 1);
			if (v >= 0xd800 && v < 0xdc00)
				fsc_buf_add(b, "x", 1);	/* no pair */
		}
	}
	fsc_buf_add(b, "\"", 1);
}

static void gen_int(struct fsc_buf *b)
{
	static const char *const edge[] = {
		"0", "-0", "9223372036854775807", "-9223372036854775808",
		"9223372036854775806", "-9223372036854775807",
		"9223372036854775808", "-9223372036854775809",
		"18446744073709551615", "18446744073709551616",
		"-18446744073709551616", "123456789012345678901234567890",
		"-99999999999999999999999999999999", "1", "-1"
	};
	int64_t v;
	unsigned k;

	switch (pick(4)) {
	case 0:
		fsc_buf_addf(b, "%d", (int)pick(2001) - 1000);
		break;
	case 1:
		k = 1 + pick(63);
		v = (int64_t)(rnd() >> k);
		fsc_buf_addf(b, "%" PRId64, pick(2) ? v : -v);
		break;
	case 2:
		fsc_buf_addf(b, "%" PRId64, pick(2) ?
			     INT64_MAX - (int64_t)pick(1000) :
			     INT64_MIN + (int64_t)pick(1000));
		break;
	default:
		fsc_buf_adds(b, edge[pick(sizeof(edge) / sizeof(*edge))]);
	}
}

static void gen_double(struct fsc_buf *b)
{
	static const char *const edge[] = {
		"-0.0", "0.0", "0e0", "0E+0", "-0e-0", "1e308",
		"1.7976931348623157e308", "1.7976931348623159e308", "1e400",
		"-1e400", "4.9406564584124654e-324", "5e-324",
		"2.4703282292062327e-324", "2.4703282292062328e-324",
		"2.2250738585072011e-308", "2.2250738585072012e-308",
		"1e-400", "-1e-400", "0.1", "0.30000000000000004",
		"9007199254740993.0", "9007199254740993e0",
		"1.00000000000000011102230246251565404236316680908203125",
		"123456789012345678901234567890.123456789e-10", "1E22", "1e23",
		"8.988465674311579e307", "0.000000000000000000000000000001",
		"1e0000000000000000000000000000000000000001", "7.0e-10"
	};
	unsigned k, m;
	uint64_t u;
	size_t at = b->len;
	double d;
	int upper;

	switch (pick(5)) {
	case 0:			/* any finite double, %.17g */
		do {
			u = rnd();
			memcpy(&d, &u, sizeof(d));
		} while (!isfinite(d));
		fsc_buf_addf(b, "%.17g", d);
		if (!strpbrk(b->buf + at, ".eE"))
			fsc_buf_adds(b, ".0");
		break;
	case 1:
		k = 1 + pick(8);
		d = ((double)pick(2000000) - 1e6) / 1000.0;
		fsc_buf_addf(b, "%.*f", (int)k, d);
		break;
	case 2:
		upper = (int)pick(2);
		k = pick(18);
		u = rnd() >> 11;
		m = pick(400);
		fsc_buf_addf(b, upper ? "%.*E" : "%.*e", (int)k,
			     ldexp((double)u, (int)m - 253));
		break;
	case 3:			/* digits, '.', digits, e/E, sign, exponent */
		if (pick(4) == 0)
			fsc_buf_add(b, "-", 1);
		fsc_buf_addf(b, "%u", pick(5) ? pick(100000) : 0);
		if (pick(3)) {
			fsc_buf_add(b, ".", 1);
			for (k = 1 + pick(25); k; k--)
				fsc_buf_addf(b, "%u", pick(10));
		} else {
			fsc_buf_add(b, pick(2) ? "e" : "E", 1);
			goto exponent;
		}
		if (pick(2))
			break;
		fsc_buf_add(b, pick(2) ? "e" : "E", 1);
exponent:
		fsc_buf_adds(b, (const char *[]){ "", "+", "-" }[pick(3)]);
		k = pick(5);
		fsc_buf_addf(b, "%0*u", (int)k, pick(400));
		break;
	default:
		fsc_buf_adds(b, edge[pick(sizeof(edge) / sizeof(*edge))]);
	}
}

/* A value at depth; containers are forced while depth < chain, and an
 * object when obj. */
static void gen_value(struct fsc_buf *b, int depth, int maxdepth, int chain,
		      int obj)
{
	static const char *const lit[] = {
		"true", "false", "null", "true", "false", "null",
		"NaN", "Infinity", "-Infinity"
	};
	unsigned r = pick(100);
	int i, n;

	if (obj || depth < chain || (depth < maxdepth && b->len < 200000 &&
				     r < (depth < 2 ? 70u : 35u))) {
		if (!obj)
			obj = pick(2);
		n = depth < chain ? 1 + (int)pick(4) :
		    pick(8) ? (int)pick(6) : (int)pick(30);
		fsc_buf_add(b, obj ? "{" : "[", 1);
		for (i = 0; i < n; i++) {
			if (i)
				fsc_buf_add(b, ",", 1);
			gen_ws(b);
			if (obj) {
				gen_string(b, i);
				gen_ws(b);
				fsc_buf_add(b, ":", 1);
				gen_ws(b);
			}
			gen_value(b, depth + 1, maxdepth, i ? 0 : chain, 0);
			gen_ws(b);
		}
		if (!n)
			gen_ws(b);
		fsc_buf_add(b, obj ? "}" : "]", 1);
		return;
	}
	r = pick(100);
	if (r < 30)
		gen_string(b, -1);
	else if (r < 55)
		gen_int(b);
	else if (r < 80)
		gen_double(b);
	else
		fsc_buf_adds(b, lit[pick(r < 96 ? 6 : 9)]);
}

static void check_generated(void)
{
	static const char *const after[] = {
		"", "", " ", "\n", " \t\r\n ", "\n{\"next\": 1}\n",
		"\nfio: some text\n", "x", "\n\n{"
	};
	struct fsc_buf b = FSC_BUF_INIT;
	struct fsc_json j = FSC_JSON_INIT;
	size_t used, cut, bytes = 0;
	char what[64];
	int d, t;

	for (d = 0; d < NDOCS; d++) {
		rng_state = 0x5eed0000u + (uint64_t)d;
		fsc_buf_reset(&b);
		gen_ws(&b);
		gen_value(&b, 0, (int)pick(11), d % 4 ? 0 : 10, 1);
		snprintf(what, sizeof(what), "generated document %d", d);
		/* every cut of the document fails (its value is an object) */
		for (t = 0; t < 4; t++) {
			char *p;

			cut = pick((unsigned)b.len);
			p = fsc_malloc(cut ? cut : 1);
			memcpy(p, b.buf, cut);
			check(fsc_json_parse(&j, p, cut, &used) < 0 &&
			      j.err_off <= cut,
			      "%s cut to %zu bytes: not rejected", what, cut);
			free(p);
		}
		fsc_buf_adds(&b, after[pick(sizeof(after) / sizeof(*after))]);
		bytes += b.len;
		compare(what, b.buf, b.len, 1);
	}
	printf("# %d generated documents, %zu bytes\n", NDOCS, bytes);
	fsc_json_free(&j);
	fsc_buf_release(&b);
}

/* ---- bad documents, prefixes, nesting ---- */

struct bad {
	const char *doc;
	const char *err;	/* NULL: truncated */
	size_t off;
};

static const struct bad bad_docs[] = {
	{ "", NULL, 0 },
	{ " \n\t\r", NULL, 4 },
	{ "{", NULL, 1 },
	{ "{\"a\"", NULL, 4 },
	{ "{\"a\":", NULL, 5 },
	{ "{\"a\":1", NULL, 6 },
	{ "{\"a\":1,", NULL, 7 },
	{ "{\"ab", NULL, 4 },
	{ "{\"a\\", NULL, 4 },
	{ "[tru", NULL, 4 },
	{ "[Na", NULL, 3 },
	{ "[-", NULL, 2 },
	{ "[1.", NULL, 3 },
	{ "[1e", NULL, 3 },
	{ "[1e-", NULL, 4 },
	{ "x", "unexpected character", 0 },
	{ "\xef\xbb\xbf{}", "unexpected character", 0 },
	{ "{\"a\":1,}", "quoted object property name expected", 7 },
	{ "{a:1}", "quoted object property name expected", 1 },
	{ "{'a':1}", "quoted object property name expected", 1 },
	{ "{\"a\" 1}", "object property name separator ':' expected", 5 },
	{ "{\"a\":1 \"b\":2}", "object value separator ',' expected", 7 },
	{ "{\"a\":1]", "object value separator ',' expected", 6 },
	{ "[1 2]", "array value separator ',' expected", 3 },
	{ "[1}", "array value separator ',' expected", 2 },
	{ "[1,]", "unexpected character", 3 },
	{ "[,1]", "unexpected character", 1 },
	{ "[1,,2]", "unexpected character", 3 },
	{ "['a']", "unexpected character", 1 },
	{ "[1/*c*/]", "array value separator ',' expected", 2 },
	{ "[1,\v2]", "unexpected character", 3 },
	{ "[1,\f2]", "unexpected character", 3 },
	{ "[tru]", "boolean expected", 1 },
	{ "[True]", "unexpected character", 1 },
	{ "[fals]", "boolean expected", 1 },
	{ "[nul]", "null expected", 1 },
	{ "[NULL]", "number expected", 1 },
	{ "[nan]", "null expected", 1 },
	{ "[-nan]", "number expected", 2 },
	{ "[NAN]", "number expected", 1 },
	{ "[inf]", "unexpected character", 1 },
	{ "[infinity]", "unexpected character", 1 },
	{ "[-inf]", "number expected", 2 },
	{ "[INFINITY]", "number expected", 1 },
	{ "[-Infinit]", "number expected", 2 },
	{ "[01]", "array value separator ',' expected", 2 },
	{ "[-01]", "array value separator ',' expected", 3 },
	{ "[1.]", "number expected", 3 },
	{ "[1.e5]", "number expected", 3 },
	{ "[1e]", "number expected", 3 },
	{ "[1e+]", "number expected", 4 },
	{ "[.5]", "unexpected character", 1 },
	{ "[+1]", "unexpected character", 1 },
	{ "[-]", "number expected", 2 },
	{ "[0x10]", "array value separator ',' expected", 2 },
	{ "[\"\\q\"]", "invalid string sequence", 2 },
	{ "[\"\\U0041\"]", "invalid string sequence", 2 },
	{ "[\"\\u12\"]", "invalid string sequence", 2 },
	{ "[\"\\u12g4\"]", "invalid string sequence", 2 },
	{ "[\"ab\\ud800\\x\"]", "invalid string sequence", 10 },
	{ "[\"\\u12", NULL, 6 },	/* a cut escape: truncated */
	{ "{\"a\":1}", NULL, 0 },	/* (valid: the next line checks) */
};

static void check_bad(void)
{
	struct fsc_json j = FSC_JSON_INIT;
	size_t i, used, n;
	char *p;
	int rc;

	for (i = 0; i < sizeof(bad_docs) / sizeof(*bad_docs); i++) {
		const struct bad *t = &bad_docs[i];

		n = strlen(t->doc);
		p = fsc_malloc(n ? n : 1);
		memcpy(p, t->doc, n);
		rc = fsc_json_parse(&j, p, n, &used);
		if (!strcmp(t->doc, "{\"a\":1}"))
			check(rc == 0 && used == 7, "{\"a\":1}: rejected");
		else
			check(rc < 0 && (t->err ? j.err &&
					 !strcmp(j.err, t->err) : !j.err) &&
			      j.err_off == t->off,
			      "\"%s\": %s at %zu, expected %s at %zu",
			      t->doc, rc < 0 ? j.err ? j.err : "truncated" :
			      "accepted", j.err_off,
			      t->err ? t->err : "truncated", t->off);
		free(p);
	}
	fsc_json_free(&j);
}

/* Every prefix of a small document is rejected as truncated, also a cut
 * inside \uXXXX or Infinity; each is parsed from a buffer of exactly its
 * size, so that a read past it is caught under ASan and valgrind. */
static void check_prefixes(void)
{
	static const char doc[] =
		"{\"a\": [1, -2.5e+3, 0, true, false, null, NaN, -Infinity,"
		" Infinity, \"s\\\"\\u00e9\\ud83d\\ude00x\\n\", 1E-2],\r\n"
		"\t\"b\" : {\"c\": {}, \"d\": [ ], \"\": \"\"}, \"e\": -0.5}";
	struct fsc_json j = FSC_JSON_INIT;
	size_t k, n = sizeof(doc) - 1, used;
	int rc, errs = 0;
	char *p;

	for (k = 0; k <= n; k++) {
		p = fsc_malloc(k ? k : 1);
		memcpy(p, doc, k);
		rc = fsc_json_parse(&j, p, k, &used);
		if (k == n) {
			check(rc == 0 && used == n, "the whole prefix document");
		} else if (rc == 0 || j.err_off > k) {
			check(0, "prefix of %zu bytes: %s", k,
			      rc == 0 ? "accepted" : "error past the end");
		} else if (!j.err) {
			check(j.err_off == k, "prefix of %zu bytes: truncated at %zu",
			      k, j.err_off);
		} else {
			errs++;
			check(0, "prefix of %zu bytes: %s at %zu", k, j.err,
			      j.err_off);
		}
		free(p);
	}
	printf("# %zu prefixes: %d reported as errors, the rest truncated\n",
	       n, errs);
	fsc_json_free(&j);
}

/* inner in depth arrays (obj 0), objects (obj 2) or both in turn (obj 1) */
static void nest(struct fsc_buf *b, int depth, int obj, const char *inner)
{
	int i;

	fsc_buf_reset(b);
	for (i = 0; i < depth; i++)
		fsc_buf_adds(b, obj && (i & 1 || obj > 1) ? "{\"k\": " : "[");
	fsc_buf_adds(b, inner);
	for (i = depth - 1; i >= 0; i--)
		fsc_buf_adds(b, obj && (i & 1 || obj > 1) ? "}" : "]");
}

static void check_nesting(void)
{
	struct fsc_json j = FSC_JSON_INIT;
	struct fsc_buf b = FSC_BUF_INIT;
	size_t used, off;
	int obj, rc, i;
	const char *inner[] = { "", "1", "\"s\"" };

	for (obj = 0; obj < 3; obj++) {
		for (i = 0; i < 3; i++) {
			if (obj && !i)
				continue;	/* {"k": } is not JSON */
			nest(&b, FSC_JSON_MAX_DEPTH, obj, inner[i]);
			compare("nesting 64", b.buf, b.len, 1);
			nest(&b, FSC_JSON_MAX_DEPTH + 1, obj, inner[i]);
			rc = fsc_json_parse(&j, b.buf, b.len, &used);
			/* at the 65th opening bracket: the last one */
			for (off = b.len; off > 0 && b.buf[off - 1] != '[' &&
			     b.buf[off - 1] != '{'; off--)
				;
			off--;
			check(rc < 0 && j.err && !strcmp(j.err, "nesting too deep"),
			      "nesting 65 (kind %d): %s", obj,
			      rc < 0 ? j.err ? j.err : "truncated" : "accepted");
			check(rc < 0 && j.err_off == off,
			      "nesting 65 (kind %d): error at %zu, not %zu",
			      obj, j.err_off, off);
		}
	}
	fsc_json_free(&j);
	fsc_buf_release(&b);
}

/* ---- strings: \uXXXX against the expected UTF-8 ---- */

struct str_case {
	const char *json;	/* a JSON string, quotes included */
	const char *utf8;	/* what json.c makes of it */
	size_t len;
	int jc_bug;		/* json-c 0.16 decodes it wrongly (see below) */
};

#define S(j, u, bug) { j, u, sizeof(u) - 1, bug }
static const struct str_case str_cases[] = {
	S("\"\\u0041\\u00e9\\u07FF\\u0800\\u20ac\\uFFFF\"",
	  "A\xc3\xa9\xdf\xbf\xe0\xa0\x80\xe2\x82\xac\xef\xbf\xbf", 0),
	S("\"\\ud800\\udc00\"", "\xf0\x90\x80\x80", 0),
	S("\"\\uDBFF\\uDFFF\"", "\xf4\x8f\xbf\xbf", 0),
	S("\"\\uD83D\\ude00\"", "\xf0\x9f\x98\x80", 0),
	S("\"\\ud800\"", "\xef\xbf\xbd", 0),
	S("\"\\udc00\"", "\xef\xbf\xbd", 0),
	S("\"\\ud800x\"", "\xef\xbf\xbdx", 0),
	S("\"\\ud800\\n\"", "\xef\xbf\xbd\n", 0),
	S("\"\\ud800\\u0041\"", "\xef\xbf\xbd" "A", 0),
	S("\"\\ud800\\ud800\\udc00\"", "\xef\xbf\xbd\xf0\x90\x80\x80", 0),
	S("\"\\udc00\\ud800\\udc00\"", "\xef\xbf\xbd\xf0\x90\x80\x80", 0),
	S("\"\\udc00\\udc00\"", "\xef\xbf\xbd\xef\xbf\xbd", 0),
	S("\"a\\u0000b\"", "a\xef\xbf\xbd" "b", 0),	/* json-c: a NUL */
	S("\"\\/\\\"\\\\\\b\\f\\n\\r\\t\"", "/\"\\\b\f\n\r\t", 0),
	S("\"raw \x01\x1f\x7f\xff\"", "raw \x01\x1f\x7f\xff", 0),
	/* U+xD800..U+xDFFF of the planes 1 to 16: json-c 0.16 tests the
	 * decoded pair with IS_HIGH/LOW_SURROGATE, which look at bits 10-15
	 * only, and makes U+FFFD of them */
	S("\"\\ud836\\udc00\"", "\xf0\x9d\xa0\x80", 1),	/* U+1D800 */
	S("\"\\ud837\\udfff\"", "\xf0\x9d\xbf\xbf", 1),	/* U+1DFFF */
	S("\"\\udbf6\\udc00x\"", "\xf4\x8d\xa0\x80x", 1),	/* U+10D800 */
};

static void check_strings(void)
{
	struct fsc_json j = FSC_JSON_INIT;
	enum json_tokener_error jerr;
	struct json_object *o;
	const char *s;
	size_t i, len, n, end;
	char e[200], e2[200];

	for (i = 0; i < sizeof(str_cases) / sizeof(*str_cases); i++) {
		const struct str_case *t = &str_cases[i];

		n = strlen(t->json);
		if (fsc_json_parse(&j, t->json, n, &end) < 0 ||
		    j.n[0].type != FSC_JSON_STRING) {
			check(0, "string %s: not parsed", t->json);
			continue;
		}
		s = fsc_json_str(&j, 0, &len);
		check(len == t->len && !memcmp(s, t->utf8, len),
		      "string %s: \"%s\", expected \"%s\"", t->json,
		      esc(s, len, e), esc(t->utf8, t->len, e2));
		o = jc_parse(t->json, n, &end, &jerr);
		if (!t->jc_bug)
			check(o && str_eq(s, len, json_object_get_string(o),
					  (size_t)json_object_get_string_len(o)),
			      "string %s: json-c differs", t->json);
		else if (o && !str_eq(s, len, json_object_get_string(o),
				      (size_t)json_object_get_string_len(o)))
			printf("# string %s: json-c 0.16 makes \"%s\" of it (its bug)\n",
			       t->json, esc(json_object_get_string(o),
					    (size_t)json_object_get_string_len(o),
					    e));
		json_object_put(o);
	}
	fsc_json_free(&j);
}

/* ---- the node array growing under a literal ---- */

/* [0, 0, ... with true, false, null, NaN, Infinity as nodes 1024, 2048,
 * 4096, 8192, 16384, where the node array grows to add them */
static void grow_doc(void)
{
	static const char *const lit[] = {
		"true", "false", "null", "NaN", "Infinity"
	};
	struct fsc_json j = FSC_JSON_INIT;
	struct fsc_buf b = FSC_BUF_INIT;
	size_t used;
	uint32_t i, at;
	int w;

	fsc_buf_add(&b, "[", 1);
	for (i = 1; i < 20000; i++) {
		for (w = 0; w < 5 && i != 1024u << w; w++)
			;
		if (i > 1)
			fsc_buf_add(&b, ",", 1);
		fsc_buf_adds(&b, w < 5 ? lit[w] : "0");
	}
	fsc_buf_add(&b, "]", 1);
	if (fsc_json_parse(&j, b.buf, b.len, &used) < 0) {
		check(0, "grow document: %s", j.err ? j.err : "truncated");
	} else {
		for (w = 0; w < 5; w++) {
			at = 1024u << w;
			check(j.n[at].len == strlen(lit[w]) &&
			      j.n[at].off > 0 && j.n[at].next == at + 1,
			      "grow document: node %u (%s): len %u, off %u, next %u",
			      at, lit[w], j.n[at].len, j.n[at].off, j.n[at].next);
		}
	}
	fsc_json_free(&j);
	compare("grow document", b.buf, b.len, 1);
	fsc_buf_release(&b);
}

/* a document that is only a literal, in a fresh struct fsc_json (the node
 * array is allocated for it) */
static void literal_first(void)
{
	static const char *const lit[] = {
		"true", "false", "null", "NaN", "-Infinity", "1", "\"s\""
	};
	struct fsc_json j;
	size_t i, used;

	for (i = 0; i < sizeof(lit) / sizeof(*lit); i++) {
		j = (struct fsc_json)FSC_JSON_INIT;
		check(fsc_json_parse(&j, lit[i], strlen(lit[i]), &used) == 0 &&
		      used == strlen(lit[i]) && j.nn == 1 &&
		      j.n[0].len == strlen(lit[i]) - (lit[i][0] == '"' ? 2 : 0),
		      "document %s alone: not one node of its length", lit[i]);
		fsc_json_free(&j);
	}
}

/* ---- main ---- */

static const char *fixture_dir;

static void check_fixtures(void)
{
	char **files = NULL;
	size_t nfiles = 0, cap = 0, i;
	long docs = 0;

	find_json(fixture_dir, &files, &nfiles, &cap);
	if (nfiles)
		qsort(files, nfiles, sizeof(*files), name_order);
	for (i = 0; i < nfiles; i++) {
		docs += check_fixture(files[i]);
		free(files[i]);
	}
	free(files);
	printf("# %zu fixture files, %ld documents\n", nfiles, docs);
	check(nfiles >= 40 && docs >= 40, "fixtures in %s: %zu files, %ld documents",
	      fixture_dir, nfiles, docs);
}

/* Run part in a child process and add its counts: a crash (a bug in the
 * parser) is one more failure, and the other parts still run. */
static void part(const char *name, void (*fn)(void))
{
	struct stats was = st;
	size_t got = 0;
	ssize_t r;
	pid_t pid;
	int fd[2], status;

	fflush(stdout);
	if (pipe(fd) < 0 || (pid = fork()) < 0) {
		check(0, "%s: cannot fork", name);
		return;
	}
	if (pid == 0) {
		close(fd[0]);
		memset(&st, 0, sizeof(st));
		fn();
		fflush(stdout);
		_exit(write(fd[1], &st, sizeof(st)) == (ssize_t)sizeof(st) ? 0 : 3);
	}
	close(fd[1]);
	memset(&st, 0, sizeof(st));
	while (got < sizeof(st) &&
	       (r = read(fd[0], (char *)&st + got, sizeof(st) - got)) > 0)
		got += (size_t)r;
	close(fd[0]);
	if (got != sizeof(st))
		memset(&st, 0, sizeof(st));
	st.passed += was.passed;
	st.failed += was.failed;
	st.fffd += was.fffd;
	st.dups += was.dups;
	st.lenient += was.lenient;
	st.nul += was.nul;
	st.raw += was.raw;
	st.values += was.values;
	if (waitpid(pid, &status, 0) != pid)
		status = -1;
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) ||
	    got != sizeof(st))
		check(0, "%s: crashed (%s %d)", name,
		      status != -1 && WIFSIGNALED(status) ? "signal" : "exit",
		      status == -1 ? -1 : WIFSIGNALED(status) ?
		      WTERMSIG(status) : WEXITSTATUS(status));
}

int main(int argc, char **argv)
{
	fixture_dir = argc > 1 ? argv[1] : "tests/fixtures";
	tok = json_tokener_new_ex(JC_DEPTH);
	if (!tok)
		return 2;
	part("fixtures", check_fixtures);
	part("generated documents", check_generated);
	part("bad documents", check_bad);
	part("prefixes", check_prefixes);
	part("nesting", check_nesting);
	part("strings", check_strings);
	part("a literal alone", literal_first);
	part("literals where the node array grows", grow_doc);
	json_tokener_free(tok);
	printf("# %ld values compared, %ld raw texts re-parsed; \\u0000 as U+FFFD %ld, objects with duplicate keys %ld, documents only json-c takes %ld, only json.c (raw NUL) %ld\n",
	       st.values, st.raw, st.fffd, st.dups, st.lenient, st.nul);
	printf("check_json: %ld passed, %ld failed\n", st.passed, st.failed);
	return st.failed != 0;
}
