"""The synthetic sheet generator: deterministic, covers every member state, truth honest to text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from build_graph.synth import generate_corpus, generate_sheet, write_corpus
from build_graph.synth.layout import wrap
from build_graph.synth.lexicon import COUNTRIES, MEMBER_STATES

FIXTURES = Path(__file__).parent / "fixtures" / "synthetic"
REGENERATE = "python -m build_graph.synth --seed 7 --sheets 8 --out tests/fixtures/synthetic"
SEED = 7
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
PILLARS = {"Democracy", "Human Rights", "Integral Development", "Security", None}
REAL_PROGRAM_NAMES = (
    "Police Development and Professionalization", "PROCCER", "SIDUC", "SAVIA",
    "Multilateral Evaluation Mechanism", "Authorized Economic Operator",
    "Prevention of Violence and Crime", "irregular Migration in Mesoamerica",
    "National Drug Observatories", "UNSCR 1540",
)


@pytest.fixture(scope="module")
def corpus():
    sheets = generate_corpus(35, SEED)
    assert len(sheets) == 35
    return sheets


def flat(text: str) -> str:
    """The text as a reader sees it: hyphenated line breaks joined, white space collapsed."""
    return " ".join(re.sub(r"-[ \t]*\n\s*", "", text).split())


def pages(corpus):
    found = [(sheet, page) for sheet in corpus for page in sheet.truth]
    assert found
    return found


def test_same_seed_same_bytes_and_different_seed_differs():
    a = generate_sheet("JM", seed=3, edition=2, n_pages=5)
    b = generate_sheet("JM", seed=3, edition=2, n_pages=5)
    c = generate_sheet("JM", seed=4, edition=2, n_pages=5)
    assert a.text == b.text and a.truth == b.truth
    assert a.text != c.text
    assert [s.text for s in generate_corpus(6, 11)] == [s.text for s in generate_corpus(6, 11)]
    assert generate_corpus(3, 11)[0].text != generate_corpus(3, 12)[0].text


def test_sheet_file_name_edition_and_page_count():
    sheet = generate_sheet("TT", seed=1, edition=3, n_pages=4)
    assert sheet.file_name == "oas-country-sheet-trinidad-and-tobago-2019.txt"
    assert [p["page"] for p in sheet.truth] == [1, 2, 3, 4]
    assert sheet.text.count("PROGRAM SUMMARY") == 4


def test_every_member_state_gets_a_sheet(corpus):
    assert {s.country for s in corpus} == {c.iso2 for c in MEMBER_STATES}
    assert len({c.iso2 for c in MEMBER_STATES}) == 35
    assert len({s.file_name for s in corpus}) == 35
    later = generate_corpus(37, SEED)
    assert (later[35].country, later[35].edition) == ("AG", 2)


def test_one_summary_heading_per_truth_page(corpus):
    for sheet in corpus:
        heading = "RESUMEN DEL PROGRAMA" if sheet.language == "es" else "PROGRAM SUMMARY"
        assert sheet.text.count(heading) == len(sheet.truth), sheet.file_name
        assert 3 <= len(sheet.truth) <= 9


def test_truth_values_occur_in_the_text(corpus):
    for sheet, page in pages(corpus):
        text, squeezed = flat(sheet.text), "".join(sheet.text.split())
        where = f"{sheet.file_name} page {page['page']}"
        assert page["name"] in text, where
        for donor in page["donors"]:
            assert donor["as_written"] in text, where
            assert all(f in COUNTRIES or f.islower() for f in donor["funders"]), where
        for q in page["results_quantities"]:
            assert re.search(rf"(?<![\d.,]){re.escape(q['as_written'])}(?![\d]|[.,]\d)", text)
            if q["women"] is not None:
                assert q["women"] + q["men"] == q["quantity"], where
        for iso in page["countries_covered"]:
            assert COUNTRIES[iso].name(sheet.language) in text, where
        for raw in ("start_raw", "end_raw", "beneficiaries"):
            assert page[raw] is None or page[raw] in text, (where, raw)
        assert page["url"] is None or page["url"] in squeezed, where
        for box in ("summary_start", "objectives_start", "results_start"):
            assert page[box] in text, (where, box)


def test_truth_fields_are_well_formed(corpus):
    for sheet, page in pages(corpus):
        assert page["country"] == sheet.country
        assert page["pillar"] in PILLARS
        assert page["name_source"] in ("header", "prose")
        for key in ("start", "end"):
            assert page[key] is None or ISO_DATE.match(page[key]), page[key]
        assert not (page["end_open"] and page["end"])
        assert page["agencies"] and all(a == a.lower() for a in page["agencies"])


def test_varied_layouts_and_pillars(corpus):
    found = [p for _, p in pages(corpus)]
    assert {p["pillar"] for p in found} == PILLARS
    assert {p["header_layout"] for p in found} == {
        "classic", "inline", "labels_first", "pillar_only", "none"}
    assert any(p["end_open"] for p in found)
    assert any(q["women"] is not None for p in found for q in p["results_quantities"])
    assert {q["status"] for p in found for q in p["results_quantities"]} == {"achieved", "target"}
    assert any(p["countries_covered"] for p in found)
    assert any(s.language == "es" for s in corpus)
    text = "\n".join(s.text for s in corpus)
    for marker in ("Donor Countries: ", "Page 2 of ", "Choose an item", "Link to web page", "%"):
        assert marker in text, marker


def test_no_real_program_name_is_copied(corpus):
    text = "\n".join(s.text for s in corpus)
    for name in REAL_PROGRAM_NAMES:
        assert name not in text, name


def test_spanish_sheets_use_spanish_labels_and_day_first_dates():
    sheet = generate_sheet("PE", seed=5, language="es", n_pages=6)
    assert "Países donantes" in sheet.text and "Pilar OEA" in sheet.text
    for english in ("Donor Countries", "OAS Pillar", "PROGRAM SUMMARY", "OBJECTIVES"):
        assert english not in sheet.text
    first = sheet.truth[0]
    day, month, year = (int(x) for x in first["start_raw"].split("/"))
    assert day > 12 and first["start"] == f"{year:04d}-{month:02d}-{day:02d}"


def test_every_spanish_sheet_of_the_corpus_is_spanish_throughout(corpus):
    spanish = [s for s in corpus if s.language == "es"]
    assert spanish
    for sheet in spanish:
        assert "RESUMEN DEL PROGRAMA" in sheet.text and "Países donantes" in sheet.text
        assert "PROGRAM SUMMARY" not in sheet.text and "Donor Countries" not in sheet.text
        assert re.search(r"(?<![\d/])(1[3-9]|2\d|3[01])/\d{1,2}/\d{4}", sheet.text)


def test_corpus_plants_end_before_start(corpus):
    planted = [p for _, p in pages(corpus) if p.get("expect_violation")]
    assert planted
    for page in planted:
        assert page["end"] < page["start"]


def test_wrap_hyphenates_only_long_words():
    import random

    lines = wrap(random.Random(0), "a documentation of extraordinary achievements", 20, 1.0)
    assert "".join(line.rstrip("-") for line in lines).replace(" ", "") == (
        "adocumentationofextraordinaryachievements")
    assert any(line.endswith("-") for line in lines)


def test_write_corpus_matches_committed_fixtures(tmp_path):
    written = write_corpus(tmp_path, 8, SEED)
    assert len(written) == 9
    truth = json.loads((tmp_path / "truth.json").read_text(encoding="utf-8"))
    assert len(truth["documents"]) == 8
    committed = sorted(p.name for p in FIXTURES.iterdir())
    assert committed == sorted(p.name for p in written), f"regenerate: {REGENERATE}"
    for path in written:
        assert path.read_bytes() == (FIXTURES / path.name).read_bytes(), f"regenerate: {REGENERATE}"
