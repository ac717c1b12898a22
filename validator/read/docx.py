"""DOCX text in one pass: section headers, body paragraphs and tables in order, footers.

Letterheads often live in the header and contact details in the footer, so both are read.
List paragraphs get a bullet: Word keeps bullets as numbering, not text, and the duties
extractor needs to see where each list item starts.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from ..model import Page
from .errors import LimitError, ReadError
from .text import normalise

MAX_UNCOMPRESSED = 100_000_000  # bytes of XML; python-docx took 74 s and 2.4 GB on 339 MB
MAX_RATIO = 100  # a real DOCX compresses about 5-10 to 1
MAX_PARTS = 10_000  # a real DOCX has a few dozen parts (one per picture, header, style sheet...)


def check_zip(path: Path) -> None:
    """Refuse zip bombs before python-docx expands them."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError(f"the DOCX is not a valid ZIP package ({exc})") from None
    if len(infos) > MAX_PARTS:
        raise LimitError(f"the DOCX holds {len(infos):,} parts (limit {MAX_PARTS:,})")
    # Declared sizes can lie low, not high: zipfile never inflates a member past its declared
    # size (and then fails its CRC check), so the sum bounds what python-docx will parse.
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
    import docx
    from docx.oxml.exceptions import InvalidXmlError
    from lxml.etree import ErrorTypes, LxmlError, XMLSyntaxError

    try:
        document = docx.Document(str(path))
    except MemoryError:
        raise  # the worker makes it FIL009
    except XMLSyntaxError as exc:
        if exc.code == ErrorTypes.ERR_RESOURCE_LIMIT:  # nested entities ("billion laughs"), a huge text node
            raise LimitError(f"the DOCX holds XML built to exhaust its reader ({exc})") from None
        raise ReadError(f"the DOCX holds damaged XML ({exc})") from None
    except (LxmlError, InvalidXmlError) as exc:
        raise ReadError(f"the DOCX holds damaged XML ({exc})") from None
    except Exception as exc:
        # Loading is python-docx, zipfile and zlib on the raw file, and they raise whatever the
        # damage leads them to (tests/fuzz_readers.py met OSError, zlib.error, EOFError,
        # AttributeError...): every one of them means the package cannot be parsed.
        raise ReadError(f"the DOCX cannot be parsed ({type(exc).__name__}: {exc})") from None
    try:
        headers, footers = _section_parts(document)
        lines = list(headers)
        for block in document.iter_inner_content():
            lines += _block_lines(block)
    except (LxmlError, InvalidXmlError) as exc:  # python-docx meets some damage only when a part is used
        raise ReadError(f"the DOCX holds damaged XML ({exc})") from None
    lines += footers
    # Word has no fixed pages; a DOCX is read as one page.
    return (Page(1, normalise("\n".join(lines))),)


def _section_parts(document) -> tuple[list[str], list[str]]:
    headers: list[str] = []
    footers: list[str] = []
    seen: set[str] = set()
    for index, section in enumerate(document.sections):
        for part, out in ((section.first_page_header, headers), (section.header, headers),
                          (section.first_page_footer, footers), (section.footer, footers)):
            if part.is_linked_to_previous and index > 0:
                continue
            text = "\n".join(line for block in part.iter_inner_content() for line in _block_lines(block))
            if text.strip() and text not in seen:  # linked or repeated headers once only
                seen.add(text)
                out.append(text)
    return headers, footers


def _block_lines(block) -> list[str]:
    from docx.table import Table

    if isinstance(block, Table):
        rows = []
        for row in block.rows:
            cells: list[str] = []
            previous = None
            for cell in row.cells:
                text = " ".join(cell.text.split())
                if text and (previous is None or cell._tc is not previous._tc):  # a merged cell repeats
                    cells.append(text)
                previous = cell
            if cells:
                rows.append(" | ".join(cells))
        return rows
    text = block.text
    if _is_list_item(block) and text.strip():
        text = "• " + text.strip()
    return [text]


def _is_list_item(paragraph) -> bool:
    """Numbered or bulleted: numbering properties, or a 'List ...' style (by id: resolving the
    style object scans every style of the document, for every paragraph)."""
    ppr = paragraph._p.pPr
    if ppr is None:
        return False
    return ppr.numPr is not None or (ppr.pStyle is not None and ppr.pStyle.val.startswith("List"))
