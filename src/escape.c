/*
 * escape.c: the one home of the quoting rule of each output language
 * (gnuplot string literals, HTML/XML text, CSV fields, JSON strings) and
 * of the UTF-8 rule that every label obeys: text is valid UTF-8 once it
 * is in the store, and every writer repairs what is not (U+FFFD).
 */
#include <stdlib.h>
#include <string.h>
#include "fioscope.h"

#define REPLACEMENT "\xef\xbf\xbd"	/* U+FFFD */

size_t fsc_utf8_len(const unsigned char *p, size_t avail)
{
	size_t n, i;
	unsigned cp;

	if (!avail)
		return 0;
	if (p[0] < 0x80)
		return 1;
	if ((p[0] & 0xe0) == 0xc0)
		n = 2, cp = p[0] & 0x1f;
	else if ((p[0] & 0xf0) == 0xe0)
		n = 3, cp = p[0] & 0x0f;
	else if ((p[0] & 0xf8) == 0xf0)
		n = 4, cp = p[0] & 0x07;
	else
		return 0;
	if (n > avail)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	/* overlong forms, surrogates and beyond U+10FFFF are invalid */
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
	    (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

int fsc_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k;

	while (n) {
		if (!(k = fsc_utf8_len(p, n)))
			return 0;
		p += k;
		n -= k;
	}
	return 1;
}

void fsc_utf8_fix(struct fsc_buf *o, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k;

	while (n) {
		if ((k = fsc_utf8_len(p, n))) {
			fsc_buf_add(o, p, k);
		} else {
			fsc_buf_adds(o, REPLACEMENT);
			k = 1;
		}
		p += k;
		n -= k;
	}
}

char *fsc_utf8_dup(const char *s)
{
	struct fsc_buf b = FSC_BUF_INIT;

	if (!s)
		return NULL;
	fsc_utf8_fix(&b, s, strlen(s));
	return fsc_buf_detach(&b);
}

void fsc_labels_utf8(struct fsc_labels *ls)
{
	size_t i;
	char *v;

	for (i = 0; i < ls->n; i++) {
		v = ls->l[i].key;
		if (v && !fsc_utf8_valid(v, strlen(v))) {
			ls->l[i].key = fsc_utf8_dup(v);
			free(v);
		}
		v = ls->l[i].value;
		if (v && !fsc_utf8_valid(v, strlen(v))) {
			ls->l[i].value = fsc_utf8_dup(v);
			free(v);
		}
	}
}

/*
 * Walk s as UTF-8: each step yields one valid character (len bytes at p)
 * or, for an invalid byte, len 0 (the caller writes U+FFFD).
 */
#define UTF8_STEP(p, rest, len) \
	((len) = fsc_utf8_len((p), (rest)), (len) ? (len) : 1)

void fsc_display(struct fsc_buf *o, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t rest = strlen((const char *)p), len, step;

	while (rest) {
		step = UTF8_STEP(p, rest, len);
		if (!len)
			fsc_buf_adds(o, REPLACEMENT);
		else if (*p < 0x20)
			/* U+2400 + c: the Control Pictures block */
			fsc_buf_addf(o, "\xe2\x90%c", (char)(0x80 + *p));
		else if (*p == 0x7f)
			fsc_buf_adds(o, "\xe2\x90\xa1");	/* U+2421 */
		else
			fsc_buf_add(o, p, len);
		p += step;
		rest -= step;
	}
}

void fsc_term_escape_md(struct fsc_buf *o, const char *s, int md)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n')
			fsc_buf_adds(o, "\\n");
		else if (c == '\t')
			fsc_buf_adds(o, "\\t");
		else if (c < 0x20)
			fsc_buf_adds(o, "\\?");
		else if (md && c == '|')
			fsc_buf_adds(o, "\\|");
		else
			fsc_buf_add(o, s, 1);
	}
}

void fsc_term_escape(struct fsc_buf *o, const char *s)
{
	fsc_term_escape_md(o, s, 0);
}

