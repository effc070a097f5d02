"""Issue 16, duplicates and truncation: a page that repeats one already read is reported with
both places and is one activity unless the sheet is another edition; a sheet whose last page
ends mid-form is reported as probably truncated."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import GUATEMALA, REPO, URUGUAY

from build_graph.build.pipeline import build
from build_graph.cli import cli
from build_graph.extract import extract_paths, extract_text
from build_graph.extract.sheet_checks import truncation_finding

UY_LINES = URUGUAY.read_text(encoding="utf-8").split("\n")
GT_LINES = GUATEMALA.read_text(encoding="utf-8").split("\n")
INTACT = sorted([*REPO.glob("documents/*.txt"), *REPO.glob("tests/fixtures/devset/*.txt"),
                 *REPO.glob("tests/fixtures/synthetic/*.txt")])


def _codes(findings, code: str) -> list:
    return [f for f in findings if f.code == code]


def test_a_page_repeated_in_a_sheet_is_one_activity_reported_with_both_places(tmp_path):
    """Issue 16: a repeated page became a second activity ('…-2') with no warning."""
    docs = tmp_path / "docs"
    docs.mkdir()
    page_two = UY_LINES[48:94]  # lines 49–94: the Police Network's page
    (docs / URUGUAY.name).write_text("\n".join(UY_LINES + page_two), encoding="utf-8")
    result = build([docs], tmp_path / "out", run_validation=False)
    assert result.summary["activities"] == 5
    assert not any(a.slug.endswith("-2") for a in result.merged.activities)
    [repeat] = _codes(result.findings, "repeated-page")
    assert repeat.document == URUGUAY.name and repeat.line == 217
    assert "page 6 (lines 217–" in repeat.message and "repeats page 2 (lines 49–94)" in (
        repeat.message)
    assert "read once" in repeat.message


def test_a_sheet_concatenated_many_times_gives_its_activities_once(tmp_path):
    """Issue 16: a sheet concatenated 2,000 times gave 10,000 activities and 34,000 warning
    lines, and no word about repeated pages (here 40 times)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / URUGUAY.name).write_text("\n".join(UY_LINES * 40), encoding="utf-8")
    out = tmp_path / "out"
    run = CliRunner().invoke(cli, ["build", str(docs), "--out", str(out), "--no-validate"])
    assert run.exit_code == 0, run.output
    assert "Built 5 programs from 5 activities" in run.stderr
    assert "195 × " in run.stderr and "(repeated-page)" in run.stderr
    assert len(run.stderr.splitlines()) < 30
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["activities"] == 5
    [entry] = summary["inputs"]
    assert entry["pages"] == 200 and entry["activities"] == 5
    kinds = {k["kind"]: k for k in summary["findings_by_kind"]}
    assert kinds["repeated-page"]["count"] == 195
    assert len([f for f in summary["finding_list"] if f["code"] == "repeated-page"]) == 195
    verbose = CliRunner().invoke(cli, ["build", str(docs), "--out", str(out), "--no-validate",
                                       "-v"])
    assert verbose.stderr.count("repeats page") == 195
    quiet = CliRunner().invoke(cli, ["build", str(docs), "--out", str(out), "--no-validate",
                                     "-q"])
    assert len(quiet.stderr.splitlines()) == 2 and "repeats" not in quiet.stderr
    assert f"{summary['findings']['warning']} warnings" in quiet.stderr


def test_the_same_sheet_in_two_folders_is_read_once(tmp_path):
    docs = tmp_path / "docs"
    (docs / "copy").mkdir(parents=True)
    shutil.copy(URUGUAY, docs)
    shutil.copy(URUGUAY, docs / "copy")
    result = build([docs], tmp_path / "out", run_validation=False)
    assert result.summary["activities"] == 5
    repeats = _codes(result.findings, "repeated-page")
    assert len(repeats) == 5
    assert all(f.document == URUGUAY.name for f in repeats)  # copy/… is read first
    assert f"repeats copy/{URUGUAY.name} page 1 (lines 1–48) word for word" in (
        repeats[0].message)
    assert "same country and edition" in repeats[0].message


