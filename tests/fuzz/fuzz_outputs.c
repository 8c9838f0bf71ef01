/*
 * fuzz_outputs.c: libFuzzer target for the quoting rule of every output
 * language (escape.c).  Input: any bytes, taken as a label (the bytes up
 * to a first NUL as a C string, all of them where a length is given).
 * Each writer's output is read back by a reader of that language written
 * here from its specification, and must give the label back:
 *   gnuplot string literal  decoded as gnuplot 5.4's scanner does ("\\"
 *                           "\"" "\ooo"), never a raw ` or @ (command
 *                           substitution, macros), one line; equal to
 *                           the label (fsc_gp_quote) or its display form
 *                           (fsc_gp_label, which never holds "]]>")
 *   display form            valid UTF-8 without control characters
 *   HTML/XML text           valid UTF-8, no < > " ' and every & starting
 *                           &lt; &gt; &amp; &quot; &#39;; unescaped it is
 *                           the display form
 *   JSON (RFC 8259)         parsed by json-c to the label with invalid
 *                           UTF-8 as U+FFFD, NUL as \u0000 kept
 *   CSV (RFC 4180)          one field, read back to the label (valid
 *                           UTF-8) behind the formula guard
 * t9400 replays tests/fuzz/regress/outputs/ in every build.
 */
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include "fioscope.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static int odigit(char c)
{
	return c >= '0' && c <= '7';
}

/* gnuplot's reading of a double-quoted literal (scanner.c, and
 * gp_strdup/parse_esc: \\ \" \n \t \ooo...); -1 when it is not one. */
static int gp_read(const char *s, size_t n, struct fsc_buf *out)
{
	size_t i;

	if (n < 2 || s[0] != '"' || s[n - 1] != '"')
		return -1;
	for (i = 1; i < n - 1; i++) {
		if (s[i] == '`' || s[i] == '@' || s[i] == '\n' || s[i] == '\r' ||
		    s[i] == '"')
			return -1;
		if (s[i] != '\\') {
			fsc_buf_add(out, s + i, 1);
			continue;
		}
		if (++i >= n - 1)
			return -1;
		if (s[i] == '\\' || s[i] == '"') {
			fsc_buf_add(out, s + i, 1);
		} else if (odigit(s[i]) && i + 2 < n - 1 && odigit(s[i + 1]) &&
			   odigit(s[i + 2])) {
			char c = (char)((s[i] - '0') * 64 + (s[i + 1] - '0') * 8 +
					(s[i + 2] - '0'));

			fsc_buf_add(out, &c, 1);
			i += 2;
		} else {
			return -1;	/* an escape the writer never makes */
		}
	}
	return 0;
}

static int no_controls(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return 0;
	return 1;
}

/* Undo the five entities of fsc_html_escape; -1 on anything else. */
static int html_read(const char *s, size_t n, struct fsc_buf *out)
{
	static const char *const ent[][2] = {
		{ "&lt;", "<" }, { "&gt;", ">" }, { "&amp;", "&" },
		{ "&quot;", "\"" }, { "&#39;", "'" },
	};
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (strchr("<>\"'", s[i]))
			return -1;
		if (s[i] != '&') {
			fsc_buf_add(out, s + i, 1);
			continue;
		}
		for (k = 0; k < 5; k++)
			if (!strncmp(s + i, ent[k][0], strlen(ent[k][0])))
				break;
		if (k == 5)
			return -1;
		fsc_buf_adds(out, ent[k][1]);
		i += strlen(ent[k][0]) - 1;
	}
	return 0;
}

