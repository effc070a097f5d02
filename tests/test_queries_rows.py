"""Issue 15: saved queries without fan-out, and their answers as people read them.

Every saved query names the variables that identify a row (``#+ row:``); run on the real
sheets with and without its optional parameters, no two rows may share them — a row per
implementing body or per label would make every count and sum wrong (``results`` gave
Counterdrug's 4 results as 16 rows). Small hand-made graphs pin the rules of ``pillar-body``
and ``timeline``; the table format is checked at a terminal's width.
"""

from __future__ import annotations

import re
from collections import Counter

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from build_graph.cli import cli
from build_graph.query.catalogue import find_query, load_catalogue
from build_graph.query.results import display, render
from build_graph.query.run import execute, labels_for

CATALOGUE = load_catalogue()
SAMPLE = {"date": "2017-01-01", "donor": "Spain", "country": "GT", "body": "CICAD"}
ID = "https://w3id.org/oaskg/id/"
PREFIXES = """@prefix oaskg: <https://w3id.org/oaskg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix country: <https://w3id.org/oaskg/id/country/> .
@prefix pillar: <https://w3id.org/oaskg/id/pillar/> .
@prefix program: <https://w3id.org/oaskg/id/program/> .
@prefix org: <https://w3id.org/oaskg/id/org/> .
@prefix status: <https://w3id.org/oaskg/id/status/> .
@prefix gt: <https://w3id.org/oaskg/id/activity/gt/> .
@prefix uy: <https://w3id.org/oaskg/id/activity/uy/> .
"""


@pytest.fixture(scope="module")
def store(built_out):
    from build_graph.rdf.store import open_store

    return open_store(built_out)


def _param_sets(saved) -> list[dict[str, str]]:
    required = {p.name: SAMPLE[p.name] for p in saved.params if p.required}
    every = {p.name: SAMPLE[p.name] for p in saved.params if p.name in SAMPLE}
    return [required] if every == required else [required, every]


@pytest.mark.parametrize("saved", CATALOGUE, ids=lambda q: q.name)
def test_every_query_says_what_a_row_is_and_never_fans_out(saved, store):
    assert saved.row, f"{saved.name}: add a `#+ row:` header"
    projection = re.search(r"^SELECT(.*?)^WHERE", saved.text, re.M | re.S).group(1)
    for variable in saved.row:
        assert re.search(rf"\?{variable}\b", projection), variable
    for params in _param_sets(saved):
        answer = execute(saved, params, store=store)
        assert answer.rows, (saved.name, params)
        key = [answer.variables.index(v) for v in saved.row]
        seen = Counter(tuple(display(row[i]) for i in key) for row in answer.rows)
        assert [k for k, n in seen.items() if n > 1] == [], (saved.name, params)


def _results_in_graph(store, program: str | None = None) -> dict[str, float]:
    query = f"""PREFIX oaskg: <https://w3id.org/oaskg/ontology#>
    SELECT DISTINCT ?r ?q WHERE {{ ?a a oaskg:Activity ; oaskg:hasResult ?r ;
      oaskg:program {f"<{ID}program/{program}>" if program else "?p"} . ?r oaskg:quantity ?q }}"""
    return {
        r["r"].value: float(r["q"].value)
        for r in store.query(query, use_default_graph_as_union=True)
    }


def test_results_gives_each_result_once_so_sums_are_right(store):
    answer = execute(find_query("results"), {}, store=store)
    quantities = {row[answer.variables.index("result")].value: row for row in answer.rows}
    assert len(quantities) == len(answer.rows)
    in_graph = _results_in_graph(store)
    total = sum(float(r[answer.variables.index("quantity")].value) for r in answer.rows)
    assert set(quantities) == set(in_graph) and total == sum(in_graph.values())
    counterdrug = [
        r
        for r in answer.rows
        if r[answer.variables.index("program")].value.endswith(
            "counterdrug-capacity-building-program"
        )
    ]
    assert len(counterdrug) == len(
        _results_in_graph(store, "counterdrug-capacity-building-program")
    )


def test_results_of_a_body_and_the_units_under_it(store):
    """ "What did CICAD's programs achieve?" — CICAD, ES/CICAD, OID… but not CICTE or DPS."""
    cicad = execute(find_query("results"), {"body": "CICAD"}, store=store)
    every = execute(find_query("results"), {}, store=store)
    bodies = cicad.variables.index("bodies")
    assert 0 < len(cicad.rows) < len(every.rows)
    for row in cicad.rows:
        assert row[cicad.variables.index("body")].value == ID + "org/cicad"
        assert not {"CICTE", "DPS"} & set(row[bodies].value.split("; ")), row[bodies].value
    cicte = execute(find_query("results"), {"body": "CICTE"}, store=store)
    assert {r[cicad.variables.index("result")] for r in cicte.rows}.isdisjoint(
        {r[cicad.variables.index("result")] for r in cicad.rows}
    )


