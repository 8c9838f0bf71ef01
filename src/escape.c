/*
 * escape.c: text from fio files and labels made safe for the formats it
 * is written in: HTML/XML, CSV (RFC 4180) and JSON string literals.  One
 * escaper per format, shared by every output (query, observe, report).
 */
#include <string.h>
#include "fioscope.h"

void fsc_html_escape(struct fsc_buf *o, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': fsc_buf_adds(o, "&lt;"); break;
		case '>': fsc_buf_adds(o, "&gt;"); break;
		case '&': fsc_buf_adds(o, "&amp;"); break;
		case '"': fsc_buf_adds(o, "&quot;"); break;
		case '\'': fsc_buf_adds(o, "&#39;"); break;
		default:
			/* XML 1.0 allows no other control character */
			if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
				fsc_buf_adds(o, "\xef\xbf\xbd");	/* U+FFFD */
			else
				fsc_buf_add(o, s, 1);
		}
	}
}

void fsc_csv_field(struct fsc_buf *o, const char *c)
{
	if (!c)
		return;
	if (!strpbrk(c, ",\"\r\n")) {
		fsc_buf_adds(o, c);
		return;
	}
	fsc_buf_add(o, "\"", 1);
	for (; *c; c++) {
		if (*c == '"')
			fsc_buf_add(o, "\"", 1);
		fsc_buf_add(o, c, 1);
	}
	fsc_buf_add(o, "\"", 1);
}

void fsc_json_string(struct fsc_buf *o, const char *s)
{
	fsc_buf_add(o, "\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			fsc_buf_add(o, "\\", 1);
			fsc_buf_add(o, s, 1);
		} else if (c < 0x20 || c == 0x7f) {
			fsc_buf_addf(o, "\\u%04x", c);
		} else {
			fsc_buf_add(o, s, 1);
		}
	}
	fsc_buf_add(o, "\"", 1);
}

