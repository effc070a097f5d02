"""Read a country-sheet PDF by the geometry of its words and write one canonical text block
per program.

Why: a PDF's content stream may paint a form's values far from their labels and interleave its
prose boxes, so a text layer read in paint order is scrambled. Positions are not.

Method (every decision is made on word positions; the only words the reader knows are the form's
labels and headings, taken from :mod:`build_graph.lexicon`):

1. *Blocks and lines.* Each page's words are cut into blocks by recursive XY-cut and each block
   into printed lines ("units", :mod:`build_graph.read.pdf_geometry`).
2. *Anchors.* A unit whose text is a form label or a box heading is an anchor; so is a pair of
   consecutive units of one block that together are one ("PROGRAM" above "SUMMARY"), and the
   leading words of a unit ending in a colon ("Date: 3/3/2025").
3. *Furniture.* Rows at the top and bottom edge of a page, set apart by white space, holding no
   anchor and only page numbers ("Page 2 of 8") or text repeated at the same height on another
   page (a running header) are dropped.
4. *Assignment.* Every other unit belongs to the anchor that governs it: of the anchors starting
   no lower than the unit and lying above it or to its left, those of the nearest row; among
   them the one whose column covers the unit, else the nearest on its left. Headings side by side
   share the width between them at the white gutter of the text beneath. A label's value must
   follow it without a wide gap; what breaks away is left unassigned.
5. *Programs.* A page with form labels starts a program. A page without (a box running on) adds
   its text to the previous program: under a repeated heading, or to the box whose column it
   overlaps most (ties: the box that ended lowest).
6. *Text.* Fields first, in the fixed order pillar, name, date, beneficiaries, additional
   information, donors, whatever their order on the page ("Label: value", wrapped lines
   joined; a URL broken over lines joined without a space; the blocks of one field, e.g.
   start/"to"/end, read left to right), then each
   box's heading and lines top to bottom with an empty line for a paragraph gap, then
   ``UNASSIGNED`` and any text that fits nowhere. Blocks are separated by a line holding "\\f".
"""

from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass, field
from itertools import pairwise

from build_graph import lexicon
from build_graph.read.errors import DocumentError
from build_graph.read.pdf_geometry import Unit, em, page_words, rows, units

FIELD_ORDER = ("pillar", "name", "date", "beneficiaries", "additional_information", "donors")
BOX_ORDER = ("summary", "objectives", "results")
ROW_TOL = 0.5      # ems: anchors and units whose tops differ by less are on one row
VALUE_GAP = 1.5    # ems: widest white gap between a label and its value, or inside a value
EDGE_GAP = 1.0     # ems: white space that sets page furniture apart from the page's body
PARAGRAPH = 0.4    # ems beyond the usual line pitch that make a paragraph break
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$", re.IGNORECASE)
_URL_PIECE = re.compile(r"[/._=&?%#~-]")


@dataclass
class Anchor:
    kind: str   # "field" or "box"
    name: str   # the field or box it opens
    text: str   # as printed
    x0: float
    x1: float
    top: float
    bottom: float
    cell: tuple[float, float] = (0.0, 0.0)

    def __post_init__(self) -> None:
        self.cell = (self.x0, self.x1)


@dataclass
class Page:
    size: float
    anchors: list[Anchor]
    content: list[Unit]


@dataclass
class Program:
    labels: dict[str, str] = field(default_factory=dict)
    values: dict[str, list[Unit]] = field(default_factory=dict)
    headings: dict[str, str] = field(default_factory=dict)
    boxes: dict[str, list[list[str]]] = field(default_factory=dict)  # box -> pages of lines
    spans: dict[str, tuple[float, float, float]] = field(default_factory=dict)  # x0, x1, bottom
    unassigned: list[str] = field(default_factory=list)


def pdf_to_text(data: bytes, shown: str) -> str:
    """The canonical text of a PDF country sheet: one block per program, split by "\\f" lines."""
    pages = _read_pages(data, shown)
    furniture = _repeated(pages)
    programs: list[Program] = []
    orphans: list[str] = []
    for index, (page_units, size) in enumerate(pages):
        page = _analyse(page_units, size, index, furniture)
        if any(a.kind == "field" for a in page.anchors) or (page.anchors and not programs):
            programs.append(Program(unassigned=orphans))
            orphans = []
            _fill(programs[-1], page)
        elif programs:
            _continue(programs[-1], page)
        else:
            orphans.extend(u.text for u in page.content)
    if not programs:
        return "\n".join(orphans)
    programs[-1].unassigned.extend(orphans)
    return "\n\f\n".join(_render(p) for p in programs)


