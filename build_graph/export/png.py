"""A picture of a network view: force-directed layout, colours by node type, labels on the main
nodes, a legend. Fixed seed, so the same graph gives the same picture."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from build_graph.export import style

LABELLED = 18  # the nodes of highest degree get a label
SEED = 7


def write_png(g: nx.MultiDiGraph, path: Path, title: str = "") -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    simple = nx.Graph()
    simple.add_nodes_from(g.nodes)
    for u, v, d in g.edges(data=True):
        w = simple.edges[u, v]["weight"] + d.get("weight", 1) if simple.has_edge(u, v) else 1
        simple.add_edge(u, v, weight=w)
    pos = nx.spring_layout(simple, seed=SEED, k=1.6 / max(1, len(simple)) ** 0.5, iterations=200)
    types = {n: g.nodes[n].get("type", "") for n in g.nodes}
    fig, ax = plt.subplots(figsize=(14, 10), dpi=100)
    nx.draw_networkx_edges(simple, pos, ax=ax, alpha=0.25, width=0.8, edge_color="#555555")
    nodes = list(g.nodes)
    nx.draw_networkx_nodes(
        simple,
        pos,
        nodelist=nodes,
        ax=ax,
        linewidths=0.4,
        edgecolors="white",
        node_color=[tuple(c / 255 for c in style.colour(types[n])) for n in nodes],
        node_size=[style.size(g.degree(n)) ** 2 / 2.5 for n in nodes],
    )
    main = sorted(nodes, key=lambda n: (-g.degree(n), n))[:LABELLED]
    labels = {n: str(g.nodes[n].get("label", n))[:32] for n in main}
    nx.draw_networkx_labels(simple, pos, labels=labels, ax=ax, font_size=8)
    present = [t for t in style.COLOURS if t in set(types.values())]
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=9,
            label=t,
            markerfacecolor=tuple(c / 255 for c in style.colour(t)),
            markeredgecolor="white",
        )
        for t in present
    ]
    ax.legend(handles=handles, loc="lower left", frameon=False, fontsize=9)
    ax.set_title(title, fontsize=12)
    ax.axis("off")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)
    return path
