/*
 * json.c: a JSON (RFC 8259) parser built for fio's output: one document
 * becomes a flat array of nodes in document order (a "tape"), with no
 * allocation per value, so that parsing costs a few passes over the bytes.
 * Strings without escapes point into the source; integers are converted
 * as they are met, other numbers only when read (fsc_json_double): fio
 * prints dozens per job that fioscope never reads.  Beyond RFC 8259 it
 * accepts what fio and json-c let through: NaN, Infinity and -Infinity as
 * numbers, and raw control bytes inside strings.  Why not json-c: its tree
 * is a hash table per object and a malloc per value, which made it most of
 * ingest's time.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "fioscope.h"

#define MAX_SRC ((size_t)UINT32_MAX)	/* node offsets are 32-bit */

static int fail(struct fsc_json *j, const char *p, const char *msg)
{
	j->err_off = (size_t)(p - j->src);
	j->err = msg;
	return -1;
}

static uint32_t push(struct fsc_json *j, int type, const char *p)
{
	struct fsc_jnode *n;

	if (j->nn == j->cap) {
		j->cap = j->cap ? j->cap * 2 : 1024;
		j->n = fsc_realloc(j->n, j->cap * sizeof(*j->n));
	}
	n = &j->n[j->nn];
	n->type = (uint8_t)type;
	n->esc = 0;
	n->next = (uint32_t)j->nn + 1;
	n->off = (uint32_t)(p - j->src);
	n->len = 0;
	n->u.i = 0;
	return (uint32_t)j->nn++;
}

/* 8 bytes at p as one word, in memory order (the compiler makes one
 * load of it). */
static uint64_t load8(const char *p)
{
	uint64_t x;

	memcpy(&x, p, 8);
	return x;
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL
/* Has word x a byte equal to c? (the classic zero-byte test) */
#define HAS_BYTE(x, c) \
	((((x) ^ (ONES * (c))) - ONES) & ~((x) ^ (ONES * (c))) & HIGHS)

static const char *skip_ws(const char *p, const char *end)
{
	/* fio indents with runs of spaces: eight at a time */
	while (end - p >= 8 && load8(p) == ONES * ' ')
		p += 8;
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\t' ||
			   *p == '\r'))
		p++;
	return p;
}

/* The first '"' or '\\' at or after p, or end. */
static const char *find_quote(const char *p, const char *end)
{
	uint64_t x;

	while (end - p >= 8) {
		x = load8(p);
		if (HAS_BYTE(x, '"') | HAS_BYTE(x, '\\'))
			break;
		p += 8;
	}
	while (p < end && *p != '"' && *p != '\\')
		p++;
	return p;
}

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ?
	       c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static int hex4(const char *p, const char *end, uint32_t *out)
{
	int i, v;

	if (end - p < 4)
		return -1;
	*out = 0;
	for (i = 0; i < 4; i++) {
		if ((v = hexval((unsigned char)p[i])) < 0)
			return -1;
		*out = *out << 4 | (uint32_t)v;
	}
	return 0;
}

/* Fewer than 4 bytes left, all hex digits: the input ends inside a
 * \uXXXX escape (truncated, not invalid). */
static int truncated_hex(const char *p, const char *end)
{
	if (end - p >= 4)
		return 0;
	for (; p < end; p++)
		if (hexval((unsigned char)*p) < 0)
			return 0;
	return 1;
}

static void put_utf8(struct fsc_buf *b, uint32_t cp)
{
	unsigned char u[4];
	size_t n;

	if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;	/* NUL and lone surrogates */
	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xc0 | cp >> 6);
		u[1] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (unsigned char)(0xe0 | cp >> 12);
		u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (unsigned char)(0xf0 | cp >> 18);
		u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3f));
		u[3] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	fsc_buf_add(b, u, n);
}

/* A string whose body starts at p (after the quote).  Without escapes the
 * node points into the source; with them the decoded text goes to j->str. */
