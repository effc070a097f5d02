"""The saved queries on the two real sheets: every expected answer checked by hand against
documents/oas-country-sheet-{guatemala,uruguay}.txt."""

from __future__ import annotations

import re

import pytest

from build_graph.query.catalogue import find_query, load_catalogue, parse_query
from build_graph.query.results import display
from build_graph.query.run import ParamError, bind_params, execute, query_form

CATALOGUE = load_catalogue()
# Values for the required parameters, so every query can run in the parametrized tests.
SAMPLE_PARAMS = {
    "active-on-date": {"date": "2017-01-01"},
    "donor-funds": {"donor": "Spain"},
    "in-country": {"country": "GT"},
}
ID = "https://w3id.org/oaskg/id/"


@pytest.fixture(scope="module")
def store(built_out):
    from build_graph.rdf.store import open_store

    return open_store(built_out)


def rows(store, name: str, **params: str) -> list[dict[str, str]]:
    answer = execute(find_query(name), params, store=store)
    return [
        {v: display(t) for v, t in zip(answer.variables, row, strict=True)} for row in answer.rows
    ]


def test_catalogue_has_the_fifteen_questions():
    assert len(CATALOGUE) >= 15
    assert len({q.name for q in CATALOGUE}) == len(CATALOGUE)


@pytest.mark.parametrize("saved", CATALOGUE, ids=lambda q: q.name)
def test_every_query_is_documented_ordered_and_runs(saved, store):
    assert saved.title and saved.title != saved.name
    assert len(saved.description) > 40
    assert query_form(saved.text) == "SELECT"
    assert "ORDER BY" in saved.text.upper()
    projection = re.search(r"^SELECT(.*?)^WHERE", saved.text, re.M | re.S).group(1)
    for param in saved.params:
        assert param.description
        # pyoxigraph substitutions and the remote VALUES block need it in the projection
        assert re.search(rf"\?{param.name}\b", projection), param.name
    for name in SAMPLE_PARAMS.get(saved.name, {}):
        assert saved.param(name) is not None and saved.param(name).required
    answer = execute(saved, SAMPLE_PARAMS.get(saved.name, {}), store=store)
    assert answer.rows, f"{saved.name} answered nothing on the real sheets"
    # deterministic: a second run gives the same rows in the same order
    assert execute(saved, SAMPLE_PARAMS.get(saved.name, {}), store=store) == answer


def test_required_parameters_are_exactly_the_sampled_ones():
    required = {q.name: {p.name for p in q.params if p.required} for q in CATALOGUE}
    assert {k: v for k, v in required.items() if v} == {k: set(v) for k, v in SAMPLE_PARAMS.items()}


# --- 1. donors in several member states -------------------------------------------------------
def test_only_the_united_states_funds_in_two_member_states(store):
    assert [
        (r["donor"], r["countries"], r["countryCode"], r["activities"])
        for r in rows(store, "donors-in-several-countries")
    ] == [
        ("id:country/us", "2", "GT", "4"),  # MEM, PROCCER, SIDUC Latino, Drug Observatories
        ("id:country/us", "2", "UY", "1"),  # the AEO project, from prose
    ]


# --- 2. everything in a country ---------------------------------------------------------------
def test_in_uruguay_by_spanish_name(store):
    found = rows(store, "in-country", country="Uruguay")
    assert {r["programName"] for r in found} == {
        "Code of Ethics",
        "Fortifying Authorized Economic Operator Programs in the Hemisphere",
        "Inter-American Network for Police Development and Professionalization",
        "Inter-American Network for the Prevention of Violence and Crime",
        "UNSCR 1540 (2004) Implementation Program",
    }
    aeo = [(r["role"], r["org"]) for r in found if r["programName"].startswith("Fortifying")]
    assert aeo == [
        ("funder", "id:country/us"),
        ("fundingChannel", "id:org/us-counterterrorism-bureau"),
        ("implementedBy", "id:org/cicte"),
    ]
    assert rows(store, "in-country", country="URY") == found


