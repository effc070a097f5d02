"""First pass over a sheet: classify each line and group lines into units.

A unit is a heading, a form label, a URL (re-joined from its broken pieces), a date, a placeholder,
a prose paragraph, or a *fragment* (a run of short lines: a wrapped name, a donor list, a
beneficiaries value). Later passes only look at units, never at raw lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from build_graph.extract import lexicon
from build_graph.extract.dates import is_date_line

_HEADING_WORDS = (r"PROGRAM SUMMARY|PROGRAMME SUMMARY|OBJECTIVES|RESULTS ACHIEVED|EXPECTED RESULTS|"
                  r"RESULTS|RESUMEN DEL PROGRAMA|OBJETIVOS|RESULTADOS ALCANZADOS|"
                  r"RESULTADOS OBTENIDOS|RESULTADOS ESPERADOS|RESULTADOS")
_TRAILING_HEADING = re.compile(rf"^(?P<text>.*\S)\s+(?P<heading>{_HEADING_WORDS})\s*:?\s*$")
_LEADING_HEADING = re.compile(rf"^(?P<heading>{_HEADING_WORDS})\s*:?\s+(?P<text>\S.*)$")
_INLINE_LABEL = re.compile(r"^(?P<label>[^:]{3,40}):\s*(?P<value>.*)$")
_URL_START = re.compile(r"^(https?://|www\.)\S*$", re.IGNORECASE)
_URL_PIECE = re.compile(r"^[\w\-./?=&%#~:+;,]+$")
_LIST_ITEM = re.compile(r"^(?:[•·▪◦\-\*]|\d{1,2}[.)]|\(\d{1,2}\)|\(?[ivx]{1,4}\)|[a-h]\))\s+\S")
_TERMINAL = (".", ";", ":", "!", "?")


@dataclass
class Unit:
    kind: str  # heading | label | url | date | placeholder | prose | fragment | furniture
    first: int  # 1-based line numbers, inclusive
    last: int
    text: str
    lines: list[tuple[int, str]] = field(default_factory=list)
    value: str = ""  # heading: box; label: field; placeholder: what it stands for
    inline: str = ""  # label: the value written on the same line ("Donor Countries: Japan")
    marked: bool = False  # first line starts with a single space: a new text box in the PDF


def _is_marked(raw: str) -> bool:
    return raw.startswith(" ") and not raw.startswith("  ") and bool(raw.strip())


def _is_url_piece(text: str) -> bool:
    if " " in text or not _URL_PIECE.match(text):
        return False
    if is_date_line(text) or lexicon.heading_of(text):
        return False
    return any(c in text for c in "/._=?&%#-~") or text.islower()


def _placeholder(text: str) -> str | None:
    k = lexicon.key(text)
    if k in lexicon.URL_PLACEHOLDERS:
        return "url"
    return None


def line_width(lines: tuple[str, ...]) -> int:
    """The typical width of a full prose line (90th percentile of non-blank line lengths)."""
    lengths = sorted(len(x.strip()) for x in lines if x.strip())
    if not lengths:
        return 80
    return max(60, lengths[int(len(lengths) * 0.9)])


def repeated_lines(lines: tuple[str, ...]) -> set[str]:
    """Running page headers: short lines seen three times or more that are not form text (one
    word alone, such as a country ending wrapped names, is not a header)."""
    counts = Counter(x.strip() for x in lines if x.strip())
    return {
        text for text, n in counts.items()
        if n >= 3 and len(text) < 90 and len(text.split()) >= 2 and not lexicon.label_of(text)
        and not lexicon.heading_of(text) and not _placeholder(text)
        and not is_date_line(text) and not lexicon.starts_with_pillar(text)
        and lexicon.key(text) not in lexicon.RANGE_WORDS
    }


def _split_headings(raw: str) -> list[tuple[str, str]]:
    """A line as (kind, text) pieces: a heading glued to a URL or text is split off."""
    text = raw.strip()
    if lexicon.heading_of(text):
        return [("heading", text)]
    m = _TRAILING_HEADING.match(text)
    if m:
        return [("text", m.group("text")), ("heading", m.group("heading"))]
    m = _LEADING_HEADING.match(text)
    if m and not m.group("text")[0].islower():
        return [("heading", m.group("heading")), ("text", m.group("text"))]
    return [("text", text)]


def units_of(lines: tuple[str, ...]) -> list[Unit]:
    """Group a document's lines into units, in reading order."""
    width = line_width(lines)
    long_len = int(width * 0.6)
    furniture = repeated_lines(lines)
    units: list[Unit] = []
    para: Unit | None = None  # the paragraph being built
    url: Unit | None = None
    blank_since_text = False

    def close() -> None:
        nonlocal para, url
        if para is not None:
            longest = max(len(t) for _, t in para.lines)
            listy = any(_LIST_ITEM.match(t) for _, t in para.lines)
            para.kind = "prose" if longest >= long_len or listy else "fragment"
            para.text = _join(t for _, t in para.lines)
            units.append(para)
            para = None
        if url is not None:
            units.append(url)
            url = None

    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            blank_since_text = True
            continue
        for kind, text in _split_headings(raw):
            if kind == "heading":
                close()
                units.append(Unit("heading", number, number, text, [(number, text)],
                                  value=lexicon.heading_of(text) or "", marked=_is_marked(raw)))
                continue
            if url is not None and _is_url_piece(text) and not _URL_START.match(text):
                url.text += text
                url.last = number
                url.lines.append((number, text))
                continue
            if text in furniture or lexicon.is_furniture(text):
                close()
                units.append(Unit("furniture", number, number, text, [(number, text)]))
                continue
            # labels are capitalised and never end a sentence ("… and other stakeholders.")
            label = lexicon.label_of(text) if text[:1].isupper() and not text.endswith(".") \
                else None
            inline = _INLINE_LABEL.match(text) if text[:1].isupper() else None
            if label is None and inline and lexicon.label_of(inline.group("label")):
                label = lexicon.label_of(inline.group("label"))
            else:
                inline = None
            if label:
                close()
                units.append(Unit("label", number, number, text, [(number, text)], value=label,
                                  inline=inline.group("value").strip() if inline else ""))
                continue
            if _URL_START.match(text):
                close()
                url = Unit("url", number, number, text, [(number, text)], marked=_is_marked(raw))
                continue
            placeholder = _placeholder(text)
            if placeholder:
                close()
                units.append(Unit("placeholder", number, number, text, [(number, text)],
                                  value=placeholder, marked=_is_marked(raw)))
                continue
            if is_date_line(text) and not _mid_sentence(para, long_len):
                close()
                units.append(Unit("date", number, number, text, [(number, text)],
                                  marked=_is_marked(raw)))
                continue
            if url is not None:
                close()
            if para is not None and _continues(para, text, blank_since_text, long_len, raw):
                para.lines.append((number, text))
                para.last = number
            else:
                close()
                para = Unit("text", number, number, text, [(number, text)],
                            marked=_is_marked(raw))
            blank_since_text = False
        blank_since_text = False
    close()
    return units


