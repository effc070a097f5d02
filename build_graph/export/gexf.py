"""A small, deterministic GEXF 1.3 writer for the network views (Gephi 0.10 reads it).

Written by hand rather than with ``networkx.write_gexf`` so that nothing is lost to the keys that
writer consumes, every node gets a ``viz:color`` with alpha and a ``viz:size`` by degree, and the
graph is dynamic (``timeformat="date"``): a node or edge with ``start_date`` / ``end_date`` gets
``start`` / ``end``; no ``end_date`` leaves it open at the end. Nodes and edges keep the order of
the graph (the views add them sorted); no clock time is written.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

import networkx as nx

from build_graph.export import style

NS = "http://gexf.net/1.3"
NS_VIZ = "http://gexf.net/1.3/viz"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
# node/edge keys written as XML attributes of the element, not as attvalues
NODE_XML_KEYS = {"label"}
EDGE_XML_KEYS = {"label", "weight", "kind"}


def gexf_type(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "double"
    return "string"


def as_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def attribute_columns(rows, skip: set[str]) -> dict[str, str]:
    """Attribute title -> GEXF type, sorted by title; a key with mixed types becomes a string."""
    found: dict[str, str] = {}
    for data in rows:
        for key, value in data.items():
            if key in skip:
                continue
            kind = gexf_type(value)
            found[key] = kind if found.get(key, kind) == kind else "string"
    return dict(sorted(found.items()))


def _attrs(**pairs) -> str:
    return "".join(f" {k}={quoteattr(as_text(v))}" for k, v in pairs.items() if v is not None)


def _declare(cls: str, columns: dict[str, str]) -> list[str]:
    out = [f'    <attributes class="{cls}" mode="static">']
    for title, kind in columns.items():
        out.append(f"      <attribute{_attrs(id=title, title=title, type=kind)}/>")
    out.append("    </attributes>")
    return out


def _attvalues(data: dict, columns: dict[str, str], indent: str) -> list[str]:
    vals = [(k, data[k]) for k in columns if k in data]
    if not vals:
        return []
    out = [f"{indent}<attvalues>"]
    out += [f"{indent}  <attvalue{_attrs(**{'for': k, 'value': v})}/>" for k, v in vals]
    out.append(f"{indent}</attvalues>")
    return out


def _last_date(g: nx.MultiDiGraph) -> str | None:
    dates = [
        d[k]
        for _, d in list(g.nodes(data=True)) + [(None, e) for *_, e in g.edges(data=True)]
        for k in ("start_date", "end_date")
        if k in d
    ]
    return max(dates) if dates else None


def to_gexf(g: nx.MultiDiGraph, description: str = "") -> str:
    """The graph as GEXF 1.3 text."""
    node_cols = attribute_columns((d for _, d in g.nodes(data=True)), NODE_XML_KEYS)
    edge_cols = attribute_columns((d for *_, d in g.edges(data=True)), EDGE_XML_KEYS)
    last = _last_date(g)
    mode = "dynamic" if last else "static"
    timing = ' timeformat="date" timerepresentation="interval"' if last else ""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<gexf xmlns="{NS}" xmlns:viz="{NS_VIZ}" xmlns:xsi="{NS_XSI}" '
        f'xsi:schemaLocation="{SCHEMA_LOCATION}" version="1.3">',
        f"  <meta{_attrs(lastmodifieddate=last)}>",
        "    <creator>oaskg</creator>",
        f"    <description>{_escape(description)}</description>",
        "  </meta>",
        f'  <graph defaultedgetype="directed" mode="{mode}"{timing}>',
    ]
    out += _declare("node", node_cols) + _declare("edge", edge_cols)
    out.append("    <nodes>")
    for node, data in g.nodes(data=True):
        out += _node(node, data, g.degree(node), node_cols)
    out += ["    </nodes>", "    <edges>"]
    for i, (src, dst, data) in enumerate(g.edges(data=True)):
        head = _attrs(
            id=f"e{i}",
            source=src,
            target=dst,
            label=data.get("label"),
            kind=data.get("kind"),
            weight=data.get("weight"),
            start=data.get("start_date"),
            end=data.get("end_date"),
        )
        body = _attvalues(data, edge_cols, "        ")
        out += [f"      <edge{head}>", *body, "      </edge>"] if body else [f"      <edge{head}/>"]
    out += ["    </edges>", "  </graph>", "</gexf>", ""]
    return "\n".join(out)


def _node(node: str, data: dict, degree: int, columns: dict[str, str]) -> list[str]:
    head = _attrs(
        id=node,
        label=data.get("label", node),
        start=data.get("start_date"),
        end=data.get("end_date"),
    )
    r, gr, b = style.colour(data.get("type", ""))
    return [
        f"      <node{head}>",
        *_attvalues(data, columns, "        "),
        f'        <viz:color r="{r}" g="{gr}" b="{b}" a="{style.ALPHA}"/>',
        f'        <viz:size value="{style.size(degree)}"/>',
        "      </node>",
    ]


def _escape(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)
