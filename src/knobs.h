/*
 * knobs.h: the figure knobs every figure-making command takes (render,
 * report, observe's images, slides): canvas size, font scale, theme,
 * transparency, and a title and subtitle where one figure is made.  The
 * command line fills one struct (cli_knob in cli.c); gnuplot.c writes it
 * as variables at the top of each figure script (fig_width, fig_height,
 * fig_font_scale, fig_theme, fig_transparent), which templates/style.gp
 * reads, so every template that loads the style follows them.
 */
#ifndef FSC_KNOBS_H
#define FSC_KNOBS_H

struct fsc_knobs {
	int width, height;	/* pixels (--size) */
	double font_scale;	/* --font-scale, 0.5 to 2; 1: 27 pt at 1080 px */
	int dark;		/* --theme dark */
	int transparent;	/* --transparent: no background, PNG alpha */
	const char *title;	/* --title: NULL keeps the figure's own */
	const char *subtitle;	/* --subtitle: NULL: none */
};

#define FSC_KNOBS_INIT { 1920, 1080, 1.0, 0, 0, NULL, NULL }

#endif
