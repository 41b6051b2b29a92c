"""
A minimal Word document (WordprocessingML in a zip, ECMA-376) for the council's file: headings,
paragraphs and tables, nothing else. Written by hand so the report needs no extra dependency.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
FONT = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>'


def _run(text: str, *, bold: bool = False, size: int = 26) -> str:
    lines = escape(text).split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{line}</w:t>' for line in lines)
    return f'<w:r><w:rPr>{FONT}{"<w:b/>" if bold else ""}<w:sz w:val="{size}"/></w:rPr>{body}</w:r>'


class Document:
    """Paragraphs and tables, in order; `bytes()` gives the .docx."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def paragraph(self, text: str, *, bold: bool = False, size: int = 26, center: bool = False) -> None:
        align = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
        self.parts.append(f"<w:p>{align}{_run(text, bold=bold, size=size)}</w:p>")

    def heading(self, text: str) -> None:
        self.paragraph(text, bold=True, size=28)

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        def row(cells: list[str], bold: bool) -> str:
            return (
                "<w:tr>"
                + "".join(f"<w:tc><w:p>{_run(str(cell), bold=bold, size=24)}</w:p></w:tc>" for cell in cells)
                + "</w:tr>"
            )

        borders = "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        self.parts.append(
            f'<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr>'
            + row(header, True)
            + "".join(row(cells, False) for cells in rows)
            + "</w:tbl><w:p/>"
        )

    def __bytes__(self) -> bytes:
        document = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>'
            + "".join(self.parts)
            + "<w:sectPr/></w:body></w:document>"
        )
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
            package.writestr("[Content_Types].xml", CONTENT_TYPES)
            package.writestr("_rels/.rels", RELS)
            package.writestr("word/document.xml", document)
        return out.getvalue()