def test_in_honduras_finds_programs_covering_it(store):
    # No Honduran sheet: the Guatemalan sheet's regional programs cover Honduras.
    programs = {r["program"] for r in rows(store, "in-country", country="Honduras")}
    assert programs == {
        "id:" + p
        for p in (
            "program/program-for-the-prevention-of-irregular-migration-in-mesoamerica",
            "program/strengthening-access-to-justice-for-victims-of-crime-in-el-salvador-honduras",
            "program/strengthening-of-institutions-specialized-in-the-assistance-and-protection-of",
        )
    }


def test_in_guatemala_policing_network_has_dates_and_three_donors(store):
    found = [
        r
        for r in rows(store, "in-country", country="gt")
        if r["program"].endswith("police-development-and-professionalization")
        and r["sheetCountry"] == "GT"
    ]
    assert {(r["start"], r["end"]) for r in found} == {("2015-07-01", "2020-07-01")}
    assert sorted((r["role"], r["org"]) for r in found) == [
        ("funder", "id:country/hn"),
        ("funder", "id:country/it"),
        ("funder", "id:org/caf"),
        ("implementedBy", "id:org/dps"),
    ]


# --- 3. what a donor funds --------------------------------------------------------------------
def test_spain_funds_two_activities_through_aecid_and_savia_directly(store):
    found = [
        (r["program"].rsplit("/", 1)[1][:30], r["countryCode"], r["channel"])
        for r in rows(store, "donor-funds", donor="España")
    ]
    assert found == [
        ("savia-programa-salud-y-vida-en", "GT", ""),
        ("strengthening-access-to-justic", "GT", "id:org/aecid"),
        ("strengthening-of-institutions-", "GT", "id:org/aecid"),
    ]


def test_united_states_funds_five_programs(store):
    found = [
        (r["programName"], r["countryCode"], r["channel"])
        for r in rows(store, "donor-funds", donor="USA")
    ]
    assert found == [
        (
            "Fortifying Authorized Economic Operator Programs in the Hemisphere",
            "UY",
            "id:org/us-counterterrorism-bureau",
        ),
        ("Multilateral Evaluation Mechanism (MEM)", "GT", ""),
        ("Program to Strengthen National Drug Observatories", "GT", ""),
        ("SIDUC Latino", "GT", ""),
        ("Training and certification program (PROCCER)", "GT", ""),
    ]


def test_a_channel_as_donor_gives_what_goes_through_it(store):
    assert len(rows(store, "donor-funds", donor="AECID")) == 2


# --- 4. programs on several sheets ------------------------------------------------------------
def test_three_programs_are_on_both_sheets(store):
    found = rows(store, "programs-on-several-sheets")
    assert sorted({r["programName"] for r in found}) == [
        "Inter-American Network for Police Development and Professionalization",
        "Inter-American Network for the Prevention of Violence and Crime",
        "UNSCR 1540 (2004) Implementation Program",
    ]
    police = [
        (r["countryCode"], r["start"], r["donor"])
        for r in found
        if r["programName"].startswith("Inter-American Network for Police")
    ]
    # Guatemala names three donors and a start; Uruguay neither
    assert police == [
        ("GT", "2015-07-01", "id:country/hn"),
        ("GT", "2015-07-01", "id:country/it"),
        ("GT", "2015-07-01", "id:org/caf"),
        ("UY", "", ""),
    ]


# --- 5. active on a date ----------------------------------------------------------------------
def test_active_on_first_of_january_2017(store):
    found = {
        (r["program"].rsplit("/", 1)[1][:25], r["basis"])
        for r in rows(store, "active-on-date", date="2017-01-01")
    }
    assert found == {
        ("interamerican-network-for", "within dates"),  # police network GT 2015-2020
        ("interamerican-network-for", "no end date"),  # violence prevention GT, from 2016-11-29
        ("multilateral-evaluation-m", "open-ended"),
        ("program-for-the-preventio", "within dates"),  # migration 2014-06-23 to 2017-06-23
        ("program-to-strengthen-nat", "open-ended"),
        ("savia-programa-salud-y-vi", "within dates"),
        ("siduc-latino", "open-ended"),  # "Continuo", no start
        ("strengthening-access-to-j", "within dates"),
        ("strengthening-of-institut", "within dates"),
        ("training-and-certificatio", "within dates"),  # PROCCER to 2017-06-30
    }
    assert len(rows(store, "active-on-date", date="2017-01-01")) == 10


