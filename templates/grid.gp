# grid.gp: two swept keys at once: a heat map with the value printed in
# every cell, columns the first key's values, rows the second's, one
# panel per pattern and compared value, one colour scale for all.
# Set by fioscope in the data section:
#   fig_title, fig_xlabel, fig_ylabel, fig_note    texts
#   fig_cbmax                                      the colour scale's top
#   col_lab[], row_lab[]                           the keys' values
#   npanels, panel_title[]                         panel p: data set p-1
#   $grid  rows "column row value 'printed'"

fig_cols = npanels <= 3 ? npanels : 3
fig_rows = (npanels + fig_cols - 1) / fig_cols
set multiplot title fig_heading font fig_titlefont textcolor rgb fig_fg
# no key: the room right of the panels holds the colour scale and its
# tics (as in lat.gp); below them the axis label and the footnote
fig_right = 1 - 5.87 * fig_em_x
fig_bottom = 5.5 * fig_em_y
set palette defined (0 '#ffffff', 1 '#c6dbef', 2 '#6baed6', 3 '#2171b5')
set cbrange [0:fig_cbmax]
set cbtics textcolor rgb fig_fg font fig_smallfont
set xrange [0.5:|col_lab| + 0.5]
set yrange [0.5:|row_lab| + 0.5]
set xtics (col_lab[1] 1)
do for [i = 2:|col_lab|] { set xtics add (col_lab[i] i) }
set ytics (row_lab[1] 1)
do for [i = 2:|row_lab|] { set ytics add (row_lab[i] i) }
set tics scale 0
# the columns' values on one row, a cell's value inside its cell: smaller
# where they would not fit (a printed value: up to 5 characters)
fig_cw = (fig_px1(1, fig_cols) - fig_px0(1, fig_cols)) / |col_lab|
fig_xtn = 0
do for [i = 1:|col_lab|] { fig_xtn = fig_xtn + strlen(col_lab[i]) + 1.5 }
fig_xtfont = fig_fontspec(fig_fitn(fig_xtn, fig_fontsize, \
	fig_px1(1, fig_cols) - fig_px0(1, fig_cols)))
set xtics font fig_xtfont
fig_cellfont = fig_fontspec(fig_fitn(5, fig_fontsize, fig_cw * 0.9))
# panel titles fit their panel
fig_ptn = 0
do for [i = 1:npanels] {
	fig_ptn = strlen(panel_title[i]) > fig_ptn ? strlen(panel_title[i]) : fig_ptn
}
fig_ptfont = fig_fontspec(fig_fitn(fig_ptn, fig_fontsize, \
	fig_px1(1, fig_cols) - fig_px0(1, fig_cols) + fig_hgap * 0.8))
fig_ylfont = fig_fontspec(fig_fitpt(fig_ylabel, fig_fontsize, \
	(fig_py1(1, fig_rows) - fig_py0(1, fig_rows)) * fig_height / fig_width))
unset grid
unset key
set border 0
set style fill solid 1.0 noborder

do for [p = 1:npanels] {
	c = (p - 1) % fig_cols + 1
	r = (p - 1) / fig_cols + 1
	set lmargin at screen fig_px0(c, fig_cols)
	set rmargin at screen fig_px1(c, fig_cols)
	set tmargin at screen fig_py1(r, fig_rows)
	set bmargin at screen fig_py0(r, fig_rows)
	set title panel_title[p] font fig_ptfont
	set ylabel (c == 1 ? fig_ylabel : '') font fig_ylfont
	set xlabel (r == fig_rows ? fig_xlabel : '')
	if (p == 1) {
		set colorbox user origin screen fig_right + 1.07 * fig_em_x, \
			fig_bottom size screen 0.64 * fig_em_x, fig_top - fig_bottom
	} else {
		unset colorbox
	}
	# the values black on the light palette, whatever the theme
	plot $grid index p - 1 using 1:2:($1 - 0.5):($1 + 0.5):($2 - 0.5):($2 + 0.5):3 \
		with boxxyerror fs solid 1.0 noborder lc palette, \
	     $grid index p - 1 using 1:2:4 with labels font fig_cellfont tc rgb '#000000'
}

# The footnote below the panels.
set lmargin at screen 0
set rmargin at screen 1
set tmargin at screen fig_bottom / 2
set bmargin at screen 0
unset colorbox; unset title; unset xlabel; unset ylabel; unset tics
set xrange [0:1]
set yrange [0:1]
set label 1 fig_note at screen 0.5, fig_note_y center font fig_notefont(fig_note) tc rgb fig_fg
plot NaN notitle
