"""GraphML (through networkx) and the two CSV tables of Gephi's spreadsheet import."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx

NODE_FIRST = ["Id", "Label", "Time Interval"]
EDGE_FIRST = ["Source", "Target", "Type", "Id", "Label", "Weight", "Time Interval"]


def to_graphml(g: nx.MultiDiGraph) -> str:
    """GraphML text; every attribute a typed ``<key>``, edge keys kept as GraphML edge ids."""
    buf = io.BytesIO()
    nx.write_graphml(g, buf, named_key_ids=True, edge_id_from_attribute=None)
    return buf.getvalue().decode("utf-8")


def interval(data: dict) -> str:
    """Gephi's interval notation: ``<[start, end]>``, ``Infinity`` on an open side."""
    start, end = data.get("start_date"), data.get("end_date")
    if start is None and end is None:
        return ""
    return f"<[{start or '-Infinity'}, {end or 'Infinity'}]>"


def _table(first: list[str], rows: list[dict]) -> str:
    extra = sorted({k for row in rows for k in row} - set(first))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=first + extra, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {k: ("true" if v is True else "false" if v is False else v) for k, v in row.items()}
        )
    return buf.getvalue()


def to_csv_tables(g: nx.MultiDiGraph) -> tuple[str, str]:
    """(nodes.csv, edges.csv) text with the columns Gephi's spreadsheet import recognises."""
    nodes = []
    for node, data in g.nodes(data=True):
        row = {k: v for k, v in data.items() if k != "label"}
        nodes.append(
            {"Id": node, "Label": data.get("label", node), "Time Interval": interval(data), **row}
        )
    edges = []
    for i, (src, dst, data) in enumerate(g.edges(data=True)):
        row = {k: v for k, v in data.items() if k not in ("label", "weight")}
        edges.append(
            {
                "Source": src,
                "Target": dst,
                "Type": "Directed",
                "Id": f"e{i}",
                "Label": data.get("label", ""),
                "Weight": data.get("weight", 1),
                "Time Interval": interval(data),
                **row,
            }
        )
    return _table(NODE_FIRST, nodes), _table(EDGE_FIRST, edges)


def write_csv_tables(g: nx.MultiDiGraph, folder: Path) -> tuple[Path, Path]:
    nodes, edges = to_csv_tables(g)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nodes.csv").write_text(nodes, encoding="utf-8")
    (folder / "edges.csv").write_text(edges, encoding="utf-8")
    return folder / "nodes.csv", folder / "edges.csv"