def test_active_after_most_programs_closed(store):
    found = {r["programName"][:20] for r in rows(store, "active-on-date", date="2019-01-01")}
    assert found == {
        "Inter-American Netwo",  # police (to 2020) and violence prevention (no end)
        "Multilateral Evaluat",
        "Program to Strengthe",
        "SIDUC Latino",
    }


# --- 6. rolled up the OAS hierarchy -----------------------------------------------------------
def test_everything_under_sms(store):
    found = rows(store, "oas-body-rollup", body="SMS")
    assert {r["body"] for r in found} == {"id:org/sms"}
    assert {r["implementer"] for r in found} == {
        "id:org/dps",
        "id:org/oid",
        "id:org/sms",
        "id:org/cicad-supply-reduction-unit",
    }
    assert len(found) == 12


def test_everything_under_cicad_includes_the_mem_groups(store):
    """CICAD's executive secretariat is a sub-organisation of CICAD, so the OID and the
    Supply Reduction Unit (units of the secretariat) roll up under CICAD too."""
    found = rows(store, "oas-body-rollup", body="CICAD")
    assert {r["implementer"] for r in found} == {
        "id:org/cicad",
        "id:org/oid",
        "id:org/cicad-supply-reduction-unit",
        "id:org/mem-geg",
        "id:org/mem-iwg",
        "id:org/cicad-expert-group-chemical-substances",
        "id:org/cicad-expert-group-maritime-narcotrafficking",
    }
    assert {r["programName"][:20] for r in found} == {
        "Counterdrug Capacity",
        "Multilateral Evaluat",
        "Program to Strengthe",
        "SAVIA – Programa Sal",  # names only the OAS, links to CICAD's own site
        "SIDUC Latino",
        "Training and certifi",
    }


def test_everything_rolls_up_to_the_oas(store):
    under_oas = {
        (r["program"], r["countryCode"])
        for r in rows(store, "oas-body-rollup")
        if r["body"] == "id:org/oas"
    }
    assert len(under_oas) == 18  # every activity has an OAS body


# --- 7. co-funding ----------------------------------------------------------------------------
def test_co_funding_pairs(store):
    found = {
        (r["donorA"].split("/")[-1], r["donorB"].split("/")[-1], r["programName"][:4])
        for r in rows(store, "co-funding")
    }
    mem = {
        (a, b, "Mult")
        for a, b in [
            ("cl", "mx"),
            ("cl", "tt"),
            ("cl", "us"),
            ("mx", "tt"),
            ("mx", "us"),
            ("tt", "us"),
        ]
    }
    police = {("hn", "it", "Inte"), ("hn", "caf", "Inte"), ("it", "caf", "Inte")}
    assert found == mem | police | {("ca", "us", "SIDU")}


# --- 8. results -------------------------------------------------------------------------------
def test_cybersecurity_training_with_women_and_men(store):
    found = [
        r
        for r in rows(store, "results", country="GT")
        if r["programName"] == "Cybersecurity Program"
    ]
    assert [
        (r["quantity"], r["counts"], r["status"], r["women"], r["men"], r["bodies"])
        for r in found
    ] == [("31", "government officials trained", "achieved", "3", "28", "CICTE")]


def test_code_of_ethics_results_achieved_and_target(store):
    found = [
        (r["quantity"], r["counts"], r["status"])
        for r in rows(store, "results")
        if r["programName"] == "Code of Ethics"
    ]
    # 25 officers trained as trainers, 200 cadets, about 750 officers to be trained
    assert found == [
        ("25", "officers", "achieved"),
        ("200", "cadets", "achieved"),
        ("750", "officers", "target"),
    ]


def test_results_of_one_country_only(store):
    assert {r["countryCode"] for r in rows(store, "results", country="UY")} == {"UY"}


# --- 9. counterparts --------------------------------------------------------------------------
def test_uruguayan_counterparts_of_code_of_ethics(store):
    found = {
        (r["counterpart"], r["bodies"], r["programName"])
        for r in rows(store, "counterparts", country="UY")
    }
    assert found == {
        ("id:org/uruguay-national-police", "DPS", "Code of Ethics"),
        ("id:org/uruguay-dnep", "DPS", "Code of Ethics"),
    }