def test_another_editions_identical_page_stays_its_activity_and_is_reported(tmp_path):
    docs = tmp_path / "docs"
    for year in ("2018", "2019"):
        (docs / year).mkdir(parents=True)
    shutil.copy(URUGUAY, docs / "2018")
    changed = "\n".join(UY_LINES).replace("police ethos", "police culture")
    (docs / "2019" / URUGUAY.name).write_text(changed, encoding="utf-8")
    result = build([docs], tmp_path / "out", run_validation=False)
    assert result.summary["activities"] == 10
    repeats = _codes(result.findings, "repeated-page")
    assert len(repeats) == 4  # page 3 (the Code of Ethics) changed
    assert all("kept as this edition's own activity" in f.message for f in repeats)
    assert f"repeats 2018/{URUGUAY.name} page 1" in repeats[0].message


@pytest.mark.parametrize(
    ("cut", "says"),
    [
        (255, "has no PROGRAM SUMMARY text, which 2 of the 2 other pages have"),
        (303, "has no program name, which every other page has"),
    ],
    ids=["before-its-summary", "inside-its-form"],
)
def test_a_sheet_cut_mid_page_is_reported_as_probably_truncated(tmp_path, cut, says):
    """Issue 16: a sheet cut mid-page was reported only as 'page 3 has no program name'."""
    path = tmp_path / GUATEMALA.name
    path.write_text("\n".join(GT_LINES[:cut]), encoding="utf-8")
    [extraction] = extract_paths([path])
    [truncated] = _codes(extraction.findings, "truncated")
    assert "probably truncated" in truncated.message and "page 3 (lines 238–" in (
        truncated.message)
    assert says in truncated.message
    run = CliRunner().invoke(cli, ["extract", str(path), "--format", "json"])
    assert "probably truncated" in run.stderr


def test_a_sheet_cut_mid_sentence_is_reported():
    lines = GT_LINES[:284] + [GT_LINES[284][:30]]
    extraction = extract_text("\n".join(lines), GUATEMALA.name)
    [truncated] = truncation_finding(extraction.document, extraction.records)
    assert "stops mid-sentence at the end of the file, in its PROGRAM SUMMARY box" in (
        truncated.message)


@pytest.mark.parametrize("path", INTACT, ids=[p.name for p in INTACT])
def test_no_intact_sheet_is_called_truncated(path):
    [extraction] = extract_paths([path])
    assert not _codes(extraction.findings, "truncated")


def test_truncation_is_found_in_most_cuts():
    """Cuts mid-line at 9 places of the real and dev-set sheets: measured 31 of the 53 that
    leave a page found (a cut near a page's end leaves a page that looks whole); the floor is
    the measurement."""
    sheets = [p for p in INTACT if "synthetic" not in str(p) and "pdftotext" not in p.name]
    assert len(sheets) == 6
    found = total = 0
    for path in sheets:
        lines = path.read_text(encoding="utf-8").split("\n")
        for tenth in range(1, 10):
            at = len(lines) * tenth // 10
            text = "\n".join(lines[:at] + [lines[at][: len(lines[at]) // 2]])
            extraction = extract_text(text, path.name)
            if extraction.records:
                total += 1
                found += bool(truncation_finding(extraction.document, extraction.records))
    assert total == 53 and found >= 31, (found, total)


def test_another_countrys_sheet_may_describe_a_program_in_the_same_words(tmp_path):
    """The real sheets share the Police Network's and the Prevention Network's prose."""
    result = build([REPO / "documents"], tmp_path / "out", run_validation=False)
    assert not _codes(result.findings, "repeated-page")
    assert result.summary["activities"] == 18


def test_summary_counts_pages_and_activities_of_a_repeated_sheet(tmp_path: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / URUGUAY.name).write_text("\n".join(UY_LINES * 2), encoding="utf-8")
    result = build([docs], tmp_path / "out", run_validation=False)
    [entry] = result.summary["inputs"]
    assert (entry["pages"], entry["activities"]) == (10, 5)