def _store(turtle: str) -> ox.Store:
    store = ox.Store()
    store.load((PREFIXES + turtle).encode(), ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ID + "g"))
    return store


SHEETS = """
country:gt skos:notation "GT"^^oaskg:isoAlpha2 .
country:uy skos:notation "UY"^^oaskg:isoAlpha2 .
pillar:security skos:prefLabel "Security"@en , "Seguridad"@es .
program:p a oaskg:Program ; rdfs:label "Police Network" .
gt:p a oaskg:Activity ; oaskg:program program:p ; oaskg:country country:gt ;
    oaskg:implementedBy org:dps ; oaskg:pillar pillar:security ;
    oaskg:status status:open-ended ; oaskg:startBound "1998-01-01"^^xsd:date ;
    schema:startDate "1998"^^xsd:gYear ; oaskg:openEnded true .
uy:p a oaskg:Activity ; oaskg:program program:p ; oaskg:country country:uy ;
    oaskg:implementedBy org:dps ; oaskg:status status:unknown .
"""


def test_pillar_body_gives_a_program_its_pillar_from_any_sheet():
    """The same program on two sheets, one leaving the pillar blank: one Security row."""
    answer = execute(find_query("pillar-body"), {}, store=_store(SHEETS))
    assert [[display(t) for t in row] for row in answer.rows] == [
        ["Security", "id:org/dps", "id:program/p", "Police Network", "2"]
    ]


def test_timeline_ongoing_is_empty_when_the_status_is_unknown():
    closed = """gt:c a oaskg:Activity ; oaskg:program program:p ;
        oaskg:country country:gt ; oaskg:status status:closed ;
        oaskg:startBound "2015-06-19"^^xsd:date ; oaskg:endBound "2017-06-16"^^xsd:date ."""
    answer = execute(find_query("timeline"), {}, store=_store(SHEETS + closed))
    got = {(display(r[2]), display(r[6])): (r[7], display(r[5])) for r in answer.rows}
    assert got[("UY", "unknown")] == (None, "")  # not "false": nobody knows
    assert got[("GT", "open-ended")][0].value == "true"
    assert got[("GT", "closed")][0].value == "false" and got[("GT", "closed")][1] == "24"


def test_funding_paths_names_the_program(store):
    answer = execute(find_query("funding-paths"), {"donor": "Spain"}, store=store)
    assert "programName" in answer.variables
    names = {display(r[answer.variables.index("programName")]) for r in answer.rows}
    assert names and all(names)


def test_query_list_shows_descriptions():
    result = CliRunner().invoke(cli, ["query", "list"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    for saved in CATALOGUE:
        words = saved.description.split()[:4]
        assert " ".join(words) in " ".join(result.output.split()), saved.name
    descriptions = [
        line
        for line in result.output.splitlines()
        if line.startswith("    ") and not line.startswith("    --param")
    ]
    assert descriptions and max(len(line) for line in descriptions) <= 80


@pytest.mark.parametrize("saved", CATALOGUE, ids=lambda q: q.name)
def test_tables_fit_80_columns_without_breaking_words(saved, store):
    for params in _param_sets(saved):
        answer = execute(saved, params, store=store)
        text = render(answer, "table", labels_for(answer, store=store), 80)
        lines = text.splitlines()
        assert max(len(line) for line in lines) <= 80, saved.name
        # every word of every cell is on the screen whole (IRIs may break after / or -)
        screen = " ".join(lines)
        for row in answer.rows:
            for term in row:
                for word in display(term).split():
                    if "/" not in word and "-" not in word and len(word) < 40:
                        assert word in screen, (saved.name, word)


def test_labels_sit_next_to_iris(built_out):
    result = CliRunner().invoke(
        cli,
        ["query", "run", "donor-funds", "-p", "donor=Spain", "--out", str(built_out)],
        env={"COLUMNS": "100"},
    )
    assert result.exit_code == 0, result.output
    assert re.search(r"^Spain \(id:country/es\) ", result.output, re.M)
    assert "programName" not in result.output  # folded into the program column
    wide = CliRunner().invoke(
        cli,
        ["query", "run", "results", "--out", str(built_out), "--width", "0"],
    )
    assert max(len(line) for line in wide.output.splitlines()) > 100  # --width 0: no limit
