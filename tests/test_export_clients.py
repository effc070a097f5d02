"""Issue 15: the exports as real clients read them — graphology-graphml (Node.js), networkx, and
Gephi's importers (their rules, read from Gephi's source, in ``gephi_import.py``)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from gephi_import import import_gexf, import_graphml, import_spreadsheet, parse_interval_set

from build_graph.export import (
    View,
    build_network,
    export_csv,
    export_gexf,
    export_graphml,
    style,
)

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
ID = "https://w3id.org/oaskg/id/"
PROCCER = ID + "activity/oas-country-sheet-guatemala/training-and-certification-program-proccer"
MEM_GT = ID + "activity/oas-country-sheet-guatemala/multilateral-evaluation-mechanism-mem"
SPAIN, GUATEMALA = ID + "country/es", ID + "country/gt"
# every triple between two resources (IRIs or blank nodes), rdf:type aside: the rdf view's edges
Q_RDF_EDGES = """SELECT (COUNT(*) AS ?c) WHERE { SELECT DISTINCT ?s ?p ?o WHERE {
  GRAPH ?g { ?s ?p ?o } FILTER (!isLiteral(?o) && ?p != rdf:type) } }"""
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LEGAL_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
GRAPHOLOGY = {"graphology": "0.26.0", "graphology-graphml": "0.5.2"}
JS = Path(__file__).parent / "js" / "graphml_read.js"


@pytest.fixture(scope="module")
def views(built_out):
    return {view: build_network(built_out, view) for view in View}


@pytest.fixture(scope="module")
def counts(views):
    """(nodes, edges) of each view, which every file and every reader must give back."""
    return {v: (g.number_of_nodes(), g.number_of_edges()) for v, g in views.items()}


@pytest.fixture(scope="module")
def files(views, tmp_path_factory):
    """Every view written as GEXF, GraphML and CSV."""
    folder = tmp_path_factory.mktemp("exports")
    written = {}
    for view, g in views.items():
        written[view] = {
            "gexf": export_gexf(g, folder / f"{view}.gexf", view),
            "graphml": export_graphml(g, folder / f"{view}.graphml"),
            "csv": export_csv(g, folder / f"{view}-csv"),
        }
    return written


def test_the_rdf_view_has_an_edge_per_triple_between_resources(built_out, counts):
    from build_graph.rdf.store import open_store

    rows = list(open_store(built_out).query(Q_RDF_EDGES.replace("rdf:type", f"<{RDF_TYPE}>")))
    assert counts[View.RDF][1] == int(rows[0]["c"].value) > 600
    assert counts[View.ENTITIES][0] > 100 and counts[View.DONORS][1] > 30


# --- GraphML --------------------------------------------------------------------------------
@pytest.mark.parametrize("view", list(View))
def test_graphml_ids_are_unique(files, view, counts):
    root = ET.parse(files[view]["graphml"]).getroot()
    edge_ids = [e.get("id") for e in root.iter(GRAPHML + "edge")]
    key_ids = [k.get("id") for k in root.iter(GRAPHML + "key")]
    assert len(edge_ids) == counts[view][1] and len(set(edge_ids)) == len(edge_ids)
    assert key_ids and len(set(key_ids)) == len(key_ids)
    # the file: 160 edges carried 9 distinct ids; start_date, end_date and label were
    # declared twice (once for nodes, once for edges)
    names = Counter((k.get("for"), k.get("attr.name")) for k in root.iter(GRAPHML + "key"))
    assert max(names.values()) == 1


@pytest.mark.parametrize("view", list(View))
def test_gephi_keeps_every_graphml_edge(files, view, counts):
    imported = import_graphml(files[view]["graphml"])
    assert imported.dropped_ids == []
    nodes, edges = counts[view]
    assert len(imported.nodes) == nodes
    if view is View.RDF:
        # GraphML has no edge type: Gephi fuses two triples between the same pair (README);
        # the GEXF and the CSV keep them apart by kind (tests below)
        assert len(imported.edges) + imported.merged == edges
    else:
        assert (len(imported.edges), imported.merged) == (edges, 0)


@pytest.fixture(scope="session")
def graphology(tmp_path_factory) -> Path:
    """A node_modules folder with graphology and graphology-graphml (npm, cached)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.skip(
            "Node.js and npm are needed for graphology-graphml (apt-get install nodejs npm)"
        )
    cache = Path(os.environ.get("OASKG_NODE_CACHE", Path.home() / ".cache" / "oaskg-tests-node"))
    modules = cache / "node_modules"
    if not all((modules / name / "package.json").is_file() for name in GRAPHOLOGY):
        cache.mkdir(parents=True, exist_ok=True)
        specs = [f"{name}@{version}" for name, version in GRAPHOLOGY.items()]
        run = subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--prefix", str(cache), *specs],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if run.returncode != 0:
            pytest.skip(f"npm could not install graphology-graphml: {run.stderr[-300:]}")
    return modules


