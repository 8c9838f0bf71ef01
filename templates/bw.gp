# bw.gp: aggregate bandwidth against clients or block size; one panel per
# I/O pattern, one series per runtime, 95% CI error bars over repetitions.
# Set by fioscope in the data section:
#   fig_title, fig_xlabel, fig_ylabel, fig_note    texts
#   fig_xmin, fig_xmax, xtic_val[], xtic_lab[]     x axis (log2), its tics
#   npanels, panel_title[]                         one panel per pattern
#   panel_first[p], panel_last[p]                  the items of panel p
#   nitems, item_lt[k]                             item k: data set k-1 of
#                                                  $bw, drawn in line type
#   nseries, series_name[], series_lt[]            the key: the runtimes
#   $bw   rows "x bandwidth ci95" (y unit in fig_ylabel; ci95 0: no bars)
# The error bars of a panel's series stand side by side at each x (0.5 em
# apart); an interval reaching below 0 leaves the chart: a triangle on
# the axis marks it and the footnote says so.

fig_cols = npanels <= 3 ? npanels : 2
fig_rows = (npanels + fig_cols - 1) / fig_cols
set multiplot title fig_heading font fig_titlefont textcolor rgb fig_fg
# a key of more than one row pushes the plots up
fig_keylen = 0
do for [s = 1:nseries] {
	fig_keylen = strlen(series_name[s]) > fig_keylen ? \
		strlen(series_name[s]) : fig_keylen
}
fig_more = (fig_key_rows(nseries, fig_keylen) - 1) * fig_key_line
fig_bottom = fig_bottom + fig_more
fig_key_y = fig_key_y + fig_more / 2

set logscale x 2
set xrange [fig_xmin:fig_xmax]
set xtics (xtic_lab[1] xtic_val[1])
do for [i = 2:|xtic_val|] { set xtics add (xtic_lab[i] xtic_val[i]) }
set yrange [0:*]
set offsets 0, 0, graph 0.08, 0
set ytics format '%g'
set grid xtics ytics back ls 100
unset key

# an interval that reaches below 0 leaves the chart: marked, and said
# (in a note of this pass: fig_note itself stays as the data set it, for
# the next format's pass)
fig_below = 0
do for [k = 1:nitems] {
	stats $bw index k - 1 using ($2 - $3 < 0 ? 1 : 0) nooutput
	fig_below = fig_below + STATS_sum
}
bw_note = fig_note . (fig_below > 0 ? \
	'; triangle on the axis: the interval reaches below 0' : '')

do for [p = 1:npanels] {
	c = (p - 1) % fig_cols + 1
	r = (p - 1) / fig_cols + 1
	set lmargin at screen fig_px0(c, fig_cols)
	set rmargin at screen fig_px1(c, fig_cols)
	set tmargin at screen fig_py1(r, fig_rows)
	set bmargin at screen fig_py0(r, fig_rows)
	set title panel_title[p]
	fig_ylfont = fig_fontspec(fig_fitpt(fig_ylabel, fig_fontsize, \
		(fig_py1(r, fig_rows) - fig_py0(r, fig_rows)) * fig_height / fig_width))
	set ylabel (c == 1 ? fig_ylabel : '') font fig_ylfont
	set xlabel (r == fig_rows ? fig_xlabel : '')
	# tics no closer than 2 ems: the panel's top value first
	fig_ymax = 0
	do for [k = panel_first[p]:panel_last[p]] {
		stats $bw index k - 1 using ($2 + $3) nooutput
		fig_ymax = STATS_max > fig_ymax ? STATS_max : fig_ymax
	}
	if (fig_ymax > 0) {
		set ytics fig_ystep(fig_ymax * 1.08, \
			fig_py1(r, fig_rows) - fig_py0(r, fig_rows))
	} else {
		set ytics autofreq
	}
	# the error bars of the panel's series side by side at each x,
	# 0.5 em apart (a factor on the log2 axis); a triangle at 0 where
	# an interval reaches below the axis
	fig_dodge = 2**(0.5 * fig_em_x * log(fig_xmax / fig_xmin) / log(2) / \
		(fig_px1(c, fig_cols) - fig_px0(c, fig_cols)))
	fig_mid = (panel_first[p] + panel_last[p]) / 2.0
	plot for [k = panel_first[p]:panel_last[p]] $bw index k - 1 \
		using ($3 > 0 ? $1 * fig_dodge**(k - fig_mid) : NaN):2:3 \
		with yerrorbars lt item_lt[k] pt -1, \
	     for [k = panel_first[p]:panel_last[p]] $bw index k - 1 \
		using ($1 * fig_dodge**(k - fig_mid)):($2 - $3 < 0 ? 0 : NaN) \
		with points lt item_lt[k] pt 11 ps 2.5 * fig_ps, \
	     for [k = panel_first[p]:panel_last[p]] $bw index k - 1 \
		using 1:2 with linespoints lt item_lt[k]
}

# The key and the footnote below the panels: an empty plot as wide as the
# page, so that the key fits on one row.
set lmargin at screen 0
set rmargin at screen 1
set tmargin at screen fig_bottom / 2
set bmargin at screen 0
unset title; unset xlabel; unset ylabel; unset logscale; unset grid
unset border; unset tics; unset offsets
set xrange [0:1]
set yrange [0:1]
set key at screen 0.5, fig_key_y center center horizontal reverse Left \
	samplen 2 spacing 1.2 width 2 font fig_keyfont
set label 1 bw_note at screen 0.5, fig_note_y center font fig_notefont(bw_note) tc rgb fig_fg
plot for [s = 1:nseries] NaN with linespoints lt series_lt[s] \
	title series_name[s]