# --- reading -------------------------------------------------------------------------------

def _read_pages(data: bytes, shown: str) -> list[tuple[list[Unit], float]]:
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            words = [page_words(page) for page in pdf.pages]
    except Exception as exc:  # pdfminer raises many kinds; all mean the same to the user
        raise DocumentError(shown, f"is not a readable PDF ({exc}); re-export it") from None
    if not any(words):
        raise DocumentError(
            shown,
            "has no text layer (an image-only PDF); run OCR on it first "
            "(for example `ocrmypdf in.pdf out.pdf`) and pass the result",
        )
    return [(units(page, em(page)), em(page)) for page in words]


def _repeated(pages: list[tuple[list[Unit], float]]) -> set[tuple[str, int]]:
    """(text, page) keys of lines printed at the same height on another page too."""
    seen: dict[str, list[tuple[int, float]]] = {}
    for number, (page_units, _) in enumerate(pages):
        for unit in page_units:
            seen.setdefault(lexicon.key(unit.text), []).append((number, unit.top))
    repeated = set()
    for text, places in seen.items():
        for number, top in places:
            if any(n != number and abs(t - top) <= 2.0 for n, t in places):
                repeated.add((text, number))
    return repeated


# --- one page ------------------------------------------------------------------------------

def _analyse(page_units: list[Unit], size: float, index: int, repeated) -> Page:
    anchors, content = _anchors(page_units)
    content = _drop_furniture(content, anchors, size, index, repeated)
    _share_columns(anchors, content, size)
    return Page(size, anchors, content)


def _anchors(page_units: list[Unit]) -> tuple[list[Anchor], list[Unit]]:
    """Split a page's units into anchors (labels, headings) and content, in page order."""
    anchors: list[Anchor] = []
    content: list[Unit] = []
    i = 0
    while i < len(page_units):
        unit = page_units[i]
        pair = page_units[i + 1] if i + 1 < len(page_units) else None
        if pair is not None and pair.block == unit.block and (found := _anchor_of([unit, pair])):
            anchors.append(found)
            i += 2
            continue
        if found := _anchor_of([unit]):
            anchors.append(found)
        else:
            head, rest = _colon_label(unit)
            if head:
                anchors.append(head)
            if rest:
                content.append(rest)
        i += 1
    return anchors, content


def _anchor_of(parts: list[Unit]) -> Anchor | None:
    text = " ".join(u.text for u in parts)
    if text.endswith("."):  # a sentence ("Results.") is prose, not a label or heading
        return None
    key = lexicon.key(text)
    for kind, table in (("field", lexicon.LABELS), ("box", lexicon.HEADINGS)):
        if key in table:
            return Anchor(kind, table[key], text.strip().rstrip(":").strip(),
                          min(u.x0 for u in parts), max(u.x1 for u in parts),
                          min(u.top for u in parts), max(u.bottom for u in parts))
    return None


def _colon_label(unit: Unit) -> tuple[Anchor | None, Unit | None]:
    """"Date: 3/3/2025" -> an anchor for the label's words and a unit for the rest."""
    for n in range(1, min(5, len(unit.words)) + 1):
        if unit.words[n - 1].text.endswith(":"):
            anchor = _anchor_of([Unit(unit.words[:n], unit.block)])
            if anchor and anchor.kind == "field":
                rest = unit.words[n:]
                return anchor, (Unit(rest, unit.block) if rest else None)
            break
    return None, unit


def _drop_furniture(content: list[Unit], anchors: list[Anchor], size: float, index: int,
                    repeated) -> list[Unit]:
    """Remove page-number and running-header rows at the top and bottom edges of the page."""
    items = [(u.top, u.bottom, u) for u in content] + [(a.top, a.bottom, None) for a in anchors]
    bands = _bands(items)
    dropped: set[int] = set()
    for order in (bands, bands[::-1]):
        for i, band in enumerate(order[:3]):
            rest = [item for later in order[i + 1:] for item in later]
            if any(unit is None for _, _, unit in band) or _gap(band, rest) < EDGE_GAP * size:
                break
            if not all(lexicon.is_furniture(unit.text)
                       or (lexicon.key(unit.text), index) in repeated for _, _, unit in band):
                break
            dropped.update(id(unit) for _, _, unit in band)
    return [u for u in content if id(u) not in dropped]


