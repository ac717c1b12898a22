"""The DOCX reader reads the package's XML directly; what it reads must be what python-docx reads.

python-docx stays the reference: each document here is built with it, and the expected text is
taken with its public API (the reader prcheck used before), so a difference is a reader bug.
"""
from __future__ import annotations

import zipfile

import docx
import pytest
from docx.enum.section import WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table

from validator.read.docx import read_docx
from validator.read.errors import ReadError
from validator.read.text import normalise


def python_docx_text(path) -> str:
    """Headers, body blocks and footers as python-docx's API gives them (merged cells once)."""
    document = docx.Document(str(path))

    def block_lines(block):
        if isinstance(block, Table):
            rows = []
            for row in block.rows:
                cells, previous = [], None
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if text and (previous is None or cell._tc is not previous._tc):
                        cells.append(text)
                    previous = cell
                if cells:
                    rows.append(" | ".join(cells))
            return rows
        ppr = block._p.pPr
        listed = ppr is not None and (ppr.numPr is not None
                                      or (ppr.pStyle is not None and ppr.pStyle.val.startswith("List")))
        return ["• " + block.text.strip()] if listed and block.text.strip() else [block.text]

    headers, footers, seen = [], [], set()
    for index, section in enumerate(document.sections):
        for part, out in ((section.first_page_header, headers), (section.header, headers),
                          (section.first_page_footer, footers), (section.footer, footers)):
            if part.is_linked_to_previous and index > 0:
                continue
            text = "\n".join(line for block in part.iter_inner_content() for line in block_lines(block))
            if text.strip() and text not in seen:
                seen.add(text)
                out.append(text)
    body = [line for block in document.iter_inner_content() for line in block_lines(block)]
    return normalise("\n".join(headers + body + footers))


def _hyperlink(paragraph, text: str, url: str) -> None:
    rel_id = paragraph.part.relate_to(url, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                                      "hyperlink", is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _vertical_merge_with_span() -> docx.Document:
    document = docx.Document()
    table = document.add_table(rows=4, cols=4)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"r{r}c{c}"
    table.cell(0, 0).merge(table.cell(2, 1))  # two columns and three rows
    table.cell(1, 3).merge(table.cell(3, 3))
    table.cell(3, 1).merge(table.cell(3, 2))
    return document


def _letter() -> docx.Document:
    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Northwind Logistics Ltd. — letterhead"
    section.header.paragraphs[0].text = "Northwind Logistics (continued)"
    section.footer.paragraphs[0].text = "200 Bay Street, Toronto ON M5J 2J5 | hr@northwind.example"
    document.add_paragraph("To whom it may concern,")
    p = document.add_paragraph("Priya Sharma\tSoftware Engineer")
    p.add_run().add_break()
    p.add_run("from March 4, 2019 to present.")
    _hyperlink(document.add_paragraph("Contact: "), "hr@northwind.example", "mailto:hr@northwind.example")
    for duty in ("Design services", "Review code"):
        document.add_paragraph(duty, style="List Bullet")
    document.add_paragraph("Numbered duty", style="List Number")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"cell {r}{c}"
    table.cell(0, 0).merge(table.cell(0, 1))  # across
    table.cell(1, 2).merge(table.cell(2, 2))  # down: python-docx repeats the top cell's text
    table.cell(2, 0).add_paragraph("second paragraph in a cell")
    second = document.add_section(WD_SECTION.NEW_PAGE)  # linked to the first: nothing new
    second.footer.is_linked_to_previous = False
    second.footer.paragraphs[0].text = "Page 2 footer"
    document.add_paragraph("Sincerely,")
    return document


@pytest.mark.parametrize("build", [_letter, _vertical_merge_with_span])
def test_the_reader_reads_what_python_docx_reads(build, tmp_path):
    path = tmp_path / "letter.docx"
    build().save(str(path))
    (page,) = read_docx(path)
    assert page.text == python_docx_text(path)


def test_the_letter_parts_are_in_reading_order(tmp_path):
    path = tmp_path / "letter.docx"
    _letter().save(str(path))
    lines = read_docx(path)[0].text.split("\n")
    assert lines[0] == "Northwind Logistics Ltd. — letterhead"
    assert "• Design services" in lines and "• Numbered duty" in lines
    assert "Contact: hr@northwind.example" in lines
    # A merge joins the cells' text; a cell merged down repeats on every row it covers.
    assert lines.index("cell 00 cell 01 | cell 02") + 2 == lines.index(
        "cell 20 second paragraph in a cell | cell 21 | cell 12 cell 22")
    assert lines[-2:] == ["200 Bay Street, Toronto ON M5J 2J5 | hr@northwind.example", "Page 2 footer"]


def _rewrite(path, member: str, edit) -> None:
    with zipfile.ZipFile(path) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    members[member] = edit(members[member])
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)


