"""Fourth pass: the form's six fields on one page, found by evidence, never by a fixed order.

A value written on its label's line wins ("Date 2/14/2022 to 11/30/2023", "…CanadaDonor
Countries"). What is left is placed by what it is: a pillar word or an unset drop-down is the
pillar; dates (and date placeholders) are the date range, start first; a URL or "Link to web
page" is the additional information; a list of countries and known donors, or the value right
beside a lone "Donor Countries" label, is the donors; a name placeholder means the name is
only in the prose. Of the short values still unplaced, the name is the one written as a title
(content words capitalised) and the beneficiaries the other; the form puts the name's row above
the beneficiaries', which breaks ties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_graph import lexicon
from build_graph.extract.blocks import Block, continues, join_lines
from build_graph.extract.dates import ParsedDate, parse_date
from build_graph.extract.entities import looks_like_donors
from build_graph.extract.layout import Piece, placeholder_of
from build_graph.model import LineSpan
from build_graph.registry.index import Registry

Item = Piece | Block
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_RANGE = re.compile(r"\s+(?:to|a|al|hasta|until)\s+|\s+[-–—]\s+", re.IGNORECASE)
_SMALL = lexicon.LINK_WORDS


@dataclass
class Header:
    pillar: str | None = None
    pillar_unset: bool = False
    name: str | None = None
    name_placeholder: bool = False
    start: ParsedDate | None = None
    end: ParsedDate | None = None
    start_raw: str | None = None
    end_raw: str | None = None
    beneficiaries: str | None = None
    additional_information: str | None = None
    donors_raw: str | None = None
    url: str | None = None
    lines: dict[str, LineSpan] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)  # ids of the items the header took
    repeats: list[Item] = field(default_factory=list)  # copies of the previous page's values

    def take(self, name: str, *items: Item) -> None:
        for i in items:
            self.used.add(id(i))
        spans = [(i.first if isinstance(i, Block) else i.line, i.last) for i in items]
        if spans:
            old = self.lines.get(name)
            first = min(a for a, _ in spans + ([(old.first, old.last)] if old else []))
            last = max(b for _, b in spans + ([(old.first, old.last)] if old else []))
            self.lines[name] = LineSpan(first, last)


def title_score(text: str) -> float:
    """Share of content words that start with a capital: high for names, low for sentences.

    >>> title_score("Technical Assistance for the Redivision of Electoral Divisions")
    1.0
    >>> round(title_score("Secondary school students and drug policy makers"), 2)
    0.17
    """
    words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", text) if w.lower() not in _SMALL]
    if not words:
        return 0.0
    return sum(1 for w in words if w[0].isupper()) / len(words)


def read_form(items: list[Item], day_first: bool, registry: Registry,
              previous: Header | None = None) -> Header:
    """The header fields of one page (``previous``: the page before's, whose values a PDF
    extractor sometimes prints again at the top of the next page)."""
    h = Header()
    _repeated_urls(h, items, previous)
    values = [i for i in items if isinstance(i, Block) and i.kind == "value"]
    labels = [i for i in items if isinstance(i, Piece) and i.kind == "label"]
    for label in labels:
        _inline(h, label, items, day_first)
    _typed(h, items, day_first)
    _donors(h, items, values, registry)
    _name_and_beneficiaries(h, items, values)
    return h


def _inline(h: Header, label: Piece, items: list[Item], day_first: bool) -> None:
    if not label.inline:
        h.take("labels", label)
        return
    parts: list[Item] = [label]
    text = label.inline
    k = items.index(label)
    if label.before:
        # a value wrapped onto the label's line: "…afectadas por minas antipersonal y" + "…"
        prev = items[k - 1] if k else None
        if isinstance(prev, Block) and prev.kind == "value" and continues(prev.text, text):
            text = prev.text + " " + text
            parts.append(prev)
    else:
        # label first: the lines up to the next label are the value's own
        for nxt in items[k + 1:]:
            if not (isinstance(nxt, Block) and nxt.kind == "value"):
                break
            if _URL.search(text) and " " not in nxt.text:
                text += nxt.text
            else:
                text = join_lines([text, nxt.text])
            parts.append(nxt)
    _set(h, label.value, text, parts, day_first)


def _set(h: Header, fieldname: str, text: str, parts: list[Item], day_first: bool) -> None:
    text = " ".join(text.split())
    if fieldname == "pillar" and h.pillar is None and not h.pillar_unset:
        h.pillar = lexicon.pillar_of(text)
        h.pillar_unset = h.pillar is None
        h.take("pillar", *parts)
    elif fieldname == "name" and h.name is None and not h.name_placeholder:
        if placeholder_of(text):
            h.name_placeholder = True
        else:
            h.name = text
        h.take("name", *parts)
    elif fieldname == "date" and h.start_raw is None:
        _dates(h, [text], parts, day_first)
    elif fieldname == "beneficiaries" and h.beneficiaries is None:
        h.beneficiaries = None if placeholder_of(text) else text
        h.take("beneficiaries", *parts)
    elif fieldname == "additional_information" and "additional_information" not in h.lines:
        _additional(h, text, parts)
    elif fieldname == "donors" and h.donors_raw is None:
        h.donors_raw = "" if placeholder_of(text) else text
        h.take("donors", *parts)


def _additional(h: Header, text: str, parts: list[Item]) -> None:
    """The field holds a URL, "Link to web page" (no URL), or other text (kept as it is)."""
    m = _URL.search(text.replace(" ", "") if _URL.match(text) else text)
    if m and not placeholder_of(text):
        h.url = m.group(0).rstrip(".,;)")
    rest = _URL.sub("", text).strip(" ;,.") if m else text
    h.additional_information = None if placeholder_of(text) or not rest else text
    h.take("additional_information", *parts)


def _typed(h: Header, items: list[Item], day_first: bool) -> None:
    dates = [i for i in items if isinstance(i, Piece) and i.kind == "date"
             and id(i) not in h.used]
    if dates and h.start_raw is None and h.end_raw is None:
        _dates(h, [d.text for d in dates], dates, day_first)
    elif dates and h.end_raw is None:
        # "Date Click here to enter a date." then "to 1/31/2026": the rest of the range
        rest = [p for d in dates for p in _split_range(d.text)
                if lexicon.key(p) not in lexicon.RANGE_WORDS]
        if rest:
            h.end_raw = rest[0]
            h.end = _parse(rest[0], day_first)
            h.take("end", *dates)
    for i in items:
        if not isinstance(i, Piece) or id(i) in h.used:
            continue
        if i.kind == "pillar" and h.pillar is None and not h.pillar_unset:
            h.pillar = i.value
            h.take("pillar", i)
        elif i.kind == "url" and "additional_information" not in h.lines:
            _additional(h, i.text, [i])
        elif i.kind == "placeholder" and i.value == "url" and \
                "additional_information" not in h.lines:
            h.take("additional_information", i)
        elif i.kind == "placeholder" and i.value == "text" and h.name is None:
            h.name_placeholder = True
            h.take("name", i)
        elif i.kind == "placeholder" and i.value == "choice":
            if h.pillar is None and not h.pillar_unset:
                h.pillar_unset = True
                h.take("pillar", i)
            elif h.donors_raw is None:
                h.donors_raw = ""
                h.take("donors", i)


def _repeated_urls(h: Header, items: list[Item], previous: Header | None) -> None:
    """A URL that repeats the previous page's, on a page whose own field holds "Link to web
    page", is a copy: each field stands once on a page."""
    own = any(isinstance(i, Piece) and i.kind == "placeholder" and i.value == "url"
              for i in items)
    if not own or previous is None or not previous.url:
        return
    for i in items:
        if isinstance(i, Piece) and i.kind == "url" and i.text.rstrip("/") == \
                previous.url.rstrip("/"):
            h.repeats.append(i)
            h.used.add(id(i))


