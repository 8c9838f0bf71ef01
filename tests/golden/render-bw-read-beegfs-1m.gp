# bw-read-beegfs-1m.gp: a fioscope bw figure, self-contained (fioscope VERSION,
# templates style.gp and bw.gp).  Run "gnuplot bw-read-beegfs-1m.gp" in this
# directory to redraw bw-read-beegfs-1m.{svg,png,pdf}.  Edit the data, fig_formats
# (svg png pdf), fig_width, fig_height, or the style and figure
# sections below, and run it again.
reset session
# gnuplot's SVG terminal carries its pen from one plot to the
# next: one unseen plot first, so the SVG is the same whether
# this script runs alone or after others in one gnuplot
set terminal svg
set output '/dev/null'
plot [0:1] [0:1] NaN notitle
unset output
reset
fig_name = "bw-read-beegfs-1m"
fig_formats = "svg png pdf"
fig_width = 1920
fig_height = 1080
fig_font_scale = 1
fig_theme = 'light'
fig_transparent = 0

# ---- data, from the store ----
fig_title = "Read bandwidth vs clients: beegfs, 1 MiB blocks"
fig_xlabel = "clients (log2 scale)"
fig_ylabel = "aggregate read bandwidth (GB/s)"
fig_note = "error bars: 95% confidence interval over 3 repetitions"
fig_xmin = 2.66667
fig_xmax = 24
array xtic_val[2] = [4, 16]
array xtic_lab[2] = ["4", "16"]
npanels = 2
array panel_title[2] = ["read", "randread"]
array panel_first[2] = [1, 6]
array panel_last[2] = [5, 10]
nitems = 10
array item_lt[10] = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5]
nseries = 5
array series_name[5] = ["bare-metal", "runc", "kata-9p", "kata-virtiofs", "kata-virtiofs-dax"]
array series_lt[5] = [1, 2, 3, 4, 5]
$bw << EOD
# read, bare-metal: clients, read (GB/s), 95% CI half width (GB/s)
4 5.4 0.402463
16 8.1 0.603694


# read, runc: clients, read (GB/s), 95% CI half width (GB/s)
4 5.238 0.390389
16 7.857 0.585583


# read, kata-9p: clients, read (GB/s), 95% CI half width (GB/s)
4 1.30345 0.0971462
16 0.872308 0.0650132


# read, kata-virtiofs: clients, read (GB/s), 95% CI half width (GB/s)
4 3.78 0.281724
16 5.67 0.422586


# read, kata-virtiofs-dax: clients, read (GB/s), 95% CI half width (GB/s)
4 4.59 0.342093
16 6.885 0.51314


# randread, bare-metal: clients, read (GB/s), 95% CI half width (GB/s)
4 3.24 0.241478
16 4.86 0.362217


# randread, runc: clients, read (GB/s), 95% CI half width (GB/s)
4 3.1428 0.234233
16 4.7142 0.35135


# randread, kata-9p: clients, read (GB/s), 95% CI half width (GB/s)
4 0.782069 0.0582877
16 0.523385 0.0390079


# randread, kata-virtiofs: clients, read (GB/s), 95% CI half width (GB/s)
4 2.268 0.169034
16 3.402 0.253552


# randread, kata-virtiofs-dax: clients, read (GB/s), 95% CI half width (GB/s)
4 2.754 0.205256
16 4.131 0.307884
EOD
fig_subtitle = ""

