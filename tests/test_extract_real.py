"""Every program page of the two real sheets, checked by hand against the documents.

Donors, bodies and countries are compared by code: ISO alpha-2 for countries, the registry slug
for organisations. Prose boxes by their first words. Line numbers are the sheets' own.
"""

from __future__ import annotations

import pytest

from build_graph.model import EntityRef

N = None
UY_URL_NETWORK = "http://www.oas.org/ext/en/security/crime-prevention-network/"

# (country, page): name, name_source, pillar, start, end, end_open, beneficiaries, url
HEADER = {
    ("UY", 1): ("Inter-American Network for the Prevention of Violence and Crime", "prose", N, N,
                N, False, "OAS 34 Member States", UY_URL_NETWORK),
    ("UY", 2): ("Inter-American Network for Police Development and Professionalization", "prose",
                N, N, "2020-07-01", False, N, N),
    ("UY", 4): ("UNSCR 1540 (2004) Implementation Program", "prose", N, N, N, False, N, N),
    ("UY", 5): ("Fortifying Authorized Economic Operator Programs in the Hemisphere", "prose", N,
                N, N, False, N, N),
    ("GT", 1): ("Inter-American Network for the Prevention of Violence and Crime", "header",
                "Security", "2016-11-29", N, False, "OAS 34 Member States", UY_URL_NETWORK),
    ("GT", 2): ("Inter-American Network for Police Development and Professionalization",
                "header", "Security", "2015-07-01", "2020-07-01", False,
                "Police Institutions of the 34 OAS Member States", N),
    ("GT", 3): ("Program for the prevention of irregular Migration in Mesoamerica", "header",
                "Security", "2014-06-23", "2017-06-23", False,
                "Migrant and potential migrant populations, particularly groups in vulnerable "
                "contexts in Costa Rica",
                "http://community.oas.org/public_security/programa_de_prevencin_de_la_migracin_"
                "irregular_en_mesoamrica/b/weblog/default.aspx"),
    ("GT", 4): ("Strengthening of Institutions Specialized in the Assistance and Protection of "
                "Victims, Witnesses, and other individuals involved in criminal proceedings "
                "related to Organized Crime in Central America", "header", "Security",
                "2015-06-19", "2017-06-16", False,
                "Institutions specialized in assistance and protection of victims and witneses "
                "in Costa Rica", N),
    ("GT", 5): ("Strengthening access to justice for victims of crime in El Salvador, Honduras "
                "and Guatemala", "header", "Security", "2016-10-01", "2017-09-30", False,
                "Legal aid organizations of El Salvador, Guatemala and Honduras", N),
    ("GT", 6): ("UNSCR 1540 (2004) Implementation Program", "prose", "Security", N, N, False,
                "Agencies, sectors, civil society, etc", N),
    ("GT", 7): ("Multilateral Evaluation Mechanism (MEM)", "header", "Security", "1998", N, True,
                "All national institutions of the 34 member states, involved in the formulation "
                "and implementation of drug control policies.",
                "http://cicad.oas.org/Main/Template.asp?File=/mem/about/default_eng.asp"),
    ("GT", 8): ("Training and certification program (PROCCER)", "header", "Security",
                "2008-11-01", "2017-06-30", False, "Population affected by the use of drugs.",
                "http://www.cicad.oas.org/Main/Template.asp?File=/reduccion_demanda/proccer/"
                "proccer_eng.asp"),
    ("GT", 9): ("SAVIA – Programa Salud y Vida en las Américas", "header", "Security",
                "2016-07-01", "2018-10-31", False,
                "SECCATID, Ministerio de Gobernación, Municipalid.",
                "http://www.cicad.oas.org/Main/Template.asp?File=/fortalecimiento_institucional/"
                "savia/default_spa.asp"),
    ("GT", 10): ("SIDUC Latino", "header", "Security", N, N, True, "Guatemalan Drug Observatory",
                 "http://www.cicad.oas.org/main/default_spa.asp"),
    ("GT", 11): ("Program to Strengthen National Drug Observatories", "header", N, "2011-08-01", N,
                 True, "Guatemalan Drug Observatory", N),
    ("GT", 12): ("Counterdrug Capacity Building Program", "prose", N, N, N, False, N, N),
    ("GT", 13): ("Cybersecurity Program", "prose", N, N, N, False, N, N),
}

