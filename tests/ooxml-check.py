#!/usr/bin/env python3
"""ooxml-check.py DECK.pptx: check a PPTX package against what Open
Packaging Conventions (ECMA-376 part 2) and PresentationML (part 1,
pml.xsd) require and what PowerPoint writes, with xml.etree only.

  - every part is well-formed XML (but media) and has a content type
    ([Content_Types].xml: an Override or a Default by extension); every
    Override names a part that exists;
  - every relationship's target exists, its Id is unique in its .rels,
    and the target's content type is the one its relationship type needs;
    every part is reachable from _rels/.rels (no orphan part);
  - every r:id / r:embed in a part names a relationship of that part;
  - pictures: an a:blip's r:embed is an image relationship to an image
    part; an asvg:svgBlip (the SVG extension PowerPoint 2016+ writes) sits
    in its a:blip's a:extLst, in an a:ext of the SVG uri, and its r:embed
    is an image relationship to a part of content type image/svg+xml that
    parses as an <svg> document;
  - docProps/core.xml and docProps/app.xml as PowerPoint writes them
    (core and extended properties, W3CDTF dates, app's slide count);
  - presentation.xml: its children in the schema's order, sldMasterId and
    sldLayoutId ids >= 2147483648 and unique, sldId ids in 256 ..
    2147483646 and unique, one notesMasterIdLst when notes exist, notesSz
    present, sldSz within 914400 .. 51206400 EMU;
  - slides, layouts, masters, notes: the relationships each must have
    (layout, master, theme, notes master, slide), shape ids unique in a
    slide, children in the schema's order.

Prints one line per problem and exits 1 when there is any, else prints
"ok N parts" and exits 0.
"""
import posixpath
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
NS_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
NS_DCT = "http://purl.org/dc/terms/"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PK = "http://schemas.openxmlformats.org/package/2006/relationships/"
NS_ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
NS_SVG = "http://www.w3.org/2000/svg"
SVG_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
PML = "application/vnd.openxmlformats-officedocument.presentationml."

# relationship type -> the content type its target must have
REL_CT = {
    OD + "officeDocument": PML + "presentation.main+xml",
    PK + "metadata/core-properties":
        "application/vnd.openxmlformats-package.core-properties+xml",
    OD + "extended-properties":
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    OD + "slide": PML + "slide+xml",
    OD + "slideMaster": PML + "slideMaster+xml",
    OD + "slideLayout": PML + "slideLayout+xml",
    OD + "notesMaster": PML + "notesMaster+xml",
    OD + "notesSlide": PML + "notesSlide+xml",
    OD + "presProps": PML + "presProps+xml",
    OD + "viewProps": PML + "viewProps+xml",
    OD + "tableStyles": PML + "tableStyles+xml",
    OD + "theme": "application/vnd.openxmlformats-officedocument.theme+xml",
}

# CT_Presentation's children, in the schema's sequence
PRES_ORDER = ["sldMasterIdLst", "notesMasterIdLst", "handoutMasterIdLst",
              "sldIdLst", "sldSz", "notesSz", "smartTags", "embeddedFontLst",
              "custShowLst", "photoAlbum", "custDataLst", "kinsoku",
              "defaultTextStyle", "modifyVerifier", "extLst"]
MASTER_ORDER = ["cSld", "clrMap", "sldLayoutIdLst", "transition", "timing",
                "hf", "txStyles", "extLst"]
SLIDE_ORDER = ["cSld", "clrMapOvr", "transition", "timing", "extLst"]
NOTES_ORDER = ["cSld", "clrMapOvr", "extLst"]

problems = []


def bad(msg):
    problems.append(msg)


def local(tag):
    return tag.rsplit("}", 1)[-1]


def in_order(part, root, order):
    seen = [local(c.tag) for c in root]
    idx = []
    for name in seen:
        if name not in order:
            bad("%s: <%s> is not a child <%s> may have" %
                (part, name, local(root.tag)))
            return
        idx.append(order.index(name))
    if idx != sorted(idx):
        bad("%s: children out of the schema's order: %s" %
            (part, " ".join(seen)))
    for name in set(seen):
        if seen.count(name) > 1:
            bad("%s: <%s> more than once" % (part, name))


def rels_name(part):
    d, f = posixpath.split(part)
    return posixpath.join(d, "_rels", f + ".rels")


