"""Where each node of a network view goes in the PNG, and what its label says.

The picture is read left to right, in columns of labelled rows, so that no two labels can
overlap and "who funds what" reads as a path. Entities view: donors and the OAS bodies (their
hierarchy in tree order) on the left, activities in the middle, then programs, countries,
partners and national counterparts on the right. Donors view: donors on the left, the countries
they fund in on the right. Rdf view: one block of rows per class, in as many columns as the
rows need. Rows in a column are spread over the picture's height and ordered by where their
neighbours are (barycentre), so edges run mostly level.

Labels are cut at a word boundary to :data:`LIMIT` characters with ``…`` and a note number;
the note (below the picture) gives the full name — also for acronyms (``AECID [4]``).
Coordinates are in inches, origin at the bottom left of the drawing area.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

LIMIT = 46  # characters of a label before it is cut
FONT = 8.5  # points
ROW = 0.26  # inches per row of labels
CHAR = 0.55 * FONT / 72  # inches per character, a safe average for DejaVu Sans
GAP = 3.2  # inches of edges between a column's labels and the next column's
RDF_ROWS = 60  # rows per column in the rdf view


@dataclass(frozen=True)
class Column:
    blocks: tuple[str, ...]  # node types (or rdf classes), top to bottom
    side: str  # where labels go: "left", "right" or "above"


@dataclass(frozen=True)
class Placed:
    node: str
    x: float
    y: float
    label: str
    side: str
    note: int | None  # number of the note giving the full name


@dataclass(frozen=True)
class Layout:
    placed: dict[str, Placed]
    notes: tuple[tuple[int, str], ...]  # (number, full name)
    width: float  # inches
    height: float


def shorten(text: str, limit: int = LIMIT) -> str:
    """``text`` cut at the last word boundary within ``limit`` characters, with ``…``; a short
    closing parenthesis (the sheet's country) is kept, since it tells activities apart.

    >>> shorten("Inter-American Network for Police Development and Professionalization (Uruguay)")
    'Inter-American Network for Police… (Uruguay)'
    >>> shorten("SIDUC Latino")
    'SIDUC Latino'
    """
    if len(text) <= limit:
        return text
    head, tail = text, ""
    match = re.match(r"^(.*\S)\s+(\([^()]{1,24}\))$", text)
    if match:
        head, tail = match.group(1), " " + match.group(2)
    room = limit - len(tail)
    if len(head) <= room:
        return head + tail
    cut = head[: room - 1]
    if " " in cut and not head[room - 1].isspace():
        cut = cut[: cut.rindex(" ")]
    elif " " not in cut and ("/" in cut or "#" in cut):  # an IRI: cut after a path step
        cut = cut[: max(cut.rfind("/"), cut.rfind("#")) + 1]
    return cut.rstrip(" ,;:–-(") + "…" + tail


def _entities_plan(g: nx.MultiDiGraph) -> tuple[list[Column], dict[str, str]]:
    columns = [
        Column(("Donor", "OAS body"), "left"),
        Column(("Activity",), "above"),
        Column(("Program", "Country", "Partner", "National counterpart"), "right"),
    ]
    return columns, {n: d.get("type", "") for n, d in g.nodes(data=True)}


def _donors_plan(g: nx.MultiDiGraph) -> tuple[list[Column], dict[str, str]]:
    return [Column(("Donor",), "left"), Column(("Country",), "right")], {
        n: d.get("type", "") for n, d in g.nodes(data=True)
    }


def _rdf_plan(g: nx.MultiDiGraph) -> tuple[list[Column], dict[str, str]]:
    types = {n: d.get("type", "") for n, d in g.nodes(data=True)}
    sizes: dict[str, int] = defaultdict(int)
    for t in types.values():
        sizes[t] += 1
    columns, blocks, rows = [], [], 0
    for t in sorted(sizes, key=lambda t: (-sizes[t], t)):
        if blocks and rows + sizes[t] > RDF_ROWS:
            columns.append(Column(tuple(blocks), "right"))
            blocks, rows = [], 0
        blocks.append(t)
        rows += sizes[t]
    if blocks:
        columns.append(Column(tuple(blocks), "right"))
    return columns, types


PLANS = {"entities": _entities_plan, "donors": _donors_plan, "rdf": _rdf_plan}


def _tree_order(g: nx.MultiDiGraph, bodies: list[str], rank: dict[str, float]) -> list[str]:
    """OAS bodies depth first down the ``unit of`` hierarchy, siblings by barycentre."""
    wanted = set(bodies)
    parent = {u: v for u, v, k in g.edges(keys=True) if k == "unit of" and u in wanted}
    children: dict[str | None, list[str]] = defaultdict(list)
    for b in bodies:
        children[parent.get(b) if parent.get(b) in wanted else None].append(b)
    out: list[str] = []

    def visit(node: str | None) -> None:
        for child in sorted(children[node], key=lambda n: (rank.get(n, math.inf), n)):
            if child not in out:
                out.append(child)
                visit(child)

    visit(None)
    return out + [b for b in bodies if b not in out]  # a cycle would leave some out


def _barycentre(g, nodes: list[str], y: dict[str, float]) -> dict[str, float]:
    rank = {}
    for n in nodes:
        around = [y[m] for m in nx.all_neighbors(g, n) if m in y]
        rank[n] = -sum(around) / len(around) if around else math.inf
    return rank


def _label_width(text: str) -> float:
    return max(len(line) for line in text.split("\n")) * CHAR + 0.2


def two_lines(text: str, limit: int = LIMIT) -> str:
    r"""``text`` on at most two lines of ``limit`` characters, broken and cut at word
    boundaries (the centre column has room for two lines a row).

    >>> two_lines("Program for the prevention of irregular Migration in Mesoamerica (Guatemala)")
    'Program for the prevention of irregular\nMigration in Mesoamerica (Guatemala)'
    """
    lines = textwrap.wrap(text, limit, break_long_words=False)
    if len(lines) <= 2:
        return "\n".join(lines)
    second = shorten(text[len(lines[0]) :].strip(), limit)
    return f"{lines[0]}\n{second}"


def _name(data: dict, node: str) -> tuple[str, str]:
    """(label, full name) of a node."""
    label = str(data.get("label", node))
    full = str(data.get("name") or label)
    return label, full


def layout(g: nx.MultiDiGraph) -> Layout:
    """Columns, rows and labels of the picture of ``g`` (its ``view`` graph attribute picks
    the plan; an unknown view is drawn like the rdf view)."""
    view = str(g.graph.get("view", "rdf")).split("-")[0]
    columns, types = PLANS.get(view, _rdf_plan)(g)
    members = [[[n for n in g.nodes if types[n] == t] for t in c.blocks] for c in columns]
    placed_types = {t for c in columns for t in c.blocks}
    stray = [n for n in g.nodes if types[n] not in placed_types]
    if stray:  # a type the plan does not know: a block of its own in the last column
        members[-1].append(stray)
    rows = max(sum(len(b) for b in col) + len(col) - 1 for col in members)
    height = max(rows, 8) * ROW
    centre = max(range(len(columns)), key=lambda i: columns[i].side == "above")
    y: dict[str, float] = {}
    order = [centre] + [i for i in range(len(columns)) if i != centre]
    for sweep in range(2):
        for i in order if sweep == 0 else range(len(columns)):
            blocks = members[i]
            rank = _barycentre(g, [n for b in blocks for n in b], y)
            for b, block in enumerate(blocks):
                if columns[i].blocks[b : b + 1] == ("OAS body",):
                    blocks[b] = _tree_order(g, block, rank)
                elif i == centre and sweep == 0 and columns[i].side == "above":
                    blocks[b] = sorted(block, key=lambda n: (str(g.nodes[n].get("iso_code")), n))
                else:
                    blocks[b] = sorted(block, key=lambda n: (rank[n], _name(g.nodes[n], n)))
            y.update(_spread(blocks, height))
    return _place(g, columns, members, y, height)


def _spread(blocks: list[list[str]], height: float) -> dict[str, float]:
    """Rows of one column spread evenly over the height, a blank row between blocks."""
    slots: list[str | None] = []
    for block in blocks:
        if block:
            slots += ([None] if slots else []) + block
    step = height / max(len(slots), 1)
    return {n: height - (i + 0.5) * step for i, n in enumerate(slots) if n is not None}


def _place(g, columns: list[Column], members, y, height) -> Layout:
    notes: list[tuple[int, str]] = []
    placed: dict[str, Placed] = {}
    x = 0.0
    for column, blocks in zip(columns, members, strict=True):
        nodes = [n for b in blocks for n in b]
        labels = {}
        for n in sorted(nodes, key=lambda n: -y[n]):
            label, full = _name(g.nodes[n], n)
            short = two_lines(label) if column.side == "above" else shorten(label)
            note = None
            if short.replace("\n", " ") != label or full != label:
                note = len(notes) + 1
                notes.append((note, full if full != label else label))
                short = f"{short} [{note}]"
            labels[n] = short
        widest = max((_label_width(t) for t in labels.values()), default=0.0)
        if column.side == "left":
            x += widest
        elif column.side == "above":
            x += widest / 2
        for n in nodes:
            placed[n] = Placed(n, x, y[n], labels[n], column.side, _note(labels[n]))
        x += widest if column.side == "right" else widest / 2 if column.side == "above" else 0
        x += GAP
    return Layout(placed, tuple(notes), x - GAP, height)


def _note(label: str) -> int | None:
    if label.endswith("]") and " [" in label:
        return int(label.rsplit(" [", 1)[1][:-1])
    return None
