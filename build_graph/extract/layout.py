"""First pass over a sheet's text: each line becomes one or more typed *pieces*.

A PDF text extractor flattens the form in paint order, so the same line can hold a value and
its label glued together ("United Kingdom; Global Affairs CanadaDonor Countries",
"14/08/2023 a 15/12/2023Fecha", "OAS Pillar Democracy"), a heading and the first words of its
box ("OBJECTIVES Provide a…"), all three headings ("PROGRAM SUMMARY OBJECTIVES RESULTS"), or a
Word placeholder wrapped over two lines ("Click here to enter" / "a date."). This pass finds
the form's own words (from :mod:`build_graph.lexicon`) wherever they stand and types
what is left: page furniture, dates, URLs (re-joined when broken), placeholders, pillar words
and plain text. Later passes look only at pieces.

>>> [(p.kind, p.value, p.text) for p in pieces_of(("Cuba; PeruDonor Countries",))]
[('label', 'donors', 'Donor Countries')]
>>> pieces_of(("Cuba; PeruDonor Countries",))[0].inline
'Cuba; Peru'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from build_graph import lexicon
from build_graph.extract.dates import is_date_line
from build_graph.slugs import fold, fold_same_length

_URL_START = re.compile(r"^(?:https?://|www\.)\S*$", re.IGNORECASE)
_URL_IN = re.compile(r"(?:https?://|www\.)\S+$", re.IGNORECASE)
_URL_PIECE = re.compile(r"^[\w\-./?=&%#~:+;,]+$")
_GLUED_RANGE = re.compile(r"(\d{4})(to|a|al)$", re.IGNORECASE)
_GLUED_TO = re.compile(r"(.*\S)(to|a)")  # "Continuous Programto"
_PLACEHOLDERS = {
    **{p: "text" for p in lexicon.TEXT_PLACEHOLDERS},
    **{p: "date" for p in lexicon.DATE_PLACEHOLDERS},
    **{p: "url" for p in lexicon.URL_PLACEHOLDERS},
    **{p: "choice" for p in lexicon.PILLAR_UNSET},
}
_HEADING_FORMS = sorted(lexicon.HEADINGS, key=len, reverse=True)
_LABEL_FORMS = sorted(lexicon.LABELS, key=len, reverse=True)
_LABELS = tuple(_LABEL_FORMS)  # for str.startswith and str.endswith


@dataclass
class Piece:
    """A typed stretch of one or two source lines."""

    kind: str  # blank | pagebreak | heading | label | date | url | placeholder | pillar | text
    line: int  # first 1-based source line
    text: str
    last: int = 0  # last source line (set to ``line`` when not given)
    value: str = ""  # heading: box; label: field; placeholder: text/date/url/choice; pillar
    inline: str = ""  # label: the value written on the label's own line
    before: bool = False  # label: the inline value stands before the label ("…Fecha")
    boxes: tuple[str, ...] = ()  # heading: every box a line of headings names
    marked: bool = False  # the line starts with one space: pypdf's mark of a new text box

    def __post_init__(self) -> None:
        self.last = self.last or self.line


def placeholder_of(text: str) -> str | None:
    """What a Word placeholder stands for: text, date, url or choice (a drop-down).

    >>> placeholder_of("Haga clic o pulse aquí para escribir texto.")
    'text'
    >>> placeholder_of("Choose an item.") , placeholder_of("Security")
    ('choice', None)
    """
    return _PLACEHOLDERS.get(lexicon.key(text))


def pieces_of(lines: tuple[str, ...] | list[str]) -> list[Piece]:
    """Every line of a document as pieces, in the order of the text."""
    logical = _join_wrapped(lines)
    running = running_headers([t for _, _, t in logical])
    out: list[Piece] = []
    for first, last, raw in logical:
        text = raw.strip()
        if not text:
            out.append(Piece("blank", first, "", last))
        elif text == "\f" or lexicon.is_furniture(text) or text in running:
            out.append(Piece("pagebreak", first, text, last))
        else:
            found = _line_pieces(text.replace("\f", ""), first, last)
            found[0].marked = raw.startswith(" ") and not raw.startswith("  ")
            out.extend(found)
    return _join_urls(out)


def running_headers(lines: list[str]) -> set[str]:
    """Lines repeated on three pages or more that are not form words and that open or close
    the document, as a running page header or footer does (a sentence two programs share is
    not one)."""
    texts = [t.strip() for t in lines if t.strip()]
    ends = set(texts[:2] + texts[-2:])
    counts = Counter(texts)
    return {t for t, n in counts.items()
            if n >= 3 and len(t.split()) >= 4 and t in ends and not _is_form_text(t)
            and not _label(t, 0, 0) and not is_date_line(t)}


def _is_form_text(text: str) -> bool:
    return bool(lexicon.label_of(text) or lexicon.heading_of(text) or placeholder_of(text)
                or lexicon.pillar_of(text) or _headings_line(text))


def _join_wrapped(lines) -> list[tuple[int, int, str]]:
    """A placeholder or a heading wrapped over two lines ("Click here to enter" / "a date.",
    "PROGRAM" / "SUMMARY") is one line."""
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(lines):
        raw = lines[i]
        if i + 1 < len(lines) and (_ends_with_placeholder_start(raw, lines[i + 1])
                                   or _split_heading(raw, lines[i + 1])):
            out.append((i + 1, i + 2, raw.rstrip() + " " + lines[i + 1].strip()))
            i += 2
            continue
        out.append((i + 1, i + 1, raw))
        i += 1
    return out


def _split_heading(raw: str, nxt: str) -> bool:
    """A heading or a label printed over two lines ("PROGRAM" / "SUMMARY", "Additional" /
    "Information")."""
    a, b = raw.strip(), nxt.strip()
    joined = f"{lexicon.key(a)} {lexicon.key(b)}"
    if a.isupper() and b.isupper() and lexicon.heading_of(a) is None:
        return joined in lexicon.HEADINGS
    return (a[:1].isupper() and b[:1].isupper() and joined in lexicon.LABELS
            and " " not in lexicon.key(a) and " " not in lexicon.key(b))


def _placeholder_cuts() -> dict[str, tuple[tuple[str, str], ...]]:
    """Every way a placeholder wraps at a space after its sixth character, as (the words on the
    first line, the words on the next), by the first word on the next line."""
    cuts: dict[str, list[tuple[str, str]]] = {}
    for phrase in _PLACEHOLDERS:
        for cut in range(len(phrase) - 1, 5, -1):
            if phrase[cut] == " ":
                rest = phrase[cut + 1:]
                cuts.setdefault(rest.split(" ", 1)[0], []).append((phrase[:cut], rest))
    return {word: tuple(pairs) for word, pairs in cuts.items()}


_PLACEHOLDER_CUTS = _placeholder_cuts()


def _ends_with_placeholder_start(raw: str, nxt: str) -> bool:
    tail = lexicon.key(nxt)
    # the next line goes on with a placeholder's words only if its first word is one of theirs
    cuts = _PLACEHOLDER_CUTS.get(tail.split(" ", 1)[0])
    if not cuts:
        return False
    head = fold(raw)
    return any(head.endswith(start) and (rest == tail or tail.startswith(rest + " "))
               for start, rest in cuts)


def _line_pieces(text: str, first: int, last: int) -> list[Piece]:
    heads = _headings_line(text)
    if heads:
        return [Piece("heading", first, text, last, heads[0], boxes=heads)]
    split = _heading_split(text)
    if split:
        heading, box, rest, leading = split
        h = Piece("heading", first, heading, last, box, boxes=(box,))
        t = _typed(rest, first, last)
        return [h, t] if leading else [t, h]
    label = _label(text, first, last)
    if label:
        return [label]
    return [_typed(text, first, last)]


def _headings_line(text: str) -> tuple[str, ...]:
    """The boxes a line of headings names ("PROGRAM SUMMARY OBJECTIVES RESULTS"), else ()."""
    rest = lexicon.key(text)
    if not rest or (len(rest.split()) > 1 and not text.isupper()
                    and lexicon.heading_of(text) is None):
        return ()
    boxes: list[str] = []
    while rest:
        form = next((f for f in _HEADING_FORMS if rest == f or rest.startswith(f + " ")), None)
        if form is None:
            return ()
        boxes.append(lexicon.HEADINGS[form])
        rest = rest[len(form):].strip()
    return tuple(boxes) if len(set(boxes)) == len(boxes) else ()


def _heading_split(text: str) -> tuple[str, str, str, bool] | None:
    """A heading in capitals glued to its box's first words, before or after them."""
    for form in _HEADING_FORMS:
        n = len(form)
        head = text[:n]
        # the cheap tests first: a space after it, in capitals; then the folded words
        if text[n:n + 1] == " " and head.isupper() and fold(head) == form:
            rest = text[n:].strip()
            if rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in "“\"(":
                return head, lexicon.HEADINGS[form], rest, True
        tail = text[-n:]
        if len(text) > n and text[-n - 1] == " " and tail.isupper() and fold(tail) == form:
            return tail, lexicon.HEADINGS[form], text[:-n].strip(), False
    return None