# donors as (source, funders, channels)
DONORS = {
    ("UY", 1): [], ("UY", 2): [], ("UY", 3): [], ("UY", 4): [],
    ("UY", 5): [("prose", ["US"], ["us-counterterrorism-bureau"])],
    ("GT", 1): [("header", ["GT"], [])],
    ("GT", 2): [("header", ["caf"], []), ("header", ["IT"], []), ("header", ["HN"], [])],
    ("GT", 3): [("header", ["eu"], [])],
    ("GT", 4): [("header", ["ES"], ["aecid"])],
    ("GT", 5): [("header", ["ES"], ["aecid"])],
    ("GT", 6): [],
    ("GT", 7): [("header", [c], []) for c in ("US", "MX", "CL", "TT")],
    ("GT", 8): [("header", ["US"], [])],
    ("GT", 9): [("header", ["ES"], [])],
    ("GT", 10): [("header", ["US"], []), ("header", ["CA"], [])],
    ("GT", 11): [("header", ["US"], [])],
    ("GT", 12): [], ("GT", 13): [],
}

# the exact OAS bodies, partners, national counterparts and countries covered of every page
# (registry slugs; "new:" and the name as written for an organisation the registry does not know)
ROLES = {
    ("UY", 1): ({"dps"}, set(), set(), set()),
    ("UY", 2): ({"dps"}, {"ameripol", "honduras-national-police-academy",
                         "university-of-sao-paulo"}, set(), set()),
    ("UY", 3): ({"dps"}, {"university-of-sao-paulo"}, {"uruguay-dnep", "uruguay-national-police"},
                set()),
    ("UY", 4): ({"cicte"}, {"un-1540-committee", "unoda", "unsc"}, set(), set()),
    ("UY", 5): ({"cicte"}, {"eclac", "idb", "imf", "wco"}, set(), set()),
    ("GT", 1): ({"dps"}, set(), set(), set()),
    ("GT", 2): ({"dps"}, {"ameripol", "honduras-national-police-academy",
                         "university-of-sao-paulo"}, set(), set()),
    ("GT", 3): ({"dps"}, {"iom", "unhcr"}, set(), {"CR", "DO", "HN", "MX", "NI", "PA", "SV"}),
    ("GT", 4): ({"dps"}, {"sica"}, set(), {"BZ", "CR", "DO", "HN", "NI", "PA", "SV"}),
    ("GT", 5): ({"dps"}, set(), set(), {"HN", "SV"}),
    ("GT", 6): ({"cicte"}, {"un-1540-committee", "unoda", "unsc"}, set(), set()),
    ("GT", 7): ({"cicad", "mem-geg", "mem-iwg"}, set(), set(), set()),
    ("GT", 8): ({"cicad", "sms"}, set(), {"guatemala-ministry-of-health", "seccatid",
                                          "universidad-da-vinci-de-guatemala"}, set()),
    # SAVIA names only "the OAS", and links to CICAD's own site: CICAD implements it
    ("GT", 9): ({"cicad"}, {"otc-aecid-guatemala"},
                {"ccatid", "guatemala-ministry-of-the-interior",
                 "guatemala-vice-ministry-of-prevention", "municipality-of-guatemala", "seccatid",
                 "upcv"}, set()),
    ("GT", 10): ({"cicad", "oid"}, set(), {"guatemalan-drug-observatory", "seccatid"}, {"SV"}),
    ("GT", 11): ({"cicad", "oid"}, {"copolad"}, {"guatemalan-drug-observatory", "seccatid"},
                 set()),
    ("GT", 12): ({"cicad", "cicad-expert-group-chemical-substances",
                  "cicad-expert-group-maritime-narcotrafficking", "cicad-supply-reduction-unit"},
                 {"colombian-navy"}, set(), {"CO", "DO", "PE"}),
    # "…approved by the Presidency and the National Security Council": the Presidency is new
    ("GT", 13): ({"cicte"}, set(),
                 {"guatemala-ministry-of-defense", "guatemala-ministry-of-foreign-affairs",
                  "guatemala-ministry-of-the-interior",
                  "guatemala-national-council-of-science-and-technology",
                  "guatemala-national-security-council", "guatemala-stcns",
                  "guatemala-telecommunications-superintendence", "new:Presidency"}, set()),
}

