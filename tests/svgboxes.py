#!/usr/bin/env python3
"""svgboxes.py: the text boxes of a gnuplot SVG, measured, and what is
wrong with them.

    python3 svgboxes.py [--list] FILE.svg...

For each file: every text element's box (its width measured with cairo in
the font the SVG names, DejaVu Sans; ascent 0.8 and descent 0.25 of the
font size; gnuplot's translate/rotate and text-anchor applied).  Prints
one line per problem and exits 1 when there is one:
    FILE: outside: "TEXT" x0 y0 x1 y1        a box not inside the canvas
    FILE: overlap: "A" / "B"                 two boxes that intersect
    FILE: key: "TEXT" under a key sample     a key entry's sample line
                                             drawn over another's text
--list prints every box instead ("font-size x0 y0 x1 y1 TEXT").
"""
import ctypes
import ctypes.util
import re
import sys
import xml.etree.ElementTree as ET

NS = '{http://www.w3.org/2000/svg}'
SLACK = 0.5                     # px: boxes that only touch are fine

_cairo = ctypes.CDLL(ctypes.util.find_library('cairo') or 'libcairo.so.2')
_cairo.cairo_image_surface_create.restype = ctypes.c_void_p
_cairo.cairo_create.restype = ctypes.c_void_p
_cairo.cairo_create.argtypes = [ctypes.c_void_p]
_cairo.cairo_select_font_face.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                          ctypes.c_int, ctypes.c_int]
_cairo.cairo_set_font_size.argtypes = [ctypes.c_void_p, ctypes.c_double]


class _Extents(ctypes.Structure):
    _fields_ = [(n, ctypes.c_double) for n in
                ('x_bearing', 'y_bearing', 'width', 'height',
                 'x_advance', 'y_advance')]


_cairo.cairo_text_extents.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                      ctypes.POINTER(_Extents)]
_surface = _cairo.cairo_image_surface_create(0, 1, 1)
_cr = _cairo.cairo_create(_surface)


def text_width(text, size, bold=False):
    _cairo.cairo_select_font_face(_cr, b'DejaVu Sans', 0, 1 if bold else 0)
    _cairo.cairo_set_font_size(_cr, size)
    e = _Extents()
    _cairo.cairo_text_extents(_cr, text.encode('utf-8'), ctypes.byref(e))
    return e.x_advance


def boxes(path):
    """(canvas w, h, text boxes, key samples) of one SVG."""
    root = ET.parse(path).getroot()
    w = float(root.get('width').rstrip('px'))
    h = float(root.get('height').rstrip('px'))
    out, samples = [], []

    def walk(el, attrs, key):
        attrs = dict(attrs)
        for a in ('font-size', 'text-anchor', 'transform', 'font-weight'):
            if el.get(a) is not None:
                attrs[a] = el.get(a)
        if el.tag == NS + 'g' and el.find(NS + 'title') is not None:
            key = []
        if el.tag == NS + 'text':
            text = ''.join(el.itertext())
            if text.strip():
                b = box(text, attrs)
                out.append(b)
                if key is not None:
                    key.append(b)
            return
        if el.tag == NS + 'path' and key is not None:
            m = re.fullmatch(r'\s*M([\d.]+),([\d.]+) L([\d.]+),([\d.]+)\s*',
                             el.get('d', ''))
            if m and m.group(2) == m.group(4):
                samples.append((float(m.group(1)), float(m.group(3)),
                                float(m.group(2))))
        for c in el:
            walk(c, attrs if el.tag != NS + 'text' else attrs, key)

    walk(root, {}, None)
    return w, h, out, samples


def box(text, attrs):
    size = float(attrs.get('font-size', '12'))
    tw = text_width(text, size, attrs.get('font-weight') == 'bold')
    t = attrs.get('transform', '')
    m = re.search(r'translate\(([-\d.]+),([-\d.]+)\)', t)
    x, y = (float(m.group(1)), float(m.group(2))) if m else (0.0, 0.0)
    r = re.search(r'rotate\(([-\d.]+)\)', t)
    rot = float(r.group(1)) % 360 if r else 0
    anchor = attrs.get('text-anchor', 'start')
    a0 = {'start': 0, 'middle': -tw / 2, 'end': -tw}.get(anchor, 0)
    asc, desc = 0.8 * size, 0.25 * size
    if rot == 270:              # reads upwards
        return (x - asc, y - a0 - tw, x + desc, y - a0, size, text)
    if rot == 90:
        return (x - desc, y + a0, x + asc, y + a0 + tw, size, text)
    return (x + a0, y - asc, x + a0 + tw, y + desc, size, text)


def check(path, listing):
    w, h, bs, samples = boxes(path)
    bad = []
    if listing:
        for b in bs:
            print('%.1f %.1f %.1f %.1f %.1f %s' % (b[4], b[0], b[1], b[2],
                                                   b[3], b[5]))
        return 0
    for b in bs:
        if b[0] < -SLACK or b[1] < -SLACK or b[2] > w + SLACK or \
           b[3] > h + SLACK:
            bad.append('outside: "%s" %.0f %.0f %.0f %.0f' % (b[5], *b[:4]))
    for i, a in enumerate(bs):
        for b in bs[i + 1:]:
            if a[0] < b[2] - SLACK and b[0] < a[2] - SLACK and \
               a[1] < b[3] - SLACK and b[1] < a[3] - SLACK:
                bad.append('overlap: "%s" / "%s"' % (a[5], b[5]))
    for x0, x1, y in samples:
        for b in bs:
            if b[1] < y < b[3] and min(x0, x1) < b[2] - SLACK and \
               b[0] + SLACK < max(x0, x1):
                bad.append('key: "%s" under a key sample' % b[5])
    for m in bad:
        print('%s: %s' % (path, m))
    return 1 if bad else 0


def main(argv):
    listing = '--list' in argv
    files = [a for a in argv if a != '--list']
    if not files:
        sys.stderr.write(__doc__)
        return 2
    rc = 0
    for f in files:
        rc |= check(f, listing)
    return rc


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
