"""A picture of a network view for people without Gephi.

Every node is labelled (see :mod:`build_graph.export.png_layout`: columns of rows, so labels
never overlap; long names are cut at a word boundary and given in full in the numbered notes
under the picture). Nodes are coloured by type; a country that programs run in and that also
funds keeps the country colour with a green ring (the donor mark). Edges are arrows, each
relation with its own colour and line style, listed in the legend. Deterministic: the same
graph gives the same picture.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from build_graph.export import style
from build_graph.export.png_layout import FONT, Layout, layout

MARGIN = 0.8  # inches around the drawing
TITLE = 0.7
NOTE_FONT = 7.5
NOTE_WIDTH = 4.6  # inches per column of notes
NOTE_CHARS = 78
LEGEND_WIDTH = 3.4  # inches per legend column
UNDIRECTED = {"co-funds"}  # symmetric relations: drawn without an arrow head
DONOR_RING = (77 / 255, 175 / 255, 74 / 255)
# relation -> (colour, line style, width)
EDGE_STYLES: dict[str, tuple[str, object, float]] = {
    "funds": ("#2e8b2e", "-", 1.8),
    "funding channel": ("#2e8b2e", (0, (5, 2)), 1.5),
    "funds activities in": ("#2e8b2e", "-", 1.6),
    "co-funds": ("#ff7f00", (0, (4, 2, 1, 2)), 1.4),
    "implements": ("#377eb8", "-", 1.3),
    "unit of": ("#377eb8", (0, (1, 1.5)), 1.2),
    "partners with": ("#984ea3", (0, (1, 1.5)), 1.2),
    "counterpart of": ("#a65628", (0, (5, 2, 1, 2)), 1.1),
    "part of program": ("#e41a1c", "-", 1.0),
    "in country": ("#555555", "-", 1.0),
    "covers": ("#888888", (0, (4, 2)), 1.0),
}
OTHER_COLOURS = (
    "#1b9e77",
    "#d95f02",
    "#7570b3",
    "#e7298a",
    "#66a61e",
    "#e6ab02",
    "#a6761d",
    "#666666",
    "#1f78b4",
    "#b2df8a",
    "#fb9a99",
    "#cab2d6",
)
OTHER_STYLES = ("-", (0, (5, 2)), (0, (1, 1.5)), (0, (5, 2, 1, 2)))


@dataclass
class Rendering:
    """The drawn figure and what is on it, for tests that look at the picture."""

    figure: object
    labels: dict = field(default_factory=dict)  # node -> matplotlib Text
    markers: dict = field(default_factory=dict)  # node -> (face RGB, ring RGB or None)
    positions: dict = field(default_factory=dict)  # node -> (x, y, radius): inches, points
    arrows: list = field(default_factory=list)  # (relation, FancyArrowPatch)
    styles: dict = field(default_factory=dict)  # relation -> (colour, line style)
    notes: list = field(default_factory=list)  # matplotlib Text of the notes
    layout: Layout | None = None


def edge_styles(relations: list[str]) -> dict[str, tuple[str, object, float]]:
    """A distinct (colour, line style, width) per relation; unknown ones from a palette."""
    out, others = {}, [r for r in sorted(relations) if r not in EDGE_STYLES]
    for r in relations:
        if r in EDGE_STYLES:
            out[r] = EDGE_STYLES[r]
    for i, r in enumerate(others):
        colour = OTHER_COLOURS[i % len(OTHER_COLOURS)]
        line = OTHER_STYLES[(i // len(OTHER_COLOURS)) % len(OTHER_STYLES)]
        out[r] = (colour, line, 1.0)
    return out


def _rgb(node_type: str) -> tuple[float, float, float]:
    r, g, b = style.colour(node_type)
    return (r / 255, g / 255, b / 255)


def _radius(degree: int) -> float:
    """Marker radius in points."""
    return 4.0 + 1.6 * math.sqrt(degree)


def _note_columns(lay: Layout, columns: int) -> list[list[str]]:
    """The notes as wrapped lines in ``columns`` columns of about equal length; a note is
    never split between two columns."""
    notes = [
        textwrap.wrap(f"[{number}] {full}", NOTE_CHARS, subsequent_indent="     ")
        for number, full in lay.notes
    ]
    per_column = math.ceil(sum(len(n) for n in notes) / columns)
    out: list[list[str]] = [[]]
    for lines in notes:
        if out[-1] and len(out[-1]) + len(lines) > per_column and len(out) < columns:
            out.append([])
        out[-1] += lines
    return out


def render(g: nx.MultiDiGraph, title: str = "") -> Rendering:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    lay = layout(g)
    relations = sorted(
        {str(d.get("relation") or d.get("kind") or k) for *_, k, d in g.edges(keys=True, data=True)}
    )
    styles = edge_styles(relations)
    width = max(lay.width + 2 * MARGIN, 2 * NOTE_WIDTH + 2 * MARGIN)
    notes = _note_columns(lay, max(1, int((width - 2 * MARGIN) // NOTE_WIDTH)))
    note_rows = max(len(c) for c in notes)
    types = {str(d.get("type", "")) for _, d in g.nodes(data=True)}
    legend_cols = max(4, int((width - 2 * MARGIN) // LEGEND_WIDTH))
    legend_h = 0.5 + 0.27 * math.ceil((len(styles) + len(types) + 1) / legend_cols)
    notes_h = 0.35 + note_rows * NOTE_FONT * 1.3 / 72 if note_rows else 0.0
    base = MARGIN + notes_h + legend_h  # bottom of the drawing area
    height = base + lay.height + TITLE + MARGIN / 2
    fig = plt.figure(figsize=(width, height), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.axis("off")
    out = Rendering(fig, layout=lay, styles={r: s[:2] for r, s in styles.items()})
    ax.text(width / 2, height - TITLE / 2 - 0.1, title, ha="center", va="center", fontsize=13)
    at = {n: (MARGIN + p.x, base + p.y) for n, p in lay.placed.items()}
    _draw_edges(ax, g, at, lay, styles, out)
    _draw_nodes(ax, g, at, lay, out)
    _draw_legend(ax, g, styles, legend_cols, (MARGIN, base - 0.2), out)
    _draw_notes(ax, notes, MARGIN, MARGIN + notes_h, out)
    return out


def _draw_edges(ax, g, at, lay: Layout, styles, out: Rendering) -> None:
    from matplotlib.patches import FancyArrowPatch

    for u, v, key, data in g.edges(keys=True, data=True):
        relation = str(data.get("relation") or data.get("kind") or key)
        colour, line, lw = styles[relation]
        (x1, y1), (x2, y2) = at[u], at[v]
        rad = 0.0
        if abs(x1 - x2) < 1e-6:  # within a column: an arc away from the column's labels,
            # bulging at most 1.2 inches (arc3 puts its control point rad × dy to the right)
            away = -1 if lay.placed[u].side == "right" else 1
            rad = away * min(0.35, 1.2 / max(abs(y2 - y1), 1e-6)) * (1 if y2 > y1 else -1)
        weight = float(data.get("weight", 1) or 1)
        arrow = FancyArrowPatch(
            (x1, y1),
            (x2, y2),
            arrowstyle="-" if relation in UNDIRECTED else "-|>",
            mutation_scale=9,
            shrinkA=_radius(g.degree(u)) + 1,
            shrinkB=_radius(g.degree(v)) + 1,
            connectionstyle=f"arc3,rad={rad}",
            color=colour,
            linestyle=line,
            linewidth=min(lw * (1 + 0.35 * math.log(weight)), 4.0),
            alpha=0.75,
            zorder=1,
        )
        ax.add_patch(arrow)
        out.arrows.append((relation, arrow))


def _draw_nodes(ax, g, at, lay: Layout, out: Rendering) -> None:
    for n, data in g.nodes(data=True):
        kind = str(data.get("type", ""))
        face = _rgb(kind)
        ring = DONOR_RING if data.get("donor") is True and kind != "Donor" else None
        x, y = at[n]
        ax.plot(
            [x],
            [y],
            marker="o",
            linestyle="",
            markersize=2 * _radius(g.degree(n)),
            markerfacecolor=face,
            markeredgecolor=ring or "white",
            markeredgewidth=3.0 if ring else 0.8,
            zorder=3,
        )
        out.markers[n] = (face, ring)
        out.positions[n] = (x, y, _radius(g.degree(n)))
        p = lay.placed[n]
        r = _radius(g.degree(n)) / 72 + 0.06
        if p.side == "left":
            pos, ha, va = (x - r, y), "right", "center"
        elif p.side == "right":
            pos, ha, va = (x + r, y), "left", "center"
        else:
            pos, ha, va = (x, y + r), "center", "bottom"
        out.labels[n] = ax.text(
            *pos,
            p.label,
            ha=ha,
            va=va,
            fontsize=FONT,
            zorder=4,
            bbox={
                "boxstyle": "square,pad=0.08",
                "facecolor": "white",
                "edgecolor": "none",
                "alpha": 0.85,
            },
        )


def _edge_label(relation: str) -> str:
    return f"— {relation} (both ways)" if relation in UNDIRECTED else f"→ {relation}"


def _draw_legend(ax, g, styles, columns: int, at, out: Rendering) -> None:
    from matplotlib.lines import Line2D

    types = {str(d.get("type", "")) for _, d in g.nodes(data=True)}
    ordered = [t for t in style.COLOURS if t in types] + sorted(types - set(style.COLOURS))
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=9,
            label=t,
            markerfacecolor=_rgb(t),
            markeredgecolor="white",
        )
        for t in ordered
    ]
    if any(ring for _, ring in out.markers.values()):
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=9,
                label="Country that also funds (green ring)",
                markerfacecolor=_rgb("Country"),
                markeredgecolor=DONOR_RING,
                markeredgewidth=2.5,
            )
        )
    handles += [
        Line2D([], [], color=c, linestyle=line, linewidth=max(lw, 1.2), label=_edge_label(r))
        for r, (c, line, lw) in styles.items()
    ]
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=at,
        bbox_transform=ax.transData,
        ncol=columns,
        frameon=False,
        fontsize=9,
        handlelength=3.2,
        title="Nodes and edges (an arrow points from the subject of its relation to its object)",
        title_fontsize=9,
        alignment="left",
    )


def _draw_notes(ax, columns: list[list[str]], x: float, top: float, out: Rendering) -> None:
    if not any(columns):
        return
    out.notes.append(ax.text(x, top, "Full names", fontsize=9, va="top", weight="bold"))
    for c, lines in enumerate(columns):
        if lines:
            text = ax.text(
                x + c * NOTE_WIDTH,
                top - 0.25,
                "\n".join(lines),
                fontsize=NOTE_FONT,
                va="top",
                ha="left",
                linespacing=1.2,
            )
            out.notes.append(text)


def write_png(g: nx.MultiDiGraph, path: Path, title: str = "") -> Path:
    import matplotlib.pyplot as plt

    drawn = render(g, title)
    path.parent.mkdir(parents=True, exist_ok=True)
    drawn.figure.savefig(path, metadata={"Software": None})
    plt.close(drawn.figure)
    return path
