"""The reader of the first two sheets, kept while the form reader learns their layout.

Word's PDF export of the two real sheets in ``documents/`` scrambles the form in a way the
evidence-based reader (:mod:`build_graph.extract.form`, :mod:`build_graph.extract.prose`) does
not yet undo everywhere: header blocks that stand between two pages, boxes in the order
objectives–results–summary. This is the earlier line-unit reader that reads those two sheets
right. :func:`build_graph.extract.extract_document` runs both readers and keeps the reading that
fills more of the form (:func:`completeness`); on every other sheet tried the form reader wins.
It recognises organisations through the registry only. To be retired (issue 11).
"""

from __future__ import annotations

import re

from build_graph.extract.boxes import Paragraph, assign
from build_graph.extract.dates import ParsedDate
from build_graph.extract.entities import prose_donors, roles, split_donors
from build_graph.extract.fields import is_prose_fragment, read_header
from build_graph.extract.lines import Unit, units_of
from build_graph.extract.names import name_from_prose
from build_graph.extract.page import SheetContext, language_of
from build_graph.extract.prose import aim_score, result_score
from build_graph.extract.quantities import quantities
from build_graph.extract.reattach import reattach_headers
from build_graph.extract.segment import Page, split_pages
from build_graph.model import (
    Finding,
    LineSpan,
    ProgramRecord,
    Severity,
    SourceDocument,
    TextSpan,
)
from build_graph.registry import Registry


def read_legacy(doc: SourceDocument, ctx: SheetContext,
                registry: Registry) -> tuple[list[ProgramRecord], list[Finding]]:
    """Every program page as the line-unit reader sees it."""
    units = units_of(doc.lines)
    anchored = any(u.kind in ("heading", "label") for u in units)
    pages = split_pages(units) if anchored else []
    records: list[ProgramRecord] = []
    findings: list[Finding] = []
    for number, page in enumerate(pages, start=1):
        record, page_findings = _legacy_page(page, number, ctx, registry)
        records.append(record)
        findings += page_findings
    records, moved = reattach_headers(records, registry, doc.name)
    return list(records), findings + list(moved)


def completeness(records: list[ProgramRecord]) -> float:
    """How much of the form a reading filled: a point per field found on each page, and a
    point per box whose content fits it (objectives that state aims, results that report)."""
    return sum(
        sum(1 for v in (r.name, r.pillar, r.start or r.end or r.end_open, r.beneficiaries,
                        r.url or r.additional_information, r.summary, r.objectives, r.results)
            if v)
        + (aim_score(r.objectives or "") > 0) + (aim_score(r.summary or "") == 0)
        + (result_score(r.results or "") > 0)
        for r in records)


def _legacy_page(page: Page, number: int, ctx: SheetContext,
                 registry: Registry) -> tuple[ProgramRecord, list[Finding]]:
    findings: list[Finding] = []
    units = page.units
    header = read_header(units, ctx.day_first, registry)
    boxes, box_lines, used = _prose_boxes(units, header)
    name, name_source = header.name, "header" if header.name else None
    if name:
        name = " ".join(name.split())
    else:
        name = name_from_prose([boxes.get("summary", ""), boxes.get("objectives", ""),
                                boxes.get("results", "")], registry)
        name_source = "prose" if name else None
        if not name:
            findings.append(Finding(Severity.WARNING, ctx.document, page.first,
                                    f"page {number} has no program name in its header or prose",
                                    "no-name"))
    lines_of = _line_finder(units)
    donor_span = header.lines.get("donors", LineSpan(page.first, page.first))
    donors = split_donors(header.donors_raw or "", registry, ctx.country, donor_span)
    prose = " ".join(boxes.get(b, "") for b in ("summary", "objectives", "results"))
    known = {e.iri for d in donors for e in d.funders}
    for d in prose_donors(prose, registry, ctx.country, lambda s: lines_of(s)):
        if not {e.iri for e in d.funders} <= known:
            donors.append(d)
            known |= {e.iri for e in d.funders}
    found = roles(" ".join([prose, header.beneficiaries or ""]), registry, ctx.country, donors,
                  shapes=False)
    results_text = boxes.get("results", "")
    qs = quantities(results_text, lambda raw, sentence: lines_of(sentence, raw) or page.first,
                    context=prose)
    for d in donors:
        if not d.entities:
            findings.append(Finding(Severity.WARNING, ctx.document, d.lines.first,
                                    f"donor {d.as_written!r} is not in the registry; it will be "
                                    "added for review (add it to ontology/reference/ to resolve "
                                    "it)", "unresolved-donor"))
    lines = [("page", LineSpan(page.first, page.last))]
    lines += sorted(header.lines.items(), key=lambda kv: kv[1].first)
    lines += sorted(box_lines.items(), key=lambda kv: kv[1].first)
    claimed = header.claimed | used
    unassigned = tuple(
        TextSpan(u.text, LineSpan(u.first, u.last)) for u in units
        if id(u) not in claimed and u.kind in ("fragment", "date", "url", "prose", "placeholder"))
    for span in unassigned:
        findings.append(Finding(Severity.WARNING, ctx.document, span.lines.first,
                                f"text no field claimed on page {number}: {span.text[:60]!r}",
                                "unassigned"))
    record = ProgramRecord(
        document=ctx.document, page=number, country=ctx.country, name=name,
        name_source=name_source, pillar=header.pillar,
        start=_iso(header.start), end=_iso(header.end),
        end_open=bool(header.end and header.end.open_ended),
        start_raw=header.start_raw, end_raw=header.end_raw,
        beneficiaries=header.beneficiaries,
        additional_information=header.additional_information, url=header.url,
        donors=tuple(donors), agencies=tuple(found["agencies"]),
        partners=tuple(found["partners"]),
        national_counterparts=tuple(found["national_counterparts"]),
        countries_covered=tuple(found["countries_covered"]),
        results_quantities=tuple(qs),
        summary=boxes.get("summary"), objectives=boxes.get("objectives"),
        results=boxes.get("results"), lines=tuple(lines), unassigned=unassigned,
        language=language_of(prose) if prose else ctx.language,
    )
    return record, findings