def _label(text: str, first: int, last: int) -> Piece | None:
    """A form label alone, followed by its value, or glued after its value."""
    field = lexicon.label_of(text)
    if field and text[:1].isupper():
        return Piece("label", first, text, last, field)
    folded = fold(text)
    same = fold_same_length(text)  # one character for each of the text's: tails line up
    if not folded.startswith(_LABELS) and not same.endswith(_LABELS):
        return None  # most lines: no form's label at either end
    for form in _LABEL_FORMS:
        n = len(form)
        if folded.startswith(form) and len(folded) > n and folded[n] in " :":
            rest = text[n:].lstrip(" :").strip()
            colon = text[n:].lstrip().startswith(":")
            if text[:1].isupper() and rest and (colon or " " in form or _typed_for(form, rest)):
                return Piece("label", first, text[:n], last, lexicon.LABELS[form], inline=rest)
        tail = text[-n:]
        if len(text) > n and same.endswith(form) and tail[:1].isupper():
            glued = not text[-n - 1].isspace()
            rest = text[:-n].strip()
            if rest and (glued or " " in form):
                return Piece("label", first, tail, last, lexicon.LABELS[form], inline=rest,
                             before=True)
    return None


def _typed_for(form: str, rest: str) -> bool:
    """A one-word label ("Date") followed by what that field holds."""
    return lexicon.LABELS[form] == "date" and (is_date_line(rest) or bool(placeholder_of(rest)))


