# cdf.gp: the completion latency distribution of one scenario, one line
# per runtime: the share of the I/Os slower than each latency (1 - CDF,
# the exceedance), both axes logarithmic, so the tails can be compared.
# Set by fioscope in the data section:
#   fig_title, fig_xlabel, fig_ylabel, fig_note    texts
#   fig_xmin, fig_xmax                             x axis (log, decades)
#   fig_ymin, ytic_val[], ytic_lab[]               y axis: decades, as a
#   ytic_pct[]                                     share and (right) as the
#                                                  percentile they mark
#   nitems, item_lt[k]                             data set k-1 of $cdf
#   nseries, series_name[], series_lt[]            the runtimes (item order)
#   $cdf   rows "latency share-slower" (step down at each latency)

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
fig_top = 1 - (3.9 + fig_sub_em) * fig_em_y
# room for the longest tic label on either side (0.6 em a character at
# the tics' size), the y label and a gap
fig_ll = 0
do for [i = 1:|ytic_lab|] {
	fig_ll = strlen(ytic_lab[i]) > fig_ll ? strlen(ytic_lab[i]) : fig_ll
}
fig_lr = 0
do for [i = 1:|ytic_pct|] {
	fig_lr = strlen(ytic_pct[i]) > fig_lr ? strlen(ytic_pct[i]) : fig_lr
}
fig_left = (fig_ll * 0.6 + 2.6) * fig_em_x
fig_right = 1 - (fig_lr * 0.6 + 1.6) * fig_em_x
set lmargin at screen fig_left
set rmargin at screen fig_right
set tmargin at screen fig_top
set bmargin at screen fig_bottom
set xlabel fig_xlabel
set label 2 fig_ylabel at screen 0.8 * fig_em_x, (fig_top + fig_bottom) / 2 \
	center rotate by 90 tc rgb fig_fg font fig_fontspec(fig_fitpt(fig_ylabel, \
	fig_fontsize, (fig_top - fig_bottom) * fig_height / fig_width))
set logscale xy
set xrange [fig_xmin:fig_xmax]
set yrange [fig_ymin:1.5]
set format x '%g'
set ytics (ytic_lab[1] ytic_val[1])
do for [i = 2:|ytic_val|] { set ytics add (ytic_lab[i] ytic_val[i]) }
set logscale y2
set y2range [fig_ymin:1.5]
set y2tics (ytic_pct[2] ytic_val[2])
do for [i = 3:|ytic_val|] { set y2tics add (ytic_pct[i] ytic_val[i]) }
set mytics 1
set border 11
set grid xtics ytics back ls 100
unset key
plot for [k = 1:nitems] $cdf index k - 1 using 1:2 with steps \
	lt item_lt[k]

# The key and the footnote below the plot.
set lmargin at screen 0
set rmargin at screen 1
set tmargin at screen fig_bottom / 2
set bmargin at screen 0
unset label 2
unset xlabel; unset ylabel; unset border; unset tics; unset y2tics
unset grid
unset logscale
set xrange [0:1]
set yrange [0:1]
set key at screen 0.5, fig_key_y center center horizontal reverse Left \
	samplen 2 spacing 1.2 width 2 font fig_keyfont
set label 1 fig_note at screen 0.5, fig_note_y center font fig_notefont(fig_note) tc rgb fig_fg
plot for [s = 1:nseries] NaN with lines lt series_lt[s] title series_name[s]
