"""The ``table`` format of a query answer: for people, in a terminal of a given width.

>>> import pyoxigraph as ox
>>> from build_graph.query.run import Answer
>>> spain = ox.NamedNode("https://w3id.org/oaskg/id/country/es")
>>> answer = Answer(("donor", "activities"), ((spain, ox.Literal("3")),))
>>> print(table(answer, {spain.value: "Spain"}, 40), end="")
donor                  activities
---------------------  ----------
Spain (id:country/es)  3
(1 row)
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from build_graph.query.answer import Answer, display

GAP = "  "
MIN_WIDTH = 4
WORD_CAP = 22  # a column is made at least as wide as its longest word, up to this
# a piece ends before a space, after a "/", or after a "-" that is not between two digits
# (program-slug-1540 breaks, a date 2016-07-01 does not)
_PIECE = re.compile(r"\S+?(?:/(?=\S)|(?<![0-9])-(?=[^\W_])|(?<=[0-9])-(?=[^\W\d_])|(?=\s)|$)")


def _folded(answer: Answer, labels: dict[str, str]) -> tuple[list[str], list[list[str]]]:
    """Header and cells: an IRI cell shows ``label (id:…)``; a ``xName`` column right after
    (or anywhere beside) an ``x`` column of IRIs is folded into it and dropped."""
    names = list(answer.variables)
    folded = {f"{v}Name" for v in names if f"{v}Name" in names}
    keep = [i for i, v in enumerate(names) if v not in folded]
    cells = []
    for row in answer.rows:
        values = dict(zip(names, row, strict=True))
        line = []
        for i in keep:
            term = row[i]
            text = display(term).replace("\n", " ")
            if isinstance(term, ox.NamedNode):
                named = values.get(f"{names[i]}Name")
                label = named.value if named is not None else labels.get(term.value)
                if label and label != text:
                    text = f"{label} ({text})"
            line.append(text)
        cells.append(line)
    return [names[i] for i in keep], cells


def _pieces(text: str) -> list[str]:
    """Where a cell may break: after spaces, and after ``/`` or ``-`` inside a word."""
    return _PIECE.findall(text)


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width``, broken only between pieces; a piece longer than
    the width (a word that cannot fit) is cut with an ellipsis.

    >>> wrap("Inter-American Drug Abuse Control Commission", 16)
    ['Inter-American', 'Drug Abuse', 'Control', 'Commission']
    """
    lines: list[str] = []
    line = ""
    for piece in _pieces(text):
        if len(piece) > width:
            piece = piece[: width - 1] + "…"
        if line and len(line) + (0 if line.endswith(("/", "-")) else 1) + len(piece) > width:
            lines.append(line)
            line = ""
        joiner = "" if not line or line.endswith(("/", "-")) else " "
        line = f"{line}{joiner}{piece}"
    return lines + [line] if line or not lines else lines


def _widths(header: list[str], cells: list[list[str]], width: int | None) -> list[int] | None:
    """Column widths that fit ``width`` (None: natural widths), or None when even the narrowest
    columns (header and longest word, up to :data:`WORD_CAP`) do not fit."""
    columns = list(zip(header, *cells, strict=True)) if cells else [(h,) for h in header]
    natural = [max(len(c) for c in col) for col in columns]
    if width is None:
        return natural
    room = width - len(GAP) * (len(header) - 1)
    if sum(natural) <= room:
        return natural
    least = [
        min(
            n,
            max(
                len(col[0]),
                MIN_WIDTH,
                min(WORD_CAP, max(len(p) for c in col for p in _pieces(c) or [""])),
            ),
        )
        for n, col in zip(natural, columns, strict=True)
    ]
    if sum(least) > room:
        return None
    widths = least[:]
    wanting = sorted(
        (i for i in range(len(widths)) if widths[i] < natural[i]),
        key=lambda i: natural[i] - widths[i],
    )
    # the column wanting least gets all it wants while that leaves half the room to the others
    while wanting and sum(widths) < room:
        left = room - sum(widths)
        fair = left // len(wanting)
        i = wanting[0]
        if natural[i] - widths[i] <= max(fair, left // 2):
            widths[i] = natural[i]
            wanting.pop(0)
            continue
        for i in wanting:
            widths[i] += max(fair, 0)
        for i in wanting[: room - sum(widths)]:
            widths[i] += 1
        break
    return widths


def _rows_text(header: list[str], cells: list[list[str]], widths: list[int]) -> list[str]:
    lines = [GAP.join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append(GAP.join("-" * w for w in widths))
    wrapped = [[wrap(c, w) for c, w in zip(row, widths, strict=True)] for row in cells]
    spaced = any(len(part) > 1 for row in wrapped for part in row)
    for number, row in enumerate(wrapped):
        if spaced and number:
            lines.append("")
        for k in range(max(len(part) for part in row)):
            texts = [part[k] if k < len(part) else "" for part in row]
            lines.append(GAP.join(t.ljust(w) for t, w in zip(texts, widths, strict=True)).rstrip())
    return lines


def _records_text(header: list[str], cells: list[list[str]], width: int) -> list[str]:
    """One block per row: ``name  value`` lines, the value wrapped to the width."""
    name_width = max(len(h) for h in header)
    value_width = max(width - name_width - len(GAP), 12)
    lines: list[str] = []
    for number, row in enumerate(cells, start=1):
        lines.append(f"-[ {number} ]".ljust(min(width, 40), "-"))
        for name, value in zip(header, row, strict=True):
            parts = wrap(value, value_width) if value else [""]
            lines.append(f"{name.ljust(name_width)}{GAP}{parts[0]}".rstrip())
            lines += [f"{' ' * (name_width + len(GAP))}{part}" for part in parts[1:]]
    return lines


def table(answer: Answer, labels: dict[str, str], width: int | None) -> str:
    """The answer as a text table no wider than ``width`` (records when a table cannot fit)."""
    header, cells = _folded(answer, labels)
    widths = _widths(header, cells, width)
    if widths is None:
        lines = _records_text(header, cells, width or 80)
    else:
        lines = _rows_text(header, cells, widths)
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(line.rstrip() for line in lines) + "\n"
