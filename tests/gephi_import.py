"""What Gephi makes of our files: its importers' rules, read from its source, as Python.

Gephi cannot run here, so the tests check our GEXF, GraphML and CSV against the rules its
importers apply (gephi/gephi, ``modules/ImportPlugin`` and ``modules/ImportAPI``, read at commit
8821311e; gephi/graphstore for the interval syntax):

- ``ImportContainerImpl.addEdge``: an edge whose id was seen before is dropped ("edge already
  exists"); edges with the same source, target and *type* are parallel, and the default import
  merges them (``EdgeMergeStrategy.SUM``), so only distinct (source, target, type) survive.
- the edge's type: GEXF ``<edge kind=…>`` (``ImporterGEXF``); GraphML the non-standard ``label``
  attribute of ``<edge>`` (``ImporterGraphML.readEdge``); spreadsheet the ``kind`` column.
- spreadsheet (``AbstractImportProcess``, ``AbstractImporterSpreadsheet``,
  ``Import{Nodes,Edges}Process``): headers are matched ignoring case and a repeated header is an
  error; special columns are ``id``/``label`` (nodes) and ``source``/``target``/``type``/
  ``kind``/``id``/``label`` (edges); ``weight`` sets the edge weight; an empty cell is null
  (``withNullString("")``); only the column named ``timeset`` becomes the element's interval
  (Gephi's own ``timeset`` column) — "Time Interval" is typed as an interval but stays an
  ordinary attribute.
- ``IntervalsParser.parseIntervalSet``: intervals ``[low, high]`` (or parentheses) inside
  optional ``<…>``, each bound an ISO date or date-time, a number or ``±Infinity``; low <= high.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

GEXF = "{http://gexf.net/1.3}"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
NODE_SPECIAL = ("id", "label")
EDGE_SPECIAL = ("source", "target", "type", "kind", "id", "label")


@dataclass
class Imported:
    """The graph Gephi would end with, and what its import report would say."""

    nodes: dict[str, dict] = field(default_factory=dict)  # id -> attributes
    edges: dict[tuple[str, str, str | None], dict] = field(default_factory=dict)
    dropped_ids: list[str] = field(default_factory=list)  # "edge already exists"
    merged: int = 0  # parallel edges of one type fused into one
    errors: list[str] = field(default_factory=list)

    def add_edge(self, edge_id: str | None, source: str, target: str, kind: str | None, attrs):
        if edge_id is not None and edge_id in self._seen:
            self.dropped_ids.append(edge_id)
            return
        if edge_id is not None:
            self._seen.add(edge_id)
        key = (source, target, kind or None)
        if key in self.edges:
            self.merged += 1
            return
        self.edges[key] = attrs

    def __post_init__(self):
        self._seen: set[str] = set()


# --- intervals ------------------------------------------------------------------------------
def _bound(text: str) -> float:
    text = text.strip().strip("'\"")
    if text.lower() in ("infinity", "-infinity"):
        return float(text.lower().replace("infinity", "inf"))
    try:
        return float(text)
    except ValueError:
        pass
    moment = datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
    return float(moment.toordinal() if isinstance(moment, date) else moment.timestamp())


def parse_interval_set(text: str) -> list[tuple[float, float]]:
    """Gephi's ``IntervalSet`` syntax; raises ``ValueError`` where Gephi's parser would."""
    found = re.findall(r"[\[(]([^\])]*)[\])]", text)
    if not found:
        raise ValueError(f"{text!r}: no dynamic intervals could be parsed")
    intervals = []
    for body in found:
        values = [v for v in re.split(r"[,\s]+", body.strip()) if v]
        if len(values) != 2:
            raise ValueError(f"{text!r}: each interval must have 2 values")
        low, high = _bound(values[0]), _bound(values[1])
        if low > high:
            raise ValueError(f"{text!r}: low bound after high bound")
        intervals.append((low, high))
    return intervals


# --- spreadsheet ----------------------------------------------------------------------------
def _columns(header: list[str], special: tuple[str, ...], imported: Imported) -> dict[str, int]:
    seen: set[str] = set()
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        lower = name.strip().lower()
        if lower in seen:
            imported.errors.append(f"repeated column {name!r}")
            continue
        seen.add(lower)
        columns[lower if lower in special else name.strip()] = index
    return columns


def _cell(row: list[str], index: int | None) -> str | None:
    if index is None or index >= len(row) or row[index].strip() == "":
        return None
    return row[index].strip()


def _attributes(row, columns, special, imported: Imported) -> dict:
    attrs = {}
    for name, index in columns.items():
        value = _cell(row, index)
        if name in special or value is None:
            continue
        if name.lower() == "timeset":
            try:
                attrs["timeset"] = parse_interval_set(value)
            except ValueError as exc:
                imported.errors.append(str(exc))
            continue
        attrs[name] = value
    return attrs


def import_spreadsheet(nodes_csv: Path, edges_csv: Path) -> Imported:
    imported = Imported()
    with open(nodes_csv, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    columns = _columns(rows[0], NODE_SPECIAL, imported)
    for row in rows[1:]:
        attrs = _attributes(row, columns, NODE_SPECIAL, imported)
        attrs["label"] = _cell(row, columns.get("label"))
        imported.nodes[_cell(row, columns.get("id"))] = attrs
    with open(edges_csv, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    columns = _columns(rows[0], EDGE_SPECIAL, imported)
    for row in rows[1:]:
        attrs = _attributes(row, columns, EDGE_SPECIAL, imported)
        attrs["label"] = _cell(row, columns.get("label"))
        source, target = _cell(row, columns.get("source")), _cell(row, columns.get("target"))
        kind = _cell(row, columns.get("kind"))
        imported.add_edge(_cell(row, columns.get("id")), source, target, kind, attrs)
    return imported


# --- XML formats ----------------------------------------------------------------------------
def import_gexf(path: Path) -> Imported:
    imported = Imported()
    graph = ET.parse(path).getroot().find(GEXF + "graph")
    for node in graph.iter(GEXF + "node"):
        imported.nodes[node.get("id")] = dict(node.attrib)
    for edge in graph.iter(GEXF + "edge"):
        imported.add_edge(
            edge.get("id"), edge.get("source"), edge.get("target"), edge.get("kind"), edge.attrib
        )
    return imported


def import_graphml(path: Path) -> Imported:
    imported = Imported()
    root = ET.parse(path).getroot()
    for node in root.iter(GRAPHML + "node"):
        imported.nodes[node.get("id")] = dict(node.attrib)
    for edge in root.iter(GRAPHML + "edge"):
        imported.add_edge(
            edge.get("id"), edge.get("source"), edge.get("target"), edge.get("label"), edge.attrib
        )
    return imported