# first words of summary, objectives, results (None: the page has no such box)
BOXES = {
    ("UY", 1): ("The Inter-American Network for the Prevention of Violence and Crime was created",
                "To establish a dialogue", "In 2016, the Network was officially launched"),
    ("UY", 2): ("The Department of Public Security (DPS) has created",
                "To contribute in a systematic", "In the framework of the Interamerican"),
    ("UY", 3): ("The OAS Department of Public Security (DPS) supports",
                "Contribute to improving the management",
                "A Comparative Experiences Study was produced"),
    ("UY", 4): ("Through the UNSCR 1540 (2004) Implementation Program",
                "The objectives of the program are", "The program team will assist"),
    ("UY", 5): ("The Inter-American Committee against Terrorism began implementing",
                "The objectives of this Project focus on", "In Uruguay, the project has been"),
    ("GT", 1): ("The Inter-American Network for the Prevention of Violence and Crime was created",
                "To establish a dialogue", "In 2016, the Network was officially launched"),
    ("GT", 2): ("The Department of Public Security (DPS) has created",
                "To contribute in a systematic", "In the framework of the Interamerican"),
    ("GT", 3): ("The OAS Department of Public Security, in coordination with IOM",
                "Promote and support strategies", "There is a national diagnostic report"),
    ("GT", 4): ("Within the framework of the Central American Security Strategy",
                "Strengthen the specialized institutions", "Among the results achieved"),
    ("GT", 5): ("The Department of Public Security (DPS) has been assisting",
                "Contribute to the strengthening of access to justice",
                "To this date, the mapping"),
    ("GT", 6): ("Through the UNSCR 1540 (2004) Implementation Program",
                "The objectives of the program are", None),
    ("GT", 7): ("The Multilateral Evaluation Mechanism (MEM) was created",
                "The primary objective of the MEM", "During 2017, the IWG"),
    ("GT", 8): ("The Training and Certification Program for Drug Prevention",
                "Optimize the quality of services", "PROCCER is executed in Guatemala"),
    ("GT", 9): ("Program to support the decentralization of drug policies",
                "To contribute to promoting and consolidating", "1. Work plan for technical"),
    ("GT", 10): ("In order to contribute to the development of evidence-based",
                 "Develop a hemispheric drug information system.", "Publication of the Report"),
    ("GT", 11): ("The Hemispheric Drug Strategy approved by the CICAD",
                 "The general objective of this program", "In December 2016, the country"),
    ("GT", 12): ("The Counterdrug Capacity Building Program of CICAD is a supply reduction",
                 "The Counterdrug Capacity Building Program aims",
                 "In 2016, the Program delivered"),
    ("GT", 13): ("In 2017, the Inter-American Committee against Terrorism (CICTE)",
                 "National Cybersecurity Strategy of Guatemala approved;",
                 "National Cybersecurity Strategy of Guatemala approved by the Presidency"),
}

# (quantity, status, women, men, line)
QUANTITIES = {
    ("UY", 1): [],
    ("UY", 2): [(340, "target", N, N, 73), (200000, "target", N, N, 74)],
    ("UY", 3): [(25, "achieved", N, N, 121), (200, "achieved", N, N, 123),
                (750, "target", N, N, 124)],
    ("UY", 4): [],
    ("UY", 5): [(100, "achieved", N, N, 194), (4, "achieved", N, N, 195),
                (7, "achieved", N, N, 197), (100, "achieved", N, N, 197)],
    ("GT", 3): [(7, "achieved", N, N, 260), (30, "achieved", N, N, 264)],
    ("GT", 4): [],
    ("GT", 5): [(6, "target", N, N, 547), (120, "target", N, N, 548)],
    ("GT", 8): [(150, "achieved", N, N, 814)],
    ("GT", 9): [(20, "achieved", N, N, 903), (10, "achieved", N, N, 907)],
    ("GT", 11): [],
    ("GT", 13): [(31, "achieved", 3, 28, 1243)],
}


