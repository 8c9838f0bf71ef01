/* png_meta.h: resolution and provenance in a PNG (png_meta.c, zlib). */
#ifndef FSC_PNG_META_H
#define FSC_PNG_META_H
#include "fioscope.h"

/* Rewrite the PNG at path with a pHYs chunk of dpi (both axes) and the
 * tEXt chunks Software (e.g. "fioscope 0.9"), Title (the figure's name)
 * and Comment (its selection), the pixels unchanged; text outside printable ASCII becomes
 * '?'.  The file is replaced only when the new one is whole.  -1 with
 * err. */
int fsc_png_meta(const char *path, double dpi, const char *software,
		 const char *title, const char *selection, struct fsc_err *err);

#endif
