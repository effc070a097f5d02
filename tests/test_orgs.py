"""Organisations the registry does not know: each recognition pattern and each role rule, in
English and Spanish, on sentences written here (none from the dev set). Expected values are
exact sets, read off the sentences by hand."""

from __future__ import annotations

import pytest

from build_graph.extract.entities import prose_donors, roles, sheet_acronyms
from build_graph.extract.orgs import find_orgs, long_form
from build_graph.extract.scope import scope_of
from build_graph.model import LineSpan
from build_graph.registry.index import Registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load()


def names(text: str) -> list[tuple[str, str | None]]:
    return [(m.name, m.acronym) for m in find_orgs(text)]


@pytest.mark.parametrize("text,expected", [
    # a name and its acronym in parentheses
    ("It works with the National Water Authority (NWA) of the country.",
     [("National Water Authority", "NWA")]),
    ("Trabaja con el Servicio Nacional de Aprendizaje (SENA) en cada región.",
     [("Servicio Nacional de Aprendizaje", "SENA")]),
    # institutional head words, with Spanish articles and contractions inside the name
    ("The Ministry of Youth and Sports and the Office of the Ombudsman took part.",
     [("Ministry of Youth and Sports", None), ("Office of the Ombudsman", None)]),
    ("Participan la Procuraduría General de la Nación y la Fiscalía del Estado.",
     [("Procuraduría General de la Nación", None), ("Fiscalía del Estado", None)]),
    ("con el Ministerio de la Mujer y la Familia y con la Policía Nacional",
     [("Ministerio de la Mujer y la Familia", None), ("Policía Nacional", None)]),
    # lists of names, with and without articles
    ("It met the NWA, the Fire Service and the Ministry of Energy.",
     [("Fire Service", None), ("Ministry of Energy", None)]),
    ("Apoyan la Universidad Nacional y la Fundación Esperanza.",
     [("Universidad Nacional", None), ("Fundación Esperanza", None)]),
    # a name coordinated with a recognised one, either side
    ("Oxfam and the Global Water Partnership Forum (GWPF) lend experts.",
     [("Oxfam", None), ("Global Water Partnership Forum", "GWPF")]),
    ("Con la Fundación Agua Viva y Acción Verde se construyeron pozos.",
     [("Fundación Agua Viva", None), ("Acción Verde", None)]),
    # programs, documents, persons' offices and classes of bodies are not organisations
    ("The Regional Water Program (RWP) and the National Water Law were presented.", []),
    ("The Commissioner of Police and police institutions of the region attended.", []),
    ("Se presentó el Plan Nacional de Agua (PNA) a las instituciones nacionales.", []),
])
def test_names_by_their_shape(text, expected):
    assert names(text) == expected


def test_long_form_spells_the_acronym_from_a_word_start():
    words = "with the support of the National Emergency Management Organization".split()
    assert long_form(words, "NEMO") == 5
    assert long_form("the Bureau of Statistics".split(), "XYZ") is None


def test_acronyms_defined_on_the_sheet_are_found_alone_later():
    texts = ["The Fire Service (FS) trained staff.", "Later the FS equipped 3 stations."]
    assert sheet_acronyms(texts) == {"FS": "Fire Service"}


@pytest.mark.parametrize("name,own,other,language,expected", [
    ("Ministerio de Salud", False, False, "es", "national"),
    ("Policía Nacional", False, False, "es", "national"),
    ("Fire Service", False, False, "en", "national"),
    ("Jamaica Fire Brigade", True, False, "en", "national"),
    ("University of Kingston", False, False, "en", "international"),
    ("Universidad de la República del Uruguay", True, False, "es", "national"),
    ("Red Cross International", False, False, "en", "international"),
    ("Pan American Water Forum", False, False, "en", "international"),
    ("Water Trust", False, False, "es", "international"),  # English name on a Spanish sheet
    ("Comisión para el Derecho Internacional", False, False, "es", "national"),
    ("Agencia Española de Cooperación", False, True, "es", "international"),
])
def test_national_or_international(name, own, other, language, expected):
    assert scope_of(name, own, other, language) == expected


def _roles(text: str, registry: Registry, country: str, language: str = "en"):
    found = roles(text, registry, country, [], language, sheet_acronyms([text]))
    return ({r.display for r in found["national_counterparts"]},
            {r.display for r in found["partners"]},
            {r.display for r in found["agencies"]})


def test_roles_in_english(registry):
    text = ("The Department of Public Security (DPS) works with the Jamaica Fire Brigade (JFB), "
            "the Ministry of Local Government and the Global Water Partnership Forum (GWPF). "
            "Later the JFB trained 30 officers.")
    assert _roles(text, registry, "JM") == (
        {"Jamaica Fire Brigade (JFB)", "Ministry of Local Government"},
        {"Global Water Partnership Forum (GWPF)"}, {"DPS"})


def test_roles_in_spanish(registry):
    text = ("El Departamento de Desarrollo Sostenible (DSD) apoya a la Secretaría de Emergencia "
            "del Estado (SEE) y a la Comisión Binacional del Río Grande, con la Fundación Mar "
            "Azul.")
    assert _roles(text, registry, "PE", "es") == (
        {"Secretaría de Emergencia del Estado (SEE)", "Fundación Mar Azul"},
        {"Comisión Binacional del Río Grande"}, {"DSD"})


def test_two_countries_namesakes_stay_each_countrys_own(registry):
    """A registry institution of one country named without its country on another country's
    sheet is that country's namesake, minted for that country."""
    guatemalan = registry.lookup("Ministerio de Gobernación", "GT")
    assert guatemalan is not None and guatemalan.country == "GT"
    on_honduras = roles("Coordina con el Ministerio de Gobernación.", registry, "HN", [], "es")
    (ref,) = on_honduras["national_counterparts"]
    assert (ref.kind, ref.label, ref.country) == ("new", "Ministerio de Gobernación", "HN")
    on_guatemala = roles("Coordina con el Ministerio de Gobernación.", registry, "GT", [], "es")
    assert [r.iri for r in on_guatemala["national_counterparts"]] == [guatemalan.iri]


def _donors(text: str, registry: Registry) -> list[tuple[str, list[str]]]:
    return [(d.as_written, [e.display for e in d.named])
            for d in prose_donors(text, registry, "JM", lambda s: 1)]


def test_funders_named_in_prose_known_or_not(registry):
    assert _donors("Funding is provided by the Water Research Foundation (WRF).", registry) == [
        ("Water Research Foundation (WRF)", ["Water Research Foundation (WRF)"])]
    assert _donors("The Inter-American Development Bank (IDB) co-finances the works.",
                   registry) == [("Inter-American Development Bank (IDB)", ["IDB"])]
    assert _donors("Con financiamiento del Fondo Verde (FV) se construyeron pozos.",
                   registry) == [("Fondo Verde (FV)", ["Fondo Verde (FV)"])]
    # technical support is no funding
    assert _donors("Con el apoyo técnico del Fondo Verde (FV).", registry) == []


def test_a_funder_is_not_also_a_partner(registry):
    text = "Funding is provided by the Water Research Foundation (WRF), which also advises."
    donors = prose_donors(text, registry, "JM", lambda s: 1)
    found = roles(text, registry, "JM", donors, "en")
    assert found["partners"] == [] and found["national_counterparts"] == []
    assert donors[0].lines == LineSpan(1, 1)