void fsc_gp_quote(struct fsc_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	fsc_buf_add(b, "\"", 1);
	for (; *p; p++) {
		/* gnuplot reads \" \\ and \ooo in a double-quoted string;
		 * ` (command substitution) and @ (macros) act on the raw
		 * line, so they go in octal and never reach the scanner */
		if (*p == '"' || *p == '\\')
			fsc_buf_addf(b, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f || *p == '`' || *p == '@')
			fsc_buf_addf(b, "\\%03o", *p);
		else
			fsc_buf_add(b, p, 1);
	}
	fsc_buf_add(b, "\"", 1);
}

void fsc_gp_label(struct fsc_buf *b, const char *s)
{
	struct fsc_buf d = FSC_BUF_INIT, t = FSC_BUF_INIT;
	const char *p, *q;

	fsc_display(&d, s);
	/* gnuplot's SVG terminal escapes < and & but not >, so "]]>" would
	 * end its text ill-formed: a WORD JOINER (U+2060) goes between */
	for (p = d.buf; (q = strstr(p, "]]>")); p = q + 2) {
		fsc_buf_add(&t, p, (size_t)(q - p) + 2);
		fsc_buf_adds(&t, "\xe2\x81\xa0");
	}
	fsc_buf_adds(&t, p);
	fsc_gp_quote(b, t.buf);
	fsc_buf_release(&d);
	fsc_buf_release(&t);
}

void fsc_html_escape(struct fsc_buf *o, const char *s)
{
	struct fsc_buf d = FSC_BUF_INIT;
	const char *p;

	if (!s)
		return;
	/* valid UTF-8, control characters as visible pictures (XML 1.0
	 * allows none of them but tab and newline, and a newline would
	 * show as a space: "a\nb" must not look like "a b") */
	fsc_display(&d, s);
	for (p = d.buf; *p; p++) {
		switch (*p) {
		case '<': fsc_buf_adds(o, "&lt;"); break;
		case '>': fsc_buf_adds(o, "&gt;"); break;
		case '&': fsc_buf_adds(o, "&amp;"); break;
		case '"': fsc_buf_adds(o, "&quot;"); break;
		case '\'': fsc_buf_adds(o, "&#39;"); break;
		default: fsc_buf_add(o, p, 1);
		}
	}
	fsc_buf_release(&d);
}

/* Is c a plain decimal number ("-3", "+1.5e3"), which a spreadsheet
 * reads as the number it is? */
static int csv_number(const char *c)
{
	const char *p = c + (*c == '-' || *c == '+');
	int digits = 0;

	for (; *p >= '0' && *p <= '9'; p++)
		digits++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			digits++;
	if (!digits)
		return 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		p += *p == '-' || *p == '+';
		if (*p < '0' || *p > '9')
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return !*p;
}

void fsc_csv_field(struct fsc_buf *o, const char *c)
{
	struct fsc_buf t = FSC_BUF_INIT;
	const char *p;

	if (!c)
		return;
	/* formula-injection guard (OWASP "CSV injection"): a text field
	 * that a spreadsheet would run as a formula gets a leading ' */
	if (strchr("=+-@\t\r", *c) && *c && !csv_number(c))
		fsc_buf_adds(&t, "'");
	fsc_utf8_fix(&t, c, strlen(c));
	if (!strpbrk(t.buf, ",\"\r\n")) {
		fsc_buf_add(o, t.buf, t.len);
		fsc_buf_release(&t);
		return;
	}
	fsc_buf_add(o, "\"", 1);
	for (p = t.buf; *p; p++) {
		if (*p == '"')
			fsc_buf_add(o, "\"", 1);
		fsc_buf_add(o, p, 1);
	}
	fsc_buf_add(o, "\"", 1);
	fsc_buf_release(&t);
}

void fsc_json_stringn(struct fsc_buf *o, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len, step;

	fsc_buf_add(o, "\"", 1);
	while (n) {
		step = UTF8_STEP(p, n, len);
		if (!len)
			fsc_buf_adds(o, "\\ufffd");
		else if (*p == '"' || *p == '\\')
			fsc_buf_addf(o, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fsc_buf_addf(o, "\\u%04x", *p);
		else
			fsc_buf_add(o, p, len);
		p += step;
		n -= step;
	}
	fsc_buf_add(o, "\"", 1);
}

void fsc_json_string(struct fsc_buf *o, const char *s)
{
	fsc_json_stringn(o, s ? s : "", s ? strlen(s) : 0);
}