def _graphology_read(modules: Path, path: Path) -> dict:
    run = subprocess.run(
        ["node", str(JS), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NODE_PATH": str(modules)},
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.mark.parametrize("view", list(View))
def test_graphology_reads_the_graphml(graphology, files, views, view, counts):
    read = _graphology_read(graphology, files[view]["graphml"])
    assert (read["order"], read["size"]) == counts[view]
    g = views[view]
    for node, data in list(g.nodes(data=True))[:50]:
        assert read["nodes"][node] == data  # every attribute, with its type
    by_key = {e["key"]: e for e in read["edges"]}
    for i, (src, dst, data) in enumerate(g.edges(data=True)):
        edge = by_key[f"e{i}"]
        assert (edge["source"], edge["target"], edge["attributes"]) == (src, dst, data)


def test_graphology_attribute_types(graphology, files):
    read = _graphology_read(graphology, files[View.ENTITIES]["graphml"])
    proccer = read["nodes"][PROCCER]
    assert proccer["start_date"] == "2008-11-01" and proccer["end_date"] == "2017-06-30"
    assert proccer["needs_review"] is False and proccer["activities"] == 1
    assert read["nodes"][MEM_GT]["open_ended"] is True
    assert {e["attributes"]["relation"] for e in read["edges"]} >= {"funds", "in country"}


@pytest.mark.parametrize("view", list(View))
def test_networkx_reads_the_graphml(files, views, view, counts):
    read = nx.read_graphml(files[view]["graphml"], force_multigraph=True)
    assert (read.number_of_nodes(), read.number_of_edges()) == counts[view]
    assert {k for *_, k in read.edges(keys=True)} == {f"e{i}" for i in range(counts[view][1])}
    for node, data in views[view].nodes(data=True):
        assert read.nodes[node] == data


# --- CSV for Gephi's spreadsheet import -----------------------------------------------------
@pytest.mark.parametrize("view", list(View))
def test_gephi_spreadsheet_import(files, view, counts):
    nodes_csv, edges_csv = files[view]["csv"]
    imported = import_spreadsheet(nodes_csv, edges_csv)
    assert imported.errors == [] and imported.dropped_ids == [] and imported.merged == 0
    assert (len(imported.nodes), len(imported.edges)) == counts[view]
    with open(edges_csv, encoding="utf-8") as f:
        header = f.readline().strip().split(",")
    assert header[:8] == ["Source", "Target", "Type", "Id", "Label", "Weight", "Kind", "timeset"]
    with open(nodes_csv, encoding="utf-8") as f:
        assert f.readline().strip().split(",")[:3] == ["Id", "Label", "timeset"]


def test_the_timeset_column_is_each_elements_interval(files):
    imported = import_spreadsheet(*files[View.ENTITIES]["csv"])
    day = parse_interval_set("<[2008-11-01, 2017-06-30]>")
    assert imported.nodes[PROCCER]["timeset"] == day
    # MEM on Guatemala's sheet: since 1998, ongoing
    ((low, high),) = imported.nodes[MEM_GT]["timeset"]
    assert high == float("inf") and low == parse_interval_set("[1998-01-01, 1998-01-01]")[0][0]
    timed = [e for e in imported.edges.values() if "timeset" in e]
    assert timed and not any("Time Interval" in e for e in imported.edges.values())


def test_interval_syntax_as_gephi_parses_it():
    assert parse_interval_set("<[2008-11-01, Infinity]>")[0][1] == float("inf")
    with pytest.raises(ValueError):
        parse_interval_set("2008-11-01 to 2017-06-30")
    with pytest.raises(ValueError):
        parse_interval_set("<[2017-06-30, 2008-11-01]>")


# --- the rdf view in Gephi ------------------------------------------------------------------
def test_rdf_view_keeps_every_triple_in_gephi(files, views, counts):
    g = views[View.RDF]
    pairs = Counter((u, v) for u, v in g.edges())
    assert sum(1 for n in pairs.values() if n > 1) > 0  # the issue counted 33 such pairs
    imported = import_gexf(files[View.RDF]["gexf"])
    assert (len(imported.edges), imported.merged, imported.dropped_ids) == (
        counts[View.RDF][1],
        0,
        [],
    )
    root = ET.parse(files[View.RDF]["gexf"]).getroot()
    edges = list(root.iter(GEXF + "edge"))
    assert all(e.get("kind") == e.get("label") for e in edges)


def test_rdf_view_attribute_ids_are_legal_names(files):
    root = ET.parse(files[View.RDF]["gexf"]).getroot()
    ids = [a.get("id") for a in root.iter(GEXF + "attribute")]
    assert "vann_preferredNamespacePrefix" in ids
    assert [i for i in ids if not LEGAL_NAME.match(i)] == []
    with open(files[View.RDF]["csv"][0], encoding="utf-8") as f:
        header = f.readline().strip().split(",")
    assert [h for h in header if not LEGAL_NAME.match(h)] == []


def test_rdf_view_nodes_are_coloured_by_class(files, views):
    g = views[View.RDF]
    assert g.nodes[PROCCER]["type"] == "oaskg:Activity"
    assert g.nodes[GUATEMALA]["type"] == "oaskg:MemberState"
    root = ET.parse(files[View.RDF]["gexf"]).getroot()
    colour = {}
    for node in root.iter(GEXF + "node"):
        c = node.find(VIZ + "color")
        colour[node.get("id")] = (int(c.get("r")), int(c.get("g")), int(c.get("b")))
    by_class: dict[str, set] = {}
    for node, data in g.nodes(data=True):
        by_class.setdefault(data["type"], set()).add(colour[node])
    assert all(len(colours) == 1 for colours in by_class.values())  # one colour per class
    main = [
        "oaskg:Program",
        "oaskg:Activity",
        "oaskg:Result",
        "org:OrganizationalUnit",
        "org:FormalOrganization",
        "oaskg:MemberState",
        "schema:Country",
        "owl:Class",
    ]
    assert len({style.colour(c) for c in main}) == len(main)


# --- a country that funds -------------------------------------------------------------------
def test_a_country_that_receives_and_funds_stays_a_country(views):
    for view in (View.ENTITIES, View.DONORS):
        g = views[view]
        assert (g.nodes[GUATEMALA]["type"], g.nodes[GUATEMALA]["donor"]) == ("Country", True)
        assert (g.nodes[SPAIN]["type"], g.nodes[SPAIN]["donor"]) == ("Donor", True)
