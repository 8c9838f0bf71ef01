/* floor_parse.c: the benchmark's ingest floor.  Reads and parses every
 * file named on stdin (one path a line) with json-c alone, one thread, no
 * store: what the parse costs before fioscope does anything with it. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

int main(void)
{
	char *line = NULL, *buf = NULL;
	size_t cap = 0, bcap = 0;
	ssize_t n;
	long files = 0, bytes = 0, bad = 0;

	while ((n = getline(&line, &cap, stdin)) > 0) {
		FILE *f;
		size_t len = 0, r;
		json_object *o;

		line[strcspn(line, "\n")] = '\0';
		f = fopen(line, "rb");
		if (!f) {
			bad++;
			continue;
		}
		for (;;) {
			if (len + 65536 + 1 > bcap) {
				bcap = (len + 65536 + 1) * 2;
				buf = realloc(buf, bcap);
				if (!buf)
					return 1;
			}
			r = fread(buf + len, 1, 65536, f);
			len += r;
			if (r < 65536)
				break;
		}
		fclose(f);
		buf[len] = '\0';
		o = json_tokener_parse(buf);
		if (!o)
			bad++;
		json_object_put(o);
		files++;
		bytes += (long)len;
	}
	printf("%ld files, %ld bytes, %ld unparsed\n", files, bytes, bad);
	free(line);
	free(buf);
	return 0;
}
