"""A node's neighbourhood as an SVG drawn on the server: donors on the left, programs in the
middle, OAS bodies, partners and countries on the right, each edge from a program to who
funds, implements or hosts it. Colours are the Gephi export's (:mod:`build_graph.export.style`);
every node links to its page and carries its full name as a tooltip.

>>> from build_graph.web.svg import Node, Picture, fit
>>> fit("Inter-American Network for Police Development and Professionalization", 30)
'Inter-American Network for Po…'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from build_graph.export.style import colour
from build_graph.web.layout import PageContext, esc

WIDTH = 980
ROW = 24
TOP = 34
LEFT_X, MID_X, MID_W, RIGHT_X = 280, 345, 290, 700
MAX_ROWS = 40  # per column; the rest are counted, not drawn
CHARS_SIDE, CHARS_MID = 36, 40


@dataclass(frozen=True)
class Node:
    iri: str
    label: str
    kind: str  # a node type of the Gephi export: "Program", "Donor", "OAS body"...
    focal: bool = False


@dataclass
class Picture:
    """Three columns of nodes and the edges (IRI pairs) between them."""

    left: list[Node] = field(default_factory=list)
    middle: list[Node] = field(default_factory=list)
    right: list[Node] = field(default_factory=list)
    edges: set[tuple[str, str]] = field(default_factory=set)

    def empty(self) -> bool:
        return not self.middle


def fit(text: str, chars: int) -> str:
    """``text`` cut to ``chars`` characters, marked with an ellipsis when cut."""
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _rgb(kind: str, alpha: float | None = None) -> str:
    r, g, b = colour(kind)
    return f"rgba({r},{g},{b},{alpha})" if alpha is not None else f"rgb({r},{g},{b})"


def _column(nodes: list[Node]) -> tuple[list[Node], int]:
    return nodes[:MAX_ROWS], max(0, len(nodes) - MAX_ROWS)


def picture_svg(ctx: PageContext, picture: Picture, caption: str) -> str:
    """The picture as an inline ``<svg>`` in a ``<figure>``, or "" when it has no programs."""
    if picture.empty():
        return ""
    columns = [_column(picture.left), _column(picture.middle), _column(picture.right)]
    rows = max(len(nodes) + (1 if more else 0) for nodes, more in columns)
    height = TOP + rows * ROW + 46
    at: dict[str, tuple[float, float, float]] = {}  # iri -> (x in, x out, y)
    parts: list[str] = []
    for index, (nodes, more) in enumerate(columns):
        offset = TOP + (rows - len(nodes) - (1 if more else 0)) * ROW / 2
        for n, node in enumerate(nodes):
            y = offset + n * ROW + ROW / 2
            parts.append(_node(ctx, node, index, y, at))
        if more:
            y = offset + len(nodes) * ROW + ROW / 2
            x = (LEFT_X - 12, MID_X + 8, RIGHT_X + 12)[index]
            anchor = ("end", "start", "start")[index]
            parts.append(f'<text x="{x}" y="{y + 4}" text-anchor="{anchor}" class="more">'
                         f"{esc(ctx.t('and more', n=more))}</text>")
    edges = [_edge(at[a], at[b], kind) for a, b, kind in _drawable(picture, at)]
    headings = "".join(
        f'<text x="{x}" y="18" text-anchor="{anchor}" class="head">{esc(ctx.t(key))}</text>'
        for x, anchor, key, nodes in ((LEFT_X, "end", "picture donors", picture.left),
                                      (MID_X + MID_W / 2, "middle", "programs", picture.middle),
                                      (RIGHT_X, "start", "picture others", picture.right))
        if nodes)
    legend = _legend(ctx, picture, height - 16)
    style = ("<style>text{font:12px system-ui,sans-serif;fill:#1b1f24}"
             ".head{font-weight:700;fill:#57606a}.more{fill:#57606a;font-style:italic}"
             ".label{paint-order:stroke;stroke:#fff;stroke-width:3px}"
             "a:hover text{text-decoration:underline}</style>")
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
           f'role="img" aria-label="{esc(caption)}">{style}{headings}'
           f'<g class="edges">{"".join(edges)}</g>{"".join(parts)}{legend}</svg>')
    return f'<figure class="picture">{svg}<figcaption>{esc(caption)}</figcaption></figure>'


def _node(ctx: PageContext, node: Node, column: int, y: float,
          at: dict[str, tuple[float, float, float]]) -> str:
    href = ctx.resource_href(node.iri) or node.iri
    stroke = ' stroke="#1b1f24" stroke-width="2.5"' if node.focal else ' stroke="#fff"'
    weight = ' font-weight="700"' if node.focal else ""
    title = f"<title>{esc(node.label)}</title>"
    if column == 1:
        at[node.iri] = (MID_X, MID_X + MID_W, y)
        border = stroke if node.focal else f' stroke="{_rgb(node.kind)}"'
        shape = (f'<rect x="{MID_X}" y="{y - 9}" width="{MID_W}" height="18" rx="4" '
                 f'fill="{_rgb(node.kind, 0.14)}"{border}/>'
                 f'<text x="{MID_X + 8}" y="{y + 4}"{weight}>{esc(fit(node.label, CHARS_MID))}'
                 "</text>")
    else:
        x = LEFT_X if column == 0 else RIGHT_X
        at[node.iri] = (x, x, y)
        tx, anchor = (x - 10, "end") if column == 0 else (x + 10, "start")
        shape = (f'<circle cx="{x}" cy="{y}" r="7" fill="{_rgb(node.kind)}"{stroke}/>'
                 f'<text class="label" x="{tx}" y="{y + 4}" text-anchor="{anchor}"{weight}>'
                 f"{esc(fit(node.label, CHARS_SIDE))}</text>")
    return f'<a href="{esc(href)}">{title}{shape}</a>'


def _drawable(picture: Picture, at) -> list[tuple[str, str, str]]:
    kinds = {n.iri: n.kind for n in picture.left + picture.middle + picture.right}
    middle = {n.iri for n in picture.middle}
    found = []
    for a, b in sorted(picture.edges):
        if a in at and b in at:
            other = b if a in middle else a
            found.append((a, b, kinds.get(other, "Program")))
    return found


def _edge(a: tuple[float, float, float], b: tuple[float, float, float], kind: str) -> str:
    """A curve from the right side of ``a`` to the left side of ``b`` (or back)."""
    (a_in, a_out, ay), (b_in, b_out, by) = a, b
    if a_out > b_in:
        (a_in, a_out, ay), (b_in, b_out, by) = (b_in, b_out, by), (a_in, a_out, ay)
    x1, x2 = a_out, b_in
    mid = (x1 + x2) / 2
    return (f'<path d="M{x1:.1f},{ay:.1f} C{mid:.1f},{ay:.1f} {mid:.1f},{by:.1f} '
            f'{x2:.1f},{by:.1f}" fill="none" stroke="{_rgb(kind, 0.45)}" stroke-width="1.6"/>')


def _legend(ctx: PageContext, picture: Picture, y: float) -> str:
    kinds = list(dict.fromkeys(n.kind for n in picture.left + picture.middle + picture.right))
    x, items = 20, []
    for kind in kinds:
        name = ctx.t("kind " + kind)
        items.append(f'<circle cx="{x}" cy="{y}" r="6" fill="{_rgb(kind)}"/>'
                     f'<text x="{x + 10}" y="{y + 4}">{esc(name)}</text>')
        x += 24 + 7 * len(name)
    return "<g class=\"legend\">" + "".join(items) + "</g>"


__all__ = ["Node", "Picture", "fit", "picture_svg"]
