"""The registry (ontology/reference): names the sheets write resolve to the right entity, in
whole-name lookups and in prose; codes, hierarchy and Wikidata links are as curated.

Decision: in "the European Union Cooperation Program between Latin America and the Caribbean on
Drug Policy (Spanish acronym COPOLAD)" the long name is a label of COPOLAD, so the sentence
names COPOLAD (twice) and not the European Union, which funds COPOLAD but is not named as a
participant there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_graph.registry.index import OAS_IRI, EntityKind, Registry, _alternation
from build_graph.slugs import fold, fold_same_length

ORG = "https://w3id.org/oaskg/id/org/"
COUNTRY = "https://w3id.org/oaskg/id/country/"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load()


def slug(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def found(registry: Registry, text: str, country: str | None = None) -> list[str]:
    return [slug(m.entity.iri) for m in registry.mentions(text, country)]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Banco de Desarrollo de América Latina", "caf"),
        ("CAF", "caf"),
        ("Spain", "es"),
        ("España", "es"),
        ("Italy", "it"),
        ("Honduras", "hn"),
        ("European Union", "eu"),
        ("Unión Europea", "eu"),
        ("UE", "eu"),
        ("EU", "eu"),
        ("United States", "us"),
        ("United States of America", "us"),
        ("Estados Unidos", "us"),
        ("USA", "us"),
        ("the Dominican Republic", "do"),
        ("República Dominicana", "do"),
        ("Trinidad and Tobago.", "tt"),
        ("AECID", "aecid"),
        ("International Monetary Funds", "imf"),
        ("World Customs Organizations", "wco"),
        ("University of Sao Paulo", "university-of-sao-paulo"),
        ("University of San Pablo", "university-of-sao-paulo"),
        ("University of São Paulo", "university-of-sao-paulo"),
        ("United States Counter-Terrorism Bureau", "us-counterterrorism-bureau"),
        ("Inter-American Drug Abuse Control Commission", "cicad"),
        ("Comisión Interamericana para el Control del Abuso de Drogas", "cicad"),
        ("Inter-American Committee against Terrorism", "cicte"),
        ("Secretariat for Multidimensional Security", "sms"),
        ("CIDH", "iachr"),
        ("OEA", "oas"),
        ("SFD", "ssd"),
        ("Universidad Da Vinci de Guatemala", "universidad-da-vinci-de-guatemala"),
        ("Ministry of Health of Guatemala", "guatemala-ministry-of-health"),
        ("Global Affairs Canada", "global-affairs-canada"),
        ("Republic of Korea", "kr"),
        ("Holy See", "va"),
    ],
)
def test_lookup_of_names_written_in_the_sheets(registry: Registry, name: str, expected: str):
    entity = registry.lookup(name)
    assert entity is not None, name
    assert slug(entity.iri) == expected


def test_national_agencies_carry_their_country(registry: Registry):
    expected = {
        "AECID": "ES",
        "USAID": "US",
        "GIZ": "DE",
        "United States Counter-Terrorism Bureau": "US",
        "Global Affairs Canada": "CA",
        "SECCATID": "GT",
        "UPCV": "GT",
        "Uruguayan National Police": "UY",
        "Colombian Navy": "CO",
    }
    for name, iso in expected.items():
        entity = registry.lookup(name)
        assert entity is not None and entity.country == iso, name
        assert entity.kind is EntityKind.NATIONAL, name


def test_kinds(registry: Registry):
    kinds = {name: registry.lookup(name).kind for name in ("DPS", "CAF", "Spain", "OID", "OAS")}
    assert kinds == {
        "DPS": EntityKind.OAS_BODY,
        "CAF": EntityKind.INTERNATIONAL,
        "Spain": EntityKind.COUNTRY,
        "OID": EntityKind.OAS_BODY,
        "OAS": EntityKind.OAS_BODY,
    }
    assert registry.lookup("Organization of American States").iri == OAS_IRI
    assert registry.lookup("DPS").ref().label == "DPS"  # the acronym is the short label


def test_contextual_labels_resolve_only_on_their_countrys_sheets(registry: Registry):
    assert registry.lookup("Ministerio de Gobernación") is None
    interior = registry.lookup("Ministerio de Gobernación", country="GT")
    assert interior is not None and slug(interior.iri) == "guatemala-ministry-of-the-interior"
    assert registry.lookup("Ministerio de Gobernación", country="UY") is None
    police = {iso: registry.lookup("National Police", country=iso) for iso in ("UY", "GT", "MX")}
    assert slug(police["UY"].iri) == "uruguay-national-police"
    assert slug(police["GT"].iri) == "guatemala-national-civil-police"
    assert police["MX"] is None and registry.lookup("National Police") is None
    health = registry.lookup("Ministry of Health", country="GT")
    assert slug(health.iri) == "guatemala-ministry-of-health"
    assert registry.lookup("Ministry of Health", country="UY") is None


def test_iso_codes_match_as_written(registry: Registry):
    assert slug(registry.lookup("NO").iri) == "no"
    assert registry.lookup("No") is None  # a word, not Norway
    assert slug(registry.lookup("URY").iri) == "uy"
    assert registry.country("gt").label == "Guatemala"


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        (
            "The OAS Department of Public Security, in coordination with IOM and UNHCR, is "
            "implementing this Program",
            "GT",
            ["dps", "iom", "unhcr"],
        ),
        (
            "the Inter-American Observatory on Drugs (OID) and the European Union \n\n"
            "Cooperation Program between Latin America and the Caribbean on Drug Policy "
            "(Spanish acronym COPOLAD).",
            "GT",
            ["oid", "oid", "copolad", "copolad"],
        ),
        (
            "with the financial support of the United States Counter-Terrorism Bureau. The "
            "project coordinates with the Inter-American Development Bank, the United Nations "
            "Economic Commission for Latin America and the \nCaribbean, the International "
            "Monetary Funds, the World Customs Organizations, and other international",
            "UY",
            ["us-counterterrorism-bureau", "idb", "eclac", "imf", "wco"],
        ),
        (
            "CICTE collaborates closely with the UN 1540 Committee, its Group of Experts \n"
            "and the UN Office for Disarmament Affairs",
            "UY",
            ["cicte", "un-1540-committee", "unoda"],
        ),
        (
            "training courses (on-site and virtual) are implemented with the National Police \n"
            "Education Directorate of Uruguay and the University of San Pablo on the new Police",
            "UY",
            ["uruguay-dnep", "university-of-sao-paulo"],
        ),
        (
            "With the participation of the University of Sao Paulo (Brazil), in November 2016 "
            "the DPS carried out",
            "UY",
            ["university-of-sao-paulo", "br", "dps"],
        ),
        (
            "The OAS Department of Public Security (DPS) supports the professionalization of "
            "the Uruguayan National Police through the",
            "UY",
            ["dps", "dps", "uruguay-national-police"],
        ),
        (
            "the Commission Against Addictions and Illicit Drug \nTrafficking (CCATID), the Unit "
            "for Community Prevention of Violence (UPCV) of the Vice Ministry of Violence "
            "Prevention of the \nMinistry of the Interior and the Municipality of Guatemala, "
            "among other municipalities, jointly with the health services and \noffices of the "
            "OAS, OTC-AECID and Multilateral programs",
            "GT",
            [
                "ccatid",
                "ccatid",
                "upcv",
                "upcv",
                "guatemala-vice-ministry-of-prevention",
                "municipality-of-guatemala",
                "oas",
                "otc-aecid-guatemala",
            ],
        ),
        (
            "This Committee was coordinated by the Ministerio de Gobernación and was comprised "
            "of representatives of the Ministry of \nForeign Affairs, Ministry of Defense, "
            "National Council of Science and Technology, Telecommunications Superintendence, "
            "and the \nTechnical Secretariat of the National Security Council.",
            "GT",
            [
                "guatemala-ministry-of-the-interior",
                "guatemala-ministry-of-foreign-affairs",
                "guatemala-ministry-of-defense",
                "guatemala-national-council-of-science-and-technology",
                "guatemala-telecommunications-superintendence",
                "guatemala-stcns",
            ],
        ),
        (
            "PROCCER is executed in Guatemala in coordination with the Executive Secretariat of "
            "the Commission Against Addictions and \nIllicit Drug Trafficking (SECCATID, for its "
            "acronym in Spanish)",
            "GT",
            ["gt", "seccatid", "seccatid"],
        ),
        (
            "Responsible agency in country: Secretaria Ejecutiva Comisión contra la Adicción y "
            "el Tráfico ilícito de drogas (SECCATID)",
            "GT",
            ["seccatid", "seccatid"],
        ),
        (
            "the territorial management units \nof the National Drug Authority (SECCATID), the "
            "Third Vice-Ministry of Prevention (M.Government), municipalities",
            "GT",
            [
                "seccatid",
                "seccatid",
                "guatemala-vice-ministry-of-prevention",
                "guatemala-ministry-of-the-interior",
            ],
        ),
        (
            "1) 150 service providers trained by the Program, in coordination with the "
            "Universidad Da Vinci de Guatemala. \n2) State certification mechanism in the "
            "process of analysis by the Ministry of Health of Guatemala.",
            "GT",
            ["universidad-da-vinci-de-guatemala", "guatemala-ministry-of-health"],
        ),
        (
            "Finally, the Unit coordinated the meeting of the Group of Experts on Maritime \n\n"
            "Narcotrafficking in collaboration with the Colombian Navy in Cartagena, Colombia.",
            "GT",
            ["cicad-expert-group-maritime-narcotrafficking", "colombian-navy", "co"],
        ),
        (
            "To achieve this objective, CICAD and the Secretariat for \nMultidimensional "
            "Security work with member state governments",
            "GT",
            ["cicad", "sms"],
        ),
        (
            "carried \nout by DPS, with the support of AMERIPOL, which allowed the identification",
            "GT",
            ["dps", "ameripol"],
        ),
        (
            "The program is implemented in Costa Rica, El Salvador, Guatemala, Honduras, Mexico, "
            "Nicaragua, Panama, and the Dominican \n\nRepublic, with an integral approach",
            "GT",
            ["cr", "sv", "gt", "hn", "mx", "ni", "pa", "do"],
        ),
    ],
)
def test_mentions_in_sentences_of_the_sheets(registry, text, country, expected):
    assert found(registry, text, country) == expected


def _plain(aliases: list[str]) -> re.Pattern[str]:
    """Every alias as its own branch, in order: what the trie of :func:`_alternation` replaces."""
    body = "|".join(r"\s+".join(map(re.escape, a.split())) for a in aliases)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


def test_alias_trie_matches_what_one_branch_per_alias_matches(registry: Registry):
    """Issue 17: the names are spotted through a trie; the same spans as the plain alternation,
    on names that begin one another and on every line of the real and dev-set sheets."""
    made_up = ["ab cd", "ab-c", "abx", "ab", "a b", "b"]
    texts = ["ab cd", "ab\n cd", "abx", "abxy", "ab-c", "ab c", "a  b", "xab ab", "ab cde ab"]
    root = Path(__file__).resolve().parent.parent
    sheets = sorted(root.glob("documents/*.txt")) + sorted(root.glob("tests/fixtures/devset/*.txt"))
    assert len(sheets) >= 10
    texts += [p.read_text(encoding="utf-8") for p in sheets]
    names = {fold(e.label) for e in registry.entities} | {"ministry of health", "oas"}
    acronyms = {e.acronym for e in registry.entities if e.acronym}
    for aliases, fold_text in ((made_up, str), (names, fold_same_length), (acronyms, str)):
        ordered = sorted(aliases, key=lambda n: (-len(n), n))
        trie = re.compile(rf"(?<!\w)(?:{_alternation(ordered)})(?!\w)")
        plain = _plain(ordered)
        for text in map(fold_text, texts):
            assert [m.span() for m in trie.finditer(text)] == \
                [m.span() for m in plain.finditer(text)]
    assert _plain(ordered).search(texts[-1])  # the sheets do name them


def test_generic_names_are_not_spotted_without_the_sheets_country(registry: Registry):
    text = "coordinated by the Ministerio de Gobernación with the Ministry of Health"
    assert found(registry, text) == []
    assert found(registry, text, "GT") == [
        "guatemala-ministry-of-the-interior",
        "guatemala-ministry-of-health",
    ]


@pytest.mark.parametrize(
    "name",
    [
        "Interamerican Police Network",
        "Inter-American Network for Police Development and Professionalization",
        "Inter-American Network for the Prevention of Violence and Crime",
        "Multilateral Evaluation Mechanism",
        "MEM",
        "PROCCER",
        "SIDUC",
        "SAVIA",
        "Program to Strengthen National Drug Observatories",
        "Counterdrug Capacity Building Program",
    ],
)
def test_programs_are_not_in_the_registry(registry: Registry, name: str):
    assert registry.lookup(name) is None
    assert registry.mentions(name, "GT") == []


def test_member_states_have_both_iso_codes(registry: Registry):
    from rdflib import Graph, URIRef
    from rdflib.namespace import RDF, SKOS

    from build_graph import vocab
    from build_graph.resources import data_files

    graph = Graph()
    for path in data_files("reference", ".ttl"):
        graph.parse(path, format="turtle")
    members = sorted(graph.subjects(RDF.type, vocab.MemberState))
    assert len(members) == 35
    for member in members:
        codes = {n.datatype: str(n) for n in graph.objects(member, SKOS.notation)}
        assert set(codes) == {vocab.isoAlpha2, vocab.isoAlpha3}, member
        assert len(codes[vocab.isoAlpha2]) == 2 and len(codes[vocab.isoAlpha3]) == 3
        assert str(member) == vocab.country_iri(codes[vocab.isoAlpha2])
    status = {slug(str(m)): str(graph.value(m, vocab.participationStatus)) for m in members}
    assert (status["cu"], status["ni"], status["ve"], status["uy"]) == (
        "inactive",
        "withdrawn",
        "disputed",
        "active",
    )
    uy = URIRef(vocab.country_iri("UY"))
    assert {str(n) for n in graph.objects(uy, SKOS.notation)} == {"UY", "URY"}
    countries = registry.countries()
    assert {c.country for c in countries} >= {"UY", "GT", "ES", "IT", "DE", "JP", "GB", "VA"}
    assert registry.country("ES").kind is EntityKind.COUNTRY


def test_no_alias_is_shared_by_two_entities(registry: Registry):
    shared = {k: sorted(v) for k, v in registry._aliases.items() if len(v) > 1}
    assert shared == {}
    # contextual labels are the deliberate exception: shared across countries, never within one
    assert len(registry._contextual[fold("National Police")]) == 2
    for name, iris in registry._contextual.items():
        countries = [registry.get(i).country for i in iris]
        assert None not in countries, name
        assert len(countries) == len(set(countries)), name


def test_acronyms_are_not_common_words(registry: Registry):
    risky = {"IT", "NO", "WHO", "SIDA", "AIDS", "DNA", "ARC", "OR", "AND", "THE", "A", "I", "ON"}
    acronyms = {e.acronym for e in registry.entities if e.acronym}
    assert len(acronyms) > 60
    assert not acronyms & risky
    assert all(len(a) >= 2 for a in acronyms)
    assert found(registry, "Who funds it? No one in the WHO region; SIDA (VIH)") == []


def test_oas_hierarchy(registry: Registry):
    def chain(name: str) -> list[str]:
        return [slug(e.iri) for e in registry.ancestors(registry.lookup(name))]

    assert chain("OID") == ["es-cicad", "sms", "sg", "oas"]
    assert chain("DPS") == ["sms", "sg", "oas"]
    assert chain("DECO") == ["ssd", "sg", "oas"]
    assert chain("MESICIC") == ["sla", "sg", "oas"]
    assert chain("CICTE") == ["oas"]
    assert chain("Supply Reduction Unit") == ["es-cicad", "sms", "sg", "oas"]
    bodies = [e for e in registry.entities if e.kind is EntityKind.OAS_BODY]
    assert len(bodies) >= 30
    for body in bodies:
        if body.iri != OAS_IRI:
            assert registry.ancestors(body)[-1].iri == OAS_IRI, body.iri
    for name in ("SEDI", "SARE", "IACHR", "CIM", "IIN", "MAPP/OEA", "MACCIH", "DTOC"):
        assert registry.lookup(name).kind is EntityKind.OAS_BODY, name


def test_wikidata_only_where_verified(registry: Registry):
    orgs = {
        slug(e.iri): e.wikidata
        for e in registry.entities
        if e.kind is not EntityKind.COUNTRY and e.wikidata
    }
    assert orgs == {
        "oas": "Q123759",
        "eu": "Q458",
        "caf": "Q2614129",
        "iom": "Q472311",
        "unhcr": "Q132551",
        "idb": "Q1153087",
        "wco": "Q605326",
    }
    countries = {e.country: e.wikidata for e in registry.countries()}
    assert countries["UY"] == "Q77" and countries["GT"] == "Q774" and countries["ES"] == "Q29"
    assert countries["IT"] == "Q38" and countries["DE"] is None


def test_expected_slugs_exist(registry: Registry):
    slugs = [
        "aecid", "caf", "eu", "iom", "unhcr", "idb", "eclac", "imf", "wco", "unoda",
        "ameripol", "seccatid", "ccatid", "upcv", "copolad", "usaid", "giz", "unodc", "paho",
        "interpol", "dps", "cicte", "cicad", "oid", "sms", "sg", "world-bank",
        "global-affairs-canada", "un-1540-committee", "un-1540-group-of-experts",
    ]  # fmt: skip
    for name in slugs:
        assert registry.by_iri.get(ORG + name) is not None, name
