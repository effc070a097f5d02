"""Minting: organisations the registry does not know, in any role, become one new organisation
per institution and country (``build_graph.resolve.mint``), mapped to RDF flagged for review."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, SKOS, XSD
from test_build_records import make_extraction, make_record

from build_graph import vocab
from build_graph.merge import merge
from build_graph.model import Donor, EntityRef, LineSpan, Severity, TextSpan
from build_graph.rdf.mapping import MENTION_LINE, to_dataset_with_locations
from build_graph.registry.index import Registry
from build_graph.resolve.cluster import name_key
from build_graph.resolve.mint import NEW_KIND, resolve

ORG = "https://w3id.org/oaskg/id/org/"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load()


def new(label, acronym=None, country=None, line=5, sentence=None) -> EntityRef:
    scope = "national" if country else "international"
    return EntityRef("", label, NEW_KIND, acronym, country, scope, line, sentence)


def sheet(name, country, *records_changes, language="en"):
    records = [
        make_record(f"Program {i}", document=name, page=i, country=country, first=1 + 20 * (i - 1),
                    language=language, **changes)
        for i, changes in enumerate(records_changes, start=1)
    ]
    return make_extraction(*records, name=name)


def test_a_national_counterpart_is_minted_with_its_country_in_the_slug(registry):
    mns = new("Ministry of National Security", "MNS", "TT", 12, "The MNS hosted the course.")
    resolved = resolve([sheet("tt.txt", "TT", {"national_counterparts": (mns,)})], registry)
    (org,) = resolved.new_organisations
    assert (org.slug, org.label, org.acronym, org.scope, org.country) == (
        "tt-ministry-of-national-security",
        "Ministry of National Security",
        "MNS",
        "national",
        "TT",
    )
    assert (org.roles, org.seen, org.needs_review) == (("counterpart",), (("tt.txt", 12),), True)
    assert org.sentences == (("tt.txt", 12, "The MNS hosted the course."),)
    assert org.iri() == ORG + "tt-ministry-of-national-security"
    (record,) = resolved.records
    (ref,) = record.national_counterparts
    assert (ref.iri, ref.kind, ref.line) == ("tt-ministry-of-national-security", NEW_KIND, 12)
    (finding,) = resolved.findings
    assert (finding.severity, finding.document, finding.line, finding.code) == (
        Severity.WARNING,
        "tt.txt",
        12,
        "new-organisation",
    )


def test_full_name_and_acronym_on_two_sheets_of_one_country_are_one_organisation(registry):
    a = sheet("tt-2017.txt", "TT",
              {"national_counterparts": (new("Ministry of National Security", "MNS", "TT", 3),)})
    b = sheet("tt-2019.txt", "TT",
              {"partners": (new("MNS", None, "TT", 40),)},
              {"partners": (new("the ministry of national security of Trinidad and Tobago",
                                None, "TT", 61),)})
    resolved = resolve([a, b], registry)
    (org,) = resolved.new_organisations
    assert org.slug == "tt-ministry-of-national-security"
    # the longest full form seen, as written
    assert org.label == "the ministry of national security of Trinidad and Tobago"
    assert org.acronym == "MNS"
    assert org.names == ("Ministry of National Security",)
    assert org.roles == ("counterpart", "partner")
    assert org.seen == (("tt-2017.txt", 3), ("tt-2019.txt", 40), ("tt-2019.txt", 61))
    refs = [ref for r in resolved.records for ref in r.partners + r.national_counterparts]
    assert {ref.iri for ref in refs} == {org.slug} and len(refs) == 3
    assert len(resolved.findings) == 1  # one finding per organisation, not per mention


def test_two_countries_ministries_of_health_stay_apart(registry):
    tt = sheet("tt.txt", "TT", {"partners": (new("Ministry of Health", None, "TT"),)})
    jm = sheet("jm.txt", "JM", {"partners": (new("Ministry of Health", None, "JM"),)})
    resolved = resolve([tt, jm], registry)
    assert [o.slug for o in resolved.new_organisations] == [
        "jm-ministry-of-health",
        "tt-ministry-of-health",
    ]
    assert [o.country for o in resolved.new_organisations] == ["JM", "TT"]


def test_the_registry_is_tried_once_more_by_name_and_by_acronym(registry):
    # Guatemala's Ministry of Health is in the registry under a contextual label
    gt = sheet("gt.txt", "GT", {"partners": (new("Ministry of Health", None, "GT"),),
                                "agencies": (new("Banco Interamericano", "IDB"),)})
    resolved = resolve([gt], registry)
    assert resolved.new_organisations == () and resolved.findings == ()
    (record,) = resolved.records
    assert [r.iri for r in record.partners] == [ORG + "guatemala-ministry-of-health"]
    assert [r.iri for r in record.agencies] == [ORG + "idb"]


def test_accents_articles_case_and_country_suffix_do_not_split_an_institution(registry):
    names = ["Ministerio de Seguridad Pública", "el ministerio de la seguridad publica",
             "Ministerio de Seguridad Pública de Costa Rica", "MINISTERIO DE SEGURIDAD PUBLICA"]
    refs = tuple(new(n, None, "CR", line=i) for i, n in enumerate(names, start=1))
    resolved = resolve([sheet("cr.txt", "CR", {"partners": refs})], registry)
    (org,) = resolved.new_organisations
    assert (org.slug, org.label) == (
        "cr-ministerio-de-seguridad-publica",
        "Ministerio de Seguridad Pública de Costa Rica",
    )
    assert org.seen == tuple(("cr.txt", i) for i in range(1, 5))
    (record,) = resolved.records
    assert [r.iri for r in record.partners] == [org.slug]  # four mentions on one page: one link
    # "of the Republic of …" goes too; another country's name stays
    republic = "Ministry of Public Security of the Republic of Costa Rica"
    assert name_key(republic, "CR", registry) == "ministry of public security"
    assert name_key("Police Service of Jamaica", "TT", registry) == "police service of jamaica"


def test_near_identical_spellings_merge_within_a_country_only(registry):
    refs = (new("Ministry of Health", None, "BB", 1), new("Ministry of Heath", None, "BB", 2),
            new("National Police", None, "BB", 3), new("National Policy", None, "BB", 4))
    resolved = resolve([sheet("bb.txt", "BB", {"partners": refs})], registry)
    assert [(o.slug, o.seen) for o in resolved.new_organisations] == [
        ("bb-ministry-of-health", (("bb.txt", 1), ("bb.txt", 2))),
        ("bb-national-police", (("bb.txt", 3),)),
        ("bb-national-policy", (("bb.txt", 4),)),
    ]


def test_every_role_mints_and_the_finding_has_the_same_words(registry):
    name = new("Fundación Esperanza", None, None, 7)
    as_partner = resolve([sheet("a.txt", "UY", {"partners": (name,)})], registry)
    donor = Donor("Fundación Esperanza", (name,), (), "header", LineSpan(7, 7))
    as_funder = resolve([sheet("a.txt", "UY", {"donors": (donor,)})], registry)
    as_agency = resolve([sheet("a.txt", "UY", {"agencies": (name,)})], registry)
    findings = {r.findings[0].message for r in (as_partner, as_funder, as_agency)}
    assert len(findings) == 1
    assert [o.roles for r in (as_partner, as_funder, as_agency) for o in r.new_organisations] == [
        ("partner",),
        ("funder",),
        ("implementer",),
    ]
    assert {o.slug for r in (as_partner, as_funder, as_agency) for o in r.new_organisations} == {
        "fundacion-esperanza"
    }


def test_minting_does_not_depend_on_input_order(registry):
    a = sheet("a.txt", "TT", {"partners": (new("Ministry of National Security", "MNS", "TT"),)})
    b = sheet("b.txt", "TT", {"partners": (new("MNS", "MNS", "TT"), new("Police Service",
                                                                          None, "TT"))})
    assert resolve([a, b], registry).new_organisations == resolve(
        [b, a], registry
    ).new_organisations


def test_new_organisation_in_rdf(registry):
    mns = new("Ministerio de Seguridad Nacional", "MSN", "TT", 12, "El MSN fue sede.")
    record = make_record(national_counterparts=(mns,), country="TT", language="es")
    merged = merge(resolve([make_extraction(record)], registry))
    dataset, locations = to_dataset_with_locations(merged, registry)
    graph = dataset.graph(URIRef("https://w3id.org/oaskg/graph/document/sheet-a"))
    org = URIRef(ORG + "tt-ministerio-de-seguridad-nacional")
    act = URIRef("https://w3id.org/oaskg/id/activity/sheet-a/program-one")
    assert graph.value(act, vocab.counterpart) == org
    assert set(graph.objects(org, RDF.type)) == {vocab.FormalOrganization, vocab.Organization}
    label = Literal("Ministerio de Seguridad Nacional", lang="es")
    assert graph.value(org, SKOS.prefLabel) == label
    assert set(graph.objects(org, SKOS.altLabel)) == {Literal("MSN")}
    assert graph.value(org, vocab.country) == URIRef(vocab.country_iri("TT"))
    assert graph.value(org, vocab.needsReview) == Literal(True)
    assert graph.value(org, PROV.wasDerivedFrom) == URIRef(
        "https://w3id.org/oaskg/id/document/sheet-a"
    )
    assert graph.value(org, MENTION_LINE) == Literal(12, datatype=XSD.positiveInteger)
    assert locations.locate(str(org)) == ("sheet-a.txt", 12)
    assert locations.locate(str(act), str(vocab.counterpart), str(org)) == ("sheet-a.txt", 12)


def test_an_organisation_on_two_sheets_is_described_in_both_graphs_with_its_own_lines(registry):
    a = sheet("a.txt", "TT", {"partners": (new("Police Service", None, "TT", 4),)})
    b = sheet("b.txt", "TT", {"partners": (new("Police Service", None, "TT", 9),)})
    dataset, _ = to_dataset_with_locations(merge(resolve([a, b], registry)), registry)
    org = URIRef(ORG + "tt-police-service")
    lines = {
        name: {int(x) for x in dataset.graph(URIRef(
            f"https://w3id.org/oaskg/graph/document/{name}")).objects(org, MENTION_LINE)}
        for name in ("a", "b")
    }
    assert lines == {"a": {4}, "b": {9}}


def test_reject_keeps_the_text_as_unassigned(registry):
    from build_graph.resolve.curation import Action, Curation, CurationRow

    bogus = new("To be confirmed", None, None, 8)
    row = CurationRow("c.csv", 2, ORG + "to-be-confirmed", Action.REJECT, "")
    resolved = resolve([sheet("a.txt", "UY", {"partners": (bogus,)})], registry,
                       Curation((row,)))
    (record,) = resolved.records
    assert record.partners == () and resolved.new_organisations == ()
    assert record.unassigned == (TextSpan("To be confirmed", LineSpan(8, 8)),)
    assert resolved.curated == ((ORG + "to-be-confirmed", "reject"),)


def test_an_acronym_alone_joins_the_national_institution_of_its_sheets_country(registry):
    # the extractor cannot tell that "MNS" alone is national; the other sheet of TT says so
    a = sheet("tt-2017.txt", "TT",
              {"national_counterparts": (new("Ministry of National Security", "MNS", "TT", 3),)})
    b = sheet("tt-2019.txt", "TT", {"partners": (new("MNS", None, None, 17),)})
    c = sheet("jm.txt", "JM", {"partners": (new("MNS", None, None, 9),)})
    resolved = resolve([a, b, c], registry)
    assert [(o.slug, o.scope, o.country, o.seen) for o in resolved.new_organisations] == [
        ("mns", "international", None, (("jm.txt", 9),)),
        ("tt-ministry-of-national-security", "national", "TT",
         (("tt-2017.txt", 3), ("tt-2019.txt", 17))),
    ]
