"""The certificate as printed: a QR code of its verification link and a PDF.

Both come from ReportLab (one pure-Python dependency, pinned in constraints.txt):

- QR codes: ReportLab's QR encoder gives the modules; :func:`qr_svg` writes them as one compact
  SVG path for the HTML pages, and the PDF draws them as vectors.
- PDF: Chinese is set in ``STSong-Light``, one of the CID fonts every PDF reader must know
  (Adobe-GB1, encoding UniGB-UCS2-H). It is *referenced*, not embedded: no font file ships with
  the site, the PDF stays a few kilobytes, and Acrobat, pdf.js (browsers), Preview, PDFium and
  poppler render it with their own Song/Ming face. Embedding a TrueType font would need a
  CJK font file on every app server (tens of MB) for no gain in legibility.

Two kinds of document are printed: the **certificate** (full name, masked ID number, score;
officers only, from the admin) and the public **verification record** reached with the token
(masked name, no ID number, no score).
"""

from __future__ import annotations

import io

from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
ISSUER = "山东省中小企业数字化服务商资源池"
TITLE = "实践应用考核结业证书"
SUBTITLE = "Certificate of Practical Application Assessment"

_font_registered = False


def _register_font() -> None:
    global _font_registered
    if not _font_registered:
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        _font_registered = True


def qr_modules(text: str) -> list[list[bool]]:
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    count = code.getModuleCount()
    return [[bool(code.isDark(row, col)) for col in range(count)] for row in range(count)]


def qr_svg(text: str, *, title: str = "") -> str:
    """An SVG QR code of ``text`` (with the four-module quiet zone), scalable by CSS."""
    modules = qr_modules(text)
    size = len(modules) + 8
    parts = []
    for y, row in enumerate(modules):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                parts.append(f"M{start + 4} {y + 4}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    label = f"<title>{_escape(title)}</title>" if title else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'shape-rendering="crispEdges" role="img" class="qr-code">{label}'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path fill="#000" d="{"".join(parts)}"/></svg>'
    )


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def certificate_pdf(document: dict) -> bytes:
    """A one-page A4 landscape PDF. ``document`` holds the texts (see ``views.printable``):
    ``kind`` (certificate / record), ``lines`` [(label, value)], ``statement``, ``status``,
    ``revoked`` (bool), ``url`` (verification link), ``number``."""
    _register_font()
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height), pageCompression=1)
    pdf.setTitle(f"{TITLE} {document['number']}")
    pdf.setAuthor(ISSUER)
    pdf.setSubject(document["url"])

    # Border
    pdf.setStrokeColor(colors.HexColor("#1d4f91"))
    pdf.setLineWidth(3)
    pdf.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    pdf.setLineWidth(0.8)
    pdf.rect(16 * mm, 16 * mm, width - 32 * mm, height - 32 * mm)

    # Title
    pdf.setFillColor(colors.HexColor("#1d4f91"))
    pdf.setFont(FONT, 30)
    title = TITLE if document["kind"] == "certificate" else f"{TITLE}（查验记录）"
    pdf.drawCentredString(width / 2, height - 45 * mm, title)
    pdf.setFont("Helvetica", 11)
    pdf.drawCentredString(width / 2, height - 53 * mm, SUBTITLE)

    # Statement and fields
    pdf.setFillColor(colors.black)
    y = height - 72 * mm
    if document.get("statement"):
        pdf.setFont(FONT, 15)
        for line in _wrap(_glyphs(document["statement"]), 40):
            pdf.drawString(32 * mm, y, line)
            y -= 9 * mm
        y -= 3 * mm
    for label, value in document["lines"]:
        pdf.setFont(FONT, 13)
        pdf.drawString(32 * mm, y, f"{label}：")
        value = str(value)
        # Latin letters and digits (numbers, dates) read better in Helvetica than in the CID
        # font's proportional Latin.
        pdf.setFont("Helvetica" if value.isascii() else FONT, 13)
        pdf.drawString(62 * mm, y, _glyphs(value))
        y -= 8 * mm

    # Status
    pdf.setFont(FONT, 14)
    if document["revoked"]:
        pdf.setFillColor(colors.HexColor("#b42318"))
    pdf.drawString(32 * mm, y - 2 * mm, document["status"])
    pdf.setFillColor(colors.black)

    # QR code and link
    size = 48 * mm
    left, bottom = width - 32 * mm - size, 34 * mm
    _draw_qr(pdf, document["url"], left, bottom, size)
    pdf.setFont(FONT, 9)
    pdf.drawCentredString(left + size / 2, bottom - 6 * mm, "扫码查验证书真伪")
    pdf.setFont("Helvetica", 7)
    pdf.drawRightString(width - 32 * mm, 24 * mm, document["url"])

    pdf.setFont(FONT, 13)
    pdf.drawString(32 * mm, 34 * mm, ISSUER)

    if document["revoked"]:
        pdf.saveState()
        pdf.setFillColor(colors.Color(0.7, 0.1, 0.1, alpha=0.18))
        pdf.setFont(FONT, 110)
        pdf.translate(width / 2, height / 2)
        pdf.rotate(20)
        pdf.drawCentredString(0, -30, "已撤销")
        pdf.restoreState()

    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _draw_qr(pdf, text: str, left: float, bottom: float, size: float) -> None:
    modules = qr_modules(text)
    count = len(modules)
    cell = size / count
    pdf.setFillColor(colors.black)
    for row_index, row in enumerate(modules):
        y = bottom + size - (row_index + 1) * cell
        for col_index, dark in enumerate(row):
            if dark:
                pdf.rect(left + col_index * cell, y, cell, cell, stroke=0, fill=1)


def _glyphs(text: str) -> str:
    """Characters the CID font's UniGB-UCS2-H encoding has no glyph for, replaced by their
    look-alikes: the middle dot of names such as 买买提·艾力 (U+00B7) → U+30FB."""
    return text.replace("\u00b7", "\u30fb")


def _wrap(text: str, width: int) -> list[str]:
    """Chinese text has no spaces to break at: cut every ``width`` characters."""
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]
