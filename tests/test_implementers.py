"""Issue 15: "when a page names both the OAS and one of its bodies, the body implements it".

Checked on the built graph of the 18 real pages (the extractor applies the rule, see
``build_graph/extract/entities.py`` and ``page.py``; the mapping writes what it gets): no activity
is credited to the OAS itself or its General Secretariat next to, or instead of, a body the
page names or links to. SAVIA's page names CICAD and links to CICAD's site.
"""

from __future__ import annotations

import pytest

ID = "https://w3id.org/oaskg/id/"
GENERIC = {ID + "org/oas", ID + "org/sg"}
QUERY = """PREFIX oaskg: <https://w3id.org/oaskg/ontology#>
SELECT ?activity ?body WHERE {
  ?activity a oaskg:Activity . OPTIONAL { ?activity oaskg:implementedBy ?body }
}"""


@pytest.fixture(scope="module")
def implementers(built_out) -> dict[str, set[str]]:
    from build_graph.rdf.store import open_store

    found: dict[str, set[str]] = {}
    for row in open_store(built_out).query(QUERY, use_default_graph_as_union=True):
        bodies = found.setdefault(row["activity"].value, set())
        if row["body"] is not None:
            bodies.add(row["body"].value)
    return found


def test_all_eighteen_pages_are_credited_to_a_body(implementers):
    assert len(implementers) == 18
    assert {a for a, bodies in implementers.items() if not bodies - GENERIC} == set()


def test_never_the_oas_next_to_one_of_its_bodies(implementers):
    assert {
        a for a, bodies in implementers.items() if bodies & GENERIC and bodies - GENERIC
    } == set()


def test_savia_is_cicads(implementers):
    savia = ID + "activity/oas-country-sheet-guatemala/savia-programa-salud-y-vida-en-las-americas"
    assert implementers[savia] == {ID + "org/cicad"}
