"""The SHACL shapes: every shape is attached, tested by a conforming and a violating fixture,
and the registry and ontology themselves conform.

Fixtures live in ``tests/fixtures/shapes/valid`` (no validation result at all) and
``tests/fixtures/shapes/invalid`` (each file lists the exact results it must produce as
``# expect: <Severity> shape:<name>`` lines). Expectations are checked on the whole graph (the
fixture with the ontology and the registry, so ``sh:class`` sees ``rdfs:subClassOf``); every
fixture also gives exactly the same results through the build's fast path (the fixture alone with
the context triples it needs, the reference in a run of its own: ``build_graph.validate.jobs``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD

from build_graph.resources import data_files
from build_graph.validate.jobs import Job, Runner

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPE = Namespace("https://w3id.org/oaskg/shapes#")
FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
VALID = sorted((FIXTURES / "valid").glob("*.ttl"))
INVALID = sorted((FIXTURES / "invalid").glob("*.ttl"))
EXPECT = re.compile(r"^# expect: (Violation|Warning|Info) shape:([\w-]+)\s*$")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    graph = Graph()
    for path in data_files("shapes", ".ttl"):
        graph.parse(path, format="turtle")
    return graph


@lru_cache(maxsize=1)
def context_graph() -> Graph:
    """The ontology and the registry, validated together with every fixture."""
    graph = Graph()
    for path in data_files("ontology", ".ttl") + data_files("reference", ".ttl"):
        graph.parse(path, format="turtle")
    return graph


def validate(extra: Path | str | None) -> set[tuple[str, str]]:
    """(severity, source shape) of every result for the context plus one fixture."""
    data = Graph()
    for triple in context_graph():
        data.add(triple)
    if isinstance(extra, Path):
        data.parse(extra, format="turtle")
    elif extra:
        data.parse(data=extra, format="turtle")
    _, report, _ = pyshacl.validate(
        data, shacl_graph=shapes_graph(), inference="none", allow_warnings=True
    )
    found = set()
    for result in report.objects(None, SH.result):  # top-level results, not sh:detail
        severity = report.value(result, SH.resultSeverity)
        source = report.value(result, SH.sourceShape)
        assert severity is not None and source is not None
        found.add((str(severity).rsplit("#", 1)[-1], str(source)))
    return found


def fast_path_agrees(path: Path) -> None:
    """The build's per-document run gives the whole-graph results, result for result."""
    fixture = Graph().parse(path, format="turtle")
    runner = Runner(shapes_graph(), context_graph())
    whole = runner.run(Job(list(fixture) + list(context_graph()), documents=False))
    fast = runner.run(Job(list(fixture), documents=True))
    fast += runner.run(Job(list(context_graph()), documents=False))
    assert sorted(fast, key=repr) == sorted(whole, key=repr)