def _continues(para: Unit, text: str, blank: bool, long_len: int, raw: str) -> bool:
    prev = para.lines[-1][1]
    if _is_marked(raw) and (blank or prev.endswith(_TERMINAL) or (
            text[:1].isupper() and not prev.endswith(("-", ",")))):
        return False
    if _LIST_ITEM.match(text) and not blank:
        return True
    if _LIST_ITEM.match(text):
        # a list goes on; a list after an introduction ending in ':' belongs to it
        in_list = any(_LIST_ITEM.match(t) for _, t in para.lines)
        return in_list or prev.endswith(":")
    if text[:1].islower() and len(prev) >= long_len:
        return True  # a sentence goes on after a blank line (double-spaced text)
    if prev.endswith("-"):
        return True
    if len(prev) < long_len:
        # short lines run together only as fragments (wrapped names, donor lists)
        is_frag = all(len(t) < long_len for _, t in para.lines)
        return is_frag and not prev.endswith(".") and len(text) < long_len and not (
            lexicon.starts_with_pillar(text)) and not (prev.endswith(";") and text[:1].isupper()
                                                         and _ends_sentence_list(para))
    if not blank:
        return True
    return not prev.endswith(_TERMINAL)


def _mid_sentence(para: Unit | None, long_len: int) -> bool:
    """A paragraph whose last full-width line stops mid-sentence ("…presented at the session
    in" / "2017.") goes on, even with a line that looks like a date."""
    if para is None:
        return False
    last = para.lines[-1][1]
    return len(last) >= long_len and not last.endswith(_TERMINAL)


def _ends_sentence_list(para: Unit) -> bool:
    """A run of short statements each ending in ';' ("Strategy of Guatemala approved;") is a
    list of sentences, not a wrapped value ("Inter-American Development Bank;" goes on)."""
    words = para.lines[-1][1].rstrip(";").split()
    return len(words) >= 4 and re.search(r"(ed|ado|ada|idos|idas)$", words[-1]) is not None


def _join(parts) -> str:
    """Join wrapped lines: de-hyphenate words split at a line end, keep compound hyphens."""
    out = ""
    for part in parts:
        part = part.strip()
        if not out:
            out = part
        elif out.endswith("-") and part[:1].islower() and not out.endswith(" -"):
            out = out[:-1] + part if _split_word(out) else out + part
        else:
            out = out + " " + part
    return re.sub(r"\s+", " ", out).strip()


def _split_word(text: str) -> bool:
    """Whether a trailing hyphen splits one word ("deve-" + "lopment") rather than ends a
    compound ("on-" + "site"): the piece before it is a lower-case fragment of 3+ letters that
    is not itself a common compound head."""
    word = re.search(r"(\w+)-$", text)
    if not word:
        return False
    head = word.group(1)
    return head.islower() and len(head) >= 3 and head not in _COMPOUND_HEADS


_COMPOUND_HEADS = {"on", "non", "self", "well", "long", "short", "high", "low", "cross", "multi",
                   "inter", "co", "counter", "needs", "follow", "up", "pre", "post", "sub",
                   "anti", "ex", "dual", "peer", "face", "in", "off", "full", "part", "one",
                   "two", "three", "four", "five", "evidence", "gender", "socio"}