def _iso(parsed: ParsedDate | None) -> str | None:
    return parsed.iso if parsed else None


def _prose_boxes(units: list[Unit], header) -> tuple[dict[str, str], dict[str, LineSpan], set]:
    header_end = max((i for i, u in enumerate(units)
                      if u.kind == "label" or (id(u) in header.claimed and u.kind == "date")),
                     default=None)
    paras: list[tuple[int, Unit]] = []
    for i, u in enumerate(units):
        if u.kind == "prose" or (u.kind == "fragment" and id(u) not in header.claimed
                                 and is_prose_fragment(units, i)):
            paras.append((i, u))
    if not paras:
        return {}, {}, set()
    labels = _inline_headings(units, [i for i, _ in paras])
    if labels is None:
        labels = assign([Paragraph(u.text, u.first, u.last,
                                   header_end is not None and i > header_end, u.marked)
                         for i, u in paras])
    texts: dict[str, list[str]] = {}
    spans: dict[str, LineSpan] = {}
    for (_, u), box in zip(paras, labels, strict=True):
        texts.setdefault(box, []).append(u.text)
        old = spans.get(box)
        spans[box] = LineSpan(min(u.first, old.first) if old else u.first,
                              max(u.last, old.last) if old else u.last)
    return ({b: "\n\n".join(t) for b, t in texts.items()}, spans, {id(u) for _, u in paras})


def _inline_headings(units: list[Unit], para_idx: list[int]) -> list[str] | None:
    """When every heading stands alone right before its own text, the headings are trusted."""
    heads = [i for i, u in enumerate(units) if u.kind == "heading"]
    if len(heads) < 2:
        return None
    for i in heads:
        if (i + 1 < len(units) and units[i + 1].kind == "heading") or \
           (i > 0 and units[i - 1].kind == "heading"):
            return None
        if i + 1 not in para_idx:
            return None
    labels = []
    for i in para_idx:
        owner = [h for h in heads if h < i]
        if not owner:
            return None
        labels.append(units[owner[-1]].value)
    return labels


def _line_finder(units: list[Unit]):
    """The line where a snippet stands; given ``then`` (a number within the snippet), the line
    holding that number which shares the most words with the snippet."""
    numbered = [(n, " ".join(text.split())) for u in units for n, text in u.lines]

    def find(snippet: str, then: str | None = None) -> int | None:
        words = set(re.findall(r"\w{4,}", snippet))
        if then:
            pattern = re.compile(rf"(?<![\w,.]){re.escape(then)}(?!\w)")
            hits = [(len(words & set(re.findall(r"\w{4,}", t))), -n, n)
                    for n, t in numbered if pattern.search(t)]
            if hits:
                return max(hits)[2]
        probe = " ".join(snippet.split()[:3])
        for n, t in numbered:
            if probe and probe in t:
                return n
        best = max(((len(words & set(re.findall(r"\w{4,}", t))), -n, n) for n, t in numbered),
                   default=None)
        return best[2] if best and best[0] else None
    return find