static int string(struct fsc_json *j, const char **pp, const char *end)
{
	const char *p = *pp, *s = p;
	uint32_t id, cp, lo;
	struct fsc_jnode *n;
	char c;

	p = find_quote(p, end);
	if (p == end)
		return fail(j, end, NULL);
	id = push(j, FSC_JSON_STRING, s);
	if (*p == '"') {
		j->n[id].len = (uint32_t)(p - s);
		*pp = p + 1;
		return 0;
	}
	/* escapes: decode from s into the string arena */
	n = &j->n[id];
	n->esc = 1;
	n->off = (uint32_t)j->str.len;
	for (;;) {
		fsc_buf_add(&j->str, s, (size_t)(p - s));
		if (p == end)
			return fail(j, end, NULL);
		if (*p == '"')
			break;
		if (++p == end)		/* after the backslash */
			return fail(j, end, NULL);
		switch ((c = *p++)) {
		case '"': case '\\': case '/':
			fsc_buf_add(&j->str, &c, 1);
			break;
		case 'b': fsc_buf_add(&j->str, "\b", 1); break;
		case 'f': fsc_buf_add(&j->str, "\f", 1); break;
		case 'n': fsc_buf_add(&j->str, "\n", 1); break;
		case 'r': fsc_buf_add(&j->str, "\r", 1); break;
		case 't': fsc_buf_add(&j->str, "\t", 1); break;
		case 'u':
			if (hex4(p, end, &cp) < 0)
				return truncated_hex(p, end) ? fail(j, end, NULL) :
				       fail(j, p - 2, "invalid string sequence");
			p += 4;
			if (cp >= 0xd800 && cp <= 0xdbff && end - p >= 6 &&
			    p[0] == '\\' && p[1] == 'u' &&
			    hex4(p + 2, end, &lo) == 0 &&
			    lo >= 0xdc00 && lo <= 0xdfff) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				p += 6;
			}
			put_utf8(&j->str, cp);
			break;
		default:
			return fail(j, p - 2, "invalid string sequence");
		}
		s = p;
		p = find_quote(p, end);
	}
	n->len = (uint32_t)(j->str.len - n->off);
	*pp = p + 1;
	return 0;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A number, validated by the RFC 8259 grammar: integers converted exactly
 * (saturating at INT64_MIN/MAX, which callers treat as absurd), others
 * left as their source text for fsc_json_double. */
static int number(struct fsc_json *j, const char **pp, const char *end)
{
	const char *p = *pp, *s = p;
	int neg = 0, integral = 1;
	uint64_t v = 0, lim;
	uint32_t id;

	if (*p == '-') {
		neg = 1;
		p++;
	}
	if (p < end && *p == 'I' && (size_t)(end - p) < 8 &&
	    !memcmp(p, "Infinity", (size_t)(end - p)))
		return fail(j, end, NULL);	/* ends inside Infinity */
	if (p < end && *p == 'I' && (size_t)(end - p) >= 8 &&
	    !memcmp(p, "Infinity", 8)) {
		id = push(j, FSC_JSON_DOUBLE, s);
		j->n[id].esc = 1;	/* converted */
		j->n[id].u.d = neg ? -INFINITY : INFINITY;
		j->n[id].len = (uint32_t)(p + 8 - s);
		*pp = p + 8;
		return 0;
	}
	if (p == end)
		return fail(j, end, NULL);
	if (!is_digit(*p))
		return fail(j, p, "number expected");
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	if (*p == '0') {
		p++;
	} else {
		for (; p < end && is_digit(*p); p++) {
			unsigned d = (unsigned)(*p - '0');

			v = v > (lim - d) / 10 ? lim : v * 10 + d;
		}
	}
	if (p < end && *p == '.') {
		integral = 0;
		if (++p == end)
			return fail(j, end, NULL);
		if (!is_digit(*p))
			return fail(j, p, "number expected");
		while (p < end && is_digit(*p))
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		integral = 0;
		if (++p < end && (*p == '+' || *p == '-'))
			p++;
		if (p == end)
			return fail(j, end, NULL);
		if (!is_digit(*p))
			return fail(j, p, "number expected");
		while (p < end && is_digit(*p))
			p++;
	}
	id = push(j, integral ? FSC_JSON_INT : FSC_JSON_DOUBLE, s);
	j->n[id].len = (uint32_t)(p - s);
	if (integral)
		j->n[id].u.i = neg ? (v > (uint64_t)INT64_MAX ? INT64_MIN :
				      -(int64_t)v) : (int64_t)v;
	*pp = p;
	return 0;
}

static int word(struct fsc_json *j, const char **pp, const char *end,
		const char *w, size_t n, int type, const char *msg)
{
	const char *p = *pp;
	size_t have = (size_t)(end - p);
	uint32_t id;

	if (memcmp(p, w, have < n ? have : n))
		return fail(j, p, msg);
	if (have < n)
		return fail(j, end, NULL);
	id = push(j, type, p);	/* apart: push may move j->n */
	j->n[id].len = (uint32_t)n;
	*pp = p + n;
	return 0;
}



/* One value at p; returns 0, or -1 at the first error. */
static int value(struct fsc_json *j, const char **pp, const char *end)
{
	const char *p = *pp;

	switch (*p) {
	case '"':
		*pp = p + 1;
		return string(j, pp, end);
	case 't':
		return word(j, pp, end, "true", 4, FSC_JSON_TRUE,
			    "boolean expected");
	case 'f':
		return word(j, pp, end, "false", 5, FSC_JSON_FALSE,
			    "boolean expected");
	case 'n':
		return word(j, pp, end, "null", 4, FSC_JSON_NULL,
			    "null expected");
	case 'N':
		if (word(j, pp, end, "NaN", 3, FSC_JSON_DOUBLE,
			 "number expected") < 0)
			return -1;
		j->n[j->nn - 1].esc = 1;	/* converted */
		j->n[j->nn - 1].u.d = NAN;
		return 0;
	default:
		if (*p == '-' || is_digit(*p) || *p == 'I')
			return number(j, pp, end);
		return fail(j, p, "unexpected character");
	}
}

