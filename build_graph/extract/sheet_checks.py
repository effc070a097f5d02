"""Checks of whole sheets: pages read twice, and sheets cut short.

*Repeated pages.* A page that repeats a page already read (its program name and prose, see
:func:`page_key`) is reported with both places. On the same sheet (a page pasted twice, a
sheet concatenated with itself) or on another sheet of the same country and edition (the same
sheet saved twice) it is one activity: the repeat is dropped. On a sheet of another edition
(years in the file or folder names differ) it stays that edition's own activity, and is only
reported. Sheets of different countries often describe a program in the same words: that is no
repeat.

*Truncation.* A sheet whose last page ends mid-form: the page lacks a prose box (summary,
objectives, results) that the sheet's other pages have, or its last box runs to the end of the
file and stops mid-sentence, or it has no program name (every other page has one) and the file
stops mid-line. Measured on the 18 real, dev-set and synthetic sheets of the repository, each
cut mid-line at 37 places: 401 of the 662 cuts that leave a page are found (a cut near a
page's end leaves a page that looks whole), and no intact sheet is flagged; on 80 fresh
synthetic sheets (``python -m build_graph.synth --sheets 80 --seed 11``), 363 of 560 cuts
found and 1 intact sheet flagged.

>>> edition("2019/oas-country-sheet-uruguay-2018.txt"), edition("uruguay.txt")
(('2018', '2019'), ())
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from build_graph.model import Finding, ProgramRecord, Severity, SourceDocument

BOXES = ("summary", "objectives", "results")
BOX_NAMES = {"summary": "PROGRAM SUMMARY", "objectives": "OBJECTIVES", "results": "RESULTS"}
SHARE = 0.75  # of the other pages that have a box, for its absence on the last to tell
MIN_WORDS = 20  # a page shorter than this repeated on another sheet is not worth a word
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_SENTENCE_END = re.compile(r"[.!?…:;)\]”\"»]$")


def edition(name: str) -> tuple[str, ...]:
    """What tells a sheet's edition apart from another of the same country: the years in its
    document name (which holds its folders: ``2019/…``)."""
    return tuple(sorted(set(_YEAR.findall(name))))


def page_text(doc: SourceDocument, record: ProgramRecord) -> str:
    """The words of a page's lines, one space between them."""
    span = record.span
    if span.first < 1:
        return ""
    return " ".join(" ".join(doc.lines[span.first - 1 : span.last]).split())


def _where(record: ProgramRecord) -> str:
    span = record.span
    return f"page {record.page} (lines {span.first}–{span.last})"


FORM_VALUES = ("pillar", "start", "end", "beneficiaries", "additional_information", "url")


def page_key(doc: SourceDocument | None, record: ProgramRecord) -> str | None:
    """What two pages must share to be one page read twice: the program name and the three
    prose boxes when they say something (at least :data:`MIN_WORDS` words), else the page's
    words. Not the form values alone: where a sheet was concatenated with itself the line at
    the seam lands in a neighbouring page's field, so those may differ (and are reported)."""
    prose = [getattr(record, box) or "" for box in BOXES]
    if sum(len(p.split()) for p in prose) >= MIN_WORDS:
        content = "\n".join(" ".join(p.split()) for p in prose)
    else:
        content = page_text(doc, record) if doc is not None else ""
        if not content:
            return None
    key = f"{record.name}\n{content}"  # the same text gives the same name
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def repeated_pages(
    documents: Iterable[SourceDocument], records: Iterable[ProgramRecord]
) -> tuple[tuple[ProgramRecord, ...], list[Finding]]:
    """The records without the pages that repeat one already read on the same sheet (or on
    a sheet of the same country and edition), and a warning for every repeated page."""
    by_name = {d.name: d for d in documents}
    first: dict[tuple[str | None, str], ProgramRecord] = {}
    kept: list[ProgramRecord] = []
    findings: list[Finding] = []
    for record in records:
        key = page_key(by_name.get(record.document), record)
        # another country's sheet describing a program in the same words is no repeat
        seen = first.get((record.country, key)) if key is not None else None
        if seen is None or _overlap(seen, record):
            if key is not None:
                first.setdefault((record.country, key), record)
            kept.append(record)
            continue
        same_sheet = seen.document == record.document
        same_edition = edition(seen.document) == edition(record.document)
        findings.append(_repeat_finding(record, seen, same_sheet, same_edition))
        if not (same_sheet or same_edition):
            kept.append(record)
    return tuple(kept), findings


def _overlap(a: ProgramRecord, b: ProgramRecord) -> bool:
    """Two records of the same lines: not a page and its repeat."""
    return (a.document == b.document and a.span.first <= b.span.last
            and b.span.first <= a.span.last)


def _repeat_finding(record: ProgramRecord, seen: ProgramRecord, same_sheet: bool,
                    same_edition: bool) -> Finding:
    there = _where(seen) if same_sheet else f"{seen.document} {_where(seen)}"
    differ = [f for f in FORM_VALUES if getattr(record, f) != getattr(seen, f)]
    if [d.as_written for d in record.donors] != [d.as_written for d in seen.donors]:
        differ.append("donors")
    how = "word for word" if not differ else (
        f"(the same name and prose; {', '.join(differ)} not the same)")
    if same_sheet:
        outcome = "read once, as one activity with the first page's values"
    elif same_edition:
        outcome = ("a sheet of the same country and edition read twice? Read once, as that "
                   "sheet's activity")
    else:
        outcome = "kept as this edition's own activity"
    return Finding(Severity.WARNING, record.document, record.span.first or None,
                   f"{_where(record)} repeats {there} {how}; {outcome}", "repeated-page")


def truncation_finding(doc: SourceDocument, records: tuple[ProgramRecord, ...]
                       ) -> tuple[Finding, ...]:
    """A warning when the sheet's last page ends mid-form (see the module's text)."""
    reason = _cut_short(doc, records)
    if reason is None:
        return ()
    last = records[-1]
    return (Finding(Severity.WARNING, doc.name, last.span.last or None,
                    f"the sheet looks cut short (probably truncated): its last page, "
                    f"{_where(last)}, {reason}. Check the file against the original",
                    "truncated"),)


def _cut_short(doc: SourceDocument, records: tuple[ProgramRecord, ...]) -> str | None:
    if not records:
        return None
    last, others = records[-1], records[:-1]
    boxes = {b: getattr(last, b) for b in BOXES}
    if others:
        for box in BOXES:
            having = sum(1 for r in others if getattr(r, box))
            enough = having == len(others) if len(others) == 1 else (
                len(others) >= 2 and having >= SHARE * len(others))
            if enough and not boxes[box]:
                return (f"has no {BOX_NAMES[box]} text, which {having} of the "
                        f"{len(others)} other pages have")
    end = max((i for i, line in enumerate(doc.lines) if line.strip()), default=-1) + 1
    for box in BOXES:
        span, text = last.line_of(box), (boxes[box] or "").strip()
        if span is not None and span.last == end and text and not _SENTENCE_END.search(text):
            tail = " ".join(text.split()[-6:])
            return (f"stops mid-sentence at the end of the file, in its {BOX_NAMES[box]} box "
                    f"(“…{tail}”)")
    final = doc.lines[end - 1].strip() if end else ""
    if others and last.name is None and all(r.name for r in others) and (
            not _SENTENCE_END.search(final)):
        return (f"has no program name, which every other page has, and the file stops "
                f"mid-line (“…{' '.join(final.split()[-6:])}”)")
    return None
