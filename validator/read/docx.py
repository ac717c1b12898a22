"""DOCX text in one pass: section headers, body paragraphs and tables in order, footers.

Letterheads often live in the header and contact details in the footer, so both are read.
List paragraphs get a bullet: Word keeps bullets as numbering, not text, and the duties
extractor needs to see where each list item starts.

The package is read with zipfile and lxml directly rather than python-docx: python-docx parses
every part (styles, numbering, settings, theme...) into its object model before the first
paragraph is available, which made a one-page letter cost ten times what its text does. The text
rules are python-docx's own (``Paragraph.text``, ``_Row.cells``), plus what python-docx does not
read: content controls (HR letter templates fill their fields with them), text boxes, tracked
insertions, smart tags and simple fields.
"""
from __future__ import annotations

import itertools
import posixpath
import zipfile
from pathlib import Path

from ..model import Page
from .errors import LimitError, ReadError
from .text import normalise

MAX_UNCOMPRESSED = 100_000_000  # bytes of XML; python-docx took 74 s and 2.4 GB on 339 MB
MAX_RATIO = 100  # a real DOCX compresses about 5-10 to 1
MAX_PARTS = 10_000  # a real DOCX has a few dozen parts (one per picture, header, style sheet...)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_P, _TBL, _TR, _TC = _W + "p", _W + "tbl", _W + "tr", _W + "tc"
_RUN, _T, _BR = _W + "r", _W + "t", _W + "br"
_RUN_TEXT = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
_SDT, _CUSTOM_XML, _TEXT_BOX = _W + "sdt", _W + "customXml", _W + "txbxContent"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# What holds a paragraph's runs besides the paragraph itself, as Word prints them: links, tracked
# insertions and moves, smart tags, simple fields (a DATE field's result). Deleted runs
# (w:del, w:moveFrom) are not printed and not read.
_RUN_HOLDERS = frozenset(_W + tag for tag in ("hyperlink", "ins", "moveTo", "smartTag", "fldSimple", "dir", "bdo"))


