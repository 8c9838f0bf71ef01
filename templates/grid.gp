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
set multiplot title fig_title font fig_titlefont
fig_right = 0.9
fig_bottom = 0.16
set palette defined (0 '#ffffff', 1 '#c6dbef', 2 '#6baed6', 3 '#2171b5')
set cbrange [0:fig_cbmax]
set xrange [0.5:|col_lab| + 0.5]
set yrange [0.5:|row_lab| + 0.5]
set xtics (col_lab[1] 1)
do for [i = 2:|col_lab|] { set xtics add (col_lab[i] i) }
set ytics (row_lab[1] 1)
do for [i = 2:|row_lab|] { set ytics add (row_lab[i] i) }
set tics scale 0
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
	set title panel_title[p]
	set ylabel (c == 1 ? fig_ylabel : '')
	set xlabel (r == fig_rows ? fig_xlabel : '')
	if (p == 1) {
		set colorbox user origin screen 0.92, fig_bottom \
			size screen 0.015, fig_top - fig_bottom
	} else {
		unset colorbox
	}
	plot $grid index p - 1 using 1:2:($1 - 0.5):($1 + 0.5):($2 - 0.5):($2 + 0.5):3 \
		with boxxyerror fs solid 1.0 noborder lc palette, \
	     $grid index p - 1 using 1:2:4 with labels font fig_font tc rgb '#000000'
}

# The footnote below the panels.
set lmargin at screen 0
set rmargin at screen 1
set tmargin at screen fig_bottom / 2
set bmargin at screen 0
unset colorbox; unset title; unset xlabel; unset ylabel; unset tics
set xrange [0:1]
set yrange [0:1]
set label 1 fig_note at screen 0.5, fig_note_y center font fig_smallfont
plot NaN notitle
