"""Extraction: a country sheet's text becomes one :class:`ProgramRecord` per program page.

Passes, each in its own module: ``layout`` (each line as typed pieces: the form's labels,
headings and placeholders wherever they stand, dates, URLs, furniture), ``blocks`` (runs of
text as prose or short values), ``paging`` (program pages), ``form`` (the six form fields by
evidence), ``prose`` (the three boxes by headings or by content), ``names`` (a name from prose),
``entities`` (donors, OAS bodies, partners, counterparts, countries covered), ``quantities``
(numbers in the results).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path

from build_graph.extract.blocks import group, typical_width
from build_graph.extract.layout import pieces_of
from build_graph.extract.page import extract_page, sheet_context
from build_graph.extract.paging import split_pages
from build_graph.extract.sheet_checks import truncation_finding
from build_graph.model import Extraction, Finding, Severity, SourceDocument
from build_graph.read.documents import DocumentError, Input, find_documents, read_sheet
from build_graph.registry.index import Registry

__all__ = ["Extracted", "InputReport", "extract_document", "extract_inputs", "extract_paths",
           "extract_text"]

# A progress wrapper: given the sheets to read, yields them while showing progress.
Progress = Callable[[list[Input]], AbstractContextManager[Iterable[Input]]]


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


@dataclass(frozen=True)
class InputReport:
    """One path under the inputs: read (with what it gave) or skipped, and why."""

    path: str
    status: str  # "read" or "skipped"
    reason: str | None = None  # why it was skipped: a SkipReason or DocumentError reason
    detail: str | None = None
    document: str | None = None  # the document name it was read as
    encoding: str | None = None
    pages: int = 0  # program pages found
    unassigned: int = 0  # pieces of text no field claimed

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True)
class Extracted:
    """Every input path accounted for, and the extraction of each sheet read."""

    extractions: tuple[Extraction, ...]
    inputs: tuple[InputReport, ...]


def extract_inputs(paths: list[Path], registry: Registry | None = None,
                   country: str | None = None, *, recurse: bool = True,
                   progress: Progress | None = None) -> Extracted:
    """Extract every sheet under the given files and folders (folders recursively unless
    ``recurse`` is false). A file that cannot be read gives an Extraction with an error finding
    and no records, and the others go on; a path not read at all (a dangling link, a loop, not
    a sheet…) gives one with a warning (an info for files that are plainly not sheets)."""
    registry = registry or Registry.load()
    found = find_documents(list(paths), recurse)
    results: list[Extraction] = []
    reports: list[InputReport] = []
    with (progress or nullcontext)(list(found.files)) as items:
        for item in items:
            extraction, report = _extract_input(item, registry, country)
            results.append(extraction)
            reports.append(report)
    for skipped in found.skipped:
        results.append(Extraction(None, (), (skipped.finding(),)))
        reports.append(InputReport(skipped.path, "skipped", skipped.reason.value,
                                   skipped.detail))
    if not found.files:
        shown = ", ".join(str(p) for p in paths) or "(nothing)"
        results.append(Extraction(None, (), (Finding(
            Severity.ERROR, shown, None,
            "no .txt or .pdf country sheet found; pass sheet files or a folder holding them",
            "no-documents"),)))
    return Extracted(tuple(results), tuple(sorted(reports, key=lambda r: r.path)))


def _extract_input(item: Input, registry: Registry,
                   country: str | None) -> tuple[Extraction, InputReport]:
    try:
        read = read_sheet(item.path, item.name)
    except DocumentError as exc:
        finding = Finding(Severity.ERROR, exc.path, exc.line, exc.message, "unreadable")
        return (Extraction(None, (), (finding,)),
                InputReport(str(item.path), "skipped", exc.reason, exc.message))
    extraction = extract_document(read.document, registry, country)
    truncated = truncation_finding(read.document, extraction.records)
    extraction = Extraction(extraction.document, extraction.records,
                            read.notes + extraction.findings + truncated)
    report = InputReport(str(item.path), "read", document=read.document.name,
                         encoding=read.document.encoding, pages=len(extraction.records),
                         unassigned=sum(len(r.unassigned) for r in extraction.records))
    return extraction, report


def extract_paths(paths: list[Path], registry: Registry | None = None,
                  country: str | None = None, recurse: bool = True) -> list[Extraction]:
    """The extractions of :func:`extract_inputs` (one per sheet and per path not read)."""
    return list(extract_inputs(paths, registry, country, recurse=recurse).extractions)
