"""One page's record, and the facts about the whole sheet every page needs (its country, its
language, the order of day and month in its dates)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from build_graph import lexicon
from build_graph.extract.blocks import Block
from build_graph.extract.dates import ParsedDate
from build_graph.extract.entities import prose_donors, roles, sheet_acronyms, split_donors
from build_graph.extract.form import Header, read_form
from build_graph.extract.layout import Piece
from build_graph.extract.names import name_from_prose
from build_graph.extract.paging import Page
from build_graph.extract.prose import assign_boxes, mark_box_texts
from build_graph.extract.quantities import quantities
from build_graph.model import (
    Finding,
    LineSpan,
    ProgramRecord,
    Severity,
    SourceDocument,
    TextSpan,
)
from build_graph.registry.index import EntityKind, Registry
from build_graph.slugs import fold

_ES = lexicon.SPANISH_WORDS
_EN = lexicon.ENGLISH_WORDS
_ES_EN = _ES | _EN
_LOWER_WORD = re.compile(r"[a-záéíóúñ]+")
_LONG_WORD = re.compile(r"\w{4,}")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


@dataclass(frozen=True)
class SheetContext:
    document: str
    country: str | None
    language: str
    day_first: bool
    acronyms: dict[str, str] = field(default_factory=dict)  # "Long Name (ACR)" on the sheet


def language_of(text: str) -> str:
    words = Counter(w for w in _LOWER_WORD.findall(text.lower()) if w in _ES_EN)
    es = sum(n for w, n in words.items() if w in _ES)
    en = sum(n for w, n in words.items() if w in _EN)
    return "es" if es > en else "en"


def sheet_context(doc: SourceDocument, pieces: list[Piece], registry: Registry,
                  country: str | None) -> tuple[SheetContext, list[Finding]]:
    findings: list[Finding] = []
    text = "\n".join(doc.lines)
    language = language_of(text)
    day_first, rule = _day_order(pieces, language)
    findings.append(Finding(Severity.INFO, doc.name, None, f"dates read {rule}", "date-order"))
    if country:
        entity = registry.country(country) or registry.lookup(country)
        if entity is None or entity.kind is not EntityKind.COUNTRY:
            findings.append(Finding(Severity.ERROR, doc.name, None,
                                    f"--country {country!r} is not a known country; give an "
                                    "ISO 3166-1 alpha-2 code such as UY", "bad-country"))
            iso = None
        else:
            iso = entity.country
    else:
        iso, how = _detect_country(doc, text, registry)
        if iso is None:
            findings.append(Finding(Severity.WARNING, doc.name, None,
                                    "could not tell which member state this sheet is about; "
                                    "pass --country ISO2", "no-country"))
        else:
            findings.append(Finding(Severity.INFO, doc.name, None,
                                    f"sheet country {iso} ({how})", "country"))
    acronyms = sheet_acronyms(_paragraphs(doc.lines))
    return SheetContext(doc.name, iso, language, day_first, acronyms), findings


def _paragraphs(lines: tuple[str, ...]) -> list[str]:
    return [" ".join(p.split()) for p in "\n".join(lines).split("\n\n") if p.strip()]


def _day_order(pieces: list[Piece], language: str) -> tuple[bool, str]:
    day_first_votes = month_first_votes = 0
    for u in pieces:
        if u.kind not in ("date", "label"):
            continue
        for a, b, _ in _NUMERIC_DATE.findall(u.text + " " + getattr(u, "inline", "")):
            if int(a) > 12:
                day_first_votes += 1
            elif int(b) > 12:
                month_first_votes += 1
    if day_first_votes > month_first_votes:
        return True, f"day/month/year ({day_first_votes} unambiguous dates say so)"
    if month_first_votes > day_first_votes:
        return False, f"month/day/year ({month_first_votes} unambiguous dates say so)"
    if language == "es":
        return True, "day/month/year (no unambiguous date; the sheet is in Spanish)"
    return False, "month/day/year (no unambiguous date; the sheet is in English)"


def _detect_country(doc: SourceDocument, text: str, registry: Registry) -> tuple[str | None, str]:
    stem = fold(doc.name.rsplit(".", 1)[0].replace("-", " ").replace("_", " "))
    for mention in registry.mentions(stem):
        if mention.entity.kind is EntityKind.COUNTRY:
            return mention.entity.country, "from the file name"
    counts: Counter[str] = Counter()
    for m in registry.mentions(text):
        if m.entity.kind is EntityKind.COUNTRY and m.entity.country:
            counts[m.entity.country] += 1
    if counts:
        iso, n = counts.most_common(1)[0]
        if n >= 2:
            return iso, f"named {n} times in the text"
    return None, ""


def extract_page(page: Page, number: int, ctx: SheetContext, registry: Registry,
                 previous: Header | None = None) -> tuple[ProgramRecord, Header, list[Finding]]:
    """One page's record, its form header (handed to the next page), and what was noticed."""
    findings: list[Finding] = []
    items = page.items
    mark_box_texts(items)
    header = read_form(items, ctx.day_first, registry, previous)
    for item in header.repeats:
        findings.append(Finding(Severity.INFO, ctx.document, _first(item),
                                f"page {number}: {item.text!r} repeats the previous page's "
                                "value; the page's own field is kept", "repeated-value"))
    boxes, box_lines, used = assign_boxes(items, header.used)
    name, name_source = header.name, "header" if header.name else None
    if not name:
        name = name_from_prose([boxes.get("summary", ""), boxes.get("objectives", ""),
                                boxes.get("results", "")], registry)
        name_source = "prose" if name else None
        if not name:
            findings.append(Finding(Severity.WARNING, ctx.document, page.first,
                                    f"page {number} has no program name in its header or prose",
                                    "no-name"))
    lines_of = _line_finder(items)
    donor_span = header.lines.get("donors", LineSpan(page.first, page.first))
    donors = split_donors(header.donors_raw or "", registry, ctx.country, donor_span)
    prose = " ".join(boxes.get(b, "") for b in ("summary", "objectives", "results"))
    known = {e.iri or e.label for d in donors for e in d.entities}
    for d in prose_donors(prose, registry, ctx.country, lambda s: lines_of(s)):
        # a funder the header already lists, or the channel it funds through, is kept once
        if not {e.iri or e.label for e in d.entities} <= known:
            donors.append(d)
            known |= {e.iri or e.label for e in d.entities}
    language = language_of(prose) if prose else ctx.language
    found = roles(" ".join([prose, header.beneficiaries or ""]), registry, ctx.country, donors,
                  language, ctx.acronyms, lambda s: lines_of(s))
    found["agencies"] = _agencies_by_site(found["agencies"], header.url, registry)
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
    lines += sorted(((k, v) for k, v in header.lines.items() if k != "labels"),
                    key=lambda kv: kv[1].first)
    lines += sorted(box_lines.items(), key=lambda kv: kv[1].first)
    claimed = header.used | used
    unassigned = tuple(
        TextSpan(i.text, LineSpan(_first(i), i.last)) for i in items
        if id(i) not in claimed and _is_content(i))
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
        language=language,
    )
    return record, header, findings


