# bar.gp: grouped bars where a line would have one point: one group per
# I/O pattern, one bar per compared value (runtime, backend, ...), its
# value printed on it, a 95% CI whisker where repetitions exist.
# Set by fioscope in the data section:
#   fig_title, fig_ylabel, fig_note     texts
#   fig_ymax                            the y axis' top (from 0)
#   ncats, cat_name[]                   the groups: the patterns
#   nseries, series_name[], series_lt[] the bars of a group, the key
#   $bars  data set s-1 for series s: rows "group value ci95 'printed'"

set multiplot title fig_title font fig_titlefont
fig_keylen = 0
do for [s = 1:nseries] {
	fig_keylen = strlen(series_name[s]) > fig_keylen ? \
		strlen(series_name[s]) : fig_keylen
}
fig_more = (fig_key_rows(nseries, fig_keylen) - 1) * fig_key_line
fig_bottom = fig_bottom + fig_more
fig_key_y = fig_key_y + fig_more / 2

# bar s of a group of nseries bars, centred on the group's x
bar_w = 0.8 / nseries
bar_x(g, s) = g + (s - (nseries + 1) / 2.0) * bar_w

set lmargin at screen fig_left
set rmargin at screen fig_right
set tmargin at screen fig_top
set bmargin at screen fig_bottom
set xrange [0.5:ncats + 0.5]
set xtics (cat_name[1] 1)
do for [i = 2:ncats] { set xtics add (cat_name[i] i) }
set xtics scale 0
set yrange [0:fig_ymax]
set ytics format '%g'
set ylabel fig_ylabel
set grid ytics back ls 100
set boxwidth bar_w * 0.92 absolute
set style fill solid 1.0 noborder
unset key
plot for [s = 1:nseries] $bars index s - 1 \
		using (bar_x($1, s)):2 with boxes lt series_lt[s], \
     for [s = 1:nseries] $bars index s - 1 \
		using ($3 > 0 ? bar_x($1, s) : NaN):2:3 with yerrorbars \
		lc rgb '#404040' lw 2 pt -1, \
     for [s = 1:nseries] $bars index s - 1 \
		using (bar_x($1, s)):($2 + $3):4 with labels \
		offset 0, 0.8 font fig_smallfont

# The key and the footnote below the plot, as in bw.gp.
set lmargin at screen 0
set rmargin at screen 1
set tmargin at screen fig_bottom / 2
set bmargin at screen 0
unset title; unset xlabel; unset ylabel; unset grid
unset border; unset tics
set xrange [0:1]
set yrange [0:1]
set key at screen 0.5, fig_key_y center center horizontal reverse Left \
	samplen 2 spacing 1.2 width -4 font fig_keyfont
set label 1 fig_note at screen 0.5, fig_note_y center font fig_smallfont
plot for [s = 1:nseries] NaN with boxes lt series_lt[s] \
	title series_name[s]
