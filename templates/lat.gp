# lat.gp: completion latency against clients or block size: one panel per
# runtime (columns) and I/O pattern (rows) on one log latency axis; lines
# for p50, p99 and p99.99 in the runtime's colour; behind them, where the
# latency is exact, the merged histogram: each column shaded by the share
# of the scenario's I/Os in each latency band.
# Set by fioscope in the data section:
#   fig_title, fig_xlabel, fig_ylabel, fig_note    texts
#   fig_xmin, fig_xmax, xtic_val[], xtic_lab[]     x axis (log2), its tics
#   fig_ymin, fig_ymax                             y axis (log, whole decades)
#   fig_cbmin                                      the lightest shade's share
#   nrows, row_title[]; ncols, col_title[], col_lt[]   the grid
#   npanels, panel_row[], panel_col[], panel_lt[]  panel p: data set p-1 of
#                                                  $lat, in its runtime's lt
#   panel_heat[p]        0, or data set panel_heat[p]-1 of $heat behind it
#   panel_approx[p]      1: some latency approximate (no json+ bins)
#   nseries, series_name[], series_lt[]            the runtimes ("~":
#                             approximate); col_title[] names them here
#   $lat   rows "x p50 p99 p99.99" (in the y unit)
#   $heat  rows "x-from x-to latency-from latency-to share"

set multiplot title fig_heading font fig_titlefont textcolor rgb fig_fg
# room on the left for the axis label, on the right for the colour box
fig_left = 8 * fig_em_x
fig_right = 1 - 5.87 * fig_em_x
fig_hgap = 1.33 * fig_em_x

set logscale x 2
set xrange [fig_xmin:fig_xmax]
# the x tic labels of a panel fit its width
fig_xtn = 0
do for [i = 1:|xtic_lab|] { fig_xtn = fig_xtn + strlen(xtic_lab[i]) + 1.5 }
fig_xtfont = fig_fontspec(fig_fitn(fig_xtn, fig_fontsize, \
	fig_px1(1, ncols) - fig_px0(1, ncols)))
set xtics font fig_xtfont
set xtics (xtic_lab[1] xtic_val[1])
do for [i = 2:|xtic_val|] { set xtics add (xtic_lab[i] xtic_val[i]) }
set logscale y
set yrange [fig_ymin:fig_ymax]
# a tic every decade, or every k decades where the panels are short:
# tics no closer than 1.6 ems
fig_ph = (fig_top - fig_bottom + fig_vgap) / nrows - fig_vgap
fig_kdec = ceil(log10(fig_ymax / fig_ymin) * 1.6 * fig_em_y / fig_ph)
set ytics 10**(fig_kdec < 1 ? 1 : fig_kdec)
set logscale cb
set cbrange [fig_cbmin:1]
set cbtics textcolor rgb fig_fg
set cbtics ('0.001%%' 1e-5, '0.01%%' 1e-4, '0.1%%' 1e-3, '1%%' 0.01, \
	'10%%' 0.1, '100%%' 1) font fig_smallfont
set grid xtics ytics back ls 100
unset key
unset colorbox
# the runtimes above the columns, all in one size that fits the longest
fig_ctn = 0
do for [i = 1:ncols] {
	fig_ctn = strlen(col_title[i]) > fig_ctn ? strlen(col_title[i]) : fig_ctn
}
fig_ctfont = fig_fontspec(fig_fitn(fig_ctn, fig_fontsize, \
	fig_px1(1, ncols) - fig_px0(1, ncols) + fig_hgap * 0.8))
fig_heat_seen = 0
# the dash and point types of the percentile in column col of $lat (the
# runtime is the panel's column and colour)
lat_dt(col) = col == 2 ? fig_dt_p50 : col == 3 ? fig_dt_p99 : fig_dt_p9999
lat_pt(col) = col == 2 ? 7 : col == 3 ? 5 : 9

do for [p = 1:npanels] {
	c = panel_col[p]
	r = panel_row[p]
	set lmargin at screen fig_px0(c, ncols)
	set rmargin at screen fig_px1(c, ncols)
	set tmargin at screen fig_py1(r, nrows)
	set bmargin at screen fig_py0(r, nrows)
	set title (r == 1 ? col_title[c] : '') textcolor lt col_lt[c] \
		font fig_ctfont
	set ylabel (c == 1 ? row_title[r] : '')
	set format y (c == 1 ? '%g' : '')
	if (panel_heat[p] > 0 && !fig_heat_seen) {
		set colorbox user origin screen fig_right + 1.07 * fig_em_x, \
			fig_bottom size screen 0.64 * fig_em_x, fig_top - fig_bottom
		fig_heat_seen = 1
	} else {
		unset colorbox
	}
	lt_p = panel_lt[p]
	if (panel_heat[p] > 0) {
		plot $heat index panel_heat[p] - 1 \
			using (sqrt($1 * $2)):(sqrt($3 * $4)):1:2:3:4:5 \
			with boxxyerror fs solid 1.0 noborder lc palette, \
		     for [col = 2:4] $lat index p - 1 using 1:col \
			with lines lc rgb fig_bg lw 8, \
		     for [col = 2:4] $lat index p - 1 using 1:col \
			with linespoints lt lt_p dt lat_dt(col) pt lat_pt(col) ps 1.4 * fig_ps
	} else {
		plot for [col = 2:4] $lat index p - 1 using 1:col \
			with linespoints lt lt_p dt lat_dt(col) pt lat_pt(col) ps 1.4 * fig_ps
	}
}

# The axis labels, the key and the footnote, around the panels.
unset colorbox
set label 2 fig_ylabel at screen 0.8 * fig_em_x, (fig_top + fig_bottom) / 2 \
	center rotate by 90 tc rgb fig_fg
set label 3 fig_xlabel at screen (fig_left + fig_right) / 2, \
	fig_bottom - 3 * fig_em_y center tc rgb fig_fg
if (fig_heat_seen) {
	set label 4 'I/O share' at screen fig_right + 2.13 * fig_em_x, \
		fig_bottom - 1.5 * fig_em_y center font fig_smallfont tc rgb fig_fg
}
set lmargin at screen 0
set rmargin at screen 1
set tmargin at screen fig_bottom / 2
set bmargin at screen 0
unset title; unset xlabel; unset ylabel; unset logscale; unset grid
unset border; unset tics
set xrange [0:1]
set yrange [0:1]
set key at screen 0.5, fig_key_y center center horizontal reverse Left \
	samplen 3 spacing 1.2 width 2 font fig_keyfont
set label 1 fig_note at screen 0.5, fig_note_y center font fig_notefont(fig_note) tc rgb fig_fg
plot for [col = 2:4] NaN with linespoints lc rgb fig_keyline lw 3 \
	dt lat_dt(col) pt lat_pt(col) ps 1.4 * fig_ps \
	title (col == 2 ? 'p50' : col == 3 ? 'p99' : 'p99.99')
