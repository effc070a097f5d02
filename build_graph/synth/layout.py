"""Lay a planned page out as scrambled PDF-extracted text, the way the real sheets come out:
stacked prose headings, shuffled boxes, a header block of values and labels in odd order,
beneficiaries and a broken URL ahead of the page's headings, wrapped and hyphenated lines."""

from __future__ import annotations

import random
from dataclasses import dataclass

from build_graph.synth.lexicon import (
    FOOTER,
    HEADINGS,
    LABELS,
    MIXED_LABELS,
    PLACEHOLDERS,
    RUNNING_HEAD,
    TO,
)
from build_graph.synth.program import Page

BOXES = ("summary", "objectives", "results")


@dataclass(frozen=True)
class Style:
    """What stays the same over one sheet (one PDF conversion)."""

    width: int
    running: bool  # running page header and "Page n of N" footer
    hyphenate: float  # chance a long word is split across a line break
    trailing: str  # what ends a prose line ("" or " ")

    @classmethod
    def draw(cls, rng: random.Random) -> Style:
        return cls(rng.randint(95, 135), rng.random() < 0.4, rng.choice((0.0, 0.08, 0.2)),
                   rng.choice(("", " ")))


def wrap(rng: random.Random, text: str, width: int, hyphenate: float = 0.0) -> list[str]:
    """Greedy wrap at ``width``; long words sometimes hyphenated across the break."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            room = width - len(current) - 2
            if word.isalpha() and len(word) >= 9 and room >= 4 and rng.random() < hyphenate:
                cut = min(room, len(word) - 4)
                lines.append(f"{current} {word[:cut]}-")
                current = word[cut:]
            else:
                lines.append(current)
                current = word
    if current:
        lines.append(current)
    return lines


def _gap(rng: random.Random) -> list[str]:
    """The blank or whitespace-only lines between two blocks."""
    return [rng.choice(("", "", " ", "  ")) for _ in range(rng.choice((1, 1, 2, 3, 5)))]


def _spaced(lines: list[str], rng: random.Random, double: bool) -> list[str]:
    out: list[str] = []
    for line in lines:
        out.append(line)
        if double:
            out.append(rng.choice(("", "", " ")))
    return out


def _label(field: str, es: bool) -> str:
    return LABELS[field][es]


def _url_lines(rng: random.Random, url: str | None, es: bool) -> list[str]:
    if url is None:
        return [PLACEHOLDERS["url"][es]]
    size = rng.randint(24, 30)
    pieces = [url[i:i + size] for i in range(0, len(url), size)]
    return _spaced(pieces[:-1], rng, True) + [pieces[-1] + " "]


def _beneficiary_lines(rng: random.Random, page: Page) -> list[str]:
    if page.beneficiaries is None:
        return []
    return _spaced(wrap(rng, page.beneficiaries, rng.randint(28, 38)), rng, True)


def _end_lines(rng: random.Random, page: Page) -> list[str]:
    to = TO[page.language]
    if rng.random() < 0.25:
        return [page.end_text + " ", "", to]
    return [f"{page.end_text} {to} "]


def header_name_lines(rng: random.Random, page: Page) -> list[str]:
    """Pillar prefix and the program name wrapped over lines (block A of the header)."""
    if page.header == "pillar_only":
        return [page.pillar_shown + "  "]
    first = f"{page.pillar_shown} {page.name}".strip()
    return _spaced(wrap(rng, first, rng.randint(30, 46)), rng, True)


def header_value_lines(rng: random.Random, page: Page) -> list[str]:
    """Start date, the label column, donors, end date (block B of the classic header)."""
    es = page.language == "es"
    mixed = not es and rng.random() < 0.12
    label = MIXED_LABELS.get if mixed else (lambda field: _label(field, es))
    lines = [page.start_text + " ", ""]
    for field in ("pillar", "name", "date", "beneficiaries"):
        lines += [label(field) + " ", rng.choice(("", " "))]
    additional = label("additional")
    if rng.random() < 0.3:
        head, tail = additional.split(" ", 1)
        lines += [" " * rng.randint(3, 9) + head + " ", tail + " "]
    else:
        lines += [" " * rng.randint(3, 5) + additional + " "]
    lines += [""] + _spaced(wrap(rng, page.donors_text, rng.randint(30, 40)), rng, True)
    lines += [" " * 12 + _label("donors", es) + " ", ""]
    return lines + _end_lines(rng, page)


def inline_header(rng: random.Random, page: Page) -> list[str]:
    """"Label: value" on one line each."""
    es = page.language == "es"
    name = wrap(rng, f"{_label('name', es)}: {page.name}", rng.randint(50, 70))
    url = page.url or PLACEHOLDERS["url"][es]
    rows = [[f"{_label('pillar', es)}: {page.pillar_shown}"], name,
            [f"{_label('date', es)}: {page.start_text} {TO[page.language]} {page.end_text}"],
            [f"{_label('beneficiaries', es)}: {page.beneficiaries or ''}".rstrip()],
            [f"{_label('additional', es)}: {url}"],
            [f"{_label('donors', es)}: {page.donors_text}".rstrip()]]
    if rng.random() < 0.4:
        rows.insert(2, rows.pop())  # donors before the date
    return _spaced([line for row in rows for line in row], rng, rng.random() < 0.5)


def labels_first_header(rng: random.Random, page: Page) -> list[str]:
    """The label column first, then the values in their usual order."""
    es = page.language == "es"
    labels = [_label(f, es) + " " for f in LABELS]
    values = header_name_lines(rng, page)
    values += [f"{page.start_text} {TO[page.language]} {page.end_text} ", ""]
    values += _beneficiary_lines(rng, page) + _url_lines(rng, page.url, es) + [""]
    values += wrap(rng, page.donors_text, rng.randint(30, 40)) if page.donors_text else []
    return _spaced(labels, rng, True) + values


def _box_lines(rng: random.Random, paragraphs: list[str], style: Style) -> list[str]:
    double = rng.random() < 0.35
    lines: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        if i:
            lines.append(rng.choice(("", " ")))
        wrapped = wrap(rng, paragraph, style.width, style.hyphenate)
        lines += _spaced([line + style.trailing for line in wrapped], rng, double)
    return lines


def _heading(box: str, es: bool, rng: random.Random) -> str:
    return rng.choice(("", " ")) + HEADINGS[box][es] + "  "


def page_blocks(rng: random.Random, page: Page, style: Style) -> list[list[str]]:
    """The page's blocks of lines in reading order (without running head and footer)."""
    es = page.language == "es"
    texts = {box: _box_lines(rng, getattr(page, box), style) for box in BOXES}
    order = list(BOXES)
    rng.shuffle(order)
    if rng.random() < 0.4:
        order = ["objectives", "results", "summary"]  # the order the real sheets show most
    stacked = rng.random() < 0.7
    blocks: list[list[str]] = []
    if stacked:
        heads = [_heading(b, es, rng) for b in BOXES]
        blocks.append(_spaced(heads, rng, True))
        blocks += [texts[b] for b in order]
    else:
        blocks += [[_heading(b, es, rng), *texts[b]] for b in order]
    if page.header in ("none",):
        return blocks
    before = page.header in ("classic", "pillar_only") and rng.random() < 0.75
    side = _beneficiary_lines(rng, page) + _url_lines(rng, page.url, es)
    if page.header in ("classic", "pillar_only"):
        head = [header_name_lines(rng, page), header_value_lines(rng, page)]
        if not before:
            head.append(side)
        where = rng.randint(1, len(blocks) - 1)  # never last: keep the side block inside
        if page.header == "classic" and rng.random() < 0.2:  # name apart from the values
            blocks.insert(where, head[1] + (head[2] if len(head) > 2 else []))
            blocks.insert(0, head[0])
        else:
            blocks.insert(where, [line for part in head for line in part])
    elif page.header == "inline":
        blocks.insert(rng.choice((0, 0, len(blocks))), inline_header(rng, page))
    else:
        blocks.insert(rng.choice((0, len(blocks) - 1)), labels_first_header(rng, page))
    if before:
        runs_on = stacked and page.url and blocks[0][0].strip() == HEADINGS["summary"][es]
        if runs_on and rng.random() < 0.3:  # "…network/ PROGRAM SUMMARY" on one line
            blocks[0] = [side[-1] + blocks[0][0].strip() + "  ", *blocks[0][1:]]
            side = side[:-1]
        blocks.insert(0, side)
    return blocks


def render_page(rng: random.Random, page: Page, style: Style, number: int, total: int,
                country: str) -> list[str]:
    blocks = page_blocks(rng, page, style)
    lines: list[str] = []
    if style.running:
        lines += [RUNNING_HEAD[page.language].format(country=country), ""]
    for i, block in enumerate(blocks):
        if i:
            lines += _gap(rng)
        lines += block
    if style.running:
        lines += ["", FOOTER[page.language].format(n=number, total=total)]
    return lines + _gap(rng)