def _dates(h: Header, texts: list[str], parts: list[Item], day_first: bool) -> None:
    """Start and end from one range ("3/3/2025 to 6/13/2025") or from separate pieces."""
    pieces: list[str] = []
    for text in texts:
        if pieces and lexicon.key(text) in lexicon.RANGE_WORDS:
            pieces[-1] = f"{pieces[-1]} {text.strip()}"  # raw text as printed: "6/23/2017 to"
            continue
        pieces.extend(_split_range(text))
    pieces = [p for p in pieces if lexicon.key(p) and lexicon.key(p) not in lexicon.RANGE_WORDS]
    if not pieces:
        return
    if len(pieces) == 1 and re.search(r"\s(?:to|a|al|hasta)$", pieces[0]):
        # the form prints "[start] to [end]" and the extractor reads the end field, then the
        # "to": a lone date followed by its range word is the end
        h.end_raw = pieces[0]
        h.end = _parse(pieces[0], day_first)
        h.take("end", *parts)
        return
    h.start_raw = pieces[0]
    h.start = _parse(pieces[0], day_first)
    if len(pieces) > 1:
        h.end_raw = pieces[1]
        h.end = _parse(pieces[1], day_first)
    h.take("start", parts[0])
    h.take("end", parts[-1])
    for p in parts:
        h.used.add(id(p))


def _split_range(text: str) -> list[str]:
    """"Click here to enter a date. to 12/31/2025" -> the placeholder and the date."""
    marked = text
    found = []
    for phrase in sorted(set(lexicon.DATE_PLACEHOLDERS), key=len, reverse=True):
        m = re.search(_loose(phrase), marked, re.IGNORECASE)
        if m:
            found.append(m.group(0))
            marked = marked[:m.start()] + f"\x00{len(found) - 1}\x00" + marked[m.end():]
    parts = [p.strip() for p in _RANGE.split(marked) if p.strip()]
    if len(parts) == 1 and re.search(r"\s(?:to|a)$", parts[0]):
        parts = [parts[0]]  # "7/1/2020 to": one date, the range word kept as printed
    return [re.sub(r"\x00(\d+)\x00", lambda m: found[int(m.group(1))], p) for p in parts]


