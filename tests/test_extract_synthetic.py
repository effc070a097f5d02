"""The synthetic sheets (regenerate with ``python -m build_graph.synth --seed 7 --sheets 8 --out
tests/fixtures/synthetic``) as input the extractor must get through: every page found, the
country told.

They share the extractor's own form words and templates, so they are a load generator, not a
measure of accuracy: the accuracy floors that used to live here were removed (issue 11). How
well the extractor reads sheets it was not written against is measured on the dev-set sheets
(``tests/test_extract_devset.py``, ``bench/extraction_scores.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_graph.extract import extract_paths

FIXTURES = Path(__file__).parent / "fixtures" / "synthetic"
SHEETS = sorted(FIXTURES.glob("*.txt"))
TRUTH = json.loads((FIXTURES / "truth.json").read_text(encoding="utf-8"))["documents"]



def test_fixtures_exist():
    assert len(SHEETS) >= 8 and set(TRUTH) == {p.name for p in SHEETS}


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.name)
def test_page_count_and_country(sheet):
    [extraction] = extract_paths([sheet])
    truth = TRUTH[sheet.name]
    assert len(extraction.records) == len(truth["pages"])
    assert {r.country for r in extraction.records} == {truth["country"]}