def test_seccatid_works_with_cicad_on_four_programs(store):
    programs = {
        r["programName"][:20]
        for r in rows(store, "counterparts")
        if r["counterpart"] == "id:org/seccatid"
    }
    assert programs == {
        "Program to Strengthe",
        "SAVIA – Programa Sal",
        "SIDUC Latino",
        "Training and certifi",
    }


# --- 10. partners -----------------------------------------------------------------------------
def test_iom_and_unhcr_partner_in_the_migration_program(store):
    found = rows(store, "partners")
    for partner in ("id:org/iom", "id:org/unhcr"):
        assert [r["programName"][:30] for r in found if r["partner"] == partner] == [
            "Program for the prevention of "
        ]
    usp = {
        (r["programName"][:15], r["countryCode"], r["homeCountry"])
        for r in found
        if r["partner"] == "id:org/university-of-sao-paulo"
    }
    assert usp == {
        ("Code of Ethics", "UY", "BR"),
        ("Inter-American ", "GT", "BR"),
        ("Inter-American ", "UY", "BR"),
    }


# --- 11. regional reach -----------------------------------------------------------------------
def test_regional_reach(store):
    found = rows(store, "regional-reach")
    by_program: dict[str, set[str]] = {}
    for r in found:
        by_program.setdefault(r["programName"][:20], set()).add(r["coveredCode"])
    assert by_program == {
        "Counterdrug Capacity": {"CO", "DO", "PE"},
        "Program for the prev": {"CR", "DO", "HN", "MX", "NI", "PA", "SV"},
        "SIDUC Latino": {"SV"},
        "Strengthening access": {"HN", "SV"},
        "Strengthening of Ins": {"BZ", "CR", "DO", "HN", "NI", "PA", "SV"},
    }
    assert all(r["countryCode"] == "GT" for r in found)


# --- 12. timeline -----------------------------------------------------------------------------
def test_timeline_durations_and_ongoing_flags(store):
    found = {(r["programName"][:20], r["countryCode"]): r for r in rows(store, "timeline")}
    assert len(rows(store, "timeline")) == 18
    proccer = found[("Training and certifi", "GT")]
    assert (proccer["start"], proccer["end"], proccer["months"]) == (
        "2008-11-01",
        "2017-06-30",
        "103",
    )
    assert found[("Program for the prev", "GT")]["months"] == "36"
    assert {k for k, r in found.items() if r["ongoing"] == "true"} == {
        ("Multilateral Evaluat", "GT"),
        ("Program to Strengthe", "GT"),
        ("SIDUC Latino", "GT"),
    }
    assert found[("Multilateral Evaluat", "GT")]["start"] == "1998"  # the sheet gives a year


# --- 13. data gaps ----------------------------------------------------------------------------
def test_data_gaps_match_the_sheets(store):
    gaps: dict[str, set[str]] = {}
    for r in rows(store, "data-gaps"):
        gaps.setdefault(r["gap"], set()).add(r["subject"].split("/", 1)[1])
    no_donor = {
        "oas-country-sheet-guatemala/unscr-1540-2004-implementation-program",
        "oas-country-sheet-guatemala/counterdrug-capacity-building-program",
        "oas-country-sheet-guatemala/cybersecurity-program",
        "oas-country-sheet-uruguay/code-of-ethics",
        "oas-country-sheet-uruguay/interamerican-network-for-police-development-and-"
        "professionalization",
        "oas-country-sheet-uruguay/interamerican-network-for-the-prevention-of-violence-and-crime",
        "oas-country-sheet-uruguay/unscr-1540-2004-implementation-program",
    }
    assert gaps["no donor"] == no_donor
    assert {len(v) for v in gaps.values()} and {k: len(v) for k, v in gaps.items()} == {
        "no donor": 7,
        "no dates": 8,
        "no url": 11,
        "pillar unset": 8,
        "needs review": 1,  # the Presidency (Guatemala's sheet, page 13), not in the registry
    }
    assert "oas-country-sheet-guatemala/siduc-latino" in gaps["no dates"]


