/*
 * fuzz_json.c: libFuzzer target for the JSON parser (json.c):
 * fsc_json_parse on arbitrary bytes (a buffer of exactly their size, so
 * that a read past the end is caught), then
 *  - the nodes are well formed: every next in (index, nn], containers
 *    span their members, member counts, keys are strings, strings within
 *    the source or the arena, source spans within the bytes used; a
 *    failure says where (within the input), or is a truncation at its end;
 *  - parsing again in the same struct fsc_json gives the same nodes;
 *  - json-c (the parser json.c replaced) agrees: both accept or both
 *    reject, but where json-c takes one of its leniencies (trailing comma,
 *    leading zero, "1." "1e", literals in another case, comments, single
 *    quotes), json.c nests deeper than FSC_JSON_MAX_DEPTH, or a raw NUL
 *    byte (json-c stops there); when both accept, the values are equal
 *    (types, integers, doubles bit for bit, strings, keys in order,
 *    fsc_json_get) and used is json-c's parse end less the blanks after
 *    the value.  Strings are not compared when the input holds \u0000
 *    (U+FFFD in json.c, a NUL in json-c, which cuts keys there) or a
 *    surrogate pair json-c 0.16 decodes wrongly (tests/unit/check_json.c,
 *    str_cases).
 * Where json-c reads on after the value (a comment, more of a number
 * alone), only its failure or its end differ.
 * json-c gets a new tokener after each failure (its reset keeps a pending
 * high surrogate).  A failed check prints why and aborts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <json-c/json.h>
#include "fioscope.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

static struct json_tokener *tok;
static int cmp_strings;		/* compare string contents */

static void differ(const char *what, uint32_t k)
{
	fprintf(stderr, "fuzz_json: %s (node %u)\n", what, k);
	abort();
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The node at k and all it contains; returns the node after them. */
static uint32_t walk(const struct fsc_json *j, uint32_t k, const char *src,
		     size_t used)
{
	const struct fsc_jnode *n;
	uint32_t i, m = 0;
	int obj;

	CHECK(k < j->nn);
	n = &j->n[k];
	CHECK(n->next > k && n->next <= j->nn);
	switch (n->type) {
	case FSC_JSON_STRING:
		CHECK((size_t)n->off + n->len <= (n->esc ? j->str.len : used));
		CHECK(n->next == k + 1);
		return k + 1;
	case FSC_JSON_NULL: case FSC_JSON_FALSE: case FSC_JSON_TRUE:
	case FSC_JSON_INT: case FSC_JSON_DOUBLE:
		CHECK(n->len > 0 && (size_t)n->off + n->len <= used);
		CHECK(n->next == k + 1);
		return k + 1;
	case FSC_JSON_ARRAY: case FSC_JSON_OBJECT:
		break;
	default:
		differ("bad node type", k);
	}
	obj = n->type == FSC_JSON_OBJECT;
	CHECK(n->u.i > (int64_t)n->off && n->u.i <= (int64_t)used);
	CHECK(src[n->off] == (obj ? '{' : '['));
	CHECK(src[n->u.i - 1] == (obj ? '}' : ']'));
	for (i = k + 1; i < n->next; m++) {
		if (obj) {
			CHECK(j->n[i].type == FSC_JSON_STRING);
			i = walk(j, i, src, used);
			CHECK(i < n->next);
		}
		i = walk(j, i, src, used);
	}
	CHECK(i == n->next && m == n->len);
	return n->next;
}

static int str_eq(const char *fs, size_t fl, const char *js, size_t jl)
{
	return fl == jl && !memcmp(fs, js, fl);
}

static void cmp_value(const struct fsc_json *j, uint32_t k,
		      struct json_object *o);

struct key {
	const char *s;
	size_t len;
};

static int key_order(const void *a, const void *b)
{
	const struct key *x = a, *y = b;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->s, y->s, x->len);
}

static void cmp_object(const struct fsc_json *j, uint32_t k,
		       struct json_object *o)
{
	const struct fsc_jnode *n = &j->n[k];
	struct json_object_iterator it, end;
	struct key *keys = fsc_calloc(n->len + 1, sizeof(*keys));
	uint32_t i, v, m, distinct;

