# bar.gp: grouped bars where a line would have one point: one group per
# I/O pattern, one bar per compared value (runtime, backend, ...), its
# value printed on it, a 95% CI whisker where repetitions exist.
# Set by fioscope in the data section:
#   fig_title, fig_ylabel, fig_note     texts
#   fig_ymax                            the y axis' top (from 0)
#   ncats, cat_name[]                   the groups: the patterns
#   nseries, series_name[], series_lt[] the bars of a group, the key
#   $bars  data set s-1 for series s: rows "group value ci95 'printed'"

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
# the groups' names on one row: smaller where they would not fit
fig_xtn = 0
do for [i = 1:ncats] { fig_xtn = fig_xtn + strlen(cat_name[i]) + 1.5 }
fig_xtfont = fig_fontspec(fig_fitn(fig_xtn, fig_fontsize, fig_right - fig_left))
set xtics font fig_xtfont
# a printed value (up to 5 characters) no wider than its bar
fig_valfont = fig_fontspec(fig_fitn(5, fig_fontsize * 0.75, \
	(fig_right - fig_left) * bar_w / (ncats + 0.0)))
set yrange [0:fig_ymax]
set ytics format '%g'
# tics no closer than 2 ems
if (fig_ymax > 0) { set ytics fig_ystep(fig_ymax, fig_top - fig_bottom) }
fig_ylfont = fig_fontspec(fig_fitpt(fig_ylabel, fig_fontsize, \
	(fig_top - fig_bottom) * fig_height / fig_width))
set ylabel fig_ylabel font fig_ylfont
set grid ytics back ls 100
set boxwidth bar_w * 0.92 absolute
set style fill solid 1.0 noborder
unset key
plot for [s = 1:nseries] $bars index s - 1 \
		using (bar_x($1, s)):2 with boxes lt series_lt[s], \
     for [s = 1:nseries] $bars index s - 1 \
		using ($3 > 0 ? bar_x($1, s) : NaN):2:3 with yerrorbars \
		lc rgb fig_keyline lw 2 pt -1, \
     for [s = 1:nseries] $bars index s - 1 \
		using (bar_x($1, s)):($2 + $3):4 with labels \
		offset 0, 0.8 font fig_valfont tc rgb fig_fg

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
	samplen 2 spacing 1.2 width 2 font fig_keyfont
set label 1 fig_note at screen 0.5, fig_note_y center font fig_notefont(fig_note) tc rgb fig_fg
plot for [s = 1:nseries] NaN with boxes lt series_lt[s] \
	title series_name[s]
