"""Small files with words in them, made here: a PDF written by hand (an English line in Helvetica and a
Korean line in a CID font whose ToUnicode map gives its characters), a DOCX (python-docx) and an HWPX
(python-hwpx)."""

from __future__ import annotations

import io

from docx import Document
from hwpx.document import HwpxDocument


def _korean_font(text: str) -> tuple[bytes, bytes]:
    """The glyph codes of ``text`` (one CID per distinct character) and the ToUnicode map giving them."""
    chars = sorted(set(text))
    cid = {c: i + 1 for i, c in enumerate(chars)}
    codes = b"<" + "".join(f"{cid[c]:04X}" for c in text).encode() + b">"
    lines = "".join(f"<{cid[c]:04X}> <{ord(c):04X}>\n" for c in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{lines}endbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    ).encode()
    return codes, cmap


def pdf(english: str, korean: str, content: bytes | None = None, content_filter: bytes = b"") -> bytes:
    """A one-page PDF saying ``english`` and ``korean``, or with ``content`` as the page's stream
    (compressed by the caller, ``content_filter`` naming how)."""
    codes, cmap = _korean_font(korean)
    if content is None:
        content = (
            b"BT /F1 12 Tf 72 750 Td (" + english.encode("latin-1") + b") Tj ET\n"
            b"BT /F2 12 Tf 72 700 Td " + codes + b" Tj ET\n"
        )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        b"<< /Length %d %s >>\nstream\n" % (len(content), content_filter) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Korean /Encoding /Identity-H"
        b" /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Korean /DW 1000"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
        b" /FontDescriptor 9 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
        b"<< /Type /FontDescriptor /FontName /Korean /Flags 4 /FontBBox [0 0 1000 1000]"
        b" /ItalicAngle 0 /Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def docx(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def hwpx(*paragraphs: str) -> bytes:
    document = HwpxDocument.new()
    for text in paragraphs:
        document.add_paragraph(text)
    return document.to_bytes()
