"""Word geometry for the PDF reader (:mod:`build_graph.read.pdf_layout`): words, rows and blocks.

Everything here looks only at positions: a word is its text and its box on the page
(``x0``/``x1`` left to right, ``top``/``bottom`` measured downwards), never its place in the
content stream. Three operations:

* :func:`page_words` — the page's words from pdfplumber (duplicate glyphs removed by
  :func:`unique_chars`);
* :func:`rows` — words grouped into printed lines (vertical overlap), each sorted left to right;
* :func:`xy_cut` — recursive XY-cut: a set of words is split at every horizontal band of white
  space that crosses it completely (wider than ``H_GAP`` ems), or failing that at every vertical
  one (wider than ``V_GAP`` ems), until neither exists. The leaves are the page's blocks: a
  label, a value, one side-by-side box column, one part of a date. Ordinary line spacing and word
  spacing are narrower than the thresholds, so a paragraph or a wrapped value stays whole.

Units are "ems": the median word height on the page, so the thresholds scale with the type.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter

H_GAP = 0.45  # a horizontal white band at least this many ems high separates blocks
V_GAP = 0.6   # a vertical white band at least this many ems wide separates blocks


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True)
class Unit:
    """One printed line of one block: the atom the reader assigns to a field or a box."""

    words: tuple[Word, ...]
    block: int  # index of the XY-cut block on its page

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


def page_words(page) -> list[Word]:
    """The words of a pdfplumber page, in a fixed geometric order (top, left, text)."""
    found = unique_chars(page).extract_words(x_tolerance=1.5, y_tolerance=3,
                                             keep_blank_chars=False, use_text_flow=False)
    words = [Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]),
                  float(w["bottom"])) for w in found if w["text"].strip()]
    return sorted(words, key=_reading_key)


def unique_chars(page):
    """The page without duplicate glyphs (a PDF that paints a glyph twice, for a bold effect):
    what pdfplumber's ``page.dedupe_chars()`` keeps, with its tolerance (1) and attributes, in
    the page's order. Its last step, ``sorted(kept, key=chars.index)``, compares each glyph kept
    with every glyph before it; a glyph kept is always the first of its equals (the first in
    its cluster), so keeping the page's glyphs that were picked, in order, is the same."""
    from pdfplumber.utils import cluster_objects

    same = itemgetter("upright", "text", "fontname", "size")
    at = itemgetter("doctop", "x0")
    picked: set[int] = set()
    for _, alike in groupby(sorted(page.chars, key=same), key=same):
        for row in cluster_objects(list(alike), itemgetter("doctop"), 1):
            for cluster in cluster_objects(row, itemgetter("x0"), 1):
                picked.add(id(min(cluster, key=at)))  # the first of the nearest top-left
    return page.filter(lambda obj: obj["object_type"] != "char" or id(obj) in picked)


def em(words: list[Word]) -> float:
    """The page's type size: the median word height (10 points when there are no words)."""
    heights = [w.bottom - w.top for w in words if w.bottom > w.top]
    return statistics.median(heights) if heights else 10.0


def rows(words) -> list[list[Word]]:
    """Group words into printed lines: a word joins a line it overlaps by half its height."""
    lines: list[list[Word]] = []
    bounds: list[tuple[float, float]] = []
    for word in sorted(words, key=_reading_key):
        height = max(word.bottom - word.top, 0.1)
        for i, (top, bottom) in enumerate(bounds):
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap >= 0.5 * min(height, bottom - top):
                lines[i].append(word)
                bounds[i] = (min(top, word.top), max(bottom, word.bottom))
                break
        else:
            lines.append([word])
            bounds.append((word.top, word.bottom))
    ordered = sorted(zip(bounds, lines, strict=True), key=lambda bl: (bl[0][0], bl[1][0].x0))
    return [sorted(line, key=lambda w: (w.x0, w.top, w.text)) for _, line in ordered]


def xy_cut(words: list[Word], size: float) -> list[list[Word]]:
    """Split words into blocks by recursive XY-cut (see the module docstring)."""
    strips = _split(words, size * H_GAP, lambda w: (w.top, w.bottom))
    if len(strips) > 1:
        return [block for strip in strips for block in xy_cut(strip, size)]
    columns = _split(words, size * V_GAP, lambda w: (w.x0, w.x1))
    if len(columns) > 1:
        return [block for column in columns for block in xy_cut(column, size)]
    return [words] if words else []


def units(words: list[Word], size: float) -> list[Unit]:
    """The page's blocks cut into their printed lines, block by block."""
    return [Unit(tuple(line), index)
            for index, block in enumerate(xy_cut(words, size))
            for line in rows(block)]


def _split(words: list[Word], gap: float, span) -> list[list[Word]]:
    """Cut where the union of the words' spans along one axis leaves a gap wider than ``gap``."""
    groups: list[list[Word]] = []
    end = None
    for word in sorted(words, key=lambda w: (span(w), w.text)):
        start, stop = span(word)
        if end is None or start - end > gap:
            groups.append([])
            end = stop
        groups[-1].append(word)
        end = max(end, stop)
    return groups


def _reading_key(word: Word) -> tuple[float, float, str]:
    return (round(word.top, 2), round(word.x0, 2), word.text)
