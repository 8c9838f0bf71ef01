/*
 * pnginfo: what the figure tests read back from a PNG, through libpng.
 *
 *   pnginfo FILE            size W H, alpha 0|1, phys X Y UNIT (when the
 *                           file has pHYs), one "text KEY VALUE" per tEXt
 *   pnginfo FILE X0 Y0 X1 Y1
 *                           ink X0 Y0 X1 Y1 N: the box of the pixels in
 *                           [X0,X1) x [Y0,Y1) that differ from the
 *                           background (the top left pixel) and how many
 *                           they are ("ink none" when there are none),
 *                           then "bg R G B A", the top left pixel
 */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int ink(png_bytep *rows, int w, int h, const int *r)
{
	int x0 = r[0] < 0 ? 0 : r[0], y0 = r[1] < 0 ? 0 : r[1];
	int x1 = r[2] > w ? w : r[2], y1 = r[3] > h ? h : r[3];
	int bx0 = w, by0 = h, bx1 = -1, by1 = -1, x, y, c;
	long n = 0;

	for (y = y0; y < y1; y++)
		for (x = x0; x < x1; x++) {
			int d = 0;

			for (c = 0; c < 4; c++)
				d += abs(rows[y][4 * x + c] - rows[0][c]);
			if (d <= 96)
				continue;
			n++;
			bx0 = x < bx0 ? x : bx0;
			by0 = y < by0 ? y : by0;
			bx1 = x > bx1 ? x : bx1;
			by1 = y > by1 ? y : by1;
		}
	if (!n)
		printf("ink none\n");
	else
		printf("ink %d %d %d %d %ld\n", bx0, by0, bx1 + 1, by1 + 1, n);
	printf("bg %d %d %d %d\n", rows[0][0], rows[0][1], rows[0][2],
	       rows[0][3]);
	return 0;
}

int main(int argc, char **argv)
{
	png_structp p;
	png_infop info;
	png_bytep *rows = NULL;
	png_textp text;
	png_uint_32 w, h, rx, ry;
	int unit, ntext = 0, i, region[4], ct;
	FILE *f;

	if (argc != 2 && argc != 6) {
		fprintf(stderr, "usage: pnginfo FILE [X0 Y0 X1 Y1]\n");
		return 2;
	}
	if (!(f = fopen(argv[1], "rb"))) {
		perror(argv[1]);
		return 1;
	}
	p = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	info = p ? png_create_info_struct(p) : NULL;
	if (!info || setjmp(png_jmpbuf(p))) {
		fprintf(stderr, "pnginfo: %s: not a readable PNG\n", argv[1]);
		fclose(f);
		return 1;
	}
	png_init_io(p, f);
	png_read_info(p, info);
	w = png_get_image_width(p, info);
	h = png_get_image_height(p, info);
	ct = png_get_color_type(p, info);
	if (argc == 2) {
		printf("size %u %u\n", (unsigned)w, (unsigned)h);
		printf("alpha %d\n", (ct & PNG_COLOR_MASK_ALPHA) ||
		       png_get_valid(p, info, PNG_INFO_tRNS) ? 1 : 0);
		if (png_get_pHYs(p, info, &rx, &ry, &unit))
			printf("phys %u %u %d\n", (unsigned)rx, (unsigned)ry,
			       unit);
		png_get_text(p, info, &text, &ntext);
		for (i = 0; i < ntext; i++)
			printf("text %s %s\n", text[i].key, text[i].text);
		png_destroy_read_struct(&p, &info, NULL);
		fclose(f);
		return 0;
	}
	for (i = 0; i < 4; i++)
		region[i] = atoi(argv[2 + i]);
	/* every pixel as 8-bit RGBA */
	png_set_expand(p);
	png_set_strip_16(p);
	png_set_gray_to_rgb(p);
	png_set_filler(p, 0xff, PNG_FILLER_AFTER);
	png_read_update_info(p, info);
	rows = calloc(h, sizeof(*rows));
	for (i = 0; rows && i < (int)h; i++)
		rows[i] = malloc(png_get_rowbytes(p, info));
	png_read_image(p, rows);
	png_read_end(p, NULL);
	ink(rows, (int)w, (int)h, region);
	for (i = 0; i < (int)h; i++)
		free(rows[i]);
	free(rows);
	png_destroy_read_struct(&p, &info, NULL);
	fclose(f);
	return 0;
}