def expected(path: Path) -> set[tuple[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {(m[1], str(SHAPE[m[2]])) for m in map(EXPECT.match, lines) if m}


def node_shapes() -> set[URIRef]:
    return {s for s in shapes_graph().subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}


def property_shapes() -> set[URIRef]:
    return {s for s in shapes_graph().subjects(RDF.type, SH.PropertyShape) if isinstance(s, URIRef)}


def test_fixtures_exist():
    assert len(VALID) >= 1
    assert len(INVALID) >= 5
    for path in INVALID:
        assert expected(path), f"{path.name} lists no '# expect:' line"


def test_registry_and_ontology_conform_without_warnings():
    assert validate(None) == set()


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixture_conforms(path: Path):
    assert validate(path) == set()
    fast_path_agrees(path)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_fixture_gives_exactly_the_expected_results(path: Path):
    assert validate(path) == expected(path)
    fast_path_agrees(path)


TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)


def has_target(shape: URIRef) -> bool:
    return any(shapes_graph().value(shape, t) is not None for t in TARGETS)


def test_every_shape_is_attached():
    # a property shape has its own target (pyshacl then checks all focus nodes in one pass,
    # about twice as fast as through a node shape's sh:property) or belongs to a node shape
    graph = shapes_graph()
    attached = set(graph.objects(None, SH.property))
    assert property_shapes() and node_shapes()
    for shape in property_shapes():
        assert has_target(shape) != (shape in attached), f"{shape}: no target, or run twice"
    reached = set(graph.objects(None, SH.node))
    for shape in node_shapes():
        assert has_target(shape) or shape in reached, f"{shape} has no target and no sh:node use"
    # no anonymous shape hides outside this check
    for shape in graph.subjects(RDF.type, SH.PropertyShape):
        assert not isinstance(shape, BNode)


def test_every_targeted_property_shape_is_in_a_group():
    graph = shapes_graph()
    groups = set(graph.subjects(RDF.type, SH.PropertyGroup))
    assert len(groups) >= 10
    for shape in filter(has_target, property_shapes()):
        assert graph.value(shape, SH.group) in groups, f"{shape} belongs to no sh:PropertyGroup"


def test_every_shape_is_exercised_by_a_violating_fixture():
    covered = {shape for path in INVALID for _, shape in expected(path)}
    graph = shapes_graph()
    only_nested = {p for n in graph.objects(None, SH.node) for p in graph.objects(n, SH.property)}
    missing = {str(s) for s in property_shapes() - only_nested} - covered
    assert not missing, f"property shapes no invalid fixture triggers: {sorted(missing)}"
    for shape in node_shapes():
        props = {str(p) for p in graph.objects(shape, SH.property)}
        nested_via = {str(p) for p in property_shapes() if graph.value(p, SH.node) == shape}
        assert (props | nested_via) & covered, f"{shape} has no violating fixture"


def test_every_targeted_shape_has_a_conforming_focus_node():
    data = Graph()
    for path in VALID:
        data.parse(path, format="turtle")
    data += context_graph()
    graph = shapes_graph()
    subclass = URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf")
    targeted = [s for s in node_shapes() | property_shapes() if has_target(s)]
    assert len(targeted) > 60
    for shape in targeted:
        for cls in graph.objects(shape, SH.targetClass):
            classes = set(data.transitive_subjects(subclass, cls))
            focus = {s for c in classes for s in data.subjects(RDF.type, c)}
            assert focus, f"no conforming data is a focus node of {shape}"


def test_every_shape_has_an_english_message():
    graph = shapes_graph()
    shapes = node_shapes() | property_shapes()
    assert len(shapes) > 60
    for shape in shapes:
        messages = [m for m in graph.objects(shape, SH.message) if isinstance(m, Literal)]
        assert any(m.language == "en" and len(m) > 15 for m in messages), shape


def test_no_sparql_constraints():
    # SHACL Core only: pyshacl runs SHACL-SPARQL about nine times slower on the same data
    assert not list(shapes_graph().triples((None, SH.sparql, None)))


def test_severities_follow_the_data_model():
    graph = shapes_graph()
    warnings = {
        str(s).rsplit("#", 1)[-1]
        for s in property_shapes()
        if graph.value(s, SH.severity) == SH.Warning
    }
    for gap in ("pillarMissing", "datesMissing", "funderMissing", "urlMissing"):
        assert f"Activity-{gap}" in warnings
    # a minted organisation still flagged for review is reported, never a broken graph
    assert "Organization-review" in warnings
    violations = {"Activity-startBound", "Activity-funder", "Activity-country", "Activity-url"}
    assert not violations & warnings
    assert graph.value(SHAPE["Activity-startBound"], SH.lessThanOrEquals) is not None


ACTIVITY = """
@prefix oaskg: <https://w3id.org/oaskg/ontology#> .
@prefix schema: <http://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/oaskg/id/document/d> a oaskg:SourceDocument ; oaskg:fileName "d.txt" ;
  oaskg:sha256 "%s" ; <http://www.w3.org/2000/01/rdf-schema#label> "d.txt" .
<https://w3id.org/oaskg/id/program/p> a oaskg:Program ;
  <http://www.w3.org/2000/01/rdf-schema#label> "P"@en .
<https://w3id.org/oaskg/id/activity/d/p> a oaskg:Activity ;
  <http://www.w3.org/2000/01/rdf-schema#label> "P (Guatemala)" ;
  oaskg:program <https://w3id.org/oaskg/id/program/p> ;
  oaskg:country <https://w3id.org/oaskg/id/country/gt> ;
  oaskg:sourceDocument <https://w3id.org/oaskg/id/document/d> ;
  prov:wasDerivedFrom <https://w3id.org/oaskg/id/document/d> ;
  oaskg:firstLine "1"^^xsd:positiveInteger ; oaskg:lastLine "9"^^xsd:positiveInteger ;
  oaskg:pillar <https://w3id.org/oaskg/id/pillar/security> ;
  oaskg:status <https://w3id.org/oaskg/id/status/unknown> ;
  oaskg:funder <https://w3id.org/oaskg/id/country/es> ;
  schema:url "https://www.oas.org/"^^xsd:anyURI ;
  schema:startDate %s .
"""
SHA = "0" * 64


@pytest.mark.parametrize(
    "literal",
    ['"1998"^^xsd:gYear', '"2016-07"^^xsd:gYearMonth', '"2016-07-01"^^xsd:date'],
)
def test_each_date_precision_conforms(literal: str):
    assert validate(ACTIVITY % (SHA, literal)) == set()


@pytest.mark.parametrize(
    "literal", ['"1998-01-01T00:00:00"^^xsd:dateTime', '"1998"', '"7/1/2015"^^xsd:date']
)
def test_other_date_forms_are_violations(literal: str):
    assert validate(ACTIVITY % (SHA, literal)) == {("Violation", str(SHAPE["Activity-startDate"]))}


def test_gyear_survives_rdflib_and_pyoxigraph_round_trips():
    import pyoxigraph

    data = ACTIVITY % (SHA, '"1998"^^xsd:gYear')
    graph = Graph().parse(data=data, format="turtle")
    again = Graph().parse(data=graph.serialize(format="turtle"), format="turtle")
    start = URIRef("http://schema.org/startDate")
    (value,) = list(again.objects(None, start))
    assert (str(value), value.datatype) == ("1998", XSD.gYear)
    # a Python date given as a gYear keeps the year only, not "1998-01-01"
    from datetime import date

    assert str(Literal(date(1998, 1, 1), datatype=XSD.gYear)) == "1998"
    quads = list(
        pyoxigraph.parse(graph.serialize(format="nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    )
    years = [q.object for q in quads if q.predicate.value == str(start)]
    assert [(y.value, y.datatype.value) for y in years] == [("1998", str(XSD.gYear))]


def test_sha256_pattern():
    assert validate(ACTIVITY % ("A" * 64, '"1998"^^xsd:gYear')) == {
        ("Violation", str(SHAPE["SourceDocument-sha256"]))
    }
