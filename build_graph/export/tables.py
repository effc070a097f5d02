"""The two CSV tables of Gephi's spreadsheet import (File ▸ Import spreadsheet).

Column names follow Gephi's importer (``modules/ImportPlugin/…/spreadsheet`` in gephi/gephi):
``Id`` and ``Label`` on nodes; ``Source``, ``Target``, ``Type`` (direction), ``Id``, ``Label``,
``Kind`` (the edge type: parallel edges of different kinds are kept apart, same-kind ones are
merged) on edges; ``Weight`` becomes the edge weight; and only a column named ``timeset`` becomes
the element's own time interval (Gephi's timeline), written ``<[start, end]>`` with
``Infinity`` on an open side. Every other attribute follows as its own column. Header names are
unique ignoring case: Gephi refuses a repeated column.
"""

from __future__ import annotations

import csv
import io

import networkx as nx

NODE_FIRST = ["Id", "Label", "timeset"]
EDGE_FIRST = ["Source", "Target", "Type", "Id", "Label", "Weight", "Kind", "timeset"]
# graph attributes that become one of the columns above
NODE_TAKEN = {"label"}
EDGE_TAKEN = {"label", "weight", "kind"}


def interval(data: dict) -> str:
    """Gephi's interval notation: ``<[start, end]>``, ``Infinity`` on an open side; empty when
    neither date is known (Gephi then leaves the element outside the timeline's filter).

    >>> interval({"start_date": "2008-11-01"})
    '<[2008-11-01, Infinity]>'
    """
    start, end = data.get("start_date"), data.get("end_date")
    if start is None and end is None:
        return ""
    return f"<[{start or '-Infinity'}, {end or 'Infinity'}]>"


def _cell(value) -> str:
    return "true" if value is True else "false" if value is False else str(value)


def _table(first: list[str], rows: list[dict]) -> str:
    taken = {name.lower() for name in first}
    extra = sorted({k for row in rows for k in row if k.lower() not in taken})
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=first + extra, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items() if k in first or k in extra})
    return buf.getvalue()


def to_csv_tables(g: nx.MultiDiGraph) -> tuple[str, str]:
    """(nodes.csv, edges.csv) text with the columns Gephi's spreadsheet import recognises."""
    nodes = []
    for node, data in g.nodes(data=True):
        row = {k: v for k, v in data.items() if k not in NODE_TAKEN}
        nodes.append(
            {**row, "Id": node, "Label": data.get("label", node), "timeset": interval(data)}
        )
    edges = []
    for i, (src, dst, data) in enumerate(g.edges(data=True)):
        row = {k: v for k, v in data.items() if k not in EDGE_TAKEN}
        edges.append(
            {
                **row,
                "Source": src,
                "Target": dst,
                "Type": "Directed",
                "Id": f"e{i}",
                "Label": data.get("label", ""),
                "Weight": data.get("weight", 1),
                "Kind": data.get("kind", ""),
                "timeset": interval(data),
            }
        )
    return _table(NODE_FIRST, nodes), _table(EDGE_FIRST, edges)
