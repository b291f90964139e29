#!/usr/bin/env python3
"""Fixture workbooks for tests/unit/test_xlsxread.c, written into DIR:

  openpyxl.xlsx  saved by openpyxl: tabs Call-backs, Data, About (Call-backs
                 moved to the front), shared strings, numbers, a boolean, a
                 cleared cell that keeps its style, an empty string, a
                 formula without a cached value, a far cell AB12.
  crafted.xlsx   XML written by hand with zipfile: inline strings, rich-text
                 runs, a phonetic run (<rPh>), rows and cells without r,
                 tabs in another order than the parts, a relative "../"
                 target and an absolute one, element prefixes (x:), shared
                 strings in a part named only in [Content_Types].xml and
                 stored in the zip before the workbook.
  bad_*.xlsx     bad input: notzip (text), trunc (a valid workbook cut in
                 half), crc (one byte of a stored part flipped), noworkbook,
                 malformed (a sheet whose XML does not close), dtd (an
                 entity-expansion DTD), bomb (a sheet of 300 MB of zeros,
                 compressed; streamed from a generator, never in memory),
                 lie (the same kind of part whose sizes in the zip were
                 rewritten to say 1 KiB), badsst (a cell pointing at a shared
                 string that does not exist), order (B1 before A1).

  bigsst.xlsx    (only when asked) a sharedStrings.xml of 1,000,000 strings
                 "s0000000".."s0999999" (like LibreOffice's, whose Records
                 sheet puts every string there) and a sheet Second using four
                 of them: A1 999999, B1 5, A2 5, C2 500000.

Usage: xlsxread_fixtures.py DIR [bomb|bigsst]   (those only when asked).
"""
import os
import struct
import sys
import zipfile

D = sys.argv[1]
os.makedirs(D, exist_ok=True)
P = lambda n: os.path.join(D, n)

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def openpyxl_book():
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws["A1"] = "Flag key"
    ws["B1"] = "Review"
    ws["A2"] = "K-1"
    ws["B2"] = "EXPLAINED"
    ws["C2"] = 42
    ws["D2"] = 1.5
    ws["E2"] = True
    ws["F2"] = "=C2*2"  # no cached value: not reported
    ws["A3"] = "शिकायत"
    ws["B3"] = "typed then cleared"
    ws["B3"].font = Font(bold=True)
    ws["B3"].value = None  # stays as <c r="B3" s="1"/>
    ws["C3"] = ""
    ws["AB12"] = "far"
    ab = wb.create_sheet("About")
    ab["A1"] = "Wing"
    ab["B1"] = "TECHNICAL"
    cb = wb.create_sheet("Call-backs")
    cb["A1"] = "K-1"  # the same string as Data!A2: one shared string
    cb["B2"] = "FIXED"
    wb.move_sheet("Call-backs", offset=-2)
    wb.save(P("openpyxl.xlsx"))


CT = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/strings/words.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""

ROOT_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{PR}"><Relationship Id="rId1" Type="{OD}/officeDocument" Target="xl/workbook.xml"/></Relationships>"""

# Tabs: First (part sheets/b.xml, via ../), Second (part worksheets/sheet1.xml, absolute)
WB = f"""<?xml version="1.0" encoding="UTF-8"?>
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" {RNS}>
<x:sheets><x:sheet name="First" sheetId="2" r:id="rId7"/><x:sheet name="Second" sheetId="1" r:id="rId3"/></x:sheets>
</x:workbook>"""

WB_RELS = f"""<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="{PR}">
<Relationship Id="rId3" Type="{OD}/worksheet" Target="/xl/worksheets/sheet1.xml"/>
<Relationship Id="rId7" Type="{OD}/worksheet" Target="./worksheets/../sheets/b.xml"/>
<Relationship Id="rId9" Type="{OD}/hyperlink" Target="http://example.org/" TargetMode="External"/>
</Relationships>"""

# Strings 0..4; 1 is rich text (two runs), 2 has a phonetic run, 4 an
# escaped tab.
WORDS = f"""<?xml version="1.0" encoding="UTF-8"?>
<sst {NS} count="5" uniqueCount="5">
<si><t>zero</t></si>
<si><r><rPr><b/></rPr><t>Rich </t></r><r><t xml:space="preserve">text &amp; more</t></r></si>
<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>
<si><t/></si>
<si><t>tab_x0009_end</t></si>
</sst>"""

# First: rows and cells without r, inline strings, rich inline runs, shared.
SHEET_B = f"""<?xml version="1.0" encoding="UTF-8"?>
<worksheet {NS}><dimension ref="A1:C4"/><sheetData>
<row><c t="inlineStr"><is><t>in A1</t></is></c><c><v>7</v></c><c t="s"><v>1</v></c></row>
<row><c/><c t="inlineStr"><is><r><t>bo</t></r><r><rPr><i/></rPr><t>ld</t></r><rPh><t>X</t></rPh></is></c></row>
<row r="4"><c r="C4" t="s"><v>2</v></c><c t="b"><v>0</v></c></row>
</sheetData></worksheet>"""

# Second: shared strings and a string formula, an empty shared string, an
# error, escapes (_x000a_ a line feed, _x005F_ an underscore).
SHEET_1 = f"""<?xml version="1.0" encoding="UTF-8"?>
<worksheet {NS}><sheetData>
<row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="D2" t="s"><v>3</v></c><c r="E2" t="e"><v>#N/A</v></c><c r="F2" t="inlineStr"><is><t>a_x000a_b_x005F_x0041_</t></is></c><c r="G2" t="s"><v>4</v></c></row>
</sheetData></worksheet>"""