# --- 14. pillar and body ----------------------------------------------------------------------
def test_pillars_by_body(store):
    found = rows(store, "pillar-body")
    assert {r["pillarName"] for r in found} == {"Security", "unset"}
    security_dps = {
        r["programName"][:20]
        for r in found
        if r["pillarName"] == "Security" and r["body"] == "id:org/dps"
    }
    assert security_dps == {
        "Inter-American Netwo",
        "Program for the prev",
        "Strengthening access",
        "Strengthening of Ins",
    }
    cyber = [r["pillarName"] for r in found if r["programName"] == "Cybersecurity Program"]
    assert cyber == ["unset"]


# --- 15. funding paths ------------------------------------------------------------------------
def test_funding_path_of_spain(store):
    found = [
        (r["channel"], r["body"], r["countryCode"])
        for r in rows(store, "funding-paths", donor="ES")
    ]
    assert found == [
        ("", "id:org/cicad", "GT"),  # SAVIA, Spain directly
        ("id:org/aecid", "id:org/dps", "GT"),
        ("id:org/aecid", "id:org/dps", "GT"),
    ]


def test_funding_path_of_the_united_states_through_the_bureau(store):
    found = [r for r in rows(store, "funding-paths", donor="United States") if r["channel"]]
    assert [(r["channel"], r["body"], r["countryCode"]) for r in found] == [
        ("id:org/us-counterterrorism-bureau", "id:org/cicte", "UY")
    ]


# --- parameters -------------------------------------------------------------------------------
def test_missing_parameter_lists_the_parameters():
    with pytest.raises(ParamError, match="missing parameter 'country'") as err:
        bind_params(find_query("in-country"), {})
    assert "--param country (country" in str(err.value)


def test_unknown_parameter_is_refused():
    with pytest.raises(ParamError, match="unknown parameter colour"):
        bind_params(find_query("timeline"), {"colour": "red"})


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("active-on-date", {"date": "2017-13-01"}, "not a date"),
        ("active-on-date", {"date": "yesterday"}, "not a date"),
        ("in-country", {"country": "Atlantis"}, "not known"),
        ("in-country", {"country": "AECID"}, "not known"),  # an organisation, not a country
        ("oas-body-rollup", {"body": "Spain"}, "not known"),  # a country, not an organisation
        ("donor-funds", {"donor": "http://exa mple.org/x"}, "not a valid IRI"),
    ],
)
def test_ill_typed_parameters(name, params, message):
    with pytest.raises(ParamError, match=message):
        bind_params(find_query(name), params)


def test_parameters_are_typed_terms():
    bound = bind_params(find_query("active-on-date"), {"date": "2017-01-01"})
    assert str(bound["date"]) == '"2017-01-01"^^<http://www.w3.org/2001/XMLSchema#date>'
    bound = bind_params(find_query("in-country"), {"country": "Guatemala"})
    assert str(bound["country"]) == f"<{ID}country/gt>"


INJECTION = """#+ title: Programs by name
#+ description: Programs whose name contains a text (a test of injection through a parameter).
#+ param: text string required — part of the name
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX oaskg: <https://w3id.org/oaskg/ontology#>
SELECT DISTINCT ?text ?program WHERE {
  ?program a oaskg:Program ; rdfs:label ?name .
  FILTER (CONTAINS(LCASE(STR(?name)), LCASE(?text)))
} ORDER BY ?program
"""


def test_an_injection_attempt_is_just_a_string(store):
    saved = parse_query(INJECTION, "by-name")
    assert len(execute(saved, {"text": "savia"}, store=store).rows) == 1
    attack = '") || true) } UNION { ?program ?p ?o } #'
    answer = execute(saved, {"text": attack}, store=store)
    assert answer.rows == ()
    assert answer.variables == ("text", "program")


def test_the_remote_values_block_escapes_the_value():
    from build_graph.query.run import with_values

    saved = parse_query(INJECTION, "by-name")
    attack = '") || true) } UNION { ?program ?p ?o } #\n'
    text = with_values(saved.text, bind_params(saved, {"text": attack}))
    assert 'VALUES (?text) { ("\\") || true) } UNION { ?program ?p ?o } #\\n") }' in text
    assert text.count("UNION") == 1  # only inside the escaped literal