def _loose(phrase: str) -> str:
    """A folded phrase as a pattern that also matches its accented, punctuated print."""
    letters = {"a": "[aá]", "e": "[eé]", "i": "[ií]", "o": "[oó]", "u": "[uú]"}
    return r"\s+".join("".join(letters.get(c, re.escape(c)) for c in w)
                       for w in phrase.split()) + r"\.?"


def _parse(text: str, day_first: bool) -> ParsedDate | None:
    if placeholder_of(text):
        return ParsedDate(None, placeholder=True)
    return parse_date(text, day_first)


def _donors(h: Header, items: list[Item], values: list[Block], registry: Registry) -> None:
    if h.donors_raw is not None:
        return
    free = [v for v in values if id(v) not in h.used]
    # the value right beside a lone "Donor Countries" label
    for k, i in enumerate(items):
        if isinstance(i, Piece) and i.kind == "label" and i.value == "donors" and not i.inline:
            for j in (k - 1, k + 1):
                near = items[j] if 0 <= j < len(items) else None
                if near in free and looks_like_donors(near.text, registry):
                    h.donors_raw = near.text
                    h.take("donors", near)
                    return
    for v in free:
        if looks_like_donors(v.text, registry):
            h.donors_raw = v.text
            h.take("donors", v)
            return


def name_score(text: str) -> float:
    """How much a short value reads as a program's name rather than its beneficiaries.

    >>> name_score("Program to Strengthen National Drug Observatories")
    2.0
    >>> name_score("Police Institutions of the 34 OAS Member States")
    0.5
    """
    score = 1.0 if title_score(text) >= 0.6 else 0.0
    if _PROGRAM_HEAD.search(text):
        score += 1.0
    if _POPULATION.search(text):
        score -= 0.5
    return score


_PROGRAM_HEAD = re.compile(
    r"\b(?:program(?:me)?s?|project|network|mission|mechanism|initiative|system|survey|"
    r"assistance|strengthening|capacity|support|plan|course|training|"
    r"programa|proyecto|red|misi[oó]n|mecanismo|iniciativa|sistema|encuesta|asistencia|"
    r"fortalecimiento|apoyo|seguimiento|prevenci[oó]n|monitoreo)\b",
    re.IGNORECASE)
_POPULATION = re.compile(
    r"\b(?:states|institutions|communities|officials|students|population|people|youth|women|"
    r"men|children|operators|staff|members|authorities|agencies|organi[sz]ations|"
    r"households|families|victims|public|citizens|voters|electorate|"
    r"estados|instituciones|comunidades|funcionarios|estudiantes|poblaci[oó]n|personas|"
    r"j[oó]venes|mujeres|niñ[oa]s|adolescentes|operadores|autoridades|entidades|"
    r"organizaciones|hogares|familias|v[ií]ctimas|ciudadan[ií]a|[oó]rganos)\b", re.IGNORECASE)


def _name_and_beneficiaries(h: Header, items: list[Item], values: list[Block]) -> None:
    free = [v for v in values if id(v) not in h.used]
    if h.pillar is None and not h.pillar_unset:
        named = _pillar_before_name(h, free)
        if named is not None and h.name is None and not h.name_placeholder:
            h.name = named.text  # the drop-down stands right before the name on its line
            h.take("name", named)
            free.remove(named)
    if h.name is None and not h.name_placeholder and free:
        best = max(free, key=lambda v: (name_score(v.text), -free.index(v)))
        labelled = any(isinstance(i, Piece) and i.kind == "label" and i.value == "name"
                       for i in items)
        # a value reads as the name by its look, or by elimination on a page with the label
        if name_score(best.text) >= 1.0 or (labelled and (len(free) > 1
                                                          or h.beneficiaries is not None)):
            h.name = best.text
            h.take("name", best)
            free.remove(best)
    if h.beneficiaries is None and not free:
        free = _sentence_values(items)
    if h.beneficiaries is None and free:
        best = free[0]
        h.beneficiaries = best.text
        h.take("beneficiaries", best)


def _sentence_values(items: list[Item]) -> list[Block]:
    """A value written as one full sentence ("All national institutions of the 34 member
    states, involved in …") reads as prose; one that stands before the page's box headings is
    still a value."""
    heads = [k for k, i in enumerate(items) if isinstance(i, Piece) and i.kind == "heading"]
    if not heads:
        return []
    return [i for i in items[:heads[0]] if isinstance(i, Block) and i.kind == "prose"
            and len(i.lines) <= 4 and len(re.findall(r"[.!?](?:\s|$)", i.text)) <= 1]


def _pillar_before_name(h: Header, free: list[Block]) -> Block | None:
    """The pillar drop-down printed on the name's first line ("Security Inter-American
    Network…", "Choose an item Program to…"): the value of the page that begins with a pillar
    word followed by a capitalised name."""
    for v in free:
        split = lexicon.starts_with_pillar(v.text)
        if split and split[1][:1].isupper():
            h.pillar, rest, h.pillar_unset = split
            h.take("pillar", v)
            h.used.discard(id(v))
            v.lines = [(v.first, rest)] if len(v.lines) == 1 else \
                [(v.first, lexicon.starts_with_pillar(v.lines[0][1])[1])] + v.lines[1:]
            return v
    return None
