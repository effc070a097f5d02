"""A small, deterministic GraphML writer for the network views.

Written by hand rather than with ``networkx.write_graphml`` because that writer used a
MultiDiGraph's edge keys (the relation, ``"in country"``) as GraphML edge ids, so one id was
repeated on many edges and Gephi's importer kept only the first edge of each id; and with
``named_key_ids`` it declared one ``<key id>`` per attribute name for nodes and for edges alike,
while GraphML key ids must be unique in the document. Here every edge has its own id (``e0``,
``e1``… in the graph's order, as in the GEXF) and every key an id unique across scopes
(``n_label``, ``e_label``, ``g_view``). Values are typed (``boolean``, ``long``, ``double``,
``string``); a key whose values mix types is a string.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from build_graph.export.gexf import as_text, attribute_columns

NS = "http://graphml.graphdrawing.org/xmlns"
SCHEMA_LOCATION = f"{NS} {NS}/1.0/graphml.xsd"
GRAPHML_TYPE = {"boolean": "boolean", "integer": "long", "double": "double", "string": "string"}
SCOPE_PREFIX = {"graph": "g", "node": "n", "edge": "e"}


def key_id(scope: str, name: str) -> str:
    """The ``<key id>`` of an attribute: unique across scopes because of the scope prefix."""
    return f"{SCOPE_PREFIX[scope]}_{name}"


def _keys(scope: str, columns: dict[str, str]) -> list[str]:
    return [
        f'  <key id={quoteattr(key_id(scope, name))} for="{scope}" '
        f'attr.name={quoteattr(name)} attr.type="{GRAPHML_TYPE[kind]}"/>'
        for name, kind in columns.items()
    ]


def _data(scope: str, values: dict, columns: dict[str, str], indent: str) -> list[str]:
    return [
        f"{indent}<data key={quoteattr(key_id(scope, name))}>{escape(as_text(values[name]))}</data>"
        for name in columns
        if name in values
    ]


def to_graphml(g: nx.MultiDiGraph) -> str:
    """The graph as GraphML text: unique edge ids, unique key ids, typed values."""
    graph_cols = attribute_columns([g.graph], set())
    node_cols = attribute_columns((d for _, d in g.nodes(data=True)), set())
    edge_cols = attribute_columns((d for *_, d in g.edges(data=True)), set())
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<graphml xmlns="{NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        f'xsi:schemaLocation="{SCHEMA_LOCATION}">',
        *_keys("graph", graph_cols),
        *_keys("node", node_cols),
        *_keys("edge", edge_cols),
        '  <graph id="G" edgedefault="directed">',
        *_data("graph", g.graph, graph_cols, "    "),
    ]
    for node, data in g.nodes(data=True):
        out += [f"    <node id={quoteattr(str(node))}>"]
        out += _data("node", data, node_cols, "      ")
        out += ["    </node>"]
    for i, (src, dst, data) in enumerate(g.edges(data=True)):
        out += [f'    <edge id="e{i}" source={quoteattr(str(src))} target={quoteattr(str(dst))}>']
        out += _data("edge", data, edge_cols, "      ")
        out += ["    </edge>"]
    out += ["  </graph>", "</graphml>", ""]
    return "\n".join(out)
