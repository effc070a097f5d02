"""Exports of the built graph for Gephi and other network tools.

    from build_graph.export import View, build_network
    g = build_network(Path("out"), View.ENTITIES)  # a networkx MultiDiGraph keyed by IRIs

``export_gexf``, ``export_graphml``, ``export_csv`` and ``export_png`` write one view of the graph
in ``out_dir`` (the folder ``oaskg build`` wrote) and return the files written.
"""

from __future__ import annotations

import os
import tempfile
from enum import StrEnum
from pathlib import Path

import networkx as nx


class View(StrEnum):
    ENTITIES = "entities"
    DONORS = "donors"
    RDF = "rdf"


class ExportError(RuntimeError):
    """The output cannot be written (the message names the path)."""


DESCRIPTIONS = {
    View.ENTITIES: "OAS programs, activities, OAS bodies, donors, partners, national "
    "counterparts and countries (oaskg entities view)",
    View.DONORS: "Donor to country funding network and donor co-funding (oaskg donors view)",
    View.RDF: "Every triple of the oaskg graph (oaskg rdf view)",
}


def build_network(out_dir: Path, view: View = View.ENTITIES, fold_activities: bool = False):
    """One view of the built graph in ``out_dir`` as a ``networkx.MultiDiGraph``.

    Raises ``build_graph.rdf.store.StoreMissing`` when ``oaskg build`` has not been run there.
    """
    from build_graph.rdf.store import open_store

    store = open_store(out_dir)
    if view is View.RDF:
        from build_graph.export.rdf_view import rdf_graph

        return rdf_graph(store)
    from build_graph.export.facts import load_facts

    facts = load_facts(store)
    if view is View.DONORS:
        from build_graph.export.projections import donors_graph

        return donors_graph(facts)
    from build_graph.export.network import entities_graph

    return entities_graph(facts, fold_activities)


def _write_text(path: Path, text: str) -> Path:
    """Write atomically; an unwritable place becomes an :class:`ExportError`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    return path


def export_gexf(g: nx.MultiDiGraph, path: Path, view: View = View.ENTITIES) -> Path:
    from build_graph.export.gexf import to_gexf

    return _write_text(path, to_gexf(g, DESCRIPTIONS[view]))


def export_graphml(g: nx.MultiDiGraph, path: Path) -> Path:
    from build_graph.export.graphml import to_graphml

    return _write_text(path, to_graphml(g))


def export_csv(g: nx.MultiDiGraph, folder: Path) -> tuple[Path, Path]:
    from build_graph.export.tables import to_csv_tables

    nodes, edges = to_csv_tables(g)
    return _write_text(folder / "nodes.csv", nodes), _write_text(folder / "edges.csv", edges)


def export_png(g: nx.MultiDiGraph, path: Path, view: View = View.ENTITIES) -> Path:
    from build_graph.export.png import write_png

    try:
        return write_png(g, path, DESCRIPTIONS[view])
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from exc
