"""The build's quads (pyoxigraph terms, no rdflib Dataset): order, conversions, streamed JSON-LD,
and the reference graphs and reference SHACL results cached on the machine."""

from __future__ import annotations

import io
import json

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef

from build_graph.rdf import context_graphs
from build_graph.rdf.jsonld import _node_object, _Shortener, compact, context_for, write_compact
from build_graph.rdf.quads import Quads, iri, literal, to_rdflib
from build_graph.validate import shacl

XSD = "http://www.w3.org/2001/XMLSchema#"
EX = "http://example.org/"


def _nquads(built_out) -> list[ox.Quad]:
    return list(ox.parse(path=str(built_out / "graph.nq"), format=ox.RdfFormat.N_QUADS))


def test_sorted_quads_are_graph_then_ntriples_order_each_once(built, built_out):
    quads = built.quads
    expected = sorted(set(_nquads(built_out)),
                      key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate),
                                     str(q.object)))
    assert list(quads.sorted_quads()) == expected
    assert len(quads) == len(expected)


def test_sorted_triples_are_the_union_of_the_graphs_each_once(built, built_out):
    triples = {q.triple for q in _nquads(built_out)}
    expected = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    found = [q.triple for q in built.quads.sorted_triples()]  # default-graph quads
    assert found == expected
    assert len(found) < len(built.quads)  # minted organisations are described in each graph


def test_a_triple_added_twice_and_a_graph_added_to_later_stay_sorted():
    quads = Quads()
    a, b = iri(EX + "a"), iri(EX + "b")
    quads.graph(EX + "g").add((b, a, literal("2")))
    quads.graph(EX + "g").add((a, a, literal("1")))
    assert [t.subject for t in quads.triples(EX + "g")] == [a, b]
    quads.graph(EX + "g").add((a, a, literal("0")))
    quads.graph(EX + "g").add((a, a, literal("0")))
    assert [t.object.value for t in quads.triples(EX + "g")] == ["0", "1", "2"]
    assert quads.triples(EX + "unknown") == [] and len(quads) == 3


def test_rdflib_terms_keep_lexical_forms_languages_and_blank_node_labels():
    s = iri(EX + "s")
    triples = [
        ox.Triple(s, iri(EX + "p"), literal("007", datatype=XSD + "integer")),
        ox.Triple(s, iri(EX + "p"), literal("2020-07", datatype=XSD + "gYearMonth")),
        ox.Triple(s, iri(EX + "p"), literal("Seguridad", lang="es")),
        ox.Triple(s, iri(EX + "p"), literal("plain")),
        ox.Triple(ox.BlankNode("cb0abc"), iri(EX + "p"), s),
    ]
    found = to_rdflib(triples)
    assert [o for _s, _p, o in found[:4]] == [
        Literal("007", datatype=URIRef(XSD + "integer"), normalize=False),
        Literal("2020-07", datatype=URIRef(XSD + "gYearMonth"), normalize=False),
        Literal("Seguridad", lang="es"),
        Literal("plain"),
    ]
    assert str(found[0][2]) == "007"
    assert found[4] == (BNode("cb0abc"), URIRef(EX + "p"), URIRef(EX + "s"))


def test_the_dataset_for_callers_has_the_same_quads(built):
    dataset = built.quads.to_dataset()
    assert len(list(dataset.quads((None, None, None, None)))) == len(built.quads)
    again = Quads.from_dataset(dataset)
    assert list(again.sorted_quads()) == list(built.quads.sorted_quads())


def test_streamed_json_ld_is_what_one_dump_of_the_whole_document_gives(built):
    from itertools import groupby

    triples = list(built.quads.sorted_triples())
    context = context_for(triples)
    short = _Shortener(context)
    nodes = [_node_object(s, g, short) for s, g in groupby(triples, key=lambda t: t.subject)]
    whole = json.dumps({"@context": context, "@graph": nodes}, indent=2, ensure_ascii=False)
    assert compact(triples) == (whole + "\n").encode("utf-8")
    empty = io.BytesIO()
    write_compact(lambda: [], empty)
    expected = json.dumps({"@context": context_for([]), "@graph": []}, indent=2)
    assert empty.getvalue() == (expected + "\n").encode("utf-8")
    assert json.loads(empty.getvalue())["@graph"] == []