int fsc_json_parse(struct fsc_json *j, const char *src, size_t len,
		   size_t *used)
{
	const char *p = src, *end = src + (len < MAX_SRC ? len : MAX_SRC);
	uint32_t stack[FSC_JSON_MAX_DEPTH], top;
	size_t depth = 0;
	struct fsc_jnode *c;

	j->src = src;
	j->nn = 0;
	fsc_buf_reset(&j->str);
	j->err = NULL;
	j->err_off = 0;
	p = skip_ws(p, end);
	if (p == end)
		return fail(j, end, NULL);
	for (;;) {
		/* a value */
		if (*p == '{' || *p == '[') {
			if (depth == FSC_JSON_MAX_DEPTH)
				return fail(j, p, "nesting too deep");
			stack[depth++] = push(j, *p == '{' ? FSC_JSON_OBJECT :
					      FSC_JSON_ARRAY, p);
			p = skip_ws(p + 1, end);
			if (p == end)
				return fail(j, end, NULL);
			if (*p == (j->n[stack[depth - 1]].type ==
				   FSC_JSON_OBJECT ? '}' : ']'))
				goto close;
			if (j->n[stack[depth - 1]].type == FSC_JSON_OBJECT)
				goto key;
			continue;
		}
		if (value(j, &p, end) < 0)
			return -1;
		/* after a value: close containers, or a separator */
		for (;;) {
			if (!depth) {
				*used = (size_t)(p - src);
				return 0;
			}
			p = skip_ws(p, end);
			if (p == end)
				return fail(j, end, NULL);
			top = stack[depth - 1];
			c = &j->n[top];
			if (*p == ',') {
				c->len++;
				p = skip_ws(p + 1, end);
				if (p == end)
					return fail(j, end, NULL);
				if (c->type == FSC_JSON_OBJECT)
					goto key;
				break;
			}
			if (*p != (c->type == FSC_JSON_OBJECT ? '}' : ']'))
				return fail(j, p, c->type == FSC_JSON_OBJECT ?
					    "object value separator ',' expected" :
					    "array value separator ',' expected");
close:
			top = stack[--depth];
			c = &j->n[top];
			if (j->nn > (size_t)top + 1)
				c->len++;	/* members = separators + 1 */
			c->next = (uint32_t)j->nn;
			c->u.i = (int64_t)(p + 1 - src);	/* source end */
			p++;
		}
		continue;
key:
		if (*p != '"')
			return fail(j, p, "quoted object property name expected");
		p++;
		if (string(j, &p, end) < 0)
			return -1;
		p = skip_ws(p, end);
		if (p == end)
			return fail(j, end, NULL);
		if (*p != ':')
			return fail(j, p,
				    "object property name separator ':' expected");
		p = skip_ws(p + 1, end);
		if (p == end)
			return fail(j, end, NULL);
	}
}

void fsc_json_free(struct fsc_json *j)
{
	free(j->n);
	fsc_buf_release(&j->str);
	memset(j, 0, sizeof(*j));
	j->str = (struct fsc_buf)FSC_BUF_INIT;
}

const char *fsc_json_str(const struct fsc_json *j, uint32_t v, size_t *len)
{
	const struct fsc_jnode *n = &j->n[v];

	*len = n->len;
	return (n->esc ? j->str.buf : j->src) + n->off;
}

const char *fsc_json_raw(const struct fsc_json *j, uint32_t v, size_t *len)
{
	const struct fsc_jnode *n = &j->n[v];

	*len = n->type == FSC_JSON_OBJECT || n->type == FSC_JSON_ARRAY ?
	       (size_t)n->u.i - n->off : n->len;
	return j->src + n->off;
}

uint32_t fsc_json_get(const struct fsc_json *j, uint32_t obj, const char *key)
{
	size_t klen = strlen(key), len;
	uint32_t k, found = 0;
	const char *s;

	if (j->n[obj].type != FSC_JSON_OBJECT)
		return 0;
	/* the last of duplicate keys wins, as in json-c */
	for (k = obj + 1; k < j->n[obj].next; k = j->n[k + 1].next) {
		if (j->n[k].len != klen)
			continue;
		s = fsc_json_str(j, k, &len);
		if (!memcmp(s, key, klen))
			found = k + 1;
	}
	return found;
}

double fsc_json_double(const struct fsc_json *j, uint32_t v)
{
	const struct fsc_jnode *n = &j->n[v];
	char tmp[64], *copy, *end;
	double d;

	if (n->type == FSC_JSON_INT)
		return (double)n->u.i;
	if (n->type != FSC_JSON_DOUBLE)
		return NAN;
	if (n->esc)		/* NaN, Infinity */
		return n->u.d;
	/* the span passed the JSON grammar: strtod reads all of it */
	copy = n->len < sizeof(tmp) ? tmp : fsc_malloc((size_t)n->len + 1);
	memcpy(copy, j->src + n->off, n->len);
	copy[n->len] = '\0';
	d = strtod(copy, &end);
	if (copy != tmp)
		free(copy);
	return d;
}