def check_zip(path: Path) -> None:
    """Refuse zip bombs before any XML is expanded."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(f"the DOCX is not a valid ZIP package ({exc})") from None
    if len(infos) > MAX_PARTS:
        raise LimitError(f"the DOCX holds {len(infos):,} parts (limit {MAX_PARTS:,})")
    # Declared sizes can lie low, not high: zipfile never inflates a member past its declared
    # size (and then fails its CRC check), so the sum bounds what the XML parser will see.
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED:
        raise LimitError(f"the DOCX expands to {total // 1_000_000} MB (limit {MAX_UNCOMPRESSED // 1_000_000} MB)")
    if total > 10_000_000 and total / packed > MAX_RATIO:
        raise LimitError(f"the DOCX expands to {total // 1_000_000} MB, {total // packed} times its compressed "
                         f"size (limit {MAX_RATIO} times: a real one is 5 to 10)")
    if not any(i.filename == "word/document.xml" for i in infos):
        raise ReadError("the ZIP package holds no Word document (word/document.xml is missing)")


def read_docx(path: Path) -> tuple[Page, ...]:
    check_zip(path)
    from lxml.etree import ErrorTypes, LxmlError, XMLSyntaxError

    try:
        with zipfile.ZipFile(path) as zf:
            lines = _Package(zf).lines()
    except MemoryError:
        raise  # the worker makes it FIL009
    except XMLSyntaxError as exc:
        if exc.code == ErrorTypes.ERR_RESOURCE_LIMIT:  # nested entities ("billion laughs"), a huge text node
            raise LimitError(f"the DOCX holds XML built to exhaust its reader ({exc})") from None
        raise ReadError(f"the DOCX holds damaged XML ({exc})") from None
    except ReadError as exc:
        raise ReadError(f"the DOCX is damaged: {exc}") from None
    except LxmlError as exc:
        raise ReadError(f"the DOCX holds damaged XML ({exc})") from None
    except Exception as exc:
        # zipfile and zlib on a damaged file raise whatever the damage leads them to
        # (tests/fuzz_readers.py met OSError, zlib.error, EOFError, KeyError...): every one of
        # them means the package cannot be parsed.
        raise ReadError(f"the DOCX cannot be parsed ({type(exc).__name__}: {exc})") from None
    # Word has no fixed pages; a DOCX is read as one page.
    return (Page(1, normalise("\n".join(lines))),)


class _Package:
    """The parts of one open DOCX that hold text: the main document, its headers and footers."""

    def __init__(self, zf: zipfile.ZipFile):
        from lxml import etree

        self.zf = zf
        # python-docx's parser settings: entities are never resolved (no XXE, no entity bombs).
        self.parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
        self.main = self._main_part()

    def _xml(self, name: str):
        from lxml import etree

        return etree.fromstring(self.zf.read(name), self.parser)

    def _main_part(self) -> str:
        """The officeDocument the package names, which must be a Word document (not a macro-enabled
        one or a template, which the IRCC portal does not take either)."""
        types = self._xml("[Content_Types].xml")
        overrides, defaults = {}, {}
        for override in types.iter(_CT + "Override"):
            name, content_type = override.get("PartName"), override.get("ContentType")
            if not name or not content_type:
                raise ReadError("a content type override lacks its part name or type")
            overrides[name.lower()] = content_type
        for default in types.iter(_CT + "Default"):
            extension, content_type = default.get("Extension"), default.get("ContentType")
            if not extension or not content_type:
                raise ReadError("a default content type lacks its extension or type")
            defaults[extension.lower()] = content_type
        targets = [target for rel_type, target in self._relationships("").values() if rel_type == _OFFICE_DOCUMENT]
        if not targets:
            raise ReadError("the package names no main document")
        main = targets[0]
        content_type = overrides.get("/" + main.lower()) or defaults.get(posixpath.splitext(main)[1][1:].lower())
        if content_type != _WORD_MAIN:
            raise ReadError(f"the main part is not a Word document (its content type is {content_type!r})")
        return main

    def _relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Id -> (type, part name) of each internal relationship of ``part`` ("" for the package)."""
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        if rels_name not in self.zf.NameToInfo:
            return {}
        out = {}
        for rel in self._xml(rels_name).iter(_REL):
            if rel.get("TargetMode") == "External":
                continue
            rel_id, rel_type, target = rel.get("Id"), rel.get("Type"), rel.get("Target")
            if not rel_id or not rel_type or not target:
                raise ReadError(f"a relationship in {rels_name} lacks its id, type or target")
            target = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            out[rel_id] = (rel_type, posixpath.normpath(target))
        return out

    def lines(self) -> list[str]:
        document = self._xml(self.main)
        body = document.find(_W + "body")
        if body is None:
            raise ReadError("the main document has no body")
        headers, footers = self._section_parts(body)
        lines = list(headers)
        for block in _content(body):
            lines += _block_lines(block)
        return lines + footers

    def _section_parts(self, body) -> tuple[list[str], list[str]]:
        """Each section's own first-page and default header and footer text, each text once.

        A section without a reference of a type is linked to the previous one's: nothing new.
        """
        rels = self._relationships(self.main)
        headers: list[str] = []
        footers: list[str] = []
        seen: set[str] = set()
        sections = [p.find(f"{_W}pPr/{_W}sectPr") for p in body.iterchildren(_P)] + [body.find(_W + "sectPr")]
        for section in (s for s in sections if s is not None):
            for tag, kind, out in (("headerReference", "first", headers), ("headerReference", "default", headers),
                                   ("footerReference", "first", footers), ("footerReference", "default", footers)):
                reference = next((r for r in section.iterchildren(_W + tag) if r.get(_W + "type") == kind), None)
                if reference is None:
                    continue
                rel_id = reference.get(_R_ID)
                if rel_id not in rels:
                    raise ReadError(f"a section's {tag} names no part ({rel_id!r})")
                root = self._xml(rels[rel_id][1])
                text = "\n".join(line for block in _content(root) for line in _block_lines(block))
                if text.strip() and text not in seen:  # linked or repeated headers once only
                    seen.add(text)
                    out.append(text)
        return headers, footers


def _content(element):
    """The children of ``element`` as Word prints them: a content control (the fields of an HR
    letter template) or custom XML gives its content, a content control still showing its
    placeholder ("Click or tap here to enter text.") gives nothing."""
    for child in element:
        if child.tag == _SDT:
            content = child.find(_W + "sdtContent")
            if content is not None and child.find(f"{_W}sdtPr/{_W}showingPlcHdr") is None:
                yield from _content(content)
        elif child.tag == _CUSTOM_XML:
            yield from _content(child)
        else:
            yield child