def _bands(items: list[tuple]) -> list[list[tuple]]:
    """(top, bottom, item) triples grouped into bands of overlapping height, top to bottom."""
    bands: list[list[tuple]] = []
    bottom = None
    for item in sorted(items, key=lambda t: (t[0], t[1])):
        if bottom is None or item[0] > bottom:
            bands.append([])
            bottom = item[1]
        bands[-1].append(item)
        bottom = max(bottom, item[1])
    return bands


def _gap(band: list[tuple], rest: list[tuple]) -> float:
    """White space between an edge band and the rest of the page (infinite if nothing else)."""
    if not rest:
        return float("inf")
    top, bottom = min(t for t, _, _ in band), max(b for _, b, _ in band)
    if rest[0][0] > top:  # band at the top edge
        return min(t for t, _, _ in rest) - bottom
    return top - max(b for _, b, _ in rest)


def _share_columns(anchors: list[Anchor], content: list[Unit], size: float) -> None:
    """Headings side by side: split the width between them at the gutter of the text below."""
    boxes = sorted((a for a in anchors if a.kind == "box"), key=lambda a: (a.top, a.x0))
    for row in _rows_of(boxes, ROW_TOL * size):
        if len(row) < 2:
            continue
        row.sort(key=lambda a: a.x0)
        below = [u for u in content if u.top >= row[0].top]
        cuts = [_gutter(left.x1, right.x0, below) for left, right in pairwise(row)]
        edges = [float("-inf"), *cuts, float("inf")]
        for anchor, (lo, hi) in zip(row, pairwise(edges), strict=True):
            anchor.cell = (lo, hi)


def _rows_of(anchors: list[Anchor], tol: float) -> list[list[Anchor]]:
    groups: list[list[Anchor]] = []
    for anchor in anchors:
        if groups and abs(anchor.top - groups[-1][0].top) <= tol:
            groups[-1].append(anchor)
        else:
            groups.append([anchor])
    return groups


def _gutter(lo: float, hi: float, below: list[Unit]) -> float:
    """The middle of the widest stretch of [lo, hi] that no line below crosses."""
    spans = sorted((max(u.x0, lo), min(u.x1, hi)) for u in below if u.x1 > lo and u.x0 < hi)
    free, at = [], lo
    for start, stop in spans:
        if start > at:
            free.append((start - at, at, start))
        at = max(at, stop)
    if hi > at:
        free.append((hi - at, at, hi))
    if not free:
        return (lo + hi) / 2
    _, start, stop = max(free, key=lambda f: (f[0], -f[1]))
    return (start + stop) / 2


def _govern(unit: Unit, anchors: list[Anchor], size: float) -> Anchor | None:
    """The anchor a unit belongs to (see step 4 of the module docstring)."""
    tol = ROW_TOL * size
    candidates = [a for a in anchors if a.top <= unit.top + tol
                  and (_overlap(a.cell, unit) > 0 or a.x1 <= unit.x0 + tol)]
    if not candidates:
        return None
    nearest = max(a.top for a in candidates)
    row = [a for a in candidates if a.top >= nearest - tol]
    covering = [a for a in row if _overlap(a.cell, unit) > 0]
    if covering:
        return max(covering, key=lambda a: (_overlap(a.cell, unit), -a.x0))
    return max(row, key=lambda a: (a.x1, a.top))


def _overlap(cell: tuple[float, float], unit: Unit) -> float:
    return min(cell[1], unit.x1) - max(cell[0], unit.x0)


# --- programs ------------------------------------------------------------------------------

def _fill(program: Program, page: Page) -> None:
    """A page with form labels: its fields, boxes and leftovers become the program's."""
    owned: dict[int, list[Unit]] = {id(a): [] for a in page.anchors}
    loose: list[Unit] = []
    for unit in page.content:
        anchor = _govern(unit, page.anchors, page.size)
        (owned[id(anchor)] if anchor else loose).append(unit)
    for anchor in page.anchors:
        mine = owned[id(anchor)]
        if anchor.kind == "field":
            kept = _contiguous(anchor, mine, page.size)
            loose.extend(u for u in mine if u not in kept)
            program.labels.setdefault(anchor.name, anchor.text)
            program.values.setdefault(anchor.name, []).extend(kept)
        else:
            program.headings.setdefault(anchor.name, anchor.text)
            _add_box(program, anchor.name, mine, page.size, anchor)
    program.unassigned.extend(_lines(loose))


