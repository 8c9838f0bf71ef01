# stack.gp: per-client bandwidth of one scenario, stacked: client k's
# bandwidth added on top of the k-1 higher ones before it, one line per
# runtime; the last point of a line is the scenario's aggregate.
# Set by fioscope in the data section:
#   fig_title, fig_xlabel, fig_ylabel, fig_note    texts
#   fig_xmax                                       the most clients
#   nitems, item_lt[k]                             data set k-1 of $stack
#   nseries, series_name[], series_lt[]            the runtimes (item order)
#   $stack rows "rank stacked-bandwidth own-bandwidth", from rank 0

set multiplot title fig_title font fig_titlefont
fig_top = 0.87
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
set ylabel fig_ylabel
set xrange [0:fig_xmax]
set xtics 0, (fig_xmax <= 16 ? 1 : fig_xmax <= 64 ? 8 : 32)
set yrange [0:*]
set offsets 0, 0, graph 0.05, 0
set pointsize (fig_xmax <= 16 ? 1 : 0.5)
unset key
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
	samplen 2 spacing 1.2 width -4 font fig_keyfont
set label 1 fig_note at screen 0.5, fig_note_y center font fig_smallfont
plot for [s = 1:nseries] NaN with linespoints lt series_lt[s] \
	title series_name[s]
