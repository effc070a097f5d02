"""Extraction: a country sheet's text becomes one :class:`ProgramRecord` per program page.

Passes, each in its own module: ``layout`` (each line as typed pieces: the form's labels,
headings and placeholders wherever they stand, dates, URLs, furniture), ``blocks`` (runs of
text as prose or short values), ``paging`` (program pages), ``form`` (the six form fields by
evidence), ``prose`` (the three boxes by headings or by content), ``names`` (a name from prose),
``entities`` (donors, OAS bodies, partners, counterparts, countries covered), ``quantities``
(numbers in the results). Many sheets are extracted in a pool of worker processes, one sheet
at a time each, with the result one process gives (:func:`extract_inputs`).
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path

from build_graph.cores import available_cores
from build_graph.extract.blocks import group, typical_width
from build_graph.extract.layout import pieces_of
from build_graph.extract.page import extract_page, sheet_context
from build_graph.extract.paging import split_pages
from build_graph.extract.sheet_checks import truncation_finding
from build_graph.model import Extraction, Finding, Severity, SourceDocument
from build_graph.read.documents import DocumentError, Input, find_documents, read_sheet
from build_graph.registry.index import Registry

__all__ = ["POOL_THRESHOLD", "Extracted", "InputReport", "extract_document", "extract_inputs",
           "extract_paths", "extract_text", "worker_count"]

# A progress wrapper: given the sheets to read, yields them while showing progress.
Progress = Callable[[list[Input]], AbstractContextManager[Iterable[Input]]]

POOL_THRESHOLD = 4  # sheets; fewer are extracted before worker processes would have started


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
                   progress: Progress | None = None, workers: int | None = None) -> Extracted:
    """Extract every sheet under the given files and folders (folders recursively unless
    ``recurse`` is false). A file that cannot be read gives an Extraction with an error finding
    and no records, and the others go on; a path not read at all (a dangling link, a loop, not
    a sheet…) gives one with a warning (an info for files that are plainly not sheets).

    Sheets are extracted in ``workers`` processes, by default one for each core this process
    may use when there are :data:`POOL_THRESHOLD` sheets or more and processes can be forked;
    the result is the one a single process gives, in the same order. ``workers=1`` extracts
    in this process."""
    registry = registry or Registry.load()
    found = find_documents(list(paths), recurse)
    files = list(found.files)
    results: list[Extraction] = []
    reports: list[InputReport] = []
    with (progress or nullcontext)(files) as items, \
            _extractions(files, registry, country, workers) as extracted:
        # the wrapper yields the sheets in order: it moves on as each one's result comes back
        for _item, (extraction, report) in zip(items, extracted, strict=True):
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


def worker_count(sheets: int, workers: int | None = None) -> int:
    """How many processes extract this many sheets: ``workers`` (default: the cores this
    process may use, or one below :data:`POOL_THRESHOLD` sheets), never more than the sheets,
    and one where processes cannot be forked (the registry is handed to workers by forking)
    or where this process is itself a pool's worker, which may not start processes."""
    if "fork" not in multiprocessing.get_all_start_methods() \
            or multiprocessing.current_process().daemon:
        return 1
    if workers is None:
        if sheets < POOL_THRESHOLD:
            return 1
        workers = available_cores()
    return max(1, min(workers, sheets))


@contextmanager
def _extractions(files: list[Input], registry: Registry, country: str | None,
                 workers: int | None) -> Iterator[Iterator[tuple[Extraction, InputReport]]]:
    """The extraction and report of each file, in the files' order, computed as they are
    asked for: here, or in a pool of forked worker processes that inherit the registry."""
    count = worker_count(len(files), workers)
    if count == 1:
        yield (_extract_input(item, registry, country) for item in files)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(count, initializer=_start_worker, initargs=(registry, country)) as pool:
        yield pool.imap(_extract_in_worker, files)


# what a worker process extracts with, set once when it starts (inherited, not pickled)
_worker_inputs: tuple[Registry, str | None] | None = None


def _start_worker(registry: Registry, country: str | None) -> None:
    global _worker_inputs
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # on Ctrl-C the parent stops the pool
    _worker_inputs = (registry, country)


def _extract_in_worker(item: Input) -> tuple[Extraction, InputReport]:
    assert _worker_inputs is not None, "called outside a worker started by _start_worker"
    registry, country = _worker_inputs
    return _extract_input(item, registry, country)


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