/* One RFC 4180 field that is the whole of s; -1 when it is not. */
static int csv_read(const char *s, size_t n, struct fsc_buf *out)
{
	size_t i;

	if (!n || s[0] != '"') {
		if (memchr(s, '"', n) || memchr(s, ',', n) ||
		    memchr(s, '\n', n) || memchr(s, '\r', n))
			return -1;
		fsc_buf_add(out, s, n);
		return 0;
	}
	if (n < 2 || s[n - 1] != '"')
		return -1;
	for (i = 1; i < n - 1; i++) {
		if (s[i] == '"') {
			if (i + 1 >= n - 1 || s[i + 1] != '"')
				return -1;
			i++;
		}
		fsc_buf_add(out, s + i, 1);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct fsc_buf o = FSC_BUF_INIT, back = FSC_BUF_INIT,
		       disp = FSC_BUF_INIT, fixed = FSC_BUF_INIT,
		       full = FSC_BUF_INIT;
	struct json_tokener *tok = json_tokener_new();
	struct json_object *jo;
	const char *raw = (const char *)data;
	char *label = fsc_strndup(raw, size);	/* up to the first NUL */
	size_t len = strlen(label);
	char *dup;

	/* UTF-8: the repair is valid, idempotent, and keeps valid text */
	fsc_utf8_fix(&fixed, label, len);
	CHECK(fsc_utf8_valid(fixed.buf, fixed.len));
	CHECK(fsc_utf8_valid(label, len) == (fixed.len == len &&
					     !memcmp(fixed.buf, label, len)));
	dup = fsc_utf8_dup(label);
	CHECK(!strcmp(dup, fixed.buf));
	free(dup);

	/* display form */
	fsc_display(&disp, label);
	CHECK(fsc_utf8_valid(disp.buf, disp.len) &&
	      no_controls(disp.buf, disp.len));

	/* gnuplot: exact, and the label as drawn */
	fsc_gp_quote(&o, label);
	CHECK(gp_read(o.buf, o.len, &back) == 0);
	CHECK(back.len == len && !memcmp(back.buf, label, len));
	fsc_buf_reset(&o);
	fsc_buf_reset(&back);
	fsc_gp_label(&o, label);
	CHECK(gp_read(o.buf, o.len, &back) == 0);
	CHECK(!strstr(back.buf, "]]>") && no_controls(back.buf, back.len) &&
	      fsc_utf8_valid(back.buf, back.len));
	/* without the word joiners it is the display form */
	{
		struct fsc_buf t = FSC_BUF_INIT;
		const char *p = back.buf, *q;

		while ((q = strstr(p, "]]\xe2\x81\xa0>"))) {
			fsc_buf_add(&t, p, (size_t)(q - p) + 2);
			p = q + 5;
		}
		fsc_buf_adds(&t, p);
		CHECK(!strstr(disp.buf, "]]>") ||
		      strstr(back.buf, "]]\xe2\x81\xa0>"));
		if (!strstr(disp.buf, "]]\xe2\x81\xa0"))
			CHECK(!strcmp(t.buf, disp.buf));
		fsc_buf_release(&t);
	}

	/* HTML/XML */
	fsc_buf_reset(&o);
	fsc_buf_reset(&back);
	fsc_html_escape(&o, label);
	CHECK(fsc_utf8_valid(o.buf, o.len) && no_controls(o.buf, o.len));
	CHECK(html_read(o.buf, o.len, &back) == 0);
	CHECK(!strcmp(back.buf, disp.buf));

	/* JSON of all the bytes, NUL included */
	fsc_buf_reset(&o);
	fsc_json_stringn(&o, raw, size);
	CHECK(fsc_utf8_valid(o.buf, o.len) && no_controls(o.buf, o.len));
	jo = json_tokener_parse_ex(tok, o.buf, (int)o.len);
	CHECK(jo && json_object_is_type(jo, json_type_string) &&
	      json_tokener_get_parse_end(tok) == o.len);
	fsc_utf8_fix(&full, raw, size);
	/* json-c keeps \u0000 as a NUL byte inside the string */
	CHECK((size_t)json_object_get_string_len(jo) == full.len &&
	      !memcmp(json_object_get_string(jo), full.buf, full.len));
	json_object_put(jo);

	/* CSV */
	fsc_buf_reset(&o);
	fsc_buf_reset(&back);
	fsc_csv_field(&o, label);
	CHECK(csv_read(o.buf, o.len, &back) == 0);
	if (back.len && back.buf[0] == '\'' && len && strchr("=+-@\t\r", label[0]))
		CHECK(!strcmp(back.buf + 1, fixed.buf));
	else
		CHECK(!strcmp(back.buf, fixed.buf) &&
		      (!len || !strchr("=+-@\t\r", label[0]) ||
		       strspn(label + 1, "0123456789.eE+-") == len - 1));

	json_tokener_free(tok);
	fsc_buf_release(&o);
	fsc_buf_release(&back);
	fsc_buf_release(&disp);
	fsc_buf_release(&fixed);
	fsc_buf_release(&full);
	free(label);
	return 0;
}
