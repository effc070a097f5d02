"""Mapping: records → RDF following docs/data-model.md."""

from __future__ import annotations

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD
from test_build_records import SPAIN, make_extraction, make_record

from build_graph import vocab
from build_graph.build.outputs import serialise
from build_graph.merge import merge
from build_graph.model import Donor, LineSpan
from build_graph.rdf.mapping import (
    activity_status,
    bounds,
    date_literal,
    to_dataset_with_locations,
)
from build_graph.resolve.mint import resolve

ID = "https://w3id.org/oaskg/id/"


def _build(*records, base=vocab.DEFAULT_BASE):
    return to_dataset_with_locations(merge(resolve([make_extraction(*records)])), None, base)


def test_dates_keep_the_sheets_precision_in_every_serialisation():
    assert bounds("2021") == ("2021-01-01", "2021-12-31")
    assert bounds("2019-02") == ("2019-02-01", "2019-02-28")
    assert date_literal("7/1/2020") is None
    dataset, _ = _build(make_record(start="1998", end="2021-06"))
    files = serialise(dataset)
    assert b'"1998"^^xsd:gYear' in files["graph.ttl"]
    assert b'"2021-06"^^xsd:gYearMonth' in files["graph.ttl"]
    assert b'"1998"^^<http://www.w3.org/2001/XMLSchema#gYear>' in files["graph.nt"]
    assert b'"2021-06-30"^^<http://www.w3.org/2001/XMLSchema#date>' in files["graph.nt"]


def test_activity_has_the_contracted_links_and_provenance():
    dataset, locations = _build(make_record(first=10))
    graph = dataset.graph(URIRef("https://w3id.org/oaskg/graph/document/sheet-a"))
    act = URIRef(ID + "activity/sheet-a/program-one")
    doc = URIRef(ID + "document/sheet-a")
    assert (act, RDF.type, vocab.Activity) in graph
    assert graph.value(act, RDFS.label) == Literal("Program One (UY)")
    assert graph.value(act, vocab.program) == URIRef(ID + "program/program-one")
    assert graph.value(act, vocab.country) == URIRef(ID + "country/uy")
    assert graph.value(act, vocab.sourceDocument) == doc == graph.value(act, PROV.wasDerivedFrom)
    assert graph.value(act, vocab.firstLine) == Literal(10, datatype=XSD.positiveInteger)
    assert graph.value(act, vocab.lastLine) == Literal(29, datatype=XSD.positiveInteger)
    assert graph.value(act, vocab.startRaw) == Literal("7/1/2020 to")
    assert graph.value(act, vocab.funder) == URIRef(SPAIN.iri)
    assert graph.value(act, vocab.fundingChannel) == URIRef(ID + "org/aecid")
    assert graph.value(act, vocab.status) == URIRef(ID + "status/unknown")
    assert graph.value(act, vocab.url) == Literal("http://www.oas.org/x", datatype=XSD.anyURI)
    result = URIRef(ID + "result/sheet-a/program-one/1")
    assert graph.value(act, vocab.hasResult) == result
    assert graph.value(result, vocab.women) == Literal(3, datatype=XSD.integer)
    assert graph.value(result, vocab.resultStatus) == URIRef(ID + "result-status/achieved")
    assert locations.locate(str(act), str(vocab.startBound)) == ("sheet-a.txt", 11)
    assert locations.locate(str(act), str(vocab.funder), SPAIN.iri) == ("sheet-a.txt", 12)
    assert locations.locate(str(result)) == ("sheet-a.txt", 19)


def test_instance_data_has_no_blank_nodes():
    dataset, _ = _build(make_record())
    graph = dataset.graph(URIRef("https://w3id.org/oaskg/graph/document/sheet-a"))
    assert len(graph) > 30
    assert not any(isinstance(t, BNode) for triple in graph for t in triple)


def test_unresolved_donor_is_minted_under_the_base_and_flagged():
    donor = Donor("Fundación Ejemplo", (), (), "header", LineSpan(7, 7))
    base = "http://example.org/kg/"
    dataset, _ = _build(make_record(donors=(donor,), end_open=True, end=None), base=base)
    graph = dataset.graph(URIRef(base + "graph/document/sheet-a"))
    org = URIRef(base + "id/org/fundacion-ejemplo")
    act = URIRef(base + "id/activity/sheet-a/program-one")
    assert graph.value(act, vocab.funder) == org
    assert graph.value(org, vocab.needsReview) == Literal(True)
    assert (org, RDF.type, vocab.Organization) in graph
    assert graph.value(act, vocab.status) == URIRef(ID + "status/open-ended")
    assert graph.value(act, vocab.openEnded) == Literal(True)


def test_sheets_own_country_is_not_a_covered_country():
    uy = type(SPAIN)(ID + "country/uy", "Uruguay", "country")
    dataset, _ = _build(make_record(countries_covered=(uy, SPAIN)))
    graph = dataset.graph(URIRef("https://w3id.org/oaskg/graph/document/sheet-a"))
    act = URIRef(ID + "activity/sheet-a/program-one")
    assert list(graph.objects(act, vocab.coversCountry)) == [URIRef(SPAIN.iri)]


def test_status_depends_on_the_inputs_only_never_on_today():
    record = make_record(end="2020")
    assert activity_status(record) == "unknown"
    assert activity_status(record, as_of="2020-12-31") == "ongoing"
    assert activity_status(record, as_of="2021-01-01") == "closed"
    assert activity_status(make_record(end=None, end_open=True), "2021-01-01") == "open-ended"
