"""Extraction: a country sheet's text becomes one :class:`ProgramRecord` per program page.

Passes, each in its own module: ``layout`` (each line as typed pieces: the form's labels,
headings and placeholders wherever they stand, dates, URLs, furniture), ``blocks`` (runs of
text as prose or short values), ``paging`` (program pages), ``form`` (the six form fields by
evidence), ``prose`` (the three boxes by headings or by content), ``names`` (a name from prose),
``entities`` (donors, OAS bodies, partners, counterparts, countries covered), ``quantities``
(numbers in the results).
"""

from __future__ import annotations

from pathlib import Path

from build_graph.documents import DocumentError, find_documents, read_document
from build_graph.extract.blocks import group, typical_width
from build_graph.extract.layout import pieces_of
from build_graph.extract.page import extract_page, sheet_context
from build_graph.extract.paging import split_pages
from build_graph.model import Extraction, Finding, Severity, SourceDocument
from build_graph.registry import Registry

__all__ = ["extract_document", "extract_paths", "extract_text"]


def extract_document(doc: SourceDocument, registry: Registry | None = None,
                     country: str | None = None) -> Extraction:
    """Every program page of one sheet, as records, with what was noticed on the way."""
    registry = registry or Registry.load()
    pieces = pieces_of(doc.lines)
    # a sheet has at least one prose heading or form label; a text with neither has no page
    anchored = any(p.kind in ("heading", "label") for p in pieces)
    items = group(pieces, typical_width(list(doc.lines)))
    pages = split_pages(items) if anchored else []
    ctx, findings = sheet_context(doc, pieces, registry, country)
    records = []
    page_findings: list[Finding] = []
    header = None
    for number, page in enumerate(pages, start=1):
        record, header, found = extract_page(page, number, ctx, registry, header)
        records.append(record)
        page_findings += found
    findings += page_findings
    if not records:
        findings.append(Finding(Severity.ERROR, doc.name, None,
                                "no program page found: expected the headings PROGRAM SUMMARY /"
                                " OBJECTIVES / RESULTS or the form's labels (OAS Pillar, Name "
                                "of Activity, Donor Countries)", "no-pages"))
    return Extraction(doc, tuple(records), tuple(findings))


def extract_text(text: str, name: str = "sheet.txt", registry: Registry | None = None,
                 country: str | None = None) -> Extraction:
    """Extract from text in memory (handy in tests and notebooks)."""
    import hashlib

    doc = SourceDocument(name, name, hashlib.sha256(text.encode()).hexdigest(),
                         tuple(text.split("\n")))
    return extract_document(doc, registry, country)


def extract_paths(paths: list[Path], registry: Registry | None = None,
                  country: str | None = None) -> list[Extraction]:
    """Extract every sheet under the given files and folders; a file that cannot be read gives
    an Extraction with an error finding and no records, and the others go on."""
    registry = registry or Registry.load()
    results = []
    for path in find_documents(paths):
        try:
            doc = read_document(path)
        except DocumentError as exc:
            results.append(Extraction(None, (), (
                Finding(Severity.ERROR, exc.path, exc.line, exc.message, "unreadable"),)))
            continue
        results.append(extract_document(doc, registry, country))
    if not results:
        shown = ", ".join(str(p) for p in paths) or "(nothing)"
        results.append(Extraction(None, (), (Finding(
            Severity.ERROR, shown, None,
            "no .txt or .pdf country sheet found; pass sheet files or a folder holding them",
            "no-documents"),)))
    return results