def main(path):
    z = zipfile.ZipFile(path)
    names = [n for n in z.namelist() if not n.endswith("/")]
    parts = set(names)
    if "[Content_Types].xml" not in parts:
        print("no [Content_Types].xml")
        return 1
    xml = {}
    for n in names:
        if n.endswith(".xml") or n.endswith(".rels"):
            try:
                xml[n] = ET.fromstring(z.read(n))
            except ET.ParseError as e:
                bad("%s: not well-formed: %s" % (n, e))
    if problems:
        return report()

    # content types
    ct = xml["[Content_Types].xml"]
    defaults = {d.get("Extension").lower(): d.get("ContentType")
                for d in ct.findall("{%s}Default" % NS_CT)}
    overrides = {}
    for o in ct.findall("{%s}Override" % NS_CT):
        pn = o.get("PartName")
        if not pn or not pn.startswith("/"):
            bad("[Content_Types].xml: Override PartName %r" % pn)
            continue
        if pn[1:] not in parts:
            bad("[Content_Types].xml: Override of a part not in the package: %s" % pn)
        if pn.lower() in (k.lower() for k in overrides):
            bad("[Content_Types].xml: two Overrides of %s" % pn)
        overrides[pn[1:]] = o.get("ContentType")

    def ctype(n):
        if n in overrides:
            return overrides[n]
        b = posixpath.basename(n)
        return defaults.get(b.rsplit(".", 1)[1].lower()) if "." in b else None

    for n in names:
        if n != "[Content_Types].xml" and not ctype(n):
            bad("%s: no content type" % n)

    # relationships: targets exist, ids unique, types match content types
    rels = {}   # source part ("" for the package) -> {Id: (type, target)}
    for n in names:
        if not n.endswith(".rels"):
            continue
        d, f = posixpath.split(n)
        if posixpath.basename(d) != "_rels":
            bad("%s: a .rels outside a _rels folder" % n)
            continue
        src = posixpath.join(posixpath.dirname(d), f[:-len(".rels")])
        if src and src not in parts:
            bad("%s: relationships of a part not in the package" % n)
        base = posixpath.dirname(src)
        ids = {}
        for r in xml[n].findall("{%s}Relationship" % NS_REL):
            rid, typ, tgt = r.get("Id"), r.get("Type"), r.get("Target")
            if not rid or not typ or tgt is None:
                bad("%s: a relationship without Id, Type or Target" % n)
                continue
            if rid in ids:
                bad("%s: relationship Id %s twice" % (n, rid))
            if r.get("TargetMode") == "External":
                ids[rid] = (typ, None)
                continue
            t = posixpath.normpath(tgt[1:] if tgt.startswith("/")
                                   else posixpath.join(base, tgt))
            ids[rid] = (typ, t)
            if t not in parts:
                bad("%s: %s's target %s is not in the package" % (n, rid, t))
            elif typ in REL_CT and ctype(t) != REL_CT[typ]:
                bad("%s: %s (%s) targets %s of content type %s" %
                    (n, rid, typ.rsplit("/", 1)[-1], t, ctype(t)))
        rels[src] = ids

    def targets(src, typ):
        # the parts (present: a missing one is reported above) related
        return [t for (ty, t) in rels.get(src, {}).values()
                if (ty == OD + typ or ty == PK + typ) and t in xml]

    # every part reachable from the package's relationships
    seen, todo = set(), [""]
    while todo:
        src = todo.pop()
        for (typ, t) in rels.get(src, {}).values():
            if t and t not in seen:
                seen.add(t)
                todo.append(t)
    for n in names:
        if n == "[Content_Types].xml" or n.endswith(".rels"):
            continue
        if n not in seen:
            bad("%s: no relationship reaches it" % n)

    # r:id / r:embed name relationships of their part
    for n, root in xml.items():
        if n.endswith(".rels") or n == "[Content_Types].xml":
            continue
        have = rels.get(n, {})
        for el in root.iter():
            for k, v in el.attrib.items():
                if k.startswith("{%s}" % NS_R) and v not in have:
                    bad("%s: <%s %s=%s> names no relationship of the part" %
                        (n, local(el.tag), local(k), v))

    # pictures: the blip an image, its svgBlip extension an SVG image
    svg_ok = {}

    def image(n, el, want_svg):
        rid = el.get("{%s}embed" % NS_R)
        typ, t = rels.get(n, {}).get(rid, (None, None))
        if rid is None or typ is None:
            return      # no r:embed, or reported above
        if typ != OD + "image" or t is None or t not in parts:
            bad("%s: <%s r:embed=%s> is no image relationship to a part" %
                (n, local(el.tag), rid))
            return
        c = ctype(t) or ""
        if want_svg and c != "image/svg+xml":
            bad("%s: svgBlip r:embed=%s targets %s of content type %s" %
                (n, rid, t, c))
        elif not want_svg and not c.startswith("image/"):
            bad("%s: blip r:embed=%s targets %s of content type %s" %
                (n, rid, t, c))
        elif want_svg and t not in svg_ok:
            try:
                svg_ok[t] = ET.fromstring(z.read(t)).tag == "{%s}svg" % NS_SVG
            except ET.ParseError as e:
                svg_ok[t] = False
                bad("%s: not well-formed: %s" % (t, e))
                return
            if not svg_ok[t]:
                bad("%s: its root is not an SVG <svg>" % t)

    for n, root in xml.items():
        parent = {c: p for p in root.iter() for c in p}
        for b in root.iter("{%s}blip" % NS_A):
            image(n, b, False)
        for sb in root.iter("{%s}svgBlip" % NS_ASVG):
            ext = parent.get(sb)
            lst = parent.get(ext)
            if ext is None or ext.tag != "{%s}ext" % NS_A or \
                    ext.get("uri") != SVG_EXT or lst is None or \
                    lst.tag != "{%s}extLst" % NS_A or \
                    parent.get(lst) is None or \
                    parent[lst].tag != "{%s}blip" % NS_A:
                bad("%s: an svgBlip outside a:blip/a:extLst/a:ext uri=%s" %
                    (n, SVG_EXT))
            image(n, sb, True)

    # a text body holds one paragraph at least (CT_TextBody: a:p 1..n)
    for n, root in xml.items():
        for tb in root.iter("{%s}txBody" % NS_P):
            if tb.find("{%s}p" % NS_A) is None:
                bad("%s: a txBody without a paragraph" % n)

    # document properties
    core = targets("", "metadata/core-properties")
    app = targets("", "extended-properties")
    main_doc = targets("", "officeDocument")
    if len(main_doc) != 1:
        bad("_rels/.rels: %d officeDocument relationships" % len(main_doc))
        return report()
    if len(core) != 1:
        bad("_rels/.rels: no core properties (docProps/core.xml)")
    else:
        c = xml[core[0]]
        if local(c.tag) != "coreProperties" or not c.tag.startswith("{%s}" % NS_CP):
            bad("%s: root is not cp:coreProperties" % core[0])
        for tag in ("created", "modified"):
            el = c.find("{%s}%s" % (NS_DCT, tag))
            if el is None:
                bad("%s: no dcterms:%s" % (core[0], tag))
            elif el.get("{%s}type" % NS_XSI) != "dcterms:W3CDTF" or \
                    not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", el.text or ""):
                bad("%s: dcterms:%s is not W3CDTF: %r" % (core[0], tag, el.text))
    if len(app) != 1:
        bad("_rels/.rels: no extended properties (docProps/app.xml)")
        app_root = None
    else:
        app_root = xml[app[0]]
        if app_root.tag != "{%s}Properties" % NS_EP:
            bad("%s: root is not the extended Properties" % app[0])

    # presentation.xml
    pres = main_doc[0]
    p = xml[pres]
    if p.tag != "{%s}presentation" % NS_P:
        bad("%s: root is not p:presentation" % pres)
        return report()
    in_order(pres, p, PRES_ORDER)
    prel = rels.get(pres, {})

    def rel_of(el, typ, where):
        rid = el.get("{%s}id" % NS_R)
        r = prel.get(rid)
        if not r or r[0] != OD + typ:
            bad("%s: %s r:id=%s is no %s relationship" % (where, local(el.tag), rid, typ))
            return None
        return r[1] if r[1] in xml else None

    masters = p.findall("{%s}sldMasterIdLst/{%s}sldMasterId" % (NS_P, NS_P))
    if not masters:
        bad("%s: no sldMasterIdLst/sldMasterId" % pres)
    big_ids = []
    master_parts = []
    for m in masters:
        big_ids.append(int(m.get("id", "0")))
        t = rel_of(m, "slideMaster", pres)
        if t:
            master_parts.append(t)
    slides = p.findall("{%s}sldIdLst/{%s}sldId" % (NS_P, NS_P))
    ids = []
    slide_parts = []
    for s in slides:
        i = int(s.get("id", "0"))
        if not 256 <= i <= 2147483646:
            bad("%s: sldId id %d outside 256 .. 2147483646" % (pres, i))
        ids.append(i)
        t = rel_of(s, "slide", pres)
        if t:
            slide_parts.append(t)
    if len(set(ids)) != len(ids):
        bad("%s: sldId ids not unique" % pres)
    if sorted(targets(pres, "slide")) != sorted(slide_parts):
        bad("%s: slides related but not listed in sldIdLst" % pres)
    nm = p.findall("{%s}notesMasterIdLst/{%s}notesMasterId" % (NS_P, NS_P))
    notes_parts = [n for n in names if n.startswith("ppt/notesSlides/") and n.endswith(".xml")]
    if notes_parts and len(nm) != 1:
        bad("%s: notes exist but notesMasterIdLst has %d notesMasterId" % (pres, len(nm)))
    for m in nm:
        rel_of(m, "notesMaster", pres)
    ns = p.find("{%s}notesSz" % NS_P)
    if ns is None or not ns.get("cx") or not ns.get("cy"):
        bad("%s: no notesSz cx cy" % pres)
    ss = p.find("{%s}sldSz" % NS_P)
    if ss is not None:
        for k in ("cx", "cy"):
            if not 914400 <= int(ss.get(k, "0")) <= 51206400:
                bad("%s: sldSz %s %s outside 914400 .. 51206400" % (pres, k, ss.get(k)))
    if len(targets(pres, "theme")) != 1:
        bad("%s: not one theme relationship" % pres)
    if app_root is not None:
        el = app_root.find("{%s}Slides" % NS_EP)
        if el is None or el.text != str(len(slides)):
            bad("%s: Slides is not %d" % (app[0], len(slides)))

    # masters and layouts
    for m in master_parts:
        root = xml[m]
        in_order(m, root, MASTER_ORDER)
        if len(targets(m, "theme")) != 1:
            bad("%s: not one theme relationship" % m)
        lay = root.findall("{%s}sldLayoutIdLst/{%s}sldLayoutId" % (NS_P, NS_P))
        if not lay:
            bad("%s: no sldLayoutId" % m)
        for l in lay:
            big_ids.append(int(l.get("id", "0")))
            rid = l.get("{%s}id" % NS_R)
            r = rels.get(m, {}).get(rid)
            if not r or r[0] != OD + "slideLayout":
                bad("%s: sldLayoutId r:id=%s is no slideLayout relationship" % (m, rid))
            elif targets(r[1], "slideMaster") != [m]:
                bad("%s: its layout %s does not relate back to it" % (m, r[1]))
    for i in big_ids:
        if i < 2147483648:
            bad("%s: a master or layout id %d below 2147483648" % (pres, i))
    if len(set(big_ids)) != len(big_ids):
        bad("%s: master and layout ids not unique" % pres)

    # slides and their notes
    for s in slide_parts:
        root = xml[s]
        in_order(s, root, SLIDE_ORDER)
        if len(targets(s, "slideLayout")) != 1:
            bad("%s: not one slideLayout relationship" % s)
        shape_ids = [el.get("id") for el in root.iter()
                     if local(el.tag) == "cNvPr"]
        if len(set(shape_ids)) != len(shape_ids):
            bad("%s: shape ids not unique: %s" % (s, " ".join(shape_ids)))
        for n in targets(s, "notesSlide"):
            in_order(n, xml[n], NOTES_ORDER)
            if len(targets(n, "notesMaster")) != 1 or targets(n, "slide") != [s]:
                bad("%s: needs its notes master and its slide %s" % (n, s))
    for n in nm:
        t = prel.get(n.get("{%s}id" % NS_R), (None, None))[1]
        if t and len(targets(t, "theme")) != 1:
            bad("%s: not one theme relationship" % t)
    return report(len(names))


def report(n=0):
    for p in problems:
        print(p)
    if problems:
        return 1
    print("ok %d parts" % n)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