	/* distinct keys */
	for (i = k + 1, m = 0; i < n->next; i = j->n[i + 1].next, m++)
		keys[m].s = fsc_json_str(j, i, &keys[m].len);
	qsort(keys, m, sizeof(*keys), key_order);
	for (i = 0, distinct = 0; i < m; i++)
		distinct += !i || key_order(&keys[i - 1], &keys[i]) != 0;
	free(keys);
	if ((size_t)json_object_object_length(o) != distinct)
		differ("member counts differ", k);
	it = json_object_iter_begin(o);
	end = json_object_iter_end(o);
	i = k + 1;
	for (; !json_object_iter_equal(&it, &end); json_object_iter_next(&it)) {
		const char *name = json_object_iter_peek_name(&it);

		/* the last of duplicates, as in json-c (the one it keeps,
		 * at the first one's place) */
		v = m > 1024 && distinct == m ? i + 1 :	/* (quadratic) */
		    fsc_json_get(j, k, name);
		if (!v)
			differ("fsc_json_get does not find a key", k);
		if (distinct == m) {	/* no duplicates: the same order */
			if (v != i + 1)
				differ("keys in another order", i);
			i = j->n[i + 1].next;
		}
		cmp_value(j, v, json_object_iter_peek_value(&it));
	}
}

static void cmp_value(const struct fsc_json *j, uint32_t k,
		      struct json_object *o)
{
	const struct fsc_jnode *n = &j->n[k];
	size_t len, x;
	const char *s;
	uint32_t i;
	double d, fd;

	switch (json_object_get_type(o)) {
	case json_type_null:
		if (n->type != FSC_JSON_NULL)
			differ("null", k);
		return;
	case json_type_boolean:
		if (n->type != (json_object_get_boolean(o) ? FSC_JSON_TRUE :
				FSC_JSON_FALSE))
			differ("boolean", k);
		return;
	case json_type_int:
		if (n->type != FSC_JSON_INT || n->u.i != json_object_get_int64(o))
			differ("integer", k);
		return;
	case json_type_double:
		d = json_object_get_double(o);
		fd = fsc_json_double(j, k);
		if (n->type != FSC_JSON_DOUBLE || memcmp(&d, &fd, sizeof(d)))
			differ("double", k);
		return;
	case json_type_string:
		if (n->type != FSC_JSON_STRING)
			differ("string type", k);
		s = fsc_json_str(j, k, &len);
		if (cmp_strings &&
		    !str_eq(s, len, json_object_get_string(o),
			    (size_t)json_object_get_string_len(o)))
			differ("string", k);
		return;
	case json_type_array:
		if (n->type != FSC_JSON_ARRAY ||
		    n->len != json_object_array_length(o))
			differ("array", k);
		for (x = 0, i = k + 1; x < n->len; x++, i = j->n[i].next)
			cmp_value(j, i, json_object_array_get_idx(o, x));
		return;
	case json_type_object:
		if (n->type != FSC_JSON_OBJECT)
			differ("object", k);
		if (cmp_strings)	/* keys are strings too */
			cmp_object(j, k, o);
		return;
	}
	differ("json-c type", k);
}

/* json.c rejects at off what json-c takes: one of json-c's leniencies? */
static int lenient(const char *s, size_t len, size_t off, const char *err)
{
	static const char *const lit[] = {
		"null", "true", "false", "nan", "infinity"
	};
	const char *p = s + off, *q;
	size_t i;

	if (!err)	/* a number cut at its end: json-c takes "1." "1e" */
		return off == len && off > 0 && strchr(".eE+-", s[off - 1]);
	if (off >= len)
		return 0;
	if (!strcmp(err, "nesting too deep") || *p == '/' || *p == '\'')
		return 1;
	if (*p == ']' || *p == '}') {
		for (q = p; q > s && is_ws(q[-1]); q--)
			;
		if (q > s && q[-1] == ',')
			return 1;	/* a trailing comma */
	}
	if (is_digit(*p) && off >= 1 && p[-1] == '0' &&
	    (off < 2 || !is_digit(p[-2])))
		return 1;		/* a leading zero */
	if (!strcmp(err, "number expected") && off >= 1 && p[-1] &&
	    strchr(".eE+-", p[-1]) && !is_digit(*p))
		return 1;		/* "1." "1e" "1e+" */
	for (i = 0; i < sizeof(lit) / sizeof(*lit); i++)
		if (len - off >= strlen(lit[i]) &&
		    !strncasecmp(p, lit[i], strlen(lit[i])))
			return 1;	/* NULL, True, nan, infinity... */
	return 0;
}

/* json-c reads on after the value json.c took (used bytes): a comment
 * after blanks, or more of a number alone ("01", "1.5e": its leniencies) */
static int reads_on(const struct fsc_json *j, const char *src, size_t size,
		    size_t used)
{
	size_t ws;

	for (ws = used; ws < size && is_ws(src[ws]); ws++)
		;
	if (ws < size && src[ws] == '/')
		return 1;
	return (j->n[0].type == FSC_JSON_INT ||
		j->n[0].type == FSC_JSON_DOUBLE) && used < size && src[used] &&
	       strchr("0123456789.eE+-", src[used]);
}

