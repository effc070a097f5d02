"""The form's header fields on one page: pillar, name, dates, beneficiaries, donors, URL.

Values are found by what they are and where they stand relative to the labels, not by line
numbers: the name starts with the pillar word ("Security Inter-American…", "Choose an item
Program…"); the start date stands before the label block; the donors stand next to "Donor
Countries"; the end date (and its "to") after it; the beneficiaries are the short text left
before the URL. A value written on the label's own line ("Donor Countries: Japan") wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_graph.extract import lexicon
from build_graph.extract.dates import ParsedDate, ends_with_connector, parse_date, split_range
from build_graph.extract.lines import Unit
from build_graph.model import LineSpan
from build_graph.registry import Registry

_URL = re.compile(r"^(https?://|www\.)\S+", re.IGNORECASE)


@dataclass
class Header:
    pillar: str | None = None
    pillar_unset: bool = False
    name: str | None = None
    start: ParsedDate | None = None
    end: ParsedDate | None = None
    start_raw: str | None = None
    end_raw: str | None = None
    beneficiaries: str | None = None
    additional_information: str | None = None
    donors_raw: str | None = None
    url: str | None = None
    url_placeholder: bool = False
    lines: dict[str, LineSpan] = field(default_factory=dict)
    claimed: set[int] = field(default_factory=set)  # ids of units used

    def claim(self, name: str, *units: Unit) -> None:
        for u in units:
            self.claimed.add(id(u))
        if units:
            span = LineSpan(min(u.first for u in units), max(u.last for u in units))
            old = self.lines.get(name)
            if old:
                span = LineSpan(min(old.first, span.first), max(old.last, span.last))
            self.lines[name] = span


def _span(u: Unit) -> LineSpan:
    return LineSpan(u.first, u.last)


def read_header(units: list[Unit], day_first: bool, registry: Registry) -> Header:
    h = Header()
    labels = [i for i, u in enumerate(units) if u.kind == "label"]
    _inline_values(units, h, day_first)
    _name_and_pillar(units, labels, h)
    _dates(units, labels, h, day_first)
    _donors(units, labels, h, registry)
    _url(units, h)
    _beneficiaries(units, labels, h)
    for i in labels:
        h.claimed.add(id(units[i]))
    return h


def _inline_values(units: list[Unit], h: Header, day_first: bool) -> None:
    for i, u in enumerate(units):
        if u.kind != "label" or not u.inline:
            continue
        value = u.inline
        wrapped = []
        if u.value in ("name", "beneficiaries", "donors", "additional_information"):
            # a value wrapped onto the next line(s): "Name of Activity: Inter-American Network for"
            j = i + 1
            while (j < len(units) and units[j].kind == "fragment"
                   and not value.rstrip().endswith((".", ";"))
                   and not lexicon.starts_with_pillar(units[j].text)):
                wrapped.append(units[j])
                value = f"{value} {units[j].text}"
                j += 1
            for w in wrapped:
                h.claimed.add(id(w))
        if u.value == "pillar":
            split = lexicon.starts_with_pillar(value)
            if split and not split[1]:
                h.pillar, h.pillar_unset = split[0], split[2]
                h.claim("pillar", u)
        elif u.value == "name":
            split = lexicon.starts_with_pillar(value)
            if split and split[1] and h.pillar is None:
                h.pillar, h.pillar_unset, value = split[0], split[2], split[1]
            h.name = value
            h.claim("name", u, *wrapped)
        elif u.value == "date":
            _set_dates_from_text(h, value, u, day_first)
        elif u.value == "beneficiaries":
            h.beneficiaries = value
            h.claim("beneficiaries", u, *wrapped)
        elif u.value == "additional_information":
            if _URL.match(value) and h.url is None:
                h.url = value.replace(" ", "").rstrip(".,;")
                h.claim("url", u, *wrapped)
            else:
                h.additional_information = value
                h.claim("additional_information", u, *wrapped)
        elif u.value == "donors":
            h.donors_raw = value
            h.claim("donors", u, *wrapped)


def _name_and_pillar(units: list[Unit], labels: list[int], h: Header) -> None:
    for u in units:
        if u.kind != "fragment" or id(u) in h.claimed:
            continue
        split = lexicon.starts_with_pillar(u.text)
        if split is None:
            continue
        pillar, rest, unset = split
        if h.pillar is None and not h.pillar_unset:
            h.pillar, h.pillar_unset = pillar, unset
        h.claim("pillar", u)
        if rest and h.name is None:
            h.name = rest.strip()
            h.claim("name", u)
        return
    # no pillar-prefixed name: in a label-first block, the value after "Name of Activity"
    for i in labels:
        if units[i].value == "name" and not units[i].inline and i + 1 < len(units):
            nxt = units[i + 1]
            if nxt.kind == "fragment" and id(nxt) not in h.claimed:
                h.name = nxt.text
                h.claim("name", nxt)
            return


def _set_dates_from_text(h: Header, text: str, u: Unit, day_first: bool) -> None:
    rng = split_range(text)
    if rng:
        h.start_raw, h.end_raw = rng
        h.start, h.end = parse_date(rng[0], day_first), parse_date(rng[1], day_first)
        h.claim("start", u)
        h.claim("end", u)
    elif parse_date(text, day_first):
        h.start_raw, h.start = text, parse_date(text, day_first)
        h.claim("start", u)


def _dates(units: list[Unit], labels: list[int], h: Header, day_first: bool) -> None:
    dates = [(i, u) for i, u in enumerate(units) if u.kind == "date" and id(u) not in h.claimed]
    if not dates:
        return
    donor_label = next((i for i in labels if units[i].value == "donors"), None)
    first_label = labels[0] if labels else None
    for _, u in dates:
        rng = split_range(u.text)
        if rng and h.start is None and h.end is None:
            _set_dates_from_text(h, u.text, u, day_first)
    before = [(i, u) for i, u in dates if first_label is None or i < first_label]
    after = [(i, u) for i, u in dates if donor_label is not None and i > donor_label]
    if donor_label is None and first_label is None:
        # no labels: "7/1/2020 to" is an end date (the form prints "{end} to" after the labels)
        before = [(i, u) for i, u in dates if not ends_with_connector(u.text)][:1]
        after = [(i, u) for i, u in dates if (i, u) not in before]
    if h.start is None and h.start_raw is None and before:
        i, u = before[-1]
        if id(u) not in h.claimed:
            h.start_raw = u.text.strip()
            h.start = parse_date(u.text, day_first)
            h.claim("start", u)
    end_units = [u for _, u in after if id(u) not in h.claimed]
    if h.end is None and h.end_raw is None and end_units:
        texts = [u.text.strip() for u in end_units]
        raw = " ".join(texts)
        core = next((t for t in texts if parse_date(t, day_first)), None)
        h.end_raw = raw
        h.end = parse_date(core, day_first) if core else None
        h.claim("end", *end_units)


def _donors(units: list[Unit], labels: list[int], h: Header, registry: Registry) -> None:
    if h.donors_raw is not None:
        return
    for i in labels:
        if units[i].value != "donors":
            continue
        prev = units[i - 1] if i > 0 else None
        nxt = units[i + 1] if i + 1 < len(units) else None
        if prev is not None and prev.kind == "fragment" and id(prev) not in h.claimed:
            h.donors_raw = prev.text
            h.claim("donors", prev)
        elif nxt is not None and nxt.kind == "fragment" and id(nxt) not in h.claimed:
            h.donors_raw = nxt.text
            h.claim("donors", nxt)
        else:
            fallback = _donors_after_labels(units, i, h, registry)
            if fallback is not None:
                h.donors_raw = fallback.text
                h.claim("donors", fallback)
            else:
                h.lines["donors"] = _span(units[i])
        return


def _donors_after_labels(units: list[Unit], label_at: int, h: Header,
                         registry: Registry) -> Unit | None:
    """Label-first layouts put the values after the whole label block: the donors are the last
    short value there that reads as a list of countries and organisations (or "N/A")."""
    from build_graph.extract.entities import looks_like_donors

    chosen = None
    for u in units[label_at + 1:]:
        if u.kind in ("prose", "heading"):
            break
        if (u.kind == "fragment" and id(u) not in h.claimed
                and looks_like_donors(u.text, registry)):
            chosen = u
    return chosen


def _url(units: list[Unit], h: Header) -> None:
    for u in units:
        if u.kind == "url":
            if h.url is None:
                h.url = u.text.rstrip(".,;")
                h.claim("url", u)
            elif u.text.startswith(h.url):
                h.claim("url", u)  # the same link printed again
        elif u.kind == "placeholder" and u.value == "url":
            h.url_placeholder = True
            h.claim("url", u)


def _beneficiaries(units: list[Unit], labels: list[int], h: Header) -> None:
    if h.beneficiaries is not None:
        return
    free = [(i, u) for i, u in enumerate(units)
            if u.kind == "fragment" and id(u) not in h.claimed
            and not is_prose_fragment(units, i)]
    if not free:
        return
    link_at = [i for i, u in enumerate(units)
               if u.kind in ("url", "placeholder") and id(u) in h.claimed]
    chosen = None
    for i, u in free:
        if i + 1 in link_at:
            chosen = u
            break
    if chosen is None:
        chosen = free[0][1]
    h.beneficiaries = chosen.text
    h.claim("beneficiaries", chosen)


_VERB = re.compile(
    r"\b(was|were|is|are|has|have|had|will|trained|received|participated|implemented|approved|"
    r"developed|carried|conducted|delivered|organized|presented|produced|se|fue|fueron|ha|han|"
    r"capacitad[oa]s|recibieron|participaron|realiz[oó]|guides?|rated|shows?|aims|seeks|"
    r"includes|provides|supports|promotes|focuses|orienta|evalu[oó]|evaluaron|busca|incluye|"
    r"apoya|promueve|muestra)\b", re.IGNORECASE)


def looks_like_sentence(text: str) -> bool:
    """A short line that reads as a sentence of prose ("20 staff trained by the program.")."""
    text = text.strip()
    return (len(text.split()) >= 5 and text.endswith((".", ";"))
            and (text[:1].isdigit() or _VERB.search(text) is not None))


def is_prose_fragment(units: list[Unit], i: int) -> bool:
    """A short sentence right after a lone heading ("OBJECTIVES" / "Strategy approved;") is
    prose of that box, not a header value."""
    j = i - 1
    while j >= 0 and units[j].kind == "fragment":
        j -= 1
    after_lone_heading = j >= 0 and units[j].kind == "heading" and (
        j == 0 or units[j - 1].kind != "heading")
    text = units[i].text.rstrip()
    if after_lone_heading and len(text.split()) >= 4 and text.endswith((".", ";")):
        return True
    return looks_like_sentence(text)