def crafted(path, sheet_b=SHEET_B, sheet_1=SHEET_1, words=WORDS, extra=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        if words:
            z.writestr("xl/strings/words.xml", words)  # before the workbook, on purpose
        z.writestr("xl/sheets/b.xml", sheet_b)
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WB)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        if extra:
            extra(z)
        else:
            z.writestr("xl/worksheets/sheet1.xml", sheet_1)


def zeros(z, name, mib):
    with z.open(name, "w", force_zip64=True) as f:
        f.write(f"<worksheet {NS}><sheetData>".encode())
        block = b"\0" * (1 << 20)
        for _ in range(mib):
            f.write(block)


def bad_books():
    with open(P("bad_notzip.xlsx"), "w") as f:
        f.write("Flag key,Review\nK-1,EXPLAINED\n")
    crafted(P("good.xlsx"))
    data = open(P("good.xlsx"), "rb").read()
    open(P("bad_trunc.xlsx"), "wb").write(data[: len(data) // 2])
    # A stored (uncompressed) part with one byte changed: the CRC catches it.
    with zipfile.ZipFile(P("bad_crc.xlsx"), "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WB)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        z.writestr("xl/sheets/b.xml", SHEET_B)
        z.writestr("xl/worksheets/sheet1.xml", SHEET_1)
        z.writestr("xl/strings/words.xml", WORDS)
    data = bytearray(open(P("bad_crc.xlsx"), "rb").read())
    i = data.index(b"in A1")
    data[i] = ord("X")
    open(P("bad_crc.xlsx"), "wb").write(bytes(data))
    with zipfile.ZipFile(P("bad_noworkbook.xlsx"), "w") as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("_rels/.rels", ROOT_RELS)
    crafted(P("bad_malformed.xlsx"), sheet_1=f"<worksheet {NS}><sheetData><row><c><v>1</v></row>")
    dtd = ('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
           '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
           f"<worksheet {NS}><sheetData><row><c t=\"inlineStr\"><is><t>&b;</t></is></c></row>"
           "</sheetData></worksheet>")
    crafted(P("bad_dtd.xlsx"), sheet_1=dtd)
    crafted(P("bad_badsst.xlsx"),
            sheet_1=f'<worksheet {NS}><sheetData><row><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>5</v></c></row></sheetData></worksheet>')
    crafted(P("bad_order.xlsx"),
            sheet_1=f'<worksheet {NS}><sheetData><row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>2</v></c></row></sheetData></worksheet>')
    # A part that says it is 1 KiB but holds 8 MiB (sizes rewritten).
    crafted(P("bad_lie.xlsx"), extra=lambda z: zeros(z, "xl/worksheets/sheet1.xml", 8))
    lie(P("bad_lie.xlsx"), "xl/worksheets/sheet1.xml", 1024)


def lie(path, name, size):
    """Rewrites the uncompressed size of `name` (zip64 extra fields of the
    local header and the central directory) to `size`."""
    data = bytearray(open(path, "rb").read())
    nb = name.encode()
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        i = 0
        while (i := data.find(sig, i)) >= 0:
            if sig == b"PK\x03\x04":
                nlen, xlen = struct.unpack_from("<HH", data, i + 26)
                fname_at, size_at = i + 30, None
            else:
                nlen, xlen = struct.unpack_from("<HH", data, i + 28)
                fname_at = i + 46
            if data[fname_at:fname_at + nlen] == nb:
                x = fname_at + nlen
                end = x + xlen
                while x + 4 <= end:
                    tag, ln = struct.unpack_from("<HH", data, x)
                    if tag == 1:  # zip64: uncompressed size first
                        struct.pack_into("<Q", data, x + 4, size)
                    x += 4 + ln
                if sig == b"PK\x01\x02" and struct.unpack_from("<I", data, i + 24)[0] != 0xFFFFFFFF:
                    struct.pack_into("<I", data, i + 24, size)
                if sig == b"PK\x03\x04" and struct.unpack_from("<I", data, i + 22)[0] != 0xFFFFFFFF:
                    struct.pack_into("<I", data, i + 22, size)
            i += 4
    open(path, "wb").write(bytes(data))


def bomb():
    crafted(P("bad_bomb.xlsx"), extra=lambda z: zeros(z, "xl/worksheets/sheet1.xml", 300))


openpyxl_book()
crafted(P("crafted.xlsx"))
bad_books()
def bigsst():
    def sst(z):
        with z.open("xl/strings/words.xml", "w") as f:
            f.write(f'<sst {NS} uniqueCount="1000000">'.encode())
            for k in range(0, 1000000, 10000):
                f.write("".join(f"<si><t>s{i:07d}</t></si>" for i in range(k, k + 10000)).encode())
            f.write(b"</sst>")
        z.writestr("xl/worksheets/sheet1.xml", f"""<worksheet {NS}><sheetData>
<row r="1"><c r="A1" t="s"><v>999999</v></c><c r="B1" t="s"><v>5</v></c></row>
<row r="2"><c r="A2" t="s"><v>5</v></c><c r="C2" t="s"><v>500000</v></c></row>
</sheetData></worksheet>""")
    crafted(P("bigsst.xlsx"), words="", extra=sst)


if len(sys.argv) > 2 and sys.argv[2] == "bomb":
    bomb()
if len(sys.argv) > 2 and sys.argv[2] == "bigsst":
    bigsst()
