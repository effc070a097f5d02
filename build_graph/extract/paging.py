"""Third pass: the sheet's pieces and blocks cut into program pages.

Every program page carries the form once: one label of each field and one set of box
headings. Pages are cut where the text says a page ends — a "Page N of M" footer, a running
header, a form feed — and, where it says nothing, where a set of headings or a form label
comes again that the page already has. A printed page with no form of its own continues the
program before it (a box that ran onto the next page): it joins that program, it is not one.
Where no page break is printed, the short values after a page's last prose and before the
next page's headings (its beneficiaries and URL, as a PDF extractor places them) open the next
page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from build_graph.extract.blocks import Block
from build_graph.extract.layout import Piece

Item = Piece | Block


@dataclass
class Page:
    items: list[Item] = field(default_factory=list)

    @property
    def first(self) -> int:
        return min(_first(i) for i in self.items)

    @property
    def last(self) -> int:
        return max(_last(i) for i in self.items)


def _first(item: Item) -> int:
    return item.first if isinstance(item, Block) else item.line


def _last(item: Item) -> int:
    return item.last


def _form_count(items: list[Item]) -> int:
    counts = Counter(i.value for i in items if isinstance(i, Piece) and i.kind == "label")
    return max(counts.values(), default=0)


def _has_text(items: list[Item]) -> bool:
    return any(isinstance(i, Block) or (isinstance(i, Piece) and i.kind != "pagebreak")
               for i in items)


def split_pages(items: list[Item]) -> list[Page]:
    """Program pages, in document order."""
    printed = _at_page_breaks(items)
    pages: list[Page] = []
    for chunk in printed:
        if not _has_text(chunk):
            continue
        if _form_count(chunk) == 0 and pages and not _own_boxes(chunk, pages[-1].items):
            pages[-1].items.extend(chunk)  # a box that ran onto the next printed page
            continue
        pages.extend(Page(part) for part in _at_repeats(chunk, explicit=len(printed) > 1))
    return pages


def _own_boxes(chunk: list[Item], before: list[Item]) -> bool:
    """A printed page with no form but with box headings the page before already has, and
    prose under them, is a page of its own that lost its form, not a continuation."""
    heads = {b for i in chunk if isinstance(i, Piece) and i.kind == "heading" for b in i.boxes}
    had = {b for i in before if isinstance(i, Piece) and i.kind == "heading" for b in i.boxes}
    return bool(heads & had) and _much_prose(chunk)


def _at_page_breaks(items: list[Item]) -> list[list[Item]]:
    chunks: list[list[Item]] = [[]]
    for item in items:
        if isinstance(item, Piece) and item.kind == "pagebreak":
            if chunks[-1]:
                chunks.append([])
        else:
            chunks[-1].append(item)
    return [c for c in chunks if c]


def _at_repeats(items: list[Item], explicit: bool) -> list[list[Item]]:
    """Cut where a heading or a label comes again that the current part already has."""
    parts: list[list[Item]] = [[]]
    headings: set[str] = set()
    labels: set[str] = set()
    for item in items:
        if isinstance(item, Piece) and item.kind == "heading":
            clash = set(item.boxes) & headings
            prev_heading = _last_kind(parts[-1]) == "heading"
            lost_form = not headings and not labels and _much_prose(parts[-1])
            if (clash or lost_form) and not prev_heading and (labels or _has_prose(parts[-1])):
                carried = [] if explicit else _trailing_values(parts[-1])
                parts.append(carried)
                headings, labels = set(), set()
            headings |= set(item.boxes)
        elif (isinstance(item, Block) and item.kind == "prose" and item.marked and labels
              and _prose_after_labels(parts[-1])):
            # a new text box after a page whose form and summary are done: a page that lost
            # its form and headings
            parts.append([])
            headings, labels = set(), set()
        elif isinstance(item, Piece) and item.kind == "label":
            if item.value in labels and headings:
                carried = _values_before_labels(parts[-1])
                parts.append(carried)
                headings, labels = set(), set()
            labels.add(item.value)
        parts[-1].append(item)
    return [p for p in parts if p]


def _prose_after_labels(items: list[Item]) -> bool:
    last = max((k for k, i in enumerate(items) if isinstance(i, Piece) and i.kind == "label"),
               default=None)
    return last is not None and any(isinstance(i, Block) and i.kind == "prose"
                                    for i in items[last:])


def _much_prose(items: list[Item]) -> bool:
    """Prose enough to be a page's boxes, not a long value such as a beneficiaries sentence."""
    blocks = [i for i in items if isinstance(i, Block) and i.kind == "prose"]
    return len(blocks) >= 2 or sum(len(b.lines) for b in blocks) >= 8


def _has_prose(items: list[Item]) -> bool:
    return any(isinstance(i, Block) and i.kind == "prose" for i in items)


def _last_kind(items: list[Item]) -> str:
    return items[-1].kind if items else ""


def _trailing_values(items: list[Item]) -> list[Item]:
    """Values after a page's detached label block open the next page when prose stands between
    (the page's summary came after its form) or when the page already has values of its own
    before its labels (they would fill its fields twice)."""
    labels = [k for k, i in enumerate(items) if isinstance(i, Piece) and i.kind == "label"]
    if not labels or items[labels[-1]].inline:
        return []
    carried: list[Item] = []
    while len(items) > labels[-1] + 2 and _is_loose_value(items[-1]):
        carried.insert(0, items.pop())
    after_prose = bool(items) and isinstance(items[-1], Block) and items[-1].kind == "prose"
    own = any(isinstance(i, Block) and i.kind == "value" for i in items[:labels[0]])
    if carried and not (after_prose or own):
        items.extend(carried)  # they are this page's own values
        return []
    return carried


def _is_loose_value(item: Item) -> bool:
    if isinstance(item, Block):
        return item.kind == "value"
    return item.kind in ("url", "placeholder", "pillar")


def _values_before_labels(items: list[Item]) -> list[Item]:
    """A new label block: the values just before it (name, pillar, start date) are its own."""
    carried: list[Item] = []
    while items and (_is_loose_value(items[-1]) or (
            isinstance(items[-1], Piece) and items[-1].kind in ("date", "pillar"))):
        carried.insert(0, items.pop())
    return carried
