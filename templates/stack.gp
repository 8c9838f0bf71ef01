# stack.gp: per-client bandwidth of one scenario, stacked: client k's
# bandwidth added on top of the k-1 higher ones before it, one line per
# runtime; the last point of a line is the scenario's aggregate.
# Set by fioscope in the data section:
#   fig_title, fig_xlabel, fig_ylabel, fig_note    texts
#   fig_xmax                                       the most clients
#   nitems, item_lt[k]                             data set k-1 of $stack
#   nseries, series_name[], series_lt[]            the runtimes (item order)
#   $stack rows "rank stacked-bandwidth own-bandwidth", from rank 0

set multiplot title fig_heading font fig_titlefont textcolor rgb fig_fg
fig_top = 1 - (3.9 + fig_sub_em) * fig_em_y
# a key of more than one row pushes the plots up
fig_keylen = 0
do for [s = 1:nseries] {
	fig_keylen = strlen(series_name[s]) > fig_keylen ? \
		strlen(series_name[s]) : fig_keylen
}
fig_more = (fig_key_rows(nseries, fig_keylen) - 1) * fig_key_line
fig_bottom = fig_bottom + fig_more
fig_key_y = fig_key_y + fig_more / 2
set lmargin at screen fig_left
set rmargin at screen fig_right
set tmargin at screen fig_top
set bmargin at screen fig_bottom
set xlabel fig_xlabel
fig_ylfont = fig_fontspec(fig_fitpt(fig_ylabel, fig_fontsize, \
	(fig_top - fig_bottom) * fig_height / fig_width))
set ylabel fig_ylabel font fig_ylfont
set xrange [0:fig_xmax]
set xtics 0, (fig_xmax <= 16 ? 1 : fig_xmax <= 64 ? 8 : 32)
set yrange [0:*]
set offsets 0, 0, graph 0.05, 0
set pointsize (fig_xmax <= 16 ? 1 : 0.5) * fig_ps
unset key
# tics no closer than 2 ems
fig_ymax = 0
do for [k = 1:nitems] {
	stats $stack index k - 1 using 2 nooutput
	fig_ymax = STATS_max > fig_ymax ? STATS_max : fig_ymax
}
if (fig_ymax > 0) {
	set ytics fig_ystep(fig_ymax * 1.05, fig_top - fig_bottom)
}
plot for [k = 1:nitems] $stack index k - 1 using 1:2 with linespoints \
	lt item_lt[k]

# The key and the footnote below the plot.
set lmargin at screen 0
set rmargin at screen 1
set tmargin at screen fig_bottom / 2
set bmargin at screen 0
unset xlabel; unset ylabel; unset border; unset tics; unset grid
unset offsets
set xrange [0:1]
set yrange [0:1]
set key at screen 0.5, fig_key_y center center horizontal reverse Left \
	samplen 2 spacing 1.2 width 2 font fig_keyfont
set label 1 fig_note at screen 0.5, fig_note_y center font fig_notefont(fig_note) tc rgb fig_fg
plot for [s = 1:nseries] NaN with linespoints lt series_lt[s] \
	title series_name[s]
