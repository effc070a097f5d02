"""Second pass: runs of plain text lines become *blocks*, either prose or short form values.

A form value (a name, a donor list, the beneficiaries) is one to three short lines; a prose box
is a run of sentences. A value wrapped over lines goes on when a line ends on a function word,
a comma or a hyphen, or the next line starts in lower case ("…Kingdom of the" / "Netherlands",
"…afectadas por minas antipersonal y" / "municiones sin explotar"); otherwise the next line is
another value. Short unfinished lines left after a prose run's last sentence are values too
(the beneficiaries a PDF paints right after the summary).

>>> [b.text for b in values_of([(1, "Canada; Kingdom of the"), (2, "Netherlands"),
...                             (3, "Public sector staff")])]
['Canada; Kingdom of the Netherlands', 'Public sector staff']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_graph import lexicon
from build_graph.extract.layout import Piece

# words a wrapped name or sentence can stop on only when it goes on in the next line
CONNECTORS = lexicon.LINK_WORDS
_TERMINAL = (".", ";", ":", "!", "?")
_SENTENCE_END = re.compile(r"[.!?;:][\"”’)]?$")


@dataclass
class Block:
    kind: str  # "prose" or "value"
    lines: list[tuple[int, str]] = field(default_factory=list)
    marked: bool = False  # it opens a new text box (see ``Piece.marked``)

    @property
    def first(self) -> int:
        return self.lines[0][0]

    @property
    def last(self) -> int:
        return self.lines[-1][0]

    @property
    def text(self) -> str:
        return join_lines(t for _, t in self.lines)


def continues(prev: str, nxt: str, full: int = 0) -> bool:
    """Whether line ``nxt`` carries on the value or sentence ``prev`` wrapped out of: ``prev``
    ends on a function word, a comma or a hyphen, or leaves a parenthesis open; ``nxt`` starts
    in lower case; or both are a title's words and ``prev`` filled its line."""
    words = prev.split()
    if not words or not nxt:
        return False
    last = words[-1].lower()
    return (last in CONNECTORS or prev.endswith((",", "-", "–", "(", "&"))
            or nxt[:1].islower() or prev.count("(") > prev.count(")")
            or _title_goes_on(prev, nxt, full))


def _title_goes_on(prev: str, nxt: str, full: int) -> bool:
    """"Strengthening Climate Resilience and Disaster" / "Risk Management in Caribbean Small
    Island": a title wrapped at a full line (``full``: the longest line around it)."""
    if len(prev) < 0.8 * max(full, 35) or any(c in prev + nxt for c in ";:.") \
            or nxt.split()[0].isupper():
        return False
    return _titled(prev) and _titled(nxt)


def values_of(lines: list[tuple[int, str]], joined: frozenset[int] = frozenset()) -> list[Block]:
    """Short lines cut into values by the wrapping rule (lines in ``joined`` carry on the line
    before them whatever it says)."""
    out: list[Block] = []
    full = max((len(t) for _, t in lines), default=0)
    for number, text in lines:
        prev = out[-1].lines[-1][1] if out else ""
        if out and (number in joined or continues(prev, text, full) or prev.endswith(";")):
            out[-1].lines.append((number, text))
        else:
            out.append(Block("value", [(number, text)]))
    return out


def is_prose(lines: list[tuple[int, str]], wide: int) -> bool:
    """A run of lines reads as prose: long, or several full sentences."""
    words = sum(len(t.split()) for _, t in lines)
    ends = sum(1 for _, t in lines if _SENTENCE_END.search(t))
    if ends == 0 and len(lines) <= 6 and _titled(" ".join(t for _, t in lines)):
        return False  # a long name wrapped over several lines, written as a title
    if len(lines) >= 4 or words >= 25:
        return True
    finished = bool(_SENTENCE_END.search(lines[-1][1]))
    if finished and any(len(t) >= wide for _, t in lines) and words >= 12:
        return True
    if finished and words >= 8 and not _titled(" ".join(t for _, t in lines)):
        return True  # one full sentence: "To strengthen the police academy of the country."
    return ends >= 2 and words >= 12


def _titled(text: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’\-]*", text) if w.lower() not in CONNECTORS]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def blocks_of(run: list[tuple[int, str]], wide: int,
              joined: frozenset[int] = frozenset()) -> list[Block]:
    """One run of text lines as prose and value blocks."""
    if not is_prose(run, wide):
        return values_of(run, joined)
    cut = len(run)
    # trailing unfinished short lines after the last sentence end are values
    while cut > 0 and not _SENTENCE_END.search(run[cut - 1][1]):
        cut -= 1
    tail = run[cut:]
    if cut == 0 or len(tail) > 3 or not tail or not tail[0][1][:1].isupper():
        return [Block("prose", run)]
    return [Block("prose", run[:cut])] + values_of(tail)


def typical_width(lines: list[str]) -> int:
    """60% of a full prose line's length (90th percentile of the non-blank line lengths)."""
    lengths = sorted(len(x.strip()) for x in lines if x.strip())
    if not lengths:
        return 48
    return int(max(40, lengths[int(len(lengths) * 0.9)]) * 0.6)


def join_lines(parts) -> str:
    """Join wrapped lines. A hyphen at a line end stays: Word and browsers do not hyphenate
    words on their own, so it belongs to a compound ("needs-" + "assessment", "Thirty-" + "one").
    """
    out = ""
    for part in parts:
        part = part.strip()
        if not out:
            out = part
        elif out.endswith(("-", "/")) and not out.endswith(" -"):
            out = out + part
        else:
            out = out + " " + part
    return re.sub(r"\s+", " ", out).strip()


def group(pieces: list[Piece], wide: int) -> list[Piece | Block]:
    """Pieces with every run of text lines replaced by its blocks; blank lines dropped (a
    value wrapped across a blank line still joins by the wrapping rule)."""
    out: list[Piece | Block] = []
    run: list[tuple[int, str]] = []
    joined: set[int] = set()

    def flush() -> None:
        if run:
            out.extend(blocks_of(list(run), wide, frozenset(joined)))
            run.clear()
            joined.clear()

    bridged = False
    marked = False
    for i, p in enumerate(pieces):
        if p.kind == "text":
            if run and p.marked and _new_box(run[-1][1], p.text):
                flush()
                out[-1].marked = marked
            if not run:
                marked = p.marked
            if bridged:
                joined.add(p.line)
            run.append((p.line, p.text))
            bridged = False
        elif p.kind == "blank" and run and _bridges(run, pieces, i, wide):
            bridged = True
            continue
        else:
            bridged = False
            if run:
                flush()
                out[-1].marked = marked
            if p.kind != "blank":
                out.append(p)
    if run:
        flush()
        out[-1].marked = marked
    return out


def _new_box(prev: str, text: str) -> bool:
    """A line marked as a new text box starts a new block unless it carries on a sentence."""
    return prev.endswith(_TERMINAL) or (text[:1].isupper() and not prev.endswith(("-", ",")))


def _bridges(run: list[tuple[int, str]], pieces: list[Piece], i: int, wide: int) -> bool:
    """A blank line inside a wrapped value or sentence (double-spaced PDF text) is no break."""
    nxt = next((p for p in pieces[i + 1:] if p.kind != "blank"), None)
    if nxt is None or nxt.kind != "text":
        return False
    prev = run[-1][1]
    if prev.endswith(_TERMINAL):
        return False
    short = len(prev) < wide and len(nxt.text) < wide and not is_prose(run, wide)
    return continues(prev, nxt.text) or len(prev) >= wide or short
