/* suggest.c: "did you mean": the nearest of a list of names to a word
 * that matched none, by edit distance (insertions, deletions,
 * substitutions and swaps of two neighbours each cost 1). */
#include <stdlib.h>
#include <string.h>
#include "fioscope.h"

/* Optimal string alignment distance, capped: words longer than 63 bytes
 * are never near anything. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t d[64][64];

	if (la > 63 || lb > 63)
		return (size_t)-1;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			size_t c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < c)
				c = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < c)
				c = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < c)
				c = d[i - 2][j - 2] + 1;
			d[i][j] = c;
		}
	return d[la][lb];
}

const char *fsc_suggest(const char *word, const char *const *names, size_t n)
{
	size_t i, best = (size_t)-1, len = strlen(word);
	/* a third of the word, at least 1, at most 3 edits */
	size_t max = len / 3 < 1 ? 1 : len / 3 > 3 ? 3 : len / 3;
	const char *pick = NULL;

	for (i = 0; i < n; i++) {
		size_t d = distance(word, names[i]);

		if (d <= max && d < best) {
			best = d;
			pick = names[i];
		}
	}
	return pick;
}