# ---- one pass per output format ----
do for [fig_fmt in fig_formats] {
reset
# ---- style.gp ----
# style.gp: the look that every fioscope figure shares.  fioscope copies it
# into each figure script, in the pass for one output format, after
# "reset".  Already set: fig_fmt (svg, png or pdf), fig_name, fig_width and
# fig_height (pixels), and the knobs of the command line (a script that
# lacks one gets its default here):
#   fig_font_scale   text size, 1 = 27 pt at 1080 px high (--font-scale)
#   fig_theme        'light' or 'dark' (--theme)
#   fig_transparent  1: no background, a PNG with alpha (--transparent)
# Edit a copy and pass its directory to "fioscope render --templates DIR",
# or edit the section in one NAME.gp.
fig_font_scale = exists("fig_font_scale") ? fig_font_scale : 1
fig_theme = exists("fig_theme") ? fig_theme : 'light'
fig_transparent = exists("fig_transparent") ? fig_transparent : 0
# --subtitle: a second line under the title; the plots move down for it
fig_subtitle = exists("fig_subtitle") ? fig_subtitle : ''
fig_title = exists("fig_title") ? fig_title : ''
fig_heading = fig_subtitle eq '' ? fig_title : fig_title . "\n" . fig_subtitle

# Text: DejaVu Sans, readable on a projected slide (27 pt at 1080 px high),
# never "enhanced": labels from the store are printed as they are.  Sizes
# are points; PNG and PDF draw 4/3 px per point, and gnuplot's SVG
# terminal takes the size as pixels: it lays the page out with the same
# sizes as the PNG and draws the text 4/3 larger ("fontscale"), so the
# text is the same in every format.
fig_fontsize = fig_height / 40.0 * fig_font_scale
fig_fontspec(pt) = sprintf('DejaVu Sans,%.1f', pt)
fig_font = fig_fontspec(fig_fontsize)
fig_smallfont = fig_fontspec(fig_fontsize * 0.75)
# One em (the text's height) as a fraction of the page's width and height:
# margins are counted in ems, so that larger text gets more room.
fig_em_x = fig_fontsize * 4 / 3.0 / fig_width
fig_em_y = fig_fontsize * 4 / 3.0 / fig_height
# Point marks: cairo draws "ps 1" 6.25 px wide whatever the font; the SVG
# terminal scales marks with its font (0.78 px per point of its font and
# per "ps"), so its marks get this factor.  Every "ps" in the templates
# is multiplied by fig_ps.
fig_ps = fig_fmt eq 'svg' ? 6.25 / (0.78 * fig_fontsize) : 1

# Theme: the page, the text and the axes; fig_ink is the colour of the
# runtime drawn in black on a light page (white on a dark one).
fig_bg = fig_theme eq 'dark' ? '#1e1e1e' : '#ffffff'
fig_fg = fig_theme eq 'dark' ? '#e8e8e8' : '#000000'
fig_axis = fig_theme eq 'dark' ? '#b0b0b0' : '#404040'
fig_gridc = fig_theme eq 'dark' ? '#3a3a3a' : '#dedede'
fig_ink = fig_theme eq 'dark' ? '#ffffff' : '#000000'
fig_keyline = fig_theme eq 'dark' ? '#c0c0c0' : '#404040'

# Terminals: PNG and SVG at the pixel size; PDF at 144 pixels per inch,
# where cairo's fonts, lines and points come out in the PNG's proportions
# (13.3 x 7.5 in for a 1920x1080 slide, PowerPoint's 16:9 page).
if (fig_fmt eq 'svg') {
	if (fig_transparent) {
		set terminal svg size fig_width, fig_height fixed font fig_font \
			fontscale 4 / 3.0 linewidth 1
	} else {
		set terminal svg size fig_width, fig_height fixed font fig_font \
			fontscale 4 / 3.0 linewidth 1 background fig_bg
	}
}
if (fig_fmt eq 'png') {
	if (fig_transparent) {
		set terminal pngcairo size fig_width, fig_height font fig_font \
			linewidth 1 background fig_bg transparent
	} else {
		set terminal pngcairo size fig_width, fig_height font fig_font \
			linewidth 1 background fig_bg
	}
}
if (fig_fmt eq 'pdf') {
	set terminal pdfcairo size fig_width / 144.0, fig_height / 144.0 \
		font fig_font linewidth 1 pointscale 0.5 background fig_bg
}
set output fig_name . '.' . fig_fmt
set termoption noenhanced
# every text in the theme's colour (labels name it: "tc rgb fig_fg")
set title textcolor rgb fig_fg
set xlabel textcolor rgb fig_fg
set ylabel textcolor rgb fig_fg
set y2label textcolor rgb fig_fg
set tics textcolor rgb fig_fg
set key textcolor rgb fig_fg

# Runtimes: one fixed colour and point type each, the same in every figure
# (Okabe-Ito palette, safe for colour-blind readers; shapes differ too).
# fioscope gives each runtime its line type:
#   1 bare-metal  2 runc  3 kata-9p  4 kata-virtiofs  5 kata-virtiofs-dax
#   6, 7, 8 the other runtimes in name order, then 1, 2, ... again.
set linetype 1 lc rgb fig_ink lw 3 pt 7 ps 1.6 * fig_ps dt solid
set linetype 2 lc rgb '#E69F00' lw 3 pt 5 ps 1.6 * fig_ps dt solid
set linetype 3 lc rgb '#56B4E9' lw 3 pt 9 ps 1.9 * fig_ps dt solid
set linetype 4 lc rgb '#009E73' lw 3 pt 13 ps 1.9 * fig_ps dt solid
set linetype 5 lc rgb '#D55E00' lw 3 pt 11 ps 1.9 * fig_ps dt solid
set linetype 6 lc rgb '#0072B2' lw 3 pt 6 ps 1.6 * fig_ps dt solid
set linetype 7 lc rgb '#CC79A7' lw 3 pt 4 ps 1.6 * fig_ps dt solid
set linetype 8 lc rgb '#999999' lw 3 pt 8 ps 1.9 * fig_ps dt solid
set linetype cycle 8

# Lines of one run or client where a figure has several (timelines).
fig_client_colors = '#0072B2 #E69F00 #009E73 #CC79A7 #56B4E9 #D55E00 ' . fig_ink . ' #999999'
fig_client_color(i) = word(fig_client_colors, (i - 1) % words(fig_client_colors) + 1)

# Latency percentiles: dash types of the p50, p99 and p99.99 lines.
fig_dt_p50 = 1
fig_dt_p99 = 2
fig_dt_p9999 = 3

# Heat maps of latency density: light greys, so that the runtime-coloured
# lines drawn over them stay readable.
if (fig_theme eq 'dark') {
	set palette defined (0 '#2a2a2a', 1 '#4a4a4a', 2 '#7a7a7a', 3 '#b0b0b0')
} else {
	set palette defined (0 '#f4f4f4', 1 '#c8c8c8', 2 '#8c8c8c', 3 '#4d4d4d')
}

# Axes: left and bottom only, outward tics, a light grid behind the data
# (line style 100: every "set grid" in the templates names it).
set border 3 lw 1.5 lc rgb fig_axis
set tics nomirror out scale 0.8
set style line 100 lc rgb fig_gridc lw 1.5 dt solid
set grid back ls 100
set style fill solid 1.0 noborder
set errorbars 1.5
set key noautotitle

# Where the plot area ends on the page (screen fractions, counted in ems
# from the edges): the room below holds the x label, the key (never over
# the data) and the footnote.
fig_left = 5.33 * fig_em_x
fig_right = 1 - 1.6 * fig_em_x
fig_sub_em = fig_subtitle eq '' ? 0 : 1.5
fig_top = 1 - (5.4 + fig_sub_em) * fig_em_y
fig_bottom = 7.2 * fig_em_y
fig_key_y = 2.55 * fig_em_y
fig_note_y = 0.9 * fig_em_y
# Panels of a multi-panel figure: column c of n, row r of n (1 at the top),
# as screen fractions for "set lmargin at screen" and friends.
fig_hgap = 3.73 * fig_em_x
fig_vgap = 3.3 * fig_em_y
fig_px0(c, n) = fig_left + (c - 1) * (fig_right - fig_left + fig_hgap) / n
fig_px1(c, n) = fig_px0(c, n) + (fig_right - fig_left + fig_hgap) / n - fig_hgap
fig_py1(r, n) = fig_top - (r - 1) * (fig_top - fig_bottom + fig_vgap) / n
fig_py0(r, n) = fig_py1(r, n) - (fig_top - fig_bottom + fig_vgap) / n + fig_vgap
# The key, centred below the plots: gnuplot puts as many entries on a row
# as the page width allows (an entry: its sample, then its text and a
# gap, "width 1"); with n entries of up to c characters it takes
# fig_key_rows(n, c) rows of fig_key_line each (screen fractions).
fig_keyfont = fig_fontspec(fig_fontsize * 0.9)
fig_key_cols(c) = int(fig_width / ((c + 5) * fig_fontsize * 0.9))
fig_key_rows(n, c) = fig_key_cols(c) < 1 ? n : \
	(n + fig_key_cols(c) - 1) / fig_key_cols(c)
# Text that must fit a width (frac of the page's): the size pt, or less
# where s would not fit (DejaVu Sans: at most 0.6 em a character).  The
# footnote and the title fit the page; panel titles their panel.
fig_fitn(n, pt, frac) = (n * 0.6 * pt * 4 / 3.0 > fig_width * frac) ? \
	fig_width * frac / (n * 0.6 * 4 / 3.0) : pt
fig_fitpt(s, pt, frac) = fig_fitn(strlen(s), pt, frac)
# A linear axis up to ymax on hfrac of the page's height: a 1-2-5 tic
# step that leaves at least 2 ems between tics.
fig_step5(v) = (v / 10**floor(log10(v)) <= 1 ? 1 : \
	v / 10**floor(log10(v)) <= 2 ? 2 : v / 10**floor(log10(v)) <= 5 ? 5 : 10) \
	* 10**floor(log10(v))
fig_ystep(ymax, hfrac) = fig_step5(ymax / (hfrac / (2 * fig_em_y)))
fig_notefont(s) = fig_fontspec(fig_fitpt(s, fig_fontsize * 0.75, 0.96))
fig_titlefont = fig_fontspec(fig_fitpt(strlen(fig_subtitle) > strlen(fig_title) ? \
	fig_subtitle : fig_title, fig_fontsize * 1.2, 0.96))
fig_key_line = fig_fontsize * 0.9 * 4 / 3.0 * 1.25 / fig_height
# ---- bw.gp ----
# bw.gp: aggregate bandwidth against clients or block size; one panel per
# I/O pattern, one series per runtime, 95% CI error bars over repetitions.
# Set by fioscope in the data section:
#   fig_title, fig_xlabel, fig_ylabel, fig_note    texts
#   fig_xmin, fig_xmax, xtic_val[], xtic_lab[]     x axis (log2), its tics
#   npanels, panel_title[]                         one panel per pattern
#   panel_first[p], panel_last[p]                  the items of panel p
#   nitems, item_lt[k]                             item k: data set k-1 of
#                                                  $bw, drawn in line type
#   nseries, series_name[], series_lt[]            the key: the runtimes
#   $bw   rows "x bandwidth ci95" (y unit in fig_ylabel; ci95 0: no bars)
# The error bars of a panel's series stand side by side at each x (0.5 em
# apart); an interval reaching below 0 leaves the chart: a triangle on
# the axis marks it and the footnote says so.

fig_cols = npanels <= 3 ? npanels : 2
fig_rows = (npanels + fig_cols - 1) / fig_cols
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

set logscale x 2
set xrange [fig_xmin:fig_xmax]
set xtics (xtic_lab[1] xtic_val[1])
do for [i = 2:|xtic_val|] { set xtics add (xtic_lab[i] xtic_val[i]) }
set yrange [0:*]
set offsets 0, 0, graph 0.08, 0
set ytics format '%g'
set grid xtics ytics back ls 100
unset key

# an interval that reaches below 0 leaves the chart: marked, and said
# (in a note of this pass: fig_note itself stays as the data set it, for
# the next format's pass)
fig_below = 0
do for [k = 1:nitems] {
	stats $bw index k - 1 using ($2 - $3 < 0 ? 1 : 0) nooutput
	fig_below = fig_below + STATS_sum
}
bw_note = fig_note . (fig_below > 0 ? \
	'; triangle on the axis: the interval reaches below 0' : '')

do for [p = 1:npanels] {
	c = (p - 1) % fig_cols + 1
	r = (p - 1) / fig_cols + 1
	set lmargin at screen fig_px0(c, fig_cols)
	set rmargin at screen fig_px1(c, fig_cols)
	set tmargin at screen fig_py1(r, fig_rows)
	set bmargin at screen fig_py0(r, fig_rows)
	set title panel_title[p]
	fig_ylfont = fig_fontspec(fig_fitpt(fig_ylabel, fig_fontsize, \
		(fig_py1(r, fig_rows) - fig_py0(r, fig_rows)) * fig_height / fig_width))
	set ylabel (c == 1 ? fig_ylabel : '') font fig_ylfont
	set xlabel (r == fig_rows ? fig_xlabel : '')
	# tics no closer than 2 ems: the panel's top value first
	fig_ymax = 0
	do for [k = panel_first[p]:panel_last[p]] {
		stats $bw index k - 1 using ($2 + $3) nooutput
		fig_ymax = STATS_max > fig_ymax ? STATS_max : fig_ymax
	}
	if (fig_ymax > 0) {
		set ytics fig_ystep(fig_ymax * 1.08, \
			fig_py1(r, fig_rows) - fig_py0(r, fig_rows))
	} else {
		set ytics autofreq
	}
	# the error bars of the panel's series side by side at each x,
	# 0.5 em apart (a factor on the log2 axis); a triangle at 0 where
	# an interval reaches below the axis
	fig_dodge = 2**(0.5 * fig_em_x * log(fig_xmax / fig_xmin) / log(2) / \
		(fig_px1(c, fig_cols) - fig_px0(c, fig_cols)))
	fig_mid = (panel_first[p] + panel_last[p]) / 2.0
	plot for [k = panel_first[p]:panel_last[p]] $bw index k - 1 \
		using ($3 > 0 ? $1 * fig_dodge**(k - fig_mid) : NaN):2:3 \
		with yerrorbars lt item_lt[k] pt -1, \
	     for [k = panel_first[p]:panel_last[p]] $bw index k - 1 \
		using ($1 * fig_dodge**(k - fig_mid)):($2 - $3 < 0 ? 0 : NaN) \
		with points lt item_lt[k] pt 11 ps 2.5 * fig_ps, \
	     for [k = panel_first[p]:panel_last[p]] $bw index k - 1 \
		using 1:2 with linespoints lt item_lt[k]
}

# The key and the footnote below the panels: an empty plot as wide as the
# page, so that the key fits on one row.
set lmargin at screen 0
set rmargin at screen 1
set tmargin at screen fig_bottom / 2
set bmargin at screen 0
unset title; unset xlabel; unset ylabel; unset logscale; unset grid
unset border; unset tics; unset offsets
set xrange [0:1]
set yrange [0:1]
set key at screen 0.5, fig_key_y center center horizontal reverse Left \
	samplen 2 spacing 1.2 width 2 font fig_keyfont
set label 1 bw_note at screen 0.5, fig_note_y center font fig_notefont(bw_note) tc rgb fig_fg
plot for [s = 1:nseries] NaN with linespoints lt series_lt[s] \
	title series_name[s]
unset multiplot
unset output
}