@pytest.mark.parametrize(("member", "edit", "why"), [
    ("[Content_Types].xml", lambda x: x.replace(b"wordprocessingml.document.main+xml",
                                                b"wordprocessingml.template.main+xml"), "not a Word document"),
    ("_rels/.rels", lambda x: x.replace(b"relationships/officeDocument", b"relationships/other"), "no main document"),
    ("word/document.xml", lambda x: x.replace(b"<w:body>", b"<w:bodyx>").replace(b"</w:body>", b"</w:bodyx>"),
     "has no body"),
])
def test_a_package_that_is_not_a_word_document_is_a_read_error(member, edit, why, tmp_path):
    path = tmp_path / "letter.docx"
    _letter().save(str(path))
    _rewrite(path, member, edit)
    with pytest.raises(ReadError, match=why):
        read_docx(path)


def lines_with_body_xml(tmp_path, xml: str) -> list[str]:
    """The lines read from a letter whose body starts with ``xml``, then "To whom it may concern,"."""
    path = tmp_path / "letter.docx"
    document = docx.Document()
    document.add_paragraph("To whom it may concern,")
    document.save(str(path))
    _rewrite(path, "word/document.xml", lambda x: x.replace(b"<w:body>", b"<w:body>" + xml.encode(), 1))
    return read_docx(path)[0].text.split("\n")


TEMPLATE_FIELDS = (
    '<w:sdt><w:sdtPr><w:alias w:val="Employee"/></w:sdtPr><w:sdtContent>'
    '<w:p><w:r><w:t>Employee: Priya Sharma</w:t></w:r></w:p></w:sdtContent></w:sdt>'
    '<w:p><w:r><w:t xml:space="preserve">Start date: </w:t></w:r><w:sdt><w:sdtContent>'
    '<w:r><w:t>March 4, 2019</w:t></w:r></w:sdtContent></w:sdt></w:p>'
    '<w:p><w:r><w:t xml:space="preserve">Salary: </w:t></w:r>'
    '<w:ins w:id="1" w:author="HR" w:date="2025-01-01T00:00:00Z"><w:r><w:t>$92,500</w:t></w:r></w:ins>'
    '<w:del w:id="2" w:author="HR" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>$90,000</w:delText></w:r></w:del>'
    '</w:p>'
    '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
    '<w:p><w:r><w:t>Click or tap here to enter text.</w:t></w:r></w:p></w:sdtContent></w:sdt>'
    '<w:p><w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place">'
    '<w:r><w:t>Toronto</w:t></w:r></w:smartTag></w:p>'
    '<w:p><w:fldSimple w:instr=" DATE \\@ &quot;MMMM d, yyyy&quot; ">'
    '<w:r><w:t>June 2, 2025</w:t></w:r></w:fldSimple></w:p>'
    '<w:tbl><w:sdt><w:sdtContent><w:tr><w:sdt><w:sdtContent><w:tc><w:p><w:r><w:t>Position</w:t></w:r></w:p></w:tc>'
    '</w:sdtContent></w:sdt><w:tc><w:p><w:r><w:t>Analyst</w:t></w:r></w:p></w:tc></w:tr></w:sdtContent></w:sdt></w:tbl>'
)


def test_template_fields_and_tracked_changes_are_read_as_printed(tmp_path):
    """python-docx skips content controls, insertions and smart tags; a letter's facts live there."""
    lines = lines_with_body_xml(tmp_path, TEMPLATE_FIELDS)
    assert lines[:6] == ["Employee: Priya Sharma", "Start date: March 4, 2019", "Salary: $92,500", "Toronto",
                         "June 2, 2025", "Position | Analyst"]
    assert "To whom it may concern," in lines
    assert not any("$90,000" in line or "Click or tap" in line for line in lines)


TEXT_BOX = (
    '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><wps:wsp><wps:txbx>'
    '<w:txbxContent><w:p><w:r><w:t>Acme Robotics Inc.</w:t></w:r></w:p>'
    '<w:p><w:r><w:t>100 King Street West, Toronto, ON M5H 1A1</w:t></w:r></w:p></w:txbxContent>'
    '</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
    '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Acme Robotics Inc.</w:t></w:r></w:p>'
    '<w:p><w:r><w:t>100 King Street West, Toronto, ON M5H 1A1</w:t></w:r></w:p></w:txbxContent></v:textbox>'
    '</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>June 2, 2025</w:t></w:r></w:p>'
)


def test_a_letterhead_in_a_text_box_is_read_once(tmp_path):
    lines = lines_with_body_xml(tmp_path, TEXT_BOX)
    assert lines[:4] == ["June 2, 2025", "Acme Robotics Inc.", "100 King Street West, Toronto, ON M5H 1A1",
                         "To whom it may concern,"]