def _agencies_by_site(agencies: list, url: str | None, registry: Registry) -> list:
    """A page that names only the OAS itself, and links to one of its bodies' own site, is that
    body's program ("…the OAS…" + http://www.cicad.oas.org/… -> CICAD)."""
    generic = {"https://w3id.org/oaskg/id/org/oas", "https://w3id.org/oaskg/id/org/sg"}
    body = registry.by_host(url) if url else None
    if body is None or body.kind is not EntityKind.OAS_BODY:
        return agencies
    if all(a.iri in generic for a in agencies):
        return [body.ref()]
    return agencies


def _first(item: Piece | Block) -> int:
    return item.first if isinstance(item, Block) else item.line


def _is_content(item: Piece | Block) -> bool:
    if isinstance(item, Block):
        return True
    return item.kind in ("date", "url", "placeholder", "pillar", "text")


def _iso(parsed: ParsedDate | None) -> str | None:
    return parsed.iso if parsed else None


def _line_finder(items: list[Piece | Block]):
    """The line where a snippet stands; given ``then`` (a number within the snippet), the line
    holding that number which shares the most words with the snippet."""
    numbered = [(n, " ".join(text.split())) for i in items
                for n, text in (i.lines if isinstance(i, Block) else [(i.line, i.text)])]
    line_words: list[set[str]] = []  # each line's words, the first time a snippet needs them

    def words_of(k: int) -> set[str]:
        if not line_words:
            line_words.extend(set(_LONG_WORD.findall(t)) for _, t in numbered)
        return line_words[k]

    def find(snippet: str, then: str | None = None) -> int | None:
        words = set(_LONG_WORD.findall(snippet))
        if then:
            pattern = re.compile(rf"(?<![\w,.]){re.escape(then)}(?!\w)")
            hits = [(len(words & words_of(k)), -n, n)
                    for k, (n, t) in enumerate(numbered) if pattern.search(t)]
            if hits:
                return max(hits)[2]
        probe = " ".join(snippet.split()[:3])
        for n, t in numbered:
            if probe and probe in t:
                return n
        best = max(((len(words & words_of(k)), -n, n) for k, (n, _) in enumerate(numbered)),
                   default=None)
        return best[2] if best and best[0] else None
    return find