def _typed(text: str, first: int, last: int) -> Piece:
    text = _GLUED_RANGE.sub(r"\1 \2", text)
    glued = _GLUED_TO.fullmatch(text) if text.endswith(("to", "a")) else None
    if glued and not is_date_line(text) and is_date_line(glued.group(1)):
        text = f"{glued.group(1)} {glued.group(2)}"  # "Continuous Programto"
    kind = placeholder_of(text)
    if kind:
        return Piece("placeholder", first, text, last, kind)
    pillar = lexicon.pillar_of(text)
    if pillar:
        return Piece("pillar", first, text, last, pillar)
    if _URL_START.match(text):
        return Piece("url", first, text, last)
    if is_date_line(text) or _date_with_placeholder(text):
        return Piece("date", first, text, last)
    return Piece("text", first, text, last)


def _date_with_placeholder(text: str) -> bool:
    """"junio de 2023 a Haga clic aquí para escribir una fecha.": a range with an unset end."""
    folded = lexicon.key(text)
    for phrase, kind in _PLACEHOLDERS.items():
        if kind == "date" and phrase in folded:
            rest = folded.replace(phrase, " ").strip()
            return not rest or rest in lexicon.RANGE_WORDS or is_date_line(rest)
    return False


def _join_urls(pieces: list[Piece]) -> list[Piece]:
    """A URL broken over lines ("http://www.oas.org/eomdat" / "abase/moeInfo…") is one URL;
    a date that ends a sentence wrapped onto its own line ("…in June" / "2025.") is text."""
    out: list[Piece] = []
    for p in pieces:
        prev = next((q for q in reversed(out) if q.kind != "blank"), None)
        if (p.kind == "date" and out and out[-1].kind == "text" and p.text.endswith((".", ","))
                and not out[-1].text.endswith((".", ";", ":"))):
            p.kind = "text"
        if prev is not None and p.kind == "text" and _is_url_piece(p.text) and _ends_in_url(prev):
            while out[-1] is not prev:
                out.pop()
            if prev.kind == "label":
                prev.inline += p.text
            else:
                prev.text += p.text
            prev.last = p.last
            continue
        out.append(p)
    return out


def _ends_in_url(p: Piece) -> bool:
    if p.kind == "url":
        return True
    return p.kind == "label" and not p.before and bool(_URL_IN.search(p.inline))


def _is_url_piece(text: str) -> bool:
    if " " in text or not _URL_PIECE.match(text) or is_date_line(text):
        return False
    return any(c in text for c in "/._=?&%#-~") or text.islower()
