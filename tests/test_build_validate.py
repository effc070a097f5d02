"""Validation: SHACL results name the focus node's label, the document and the line."""

from __future__ import annotations

from rdflib import Graph
from test_build_records import make_extraction, make_record

from build_graph.merge import merge
from build_graph.model import Donor, EntityRef, LineSpan
from build_graph.rdf.mapping import to_dataset_with_locations
from build_graph.resolve.mint import resolve
from build_graph.validate.shacl import validate

# Two rules of docs/data-model.md, written here so this test does not depend on shapes/.
SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix oaskg: <https://w3id.org/oaskg/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <http://schema.org/> .
@prefix ex: <https://example.org/shapes#> .
ex:Activity a sh:NodeShape ; sh:targetClass oaskg:Activity ;
  sh:property [ sh:path oaskg:startBound ; sh:lessThanOrEquals oaskg:endBound ;
                sh:message "the start date is after the end date" ] ;
  sh:property [ sh:path oaskg:funder ;
                sh:or ( [ sh:class schema:Country ] [ sh:class org:Organization ] ) ;
                sh:message "a donor must be a country or an organisation" ] ;
  sh:property [ sh:path schema:url ; sh:minCount 1 ; sh:severity sh:Warning ;
                sh:message "no URL" ] .
"""


def _validate(*records):
    merged = merge(resolve([make_extraction(*records)]))
    dataset, locations = to_dataset_with_locations(merged)
    return validate(dataset, locations, Graph().parse(data=SHAPES, format="turtle"))


def test_clean_record_conforms():
    report = _validate(make_record())
    assert report.conforms and report.counts() == {"Violation": 0, "Warning": 0, "Info": 0}


def test_end_before_start_is_a_violation_naming_document_and_line():
    report = _validate(make_record(start="2021-03-01", end="2020", first=40))
    (result,) = report.results
    assert (result.severity, result.document, result.line) == ("Violation", "sheet-a.txt", 41)
    assert result.focus_label == "Program One (UY)"
    assert str(result).startswith("sheet-a.txt:41: Violation: Program One (UY) [oaskg:startBound]")


def test_donor_that_is_not_an_organisation_or_country_is_a_violation_at_its_line():
    program = EntityRef("https://w3id.org/oaskg/id/pillar/security", "Security", "country")
    donors = (
        make_record().donors[0],
        Donor("Security", (program,), (), "header", LineSpan(15, 15)),
    )
    report = _validate(make_record(donors=donors))
    (result,) = report.results
    assert (result.severity, result.document, result.line) == ("Violation", "sheet-a.txt", 15)
    assert result.value == program.iri


def test_warnings_never_fail_and_the_report_graph_is_deterministic():
    report = _validate(make_record(url=None))
    assert report.conforms and report.counts()["Warning"] == 1
    first = report.to_graph().serialize(format="turtle")
    assert first == report.to_graph().serialize(format="turtle")
    assert "_:" not in first and "sheet-a.txt" in first


def test_fast_path_gives_the_whole_graph_results_on_both_real_sheets():
    # the build validates batches of documents with a few context triples, on every core; one
    # pyshacl run over the whole dataset (documents, registry, ontology) must agree exactly
    from pathlib import Path

    from build_graph.build.pipeline import extract_all
    from build_graph.registry.index import Registry
    from build_graph.validate.jobs import Job, Runner
    from build_graph.validate.shacl import context_graph, load_shapes, report_of

    registry = Registry.load()
    documents = Path(__file__).parent.parent / "documents"
    extractions = extract_all([documents], registry, None)
    assert len(extractions) == 2
    dataset, locations = to_dataset_with_locations(merge(resolve(extractions, registry)), registry)
    shapes = load_shapes()
    serial = validate(dataset, locations, shapes, workers=1)
    parallel = validate(dataset, locations, shapes, workers=2)
    everything = [(s, p, o) for s, p, o, _g in dataset.quads((None, None, None, None))]
    whole = Runner(shapes, context_graph(dataset)).run(Job(everything, documents=False))
    expected = report_of(whole, locations)
    assert len(expected.results) > 10 and expected.counts()["Warning"] > 10
    assert serial.results == expected.results
    assert parallel.results == expected.results
    assert {r.document for r in expected.results} == {
        "oas-country-sheet-guatemala.txt",
        "oas-country-sheet-uruguay.txt",
    }
