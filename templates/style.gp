# style.gp: the look that every fioscope figure shares.  fioscope copies it
# into each figure script, in the pass for one output format, after
# "reset".  Already set: fig_fmt (svg, png or pdf), fig_name, fig_width and
# fig_height (pixels).  Edit a copy and pass its directory to
# "fioscope render --templates DIR", or edit the section in one NAME.gp.

# Text: DejaVu Sans, readable on a projected slide (27 pt at 1080 px high),
# never "enhanced": labels from the store are printed as they are.
fig_fontsize = fig_height / 40.0
fig_font = sprintf('DejaVu Sans,%.0f', fig_fontsize)
fig_titlefont = sprintf('DejaVu Sans,%.0f', fig_fontsize * 1.2)
fig_smallfont = sprintf('DejaVu Sans,%.0f', fig_fontsize * 0.75)

# Terminals: PNG and SVG at the pixel size; PDF at 144 pixels per inch,
# where cairo's fonts, lines and points come out in the PNG's proportions
# (13.3 x 7.5 in for a 1920x1080 slide, PowerPoint's 16:9 page).
if (fig_fmt eq 'svg') {
	set terminal svg size fig_width, fig_height fixed font fig_font \
		linewidth 1 background '#ffffff'
}
if (fig_fmt eq 'png') {
	set terminal pngcairo size fig_width, fig_height font fig_font \
		linewidth 1 background '#ffffff'
}
if (fig_fmt eq 'pdf') {
	set terminal pdfcairo size fig_width / 144.0, fig_height / 144.0 \
		font fig_font linewidth 1 pointscale 0.5 background '#ffffff'
}
set output fig_name . '.' . fig_fmt
set termoption noenhanced

# Runtimes: one fixed colour and point type each, the same in every figure
# (Okabe-Ito palette, safe for colour-blind readers; shapes differ too).
# fioscope gives each runtime its line type:
#   1 bare-metal  2 runc  3 kata-9p  4 kata-virtiofs  5 kata-virtiofs-dax
#   6, 7, 8 the other runtimes in name order, then 1, 2, ... again.
set linetype 1 lc rgb '#000000' lw 3 pt 7 ps 1.6 dt solid
set linetype 2 lc rgb '#E69F00' lw 3 pt 5 ps 1.6 dt solid
set linetype 3 lc rgb '#56B4E9' lw 3 pt 9 ps 1.9 dt solid
set linetype 4 lc rgb '#009E73' lw 3 pt 13 ps 1.9 dt solid
set linetype 5 lc rgb '#D55E00' lw 3 pt 11 ps 1.9 dt solid
set linetype 6 lc rgb '#0072B2' lw 3 pt 6 ps 1.6 dt solid
set linetype 7 lc rgb '#CC79A7' lw 3 pt 4 ps 1.6 dt solid
set linetype 8 lc rgb '#999999' lw 3 pt 8 ps 1.9 dt solid
set linetype cycle 8

# Lines of one run or client where a figure has several (timelines).
fig_client_colors = '#0072B2 #E69F00 #009E73 #CC79A7 #56B4E9 #D55E00 #000000 #999999'
fig_client_color(i) = word(fig_client_colors, (i - 1) % words(fig_client_colors) + 1)

# Latency percentiles: dash types of the p50, p99 and p99.99 lines.
fig_dt_p50 = 1
fig_dt_p99 = 2
fig_dt_p9999 = 3

# Heat maps of latency density: light greys, so that the runtime-coloured
# lines drawn over them stay readable.
set palette defined (0 '#f4f4f4', 1 '#c8c8c8', 2 '#8c8c8c', 3 '#4d4d4d')

# Axes: left and bottom only, outward tics, a light grid behind the data
# (line style 100: every "set grid" in the templates names it).
set border 3 lw 1.5 lc rgb '#404040'
set tics nomirror out scale 0.8
set style line 100 lc rgb '#dedede' lw 1.5 dt solid
set grid back ls 100
set style fill solid 1.0 noborder
set errorbars 1.5
set key noautotitle

# Where the plot area ends on the page (screen fractions): the room below
# holds the x label, the key (never over the data) and the footnote.
fig_left = 0.1
fig_right = 0.97
fig_top = 0.82
fig_bottom = 0.24
fig_key_y = 0.085
fig_note_y = 0.03
# Panels of a multi-panel figure: column c of n, row r of n (1 at the top),
# as screen fractions for "set lmargin at screen" and friends.
fig_hgap = 0.07
fig_vgap = 0.11
fig_px0(c, n) = fig_left + (c - 1) * (fig_right - fig_left + fig_hgap) / n
fig_px1(c, n) = fig_px0(c, n) + (fig_right - fig_left + fig_hgap) / n - fig_hgap
fig_py1(r, n) = fig_top - (r - 1) * (fig_top - fig_bottom + fig_vgap) / n
fig_py0(r, n) = fig_py1(r, n) - (fig_top - fig_bottom + fig_vgap) / n + fig_vgap
# The key, centred below the plots: gnuplot puts as many entries on a row
# as the page width allows; with n entries of up to c characters it takes
# fig_key_rows(n, c) rows of fig_key_line each (screen fractions).
fig_keyfont = sprintf('DejaVu Sans,%.0f', fig_fontsize * 0.9)
fig_key_cols(c) = int(fig_width / ((c + 8) * fig_fontsize * 0.65))
fig_key_rows(n, c) = fig_key_cols(c) < 1 ? n : \
	(n + fig_key_cols(c) - 1) / fig_key_cols(c)
fig_key_line = fig_fontsize * 1.2 / fig_height