def _block_lines(block) -> list[str]:
    """A paragraph's text, or a table's rows (cells joined by " | "); other elements give nothing."""
    if block.tag == _P:
        text = _paragraph_text(block)
        if _is_list_item(block) and text.strip():
            text = "• " + text.strip()
        return [text] + [line for box in _text_boxes(block) for inner in _content(box) for line in _block_lines(inner)]
    if block.tag != _TBL:
        return []
    rows = []
    table_rows = [row for row in _content(block) if row.tag == _TR]
    for row_index, row in enumerate(table_rows):
        cells: list[str] = []
        previous = None
        for tc in _row_cells(table_rows, row_index, row):
            text = " ".join("\n".join(_paragraph_text(p) for p in _content(tc) if p.tag == _P).split())
            if text and tc is not previous:  # a merged cell repeats
                cells.append(text)
            previous = tc
        if cells:
            rows.append(" | ".join(cells))
    return rows


def _text_boxes(paragraph) -> list:
    """The text boxes anchored in a paragraph (a letterhead's address often sits in one), each
    once: Word writes a box twice, as a drawing and as a VML fallback, and the fallback is
    skipped; a box inside a box is read with its outer box."""
    boxes = []
    for box in paragraph.iter(_TEXT_BOX):
        between = itertools.takewhile(lambda a: a is not paragraph, box.iterancestors())
        if not any(a.tag in (_FALLBACK, _TEXT_BOX) for a in between):
            boxes.append(box)
    return boxes


def _row_cells(rows: list, index: int, row) -> list:
    """The ``w:tc`` behind each grid column of a row, as python-docx's ``_Row.cells`` gives them: a
    cell spanning columns repeats, and a vertically merged one is the cell that starts the merge."""
    cells = []
    for tc in _cells(row):
        props = tc.find(_W + "tcPr")
        if props is not None and (merge := props.find(_W + "vMerge")) is not None \
                and merge.get(_W + "val", "continue") == "continue":
            above = _cell_above(rows, index, _grid_offset(row, tc))
            if above is not None:
                cells += [above] * _grid_span(above)
            continue
        cells += [tc] * _grid_span(tc)
    return cells


def _cell_above(rows: list, index: int, offset: int):
    """The cell that starts the vertical merge reaching row ``index`` at grid column ``offset``."""
    for row_index in range(index - 1, -1, -1):
        row = rows[row_index]
        tc = next((tc for tc in _cells(row) if _grid_offset(row, tc) == offset), None)
        if tc is None:
            return None
        props = tc.find(_W + "tcPr")
        merge = props.find(_W + "vMerge") if props is not None else None
        if merge is None or merge.get(_W + "val", "continue") != "continue":
            return tc
    return None


def _cells(row) -> list:
    return [tc for tc in _content(row) if tc.tag == _TC]


def _grid_offset(row, cell) -> int:
    before = row.find(f"{_W}trPr/{_W}gridBefore")
    offset = _int(before.get(_W + "val")) if before is not None else 0
    for tc in _cells(row):
        if tc is cell:
            return offset
        offset += _grid_span(tc)
    return offset


def _grid_span(tc) -> int:
    span = tc.find(f"{_W}tcPr/{_W}gridSpan")
    return max(1, _int(span.get(_W + "val"))) if span is not None else 1


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        raise ReadError(f"a table holds a count that is not a number ({value!r})") from None


def _paragraph_text(p) -> str:
    """The text of the paragraph's runs, wherever they sit (see _RUN_HOLDERS and _content)."""
    return "".join(_run_text(run) for run in _runs(p))


def _runs(element):
    for child in _content(element):
        if child.tag == _RUN:
            yield child
        elif child.tag in _RUN_HOLDERS:
            yield from _runs(child)


def _run_text(run) -> str:
    parts = []
    for child in run:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag == _BR:
            parts.append("\n" if child.get(_W + "type", "textWrapping") == "textWrapping" else "")
        elif tag in _RUN_TEXT:
            parts.append(_RUN_TEXT[tag])
    return "".join(parts)


def _is_list_item(paragraph) -> bool:
    """Numbered or bulleted: numbering properties, or a 'List ...' style (by id)."""
    props = paragraph.find(_W + "pPr")
    if props is None:
        return False
    style = props.find(_W + "pStyle")
    return props.find(_W + "numPr") is not None or (style is not None and style.get(_W + "val", "").startswith("List"))
