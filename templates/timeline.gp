# timeline.gp: inside one scenario: each run's window on a time axis (do
# the clients overlap?), the window common to all runs of a repetition
# shaded behind; below, where the store has fio logs or status-interval
# snapshots, bandwidth, IOPS and completion latency over time per run.
# Set by fioscope in the data section:
#   fig_title, fig_xlabel, fig_note, fig_tmax     texts; time axis end (s)
#   fig_lt                                         the runtime's line type
#   fig_mixed                                      1: reads and writes
#   nruns, run_label[], run_row[]                  one row per run
#   npanels, panel_ylabel[], panel_ymax[]          the time-series panels
#   panel_first[q], panel_last[q]                  their data sets in $series
#   nsets, set_panel[k], set_ddir[k], set_row[k]   data set k-1 of $series:
#                                                  panel, direction (0 read,
#                                                  1 write), run row
#   nkey, key_row[], key_label[]                   the runs in the key
#   $win    rows "start end row failed" (s)
#   $common rows "start end row-from row-to" (s), per repetition
#   $series rows "time value" (in the panel's unit)

set multiplot title fig_heading font fig_titlefont textcolor rgb fig_fg
fig_top = 1 - (3.9 + fig_sub_em) * fig_em_y
fig_bottom = nkey > 0 ? fig_bottom : 6 * fig_em_y
# room on the left for the longest run label (0.6 em a character at the
# small font) and its tic
fig_ll = 0
do for [i = 1:nruns] {
	fig_ll = strlen(run_label[i]) > fig_ll ? strlen(run_label[i]) : fig_ll
}
fig_left = (fig_ll * 0.45 + 1.5) * fig_em_x
fig_left = fig_left < 8 * fig_em_x ? 8 * fig_em_x : fig_left
# a key of more than one row pushes the plots up
fig_keylen = 0
do for [s = 1:nkey] {
	fig_keylen = strlen(key_label[s]) > fig_keylen ? \
		strlen(key_label[s]) : fig_keylen
}
fig_more = nkey > 0 ? (fig_key_rows(nkey, fig_keylen) - 1) * fig_key_line : 0
fig_bottom = fig_bottom + fig_more
fig_key_y = fig_key_y + fig_more / 2
# the windows take the whole plot area, or a third of it above the series
fig_split = npanels > 0 ? fig_top - (fig_top - fig_bottom) * 0.34 : fig_bottom
tl_dt(d) = fig_mixed && d == 1 ? 2 : 1
set xrange [0:fig_tmax * 1.02]
set lmargin at screen fig_left
set rmargin at screen fig_right
set tmargin at screen fig_top
set bmargin at screen fig_split
unset key

# run windows, first run at the top; as many row labels as fit
set yrange [nruns + 0.6:0.4]
fig_rowpx = (fig_top - fig_split) * fig_height / nruns
fig_step = int(ceil(fig_fontsize * 1.1 / fig_rowpx))
set ytics (run_label[1] run_row[1]) font fig_smallfont
do for [i = 1 + fig_step:nruns:fig_step] {
	set ytics add (run_label[i] run_row[i])
}
set grid xtics back ls 100
set xlabel (npanels > 0 ? '' : fig_xlabel)
set format x (npanels > 0 ? '' : '%g')
plot $common using (($1 + $2) / 2):(($3 + $4) / 2):1:2:3:4 \
	with boxxyerror fs solid 0.12 noborder lc rgb fig_ink, \
     $win using (($1 + $2) / 2):3:1:2:($3 - 0.3):($3 + 0.3) \
	with boxxyerror fs solid 0.8 noborder lt fig_lt, \
     for [c = 1:2] $common using c:3:(0):($4 - $3) with vectors nohead \
	lc rgb fig_bg lw 6, \
     for [c = 1:2] $common using c:3:(0):($4 - $3) with vectors nohead \
	lc rgb fig_axis lw 2 dt 2

# the time series, one panel per kind, one line per run and direction;
# the panel's name above its top left corner
set format y '%g'
set grid xtics ytics back ls 100
do for [q = 1:npanels] {
	set tmargin at screen fig_split - (q - 1) * (fig_split - fig_bottom) / npanels - 1.2 * fig_em_y
	set bmargin at screen fig_split - q * (fig_split - fig_bottom) / npanels + 0.005
	set yrange [0:panel_ymax[q]]
	# three tics where the panel has room for them, else two
	fig_ph = (fig_split - fig_bottom) / npanels - 1.2 * fig_em_y
	if (fig_ph > 1.6 * fig_em_y) {
		set ytics 0, panel_ymax[q] / (fig_ph > 2.4 * fig_em_y ? 2 : 1) \
			font fig_smallfont
	} else {
		set ytics (sprintf('%g', panel_ymax[q]) panel_ymax[q]) \
			font fig_smallfont
	}
	set label 5 panel_ylabel[q] at graph 0, graph 1 left offset 0, 0.8 \
		font fig_smallfont tc rgb fig_fg
	set xlabel (q == npanels ? fig_xlabel : '')
	set format x (q == npanels ? '%g' : '')
	plot for [k = panel_first[q]:panel_last[q]] $series index k - 1 \
		using 1:2 with lines lw 2 lc rgb fig_client_color(set_row[k]) \
		dt tl_dt(set_ddir[k])
}
unset label 5

# the key (the runs of the time series, when few) and the footnote
set lmargin at screen 0
set rmargin at screen 1
set tmargin at screen fig_bottom / 2
set bmargin at screen 0
unset xlabel; unset ylabel; unset border; unset tics; unset grid
set xrange [0:1]
set yrange [0:1]
set key at screen 0.5, fig_key_y center center horizontal reverse Left \
	samplen 2 spacing 1.2 width 2 font fig_keyfont
set label 1 fig_note at screen 0.5, fig_note_y center font fig_notefont(fig_note) tc rgb fig_fg
if (nkey > 0) {
	plot for [i = 1:nkey] NaN with lines lw 3 \
		lc rgb fig_client_color(key_row[i]) title key_label[i]
} else {
	plot NaN notitle
}
