"""FIL: problems with the files themselves, found while taking them in and reading them."""
from __future__ import annotations

from collections.abc import Iterator

from validator.model import ERROR, INFO, WARNING, Document, Finding
from validator.registry import Context, check

from .sources import COMPLETENESS_CHECK, UPLOAD_DOCUMENTS


def _problems(code: str, doc: Document, ctx: Context) -> Iterator[Finding]:
    for p in doc.problems:
        if p.code == code:
            yield ctx.finding(p.message, doc, page=p.page, evidence=p.evidence)


@check(code="FIL001", name="unreadable-file", severity=ERROR, kinds="*", source=UPLOAD_DOCUMENTS,
       fix="Open the file yourself; if it does not open, get a new copy from the source or re-scan it.")
def unreadable_file(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The file cannot be opened or parsed: corrupt, truncated or empty.

    An officer who cannot open a document treats it as missing, and the portal may reject the
    upload. prcheck did not check anything in this file.
    """
    yield from _problems("FIL001", doc, ctx)


@check(code="FIL002", name="encrypted-file", severity=ERROR, kinds="*", source=UPLOAD_DOCUMENTS,
       fix="Save an unprotected copy (print to PDF without a password) and upload that.")
def encrypted_file(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The PDF is password-protected.

    The IRCC portal rejects password-protected files, and an officer cannot open them.
    prcheck could not read its contents.
    """
    yield from _problems("FIL002", doc, ctx)


@check(code="FIL003", name="no-text-layer", severity=WARNING, kinds="*", source=UPLOAD_DOCUMENTS,
       fix="Check this document by eye, or provide a text PDF (a scan saved with OCR).")
def no_text_layer(doc: Document, ctx: Context) -> Iterator[Finding]:
    """Image-only pages with no text that prcheck could read.

    A scan is acceptable to IRCC, but prcheck can only check what it can read: without OCR
    text, none of this document's facts were verified. (Info when OCR supplied the text.)
    """
    for p in doc.problems:
        if p.code == "FIL003":
            yield ctx.finding(p.message, doc, page=p.page, evidence=p.evidence,
                              severity=INFO if doc.ocr else None)


@check(code="FIL004", name="unsupported-format", severity=WARNING, kinds="*", source=UPLOAD_DOCUMENTS,
       fix="Convert it to PDF (the portal takes PDF, TIFF, JPG, PNG, DOC and DOCX).")
def unsupported_format(doc: Document, ctx: Context) -> Iterator[Finding]:
    """A file type the IRCC portal does not take, or that prcheck cannot read.

    The portal accepts .pdf, .tiff, .jpg, .png, .doc and .docx files only.
    """
    yield from _problems("FIL004", doc, ctx)


@check(code="FIL005", name="file-too-large", severity=WARNING, kinds="*", source=UPLOAD_DOCUMENTS,
       fix="Reduce the file (lower scan resolution, greyscale, or split it) below the portal's limit.")
def file_too_large(doc: Document, ctx: Context) -> Iterator[Finding]:
    """The file is over the portal's per-file size limit (policy.portal_max_file_mb, 4 MB by default).

    The IRCC portal refuses larger uploads, so the file must be made smaller before submission.
    """
    limit = ctx.policy.portal_max_file_mb * 1_000_000
    if doc.size > limit:
        yield ctx.finding(f"The file is {doc.size / 1_000_000:.1f} MB; the portal takes at most "
                          f"{ctx.policy.portal_max_file_mb:g} MB per file.", doc)


@check(code="FIL006", name="unrecognized-document", severity=WARNING, kinds="*", source=COMPLETENESS_CHECK,
       fix="Check that this is a document the application needs; if it is, tell us what it is so prcheck learns it.")
def unrecognized_document(doc: Document, ctx: Context) -> Iterator[Finding]:
    """prcheck cannot tell what kind of document this is.

    None of the document-specific checks ran on it. It may be a document prcheck does not know
    (e.g. a statutory declaration) or one whose wording is unusual.
    """
    if doc.readable and doc.kind == "unknown" and doc.text.strip():
        yield ctx.finding("The kind of this document could not be determined, so no document "
                          "checks ran on it.", doc)


@check(code="FIL007", name="duplicate-document", severity=INFO, source=UPLOAD_DOCUMENTS,
       fix="Remove the copy unless it is meant to be uploaded in two places.")
def duplicate_document(ctx: Context) -> Iterator[Finding]:
    """Two files have the same content.

    Usually a copy left behind; reported on the second file in path order.
    """
    first: dict[str, Document] = {}
    for doc in sorted(ctx.documents, key=lambda d: d.rel):
        if doc.size == 0:
            continue
        if doc.sha256 in first:
            yield ctx.finding(f"Same content as {first[doc.sha256].rel}.", doc)
        else:
            first[doc.sha256] = doc


@check(code="FIL009", name="document-too-complex", severity=ERROR, kinds="*", source=UPLOAD_DOCUMENTS,
       fix="Open the file and save a plain copy (print to PDF); a real application document is small.")
def document_too_complex(doc: Document, ctx: Context) -> Iterator[Finding]:
    """Reading the file exceeded a limit (pages, decompressed size, time or memory).

    Such files are usually damaged or hostile; prcheck stopped reading it and audited the rest
    of the folder.
    """
    yield from _problems("FIL009", doc, ctx)
