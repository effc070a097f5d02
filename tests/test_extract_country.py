"""Issue 15: ``oaskg extract --country`` — an unknown code is a usage error (exit 2), and an
override that contradicts the sheet is applied with a warning, as the README says."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner
from conftest import GUATEMALA, REPO, URUGUAY

from build_graph.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, ["extract", *args, "--format", "json"])


def test_unknown_country_is_a_usage_error():
    result = run(str(GUATEMALA), "--country", "XX")
    assert result.exit_code == 2
    assert result.stdout == "" and "'XX' is not a known country" in result.stderr


def test_override_contradicting_the_sheet_warns_and_applies():
    result = run(str(GUATEMALA), "--country", "UY")
    assert result.exit_code == 0
    assert {r["country"] for r in json.loads(result.stdout)} == {"UY"}
    assert re.search(r"--country UY overrides the sheet's own country GT \(from the file name\)",
                     result.stderr)


def test_override_agreeing_with_the_sheet_is_silent_and_names_work():
    for given in ("GT", "gt", "Guatemala"):
        result = run(str(GUATEMALA), "--country", given)
        assert result.exit_code == 0, given
        assert {r["country"] for r in json.loads(result.stdout)} == {"GT"}
        assert "overrides" not in result.stderr


def test_override_for_a_sheet_that_tells_no_country(tmp_path):
    text = re.sub(r"Uruguay(an)?", "", URUGUAY.read_text(encoding="utf-8"))
    sheet = tmp_path / "sheet-2019.txt"
    sheet.write_text(text, encoding="utf-8")
    result = run(str(sheet), "--country", "JM")
    assert result.exit_code == 0
    assert {r["country"] for r in json.loads(result.stdout)} == {"JM"}
    assert "overrides" not in result.stderr


def test_the_readme_says_what_the_override_does():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Commands: extract") : readme.index("## What `out/` holds")]
    assert "override" in section and "warns" in section and "exit 2" in section