/* \u0000, or a high surrogate json-c 0.16 pairs wrongly ((hi & 0x3e) ==
 * 0x36: \uD836 \uDBF7...) */
static int odd_strings(const char *s, size_t n)
{
	size_t i, k;
	unsigned v;
	char c;

	for (i = 0; i + 6 <= n; i++) {
		if (s[i] != '\\' || s[i + 1] != 'u')
			continue;
		for (k = 2, v = 0; k < 6; k++) {
			c = s[i + k];
			v = v << 4 | (unsigned)(c >= '0' && c <= '9' ? c - '0' :
				c >= 'a' && c <= 'f' ? c - 'a' + 10 :
				c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0);
		}
		if (v == 0 || (v >= 0xd800 && v < 0xdc00 && (v & 0x3e) == 0x36))
			return 1;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct fsc_json j = FSC_JSON_INIT;
	struct json_object *o;
	enum json_tokener_error jerr;
	char *src = malloc(size ? size : 1), *jbuf;
	size_t used = 0, used2 = 0, end, ws, nn, i, err_off;
	struct fsc_jnode *first;
	const char *err;
	int rc, rc2;

	memcpy(src, data, size);
	rc = fsc_json_parse(&j, src, size, &used);
	if (rc == 0) {
		CHECK(used > 0 && used <= size && j.nn > 0);
		CHECK(walk(&j, 0, src, used) == j.nn);
	} else {
		CHECK(j.err_off <= size);
		CHECK(j.err ? j.err_off < size && j.err[0] :
		      j.err_off == size);
	}
	/* again, reusing the struct: the same */
	err = j.err;
	err_off = j.err_off;
	nn = j.nn;
	first = nn ? fsc_malloc(nn * sizeof(*first)) : NULL;
	for (i = 0; i < nn; i++)
		first[i] = j.n[i];
	rc2 = fsc_json_parse(&j, src, size, &used2);
	CHECK(rc2 == rc);
	if (rc == 0) {
		CHECK(used2 == used && j.nn == nn);
		for (i = 0; i < nn; i++)
			CHECK(j.n[i].type == first[i].type &&
			      j.n[i].next == first[i].next &&
			      j.n[i].off == first[i].off &&
			      j.n[i].len == first[i].len &&
			      j.n[i].esc == first[i].esc &&
			      !memcmp(&j.n[i].u, &first[i].u, sizeof(j.n[i].u)));
	} else {
		CHECK(j.err_off == err_off && j.err == err);
	}
	free(first);

	/* json-c on the same bytes and a blank (which ends a number); a new
	 * tokener after a failure: json-c 0.16's reset keeps a pending high
	 * surrogate, which would pair with the next \uXXXX */
	if (!tok)
		tok = json_tokener_new_ex(1024);
	CHECK(tok);
	jbuf = malloc(size + 1);
	memcpy(jbuf, data, size);
	jbuf[size] = ' ';
	json_tokener_reset(tok);
	o = json_tokener_parse_ex(tok, jbuf, (int)size + 1);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	if (jerr == json_tokener_success && rc < 0) {
		if (!lenient(src, size, j.err_off, j.err)) {
			fprintf(stderr, "fuzz_json: json-c accepts, json.c: %s at %zu\n",
				j.err ? j.err : "truncated", j.err_off);
			abort();
		}
	} else if (jerr != json_tokener_success && rc == 0) {
		/* json-c stops at a NUL byte, and reads on after the value
		 * ("{}/" is an error there) */
		if (!memchr(src, '\0', used) && !reads_on(&j, src, size, used)) {
			fprintf(stderr, "fuzz_json: json.c accepts %zu bytes, json-c: %s at %zu\n",
				used, json_tokener_error_desc(jerr), end);
			abort();
		}
	} else if (rc == 0) {
		for (ws = used; ws < size && is_ws(src[ws]); ws++)
			;
		if (ws == size)
			ws++;	/* json-c took the blank we added */
		if (end > ws && reads_on(&j, src, size, used)) {
			/* (values may differ: json-c read more) */
		} else if (end != ws) {
			fprintf(stderr, "fuzz_json: used %zu, json-c's end %zu\n",
				used, end);
			abort();
		} else {
			cmp_strings = !odd_strings(src, used);
			cmp_value(&j, 0, o);
		}
	}
	if (jerr != json_tokener_success) {
		json_tokener_free(tok);
		tok = NULL;
	}
	json_object_put(o);
	free(jbuf);
	fsc_json_free(&j);
	free(src);
	return 0;
}
