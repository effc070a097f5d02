"""oaskg export: the entities, donors and rdf views as GEXF, GraphML, CSV and PNG."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from click.testing import CliRunner

from build_graph.cli import cli
from build_graph.rdf.store import open_store

GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
# element names of the GEXF 1.3 schema (core and viz) that a writer may use
GEXF_ELEMENTS = {
    "gexf",
    "meta",
    "creator",
    "description",
    "keywords",
    "graph",
    "attributes",
    "attribute",
    "default",
    "options",
    "nodes",
    "node",
    "edges",
    "edge",
    "attvalues",
    "attvalue",
    "spells",
    "spell",
    "parents",
    "parent",
    "color",
    "size",
    "position",
    "shape",
    "thickness",
}
RESERVED = {"id", "label", "start", "end", "spells", "viz", "pid"}
ID = "https://w3id.org/oaskg/id/"
PROCCER = ID + "activity/oas-country-sheet-guatemala/training-and-certification-program-proccer"
MEM_GT = ID + "activity/oas-country-sheet-guatemala/multilateral-evaluation-mechanism-mem"
SPAIN, GUATEMALA = ID + "country/es", ID + "country/gt"

PREFIX = """PREFIX oaskg: <https://w3id.org/oaskg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
"""
# the same entities and relations the entities view draws, counted in the RDF
Q_NODES = (
    PREFIX
    + """SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE {
  { ?n a oaskg:Program } UNION { ?n a oaskg:Activity } UNION
  { ?a a oaskg:Activity ; oaskg:funder|oaskg:fundingChannel|oaskg:implementedBy|oaskg:partner|
       oaskg:counterpart|oaskg:coversCountry|oaskg:country ?n } UNION
  { ?a oaskg:implementedBy/(org:unitOf|org:subOrganizationOf)+ ?n }
}"""
)
Q_EDGES = (
    PREFIX
    + """SELECT (COUNT(*) AS ?c) WHERE {
  { SELECT DISTINCT ?a ?p ?o WHERE { ?a a oaskg:Activity ; ?p ?o .
      VALUES ?p { oaskg:funder oaskg:fundingChannel oaskg:implementedBy oaskg:partner
                  oaskg:counterpart oaskg:coversCountry oaskg:country oaskg:program } } }
  UNION
  { SELECT DISTINCT ?a ?p ?o WHERE { ?x oaskg:implementedBy/(org:unitOf|org:subOrganizationOf)* ?a .
      ?a ?p ?o . VALUES ?p { org:unitOf org:subOrganizationOf } } }
}"""
)


def _count(out, query) -> int:
    rows = list(open_store(out).query(query, use_default_graph_as_union=True))
    return int(rows[0]["c"].value)


def _run(*args):
    return CliRunner().invoke(cli, ["export", *map(str, args)], catch_exceptions=False)


@pytest.fixture(scope="module")
def gexf_path(built_out, tmp_path_factory):
    path = tmp_path_factory.mktemp("gexf") / "entities.gexf"
    assert _run("gexf", "--out", built_out, "-o", path).exit_code == 0
    return path


def test_entities_gexf_counts_match_the_rdf(built_out, gexf_path):
    g = nx.read_gexf(gexf_path, version="1.3")
    nodes, edges = _count(built_out, Q_NODES), _count(built_out, Q_EDGES)
    # about 15 programs, 18 activities, 68 entities; 160 edges, among them the OAS hierarchy
    # above the implementing bodies (ES/CICAD is both a unit of SMS and a sub-organisation of
    # CICAD); the exact numbers move with the extractor, the export must follow the RDF
    assert nodes > 90 and edges > 150
    assert (g.number_of_nodes(), g.number_of_edges()) == (nodes, edges)


def test_gexf_structure_with_a_plain_xml_reader(gexf_path):
    root = ET.parse(gexf_path).getroot()
    assert root.tag == GEXF + "gexf" and root.get("version") == "1.3"
    names = {el.tag.split("}")[1] for el in root.iter()}
    assert names <= GEXF_ELEMENTS
    graph = root.find(GEXF + "graph")
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
    titles = {a.get("title") for a in graph.iter(GEXF + "attribute")}
    assert titles and not titles & RESERVED
    nodes = graph.findall(f"{GEXF}nodes/{GEXF}node")
    ids = {n.get("id") for n in nodes}
    assert len(ids) == len(nodes) > 90
    for node in nodes:
        colour = node.find(VIZ + "color")
        assert colour is not None and 0 < float(colour.get("a")) <= 1
        assert float(node.find(VIZ + "size").get("value")) >= 10
    edges = graph.findall(f"{GEXF}edges/{GEXF}edge")
    assert edges and all(e.get("source") in ids and e.get("target") in ids for e in edges)
    for el in root.iter():  # no list values, no Python reprs
        assert not any(v.startswith("[") or v == "None" for v in el.attrib.values())


def test_dates_types_and_labels_survive_a_round_trip(gexf_path):
    g = nx.read_gexf(gexf_path, version="1.3")
    # PROCCER on the Guatemala sheet: 11/1/2008 to 6/30/2017
    proccer = g.nodes[PROCCER]
    assert (proccer["start"], proccer["end"]) == ("2008-11-01", "2017-06-30")
    assert proccer["type"] == "Activity" and proccer["iso_code"] == "GT"
    # MEM: since 1998, "Ongoing" -> opens in 1998 and never closes
    mem = g.nodes[MEM_GT]
    assert mem["start"] == "1998-01-01" and "end" not in mem and mem["open_ended"] is True
    spain = g.nodes[SPAIN]
    assert (spain["label"], spain["type"], spain["iso_code"], spain["wikidata"]) == (
        "Spain",
        "Donor",
        "ES",
        "Q29",
    )
    assert spain["viz"]["color"]["a"] == pytest.approx(0.9)
    relations = {d["relation"] for *_, d in g.edges(data=True)}
    assert relations == {
        "funds",
        "funding channel",
        "implements",
        "partners with",
        "counterpart of",
        "covers",
        "in country",
        "part of program",
        "unit of",
    }
    assert g.edges[PROCCER, GUATEMALA]["label"] == "in country"


def test_output_is_deterministic(built_out, gexf_path, tmp_path):
    again = tmp_path / "again.gexf"
    assert _run("gexf", "--out", built_out, "-o", again).exit_code == 0
    assert again.read_bytes() == gexf_path.read_bytes()


def test_graphml_parses_with_networkx_and_xml(built_out, tmp_path):
    path = tmp_path / "e.graphml"
    assert _run("graphml", "--out", built_out, "-o", path).exit_code == 0
    g = nx.read_graphml(path)
    size = (_count(built_out, Q_NODES), _count(built_out, Q_EDGES))
    assert (g.number_of_nodes(), g.number_of_edges()) == size
    assert g.nodes[PROCCER]["start_date"] == "2008-11-01"
    root = ET.parse(path).getroot()
    nodes = {n.get("id") for n in root.iter(GRAPHML + "node")}
    edges = list(root.iter(GRAPHML + "edge"))
    assert (len(nodes), len(edges)) == size
    assert all(e.get("source") in nodes and e.get("target") in nodes for e in edges)


def test_csv_tables_for_gephi_spreadsheet_import(built_out, tmp_path):
    assert _run("csv", "--out", built_out, "-o", tmp_path).exit_code == 0
    with open(tmp_path / "nodes.csv", encoding="utf-8") as f:
        nodes = list(csv.DictReader(f))
    with open(tmp_path / "edges.csv", encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    # Gephi's spreadsheet import: only a column named timeset is the element's interval
    assert list(nodes[0])[:3] == ["Id", "Label", "timeset"]
    assert list(edges[0])[:8] == [
        "Source", "Target", "Type", "Id", "Label", "Weight", "Kind", "timeset"
    ]
    assert (len(nodes), len(edges)) == (_count(built_out, Q_NODES), _count(built_out, Q_EDGES))
    by_id = {n["Id"]: n for n in nodes}
    assert by_id[PROCCER]["timeset"] == "<[2008-11-01, 2017-06-30]>"
    assert by_id[MEM_GT]["timeset"] == "<[1998-01-01, Infinity]>"
    assert all(e["Source"] in by_id and e["Target"] in by_id for e in edges)


def test_folded_view_weights_edges_by_activities(built_out):
    from build_graph.export import View, build_network

    g = build_network(built_out, View.ENTITIES, fold_activities=True)
    assert not [n for n, d in g.nodes(data=True) if d["type"] == "Activity"]
    # Guatemala's sheet lists 13 programs: 13 "in country" activities fold into program edges
    assert (
        sum(
            d["weight"]
            for *_, d in g.in_edges(GUATEMALA, data=True)
            if d["relation"] == "in country"
        )
        == 13
    )


def test_donors_view(built_out, tmp_path):
    path = tmp_path / "d.gexf"
    assert _run("gexf", "--out", built_out, "--view", "donors", "-o", path).exit_code == 0
    g = nx.read_gexf(path, version="1.3")
    # Spain funds three activities of the Guatemala sheet: SAVIA, access to justice for victims
    # of crime, and the institutions assisting and protecting victims and witnesses
    assert g.edges[SPAIN, GUATEMALA]["weight"] == 3
    assert {d["relation"] for *_, d in g.edges(data=True)} == {"funds activities in", "co-funds"}


def test_rdf_view_keeps_every_resource(built_out, tmp_path):
    path = tmp_path / "r.gexf"
    assert _run("gexf", "--out", built_out, "--view", "rdf", "-o", path).exit_code == 0
    g = nx.read_gexf(path, version="1.3")
    assert g.nodes[PROCCER]["oaskg_startBound"] == "2008-11-01"
    assert "oaskg:Activity" in g.nodes[PROCCER]["rdf_type"]


def test_png_is_not_blank(built_out, tmp_path):
    import numpy as np
    from matplotlib.image import imread

    path = tmp_path / "net.png"
    assert _run("png", "--out", built_out, "-o", path).exit_code == 0
    pixels = imread(path)
    assert pixels.shape[0] > 500 and float(np.var(pixels[..., :3])) > 0.001


def test_cli_errors(tmp_path, built_out):
    missing = _run("gexf", "--out", tmp_path / "none")
    assert missing.exit_code == 3 and "oaskg build" in missing.output
    assert _run("gexf", "--out", built_out, "--view", "nope").exit_code == 2
    assert _run("gexf", "--out", built_out, "--view", "rdf", "--fold-activities").exit_code == 2
    blocked = tmp_path / "file"
    blocked.write_text("x")
    unwritable = _run("gexf", "--out", built_out, "-o", blocked / "x.gexf")
    assert unwritable.exit_code == 3 and "cannot write" in unwritable.output


def test_needs_review_is_a_boolean_attribute_of_every_node(tmp_path):
    from test_build_records import make_extraction, make_record

    from build_graph.build.outputs import serialise
    from build_graph.export import View, build_network, export_csv, export_gexf, export_graphml
    from build_graph.merge import merge
    from build_graph.model import EntityRef
    from build_graph.rdf.mapping import to_dataset_with_locations
    from build_graph.rdf.store import write_store
    from build_graph.registry.index import Registry
    from build_graph.resolve.curation import Action, Curation, CurationRow
    from build_graph.resolve.mint import resolve

    registry = Registry.load()
    mns = EntityRef("", "Ministry of National Security", "new", "MNS", "TT", "national", 12)
    police = EntityRef("", "Police Service", "new", None, "TT", "national", 14)
    record = make_record(country="TT", partners=(police,), national_counterparts=(mns,))
    accept = CurationRow("c.csv", 2, ID + "org/tt-police-service", Action.ACCEPT, "")
    resolved = resolve([make_extraction(record)], registry, Curation((accept,)))
    dataset, _ = to_dataset_with_locations(merge(resolved), registry)
    write_store(tmp_path, serialise(dataset)["graph.nq"])
    g = build_network(tmp_path, View.ENTITIES)
    flags = {n: d["needs_review"] for n, d in g.nodes(data=True)}
    assert {n for n, flag in flags.items() if flag} == {ID + "org/tt-ministry-of-national-security"}
    # program, activity, Spain, AECID, Trinidad and Tobago, DPS and the three OAS bodies above it
    assert all(isinstance(flag, bool) for flag in flags.values()) and len(flags) == 11
    mns_node = g.nodes[ID + "org/tt-ministry-of-national-security"]
    assert (mns_node["label"], mns_node["kind"], mns_node["type"]) == (
        "MNS",
        "national",
        "National counterpart",
    )
    gexf = nx.read_gexf(export_gexf(g, tmp_path / "g.gexf"), version="1.3")
    graphml = nx.read_graphml(export_graphml(g, tmp_path / "g.graphml"))
    nodes_csv, _ = export_csv(g, tmp_path / "csv")
    with open(nodes_csv, encoding="utf-8") as f:
        table = {row["Id"]: row["needs_review"] for row in csv.DictReader(f)}
    for read in (gexf, graphml):
        assert {n: d["needs_review"] for n, d in read.nodes(data=True)} == flags
    assert table == {n: "true" if flag else "false" for n, flag in flags.items()}