def _continue(program: Program, page: Page) -> None:
    """A page without form labels: box text running on from the previous page."""
    owned: dict[str, list[Unit]] = {}
    loose: list[Unit] = []
    for unit in page.content:
        anchor = _govern(unit, page.anchors, page.size)
        box = anchor.name if anchor else _column_box(program, unit)
        (owned.setdefault(box, []) if box else loose).append(unit)
    for anchor in page.anchors:
        program.headings.setdefault(anchor.name, anchor.text)
        owned.setdefault(anchor.name, [])
    for box in BOX_ORDER:
        if box in owned:
            _add_box(program, box, owned[box], page.size, None)
    program.unassigned.extend(_lines(loose))


def _column_box(program: Program, unit: Unit) -> str | None:
    """The box whose column the unit overlaps most (ties: the box that ended lowest)."""
    scored = [(min(x1, unit.x1) - max(x0, unit.x0), bottom, box)
              for box, (x0, x1, bottom) in program.spans.items()]
    scored = [s for s in scored if s[0] > 0]
    return max(scored)[2] if scored else None


def _add_box(program: Program, box: str, mine: list[Unit], size: float,
             anchor: Anchor | None) -> None:
    program.boxes.setdefault(box, []).append(_box_lines(mine, size))
    if mine:
        program.spans[box] = (min(u.x0 for u in mine), max(u.x1 for u in mine),
                              max(u.bottom for u in mine))
    elif anchor and box not in program.spans:
        program.spans[box] = (anchor.x0, anchor.x1, anchor.bottom)


def _contiguous(anchor: Anchor, mine: list[Unit], size: float) -> list[Unit]:
    """A label's value: its lines from the label down, while no wide white gap breaks them."""
    kept, reach = [], anchor.bottom
    for unit in sorted(mine, key=lambda u: (u.top, u.x0)):
        if unit.top > reach + VALUE_GAP * size:
            break
        kept.append(unit)
        reach = max(reach, unit.bottom)
    return kept


def _box_lines(mine: list[Unit], size: float) -> list[str]:
    """A box's printed lines top to bottom; an empty line where a paragraph gap falls."""
    lines = rows([w for u in mine for w in u.words])
    tops = [min(w.top for w in line) for line in lines]
    steps = [b - a for a, b in pairwise(tops)]
    pitch = statistics.median(steps) if steps else 0.0
    out: list[str] = []
    for i, line in enumerate(lines):
        if i and steps[i - 1] > pitch + PARAGRAPH * size:
            out.append("")
        out.append(" ".join(w.text for w in line))
    return out


def _lines(loose: list[Unit]) -> list[str]:
    return [u.text for u in sorted(loose, key=lambda u: (u.top, u.x0))]


# --- text ----------------------------------------------------------------------------------

def _render(program: Program) -> str:
    out: list[str] = []
    for name in FIELD_ORDER:
        if name in program.labels:
            value = _field_text(program.values.get(name, []))
            out.append(f"{program.labels[name]}: {value}" if value else
                       f"{program.labels[name]}:")
    for box in BOX_ORDER:
        if box in program.headings:
            out.append(program.headings[box])
            out.extend(line for chunk in program.boxes.get(box, []) for line in chunk)
    if program.unassigned:
        out.append("UNASSIGNED")
        out.extend(program.unassigned)
    return "\n".join(out)


def _field_text(mine: list[Unit]) -> str:
    """A field's blocks read in bands top to bottom, left to right inside a band."""
    blocks: dict[int, list[Unit]] = {}
    for unit in mine:
        blocks.setdefault(unit.block, []).append(unit)
    items = [(min(u.top for u in b), max(u.bottom for u in b), b) for b in blocks.values()]
    parts = []
    for band in _bands(items):
        for _, _, block in sorted(band, key=lambda t: min(u.x0 for u in t[2])):
            parts.append(_join([u.text for u in sorted(block, key=lambda u: u.top)]))
    return " ".join(parts)


def _join(lines: list[str]) -> str:
    """Wrapped lines joined by a space; a URL broken over lines joined without one."""
    text = lines[0] if lines else ""
    for line in lines[1:]:
        last, first = text.split()[-1] if text.split() else "", line.split()[0]
        glued = _URL.match(last) and (len(line.split()) == 1 or _URL_PIECE.search(first))
        text = f"{text}{line}" if glued else f"{text} {line}"
    return text