def test_reference_graphs_are_cached_by_the_content_of_their_files(tmp_path, monkeypatch):
    monkeypatch.setenv("OASKG_CACHE", str(tmp_path))
    first = context_graphs.context_ntriples()
    (stored,) = tmp_path.glob("context-graphs-*.json")
    assert json.loads(stored.read_text(encoding="utf-8")) == first
    monkeypatch.setattr(context_graphs, "_canonical_ntriples",
                        lambda kind: pytest.fail("parsed again despite the cache"))
    assert context_graphs.context_ntriples() == first
    stored.write_text("{not json", encoding="utf-8")  # a broken cache is no cache
    monkeypatch.undo()
    monkeypatch.setenv("OASKG_CACHE", str(tmp_path))
    assert context_graphs.context_ntriples() == first
    blank = [line for line in first["ontology"].splitlines() if line.startswith("_:")]
    assert blank and all(line.split()[0].startswith("_:cb") for line in blank)


def test_the_reference_is_validated_once_per_machine(built, tmp_path, monkeypatch):
    from build_graph.validate import jobs

    monkeypatch.setenv("OASKG_CACHE", str(tmp_path))
    monkeypatch.setattr(shacl, "_REFERENCE_RESULTS", {})
    ran: list[list[bool]] = []
    real_run_jobs = jobs.run_jobs

    def recording(job_list, *args):
        job_list = list(job_list)
        ran.append([j.documents for j in job_list])
        return real_run_jobs(job_list, *args)

    monkeypatch.setattr(shacl, "run_jobs", recording)
    first = shacl.validate(built.quads, None, workers=1)
    assert ran[0][0] is False  # the reference's own run
    assert len(list(tmp_path.glob("shacl-reference-*.json"))) == 1
    monkeypatch.setattr(shacl, "_REFERENCE_RESULTS", {})  # as in a new process
    second = shacl.validate(built.quads, None, workers=1)
    assert all(ran[1]) and second.results == first.results
    assert first.counts() == built.report.counts() == {"Violation": 0, "Warning": 35, "Info": 0}


def test_lines_sorted_in_many_runs_merge_to_the_same_files(built, built_out, tmp_path,
                                                          monkeypatch):
    from build_graph.build.outputs import write_graph_files
    from build_graph.rdf import quads as quads_module

    monkeypatch.setattr(quads_module, "RUN_BYTES", 20_000)  # the real graph in several runs
    assert len(list(built.quads.sorted_lines(True))) == 4  # a run per graph
    written = write_graph_files(tmp_path, built.quads)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
    for path in written:  # the runs' files are gone, every file as the build wrote it
        assert path.read_bytes() == (built_out / path.name).read_bytes(), path.name


@pytest.mark.parametrize("empty", [False, True])
def test_locations_streamed_are_the_bytes_of_one_json_dump(built, tmp_path, empty):
    from build_graph.build.outputs import Pairs, write_json, write_json_stream
    from build_graph.rdf.mapping import Locations

    locations = Locations() if empty else Locations.from_json(
        json.loads((built.out_dir / "locations.json").read_text(encoding="utf-8")))
    assert empty or len(locations.nodes) == 44  # 18 activities, 25 results, 1 minted organisation
    write_json(tmp_path / "whole.json", locations.as_json())
    sections = locations.json_sections()
    write_json_stream(tmp_path / "streamed.json",
                      sections | {"nodes": Pairs(sections["nodes"])})
    assert (tmp_path / "streamed.json").read_bytes() == (tmp_path / "whole.json").read_bytes()


def test_validation_workers_are_the_cores_nobody_else_runs_on(monkeypatch, tmp_path):
    from build_graph import cores
    from build_graph.validate import jobs

    monkeypatch.setattr(jobs, "available_cores", lambda: 4)
    for busy, expected in ((0.0, 4), (1.0, 3), (3.0, 1), (9.0, 1)):
        monkeypatch.setattr(jobs, "busy_elsewhere", lambda busy=busy: busy)
        assert jobs.default_workers(50_000) == expected
    assert jobs.default_workers(jobs.PARALLEL_MIN_TRIPLES - 1) == 1  # not worth a process
    monkeypatch.undo()
    loadavg = tmp_path / "loadavg"
    loadavg.write_text("3.10 2.00 1.50 3/120 4242\n", encoding="ascii")  # 3 running, one is us
    monkeypatch.setattr(cores, "LOADAVG", str(loadavg))
    assert cores.busy_elsewhere(samples=2, pause=0.0) == 2.0
    loadavg.write_text("garbled", encoding="ascii")  # then the 1-minute load average
    monkeypatch.setattr(cores.os, "getloadavg", lambda: (1.25, 1.0, 1.0))
    assert cores.busy_elsewhere(samples=1) == 1.25
