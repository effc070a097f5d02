"""``oaskg build`` and ``oaskg validate``: exit codes, messages, and the README's commands."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from build_graph.cli import cli

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ROOT / "documents"


def _run(args: list[str]):
    return CliRunner().invoke(cli, args, catch_exceptions=False)


@pytest.fixture
def sheets(tmp_path: Path) -> Path:
    docs = tmp_path / "documents"
    shutil.copytree(DOCUMENTS, docs)
    return docs


def readme_commands() -> list[str]:
    """Every ``oaskg build`` / ``oaskg validate`` command line shown in the README."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = []
    for line in text.splitlines():
        if not line.startswith("    "):
            continue
        for part in line.strip().split("&&"):
            if re.match(r"oaskg (build|validate)\b", part.strip()):
                found.append(part.strip())
    return found


def test_readme_commands_run_as_documented(sheets, monkeypatch):
    commands = readme_commands()
    assert "oaskg build documents/" in commands and "oaskg validate --out out/" in commands
    monkeypatch.chdir(sheets.parent)
    for command in commands:
        result = _run(shlex.split(command)[1:])
        assert result.exit_code == 0, f"{command}: {result.output}"
    assert (sheets.parent / "out" / "graph.ttl").is_file()


def test_build_reports_programs_on_several_sheets_and_validation(sheets, tmp_path):
    result = _run(["build", str(sheets), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "Built 15 programs from 18 activities on 2 documents" in result.output
    assert "Programs on several sheets (3):" in result.output
    assert re.search(r"Validation: 0 violations, \d+ warnings", result.output)
    assert re.search(r"oas-country-sheet-\w+\.txt:\d+: Warning: ", result.output)


def test_violation_exits_1_and_names_document_and_line(sheets, tmp_path):
    sheet = sheets / "oas-country-sheet-guatemala.txt"
    lines = sheet.read_text(encoding="utf-8").split("\n")
    assert lines[153].strip() == "7/1/2015"
    lines[153] = "7/1/2025"
    sheet.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    result = _run(["build", str(sheets), "--out", str(out)])
    assert result.exit_code == 1
    assert "1 violation," in result.output
    assert "oas-country-sheet-guatemala.txt:154: Violation: Inter-American Network for Police" in (
        result.output
    )
    # oaskg validate finds the same from the built files alone
    again = _run(["validate", "--out", str(out)])
    assert again.exit_code == 1
    assert "oas-country-sheet-guatemala.txt:154: Violation:" in again.output


def test_no_document_exits_3_with_the_remedy(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = _run(["build", str(empty), "--out", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert "no .txt or .pdf country sheet found" in result.output
    assert f"Nothing was written to {tmp_path / 'out'}/." in result.stderr
    assert not (tmp_path / "out").exists()


def test_unwritable_output_exits_3(sheets, tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output folder should be")
    result = _run(["build", str(sheets), "--out", str(blocker), "--no-validate"])
    assert result.exit_code == 3
    assert "cannot write the outputs" in result.output and "--out" in result.output
    assert f"{blocker} is as it was" in result.stderr


def test_a_build_that_extracts_nothing_says_the_previous_outputs_are_intact(sheets, tmp_path):
    out = tmp_path / "out"
    assert _run(["build", str(sheets), "--out", str(out), "--no-validate"]).exit_code == 0
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear colleagues,\n\nPlease find attached the minutes.\n")
    result = _run(["build", str(letter), "--out", str(out)])
    assert result.exit_code == 3
    assert (f"The previous outputs in {out}/ (18 activities from 2 documents) are intact"
            in result.stderr)


def test_validate_without_a_build_exits_3(tmp_path):
    result = _run(["validate", "--out", str(tmp_path)])
    assert result.exit_code == 3 and "run `oaskg build" in result.output


def test_bad_base_iri_is_a_usage_error(sheets):
    result = _run(["build", str(sheets), "--base-iri", "not-an-iri"])
    assert result.exit_code == 2 and "--base-iri" in result.output


def test_base_iri_and_store_are_used(sheets, tmp_path):
    from build_graph.rdf.store import open_store

    out = tmp_path / "out"
    result = _run(["build", str(sheets), "--out", str(out), "--base-iri", "http://example.org/kg/"])
    assert result.exit_code == 0, result.output
    store = open_store(out)
    query = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a <https://w3id.org/oaskg/ontology#Activity> }"
    (row,) = list(store.query(query, use_default_graph_as_union=True))
    assert row["n"].value == "18"
    text = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "<http://example.org/kg/id/activity/oas-country-sheet-uruguay/code-of-ethics>" in text


def test_warnings_are_grouped_by_kind_and_fit_the_sheet(sheets, tmp_path):
    """Issue 16: 34 warnings for 18 activities (13 'no web page') on every build, and
    Uruguay's said '("Choose an item" or blank)' although that sheet has no form at all."""
    out = tmp_path / "out"
    result = _run(["build", str(sheets), "--out", str(out)])
    assert result.exit_code == 0
    report = result.stderr[result.stderr.index("Validation:"):]
    assert re.search(r"\d+ × The sheet gives no web page for this activity\. \(schema:url\)",
                     report)
    assert "and 8 more" in report
    assert len(report.splitlines()) < 15
    uruguay = [line for line in report.splitlines() if "uruguay" in line]
    assert any("the sheet has no form" in line for line in uruguay)
    assert not any("Choose an item" in line and "uruguay.txt:" in line.split(" at ")[0]
                   for line in uruguay)
    verbose = _run(["build", str(sheets), "--out", str(out), "-v"])
    assert verbose.stderr.count("The sheet gives no web page for this activity.") == 11
    assert "info: sheet country GT (from the file name)" in verbose.stderr
    quiet = _run(["build", str(sheets), "--out", str(out), "-q"])
    assert quiet.stderr.splitlines()[1:] == [
        "Inputs: 2 read, 0 not read; findings: 0 errors, 1 warning, 6 infos "
        f"(in {out}/summary.json)",
        "Validation: 0 violations, 35 warnings, 0 infos",
    ]


def test_verbose_and_quiet_exclude_each_other(sheets):
    for command in ("build", "extract"):
        result = _run([command, str(sheets), "-v", "-q"])
        assert result.exit_code == 2 and "exclude each other" in result.output