def _code(ref: EntityRef) -> str:
    """ISO alpha-2 for a country, the registry slug for an organisation, "new:Name" for one the
    registry does not know."""
    if ref.kind == "new":
        return f"new:{ref.display}"
    tail = ref.iri.rstrip("/").rsplit("/", 2)
    return tail[-1].upper() if tail[-2] == "country" else tail[-1]


def test_every_page_has_its_roles_checked():
    assert len(ROLES) == 18


def _record(real_extractions, key):
    country, page = key
    records = real_extractions[country].records
    return records[page - 1]


def test_every_program_page_is_found(real_extractions):
    assert len(real_extractions["UY"].records) == 5
    assert len(real_extractions["GT"].records) == 13
    assert {r.country for r in real_extractions["UY"].records} == {"UY"}
    assert {r.country for r in real_extractions["GT"].records} == {"GT"}


@pytest.mark.parametrize("key", sorted(HEADER), ids=str)
def test_header_fields(real_extractions, key):
    r = _record(real_extractions, key)
    got = (r.name, r.name_source, r.pillar, r.start, r.end, r.end_open, r.beneficiaries, r.url)
    assert got == HEADER[key]


def test_unnamed_ethics_page_is_named_from_its_prose(real_extractions):
    r = _record(real_extractions, ("UY", 3))
    assert r.name_source == "prose" and "Code of Ethics" in (r.name or "")


def test_raw_header_text_is_kept(real_extractions):
    assert _record(real_extractions, ("GT", 2)).end_raw == "7/1/2020 to"
    assert _record(real_extractions, ("GT", 6)).start_raw == "Commencement"
    assert _record(real_extractions, ("GT", 7)).end_raw == "Continuous Program to"
    assert _record(real_extractions, ("GT", 9)).end_raw == "10/31/2018 a"
    assert _record(real_extractions, ("UY", 2)).end_raw == "7/1/2020 to"


@pytest.mark.parametrize("key", sorted(DONORS), ids=str)
def test_donors(real_extractions, key):
    r = _record(real_extractions, key)
    got = [(d.source, [_code(e) for e in d.funders], [_code(e) for e in d.channels])
           for d in r.donors]
    assert got == DONORS[key]


@pytest.mark.parametrize("key", sorted(ROLES), ids=str)
def test_bodies_partners_counterparts_countries(real_extractions, key):
    r = _record(real_extractions, key)
    got = tuple({_code(e) for e in refs} for refs in (
        r.agencies, r.partners, r.national_counterparts, r.countries_covered))
    assert got == ROLES[key]


@pytest.mark.parametrize("key", sorted(BOXES), ids=str)
def test_prose_boxes(real_extractions, key):
    r = _record(real_extractions, key)
    for text, start in zip((r.summary, r.objectives, r.results), BOXES[key], strict=True):
        if start is None:
            assert text is None
        else:
            assert " ".join((text or "").split()).startswith(start)


@pytest.mark.parametrize("key", sorted(QUANTITIES), ids=str)
def test_result_quantities(real_extractions, key):
    r = _record(real_extractions, key)
    got = [(q.quantity, q.status, q.women, q.men, q.line) for q in r.results_quantities]
    assert got == QUANTITIES[key]


def test_quantity_keeps_its_evidence_and_what(real_extractions):
    q = _record(real_extractions, ("GT", 13)).results_quantities[0]
    assert q.what == "government officials trained"
    assert q.evidence.startswith("31 (3 women, 28 men) government officials trained")


def test_nothing_left_unplaced_on_the_real_sheets(real_extractions):
    for extraction in real_extractions.values():
        assert [r.unassigned for r in extraction.records if r.unassigned] == []


def test_every_page_traces_its_fields_to_lines(real_extractions):
    r = _record(real_extractions, ("GT", 2))
    lines = dict(r.lines)
    assert lines["page"].as_list() == [113, 198]
    assert lines["name"].as_list() == [150, 152]
    assert lines["donors"].as_list() == [174, 176]
    assert lines["end"].as_list() == [180, 180]
    assert lines["summary"].as_list() == [182, 198]
