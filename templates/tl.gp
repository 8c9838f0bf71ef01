# tl.gp: throughput-latency curves: x = throughput (IOPS or bandwidth),
# y = p99 completion latency (log scale), one point per load level
# (iodepth or clients) labelled with it, one line per compared value.
# Ring: the knee, the last load level before p99 grows faster than
# throughput.  With an SLO: a dashed line at the objective, and the
# highest throughput within it marked with a square.
# Set by fioscope in the data section:
#   fig_title, fig_xlabel, fig_ylabel, fig_note    texts
#   fig_xmax; fig_ymin, fig_ymax                   axes (x from 0, y log)
#   fig_slo                                        the SLO (y unit), 0: none
#   nseries, series_name[], series_lt[]            the lines, the key
#   $tl   data set s-1 for series s: rows "throughput p99 'level' knee
#         best" (knee, best: 1 on the marked point)

set multiplot title fig_heading font fig_titlefont textcolor rgb fig_fg
# one plot, no panel title: the plot starts under the page's title
fig_top = 1 - (3.9 + fig_sub_em) * fig_em_y
# a key of more than one row pushes the plot up
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
set xrange [0:fig_xmax]
set logscale y
set yrange [fig_ymin:fig_ymax]
set format x '%g'
set format y '%g'
set xlabel fig_xlabel
fig_ylfont = fig_fontspec(fig_fitpt(fig_ylabel, fig_fontsize, \
	(fig_top - fig_bottom) * fig_height / fig_width))
set ylabel fig_ylabel font fig_ylfont
set grid xtics ytics back ls 100
unset key
plot (fig_slo > 0 ? fig_slo : NaN) with lines dt 2 lw 2 lc rgb '#D55E00', \
     for [s = 1:nseries] $tl index s - 1 using 1:2 \
		with linespoints lt series_lt[s], \
     for [s = 1:nseries] $tl index s - 1 using 1:2:3 with labels \
		offset 0, 1.1 font fig_smallfont tc rgb fig_fg, \
     for [s = 1:nseries] $tl index s - 1 using 1:($4 > 0 ? $2 : NaN) \
		with points pt 6 ps 4.5 * fig_ps lw 2 lc rgb fig_keyline, \
     for [s = 1:nseries] $tl index s - 1 using 1:($5 > 0 ? $2 : NaN) \
		with points pt 4 ps 4.5 * fig_ps lw 2 lc rgb '#D55E00'

# The key and the footnote below the plot, as in bw.gp.
set lmargin at screen 0
set rmargin at screen 1
set tmargin at screen fig_bottom / 2
set bmargin at screen 0
unset title; unset xlabel; unset ylabel; unset logscale; unset grid
unset border; unset tics
set xrange [0:1]
set yrange [0:1]
set key at screen 0.5, fig_key_y center center horizontal reverse Left \
	samplen 2 spacing 1.2 width 2 font fig_keyfont
set label 1 fig_note at screen 0.5, fig_note_y center font fig_notefont(fig_note) tc rgb fig_fg
plot for [s = 1:nseries] NaN with linespoints lt series_lt[s] \
	title series_name[s]
