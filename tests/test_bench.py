"""Smoke test of the benchmark script: it runs end to end on the two real sheets and writes its
report. Not a timed test: it asserts what the report contains, never how fast anything was."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # bench/ is a folder of the repository, not of the package

from bench import queries, report, targets  # noqa: E402


def test_percentile_is_nearest_rank():
    samples = [5.0, 1.0, 4.0, 2.0, 3.0]
    assert queries.percentile(samples, 50) == 3.0
    assert queries.percentile(samples, 95) == 5.0
    assert queries.percentile(samples, 1) == 1.0


def test_growth_check_flags_a_stage_that_grows_more_than_eleven_times():
    def scale(n, extract, merge):
        return {"documents": n, "real": False, "triples": 1000 * n, "peak_rss_kib": n,
                "floor": {"total": 1.0},
                "seconds": {"extract": extract, "resolve_merge": merge}}

    checks = targets.growth([scale(350, 10.0, 2.0), scale(3500, 100.0, 200.0)])
    verdicts = {c.target.split(":")[0]: c.passed for c in checks}
    assert verdicts == {"synthetic extract": True, "synthetic resolve_merge": False}


@pytest.mark.slow
def test_bench_runs_on_the_real_sheets_and_writes_its_table(tmp_path):
    doc, png, raw = tmp_path / "benchmarks.md", tmp_path / "benchmarks.png", tmp_path / "r.json"
    command = [sys.executable, str(ROOT / "bench" / "run.py"), "--scales", "2", "--repeat", "1",
               "--realistic", "", "--skip-pdf", "--skip-serve", "--skip-rdflib",
               "--work", str(tmp_path / "work"),
               "--doc", str(doc), "--png", str(png), "--json", str(raw)]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr

    result = json.loads(raw.read_text(encoding="utf-8"))
    (real,) = result["scales"]
    assert real["real"] and real["documents"] == 2
    assert real["pages"] == 18  # 9 program pages on each real sheet
    assert set(real["seconds"]) == {"extract", "resolve_merge", "rdf", "validate", "write"}
    assert real["triples"] > 1000 and real["peak_rss_kib"] > 0
    embedded = result["queries"]["embedded"]
    catalogue = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))
    assert catalogue and sorted(embedded) == catalogue

    text = doc.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks")
    assert "| 2 (real) | 18 |" in text
    for name in catalogue:
        assert f"| `{name}` |" in text
    assert "`oaskg --help`" in text
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert str(tmp_path) not in text  # no folder of the machine in the report


def test_report_names_every_stage_in_the_plot_legend():
    assert set(report.STAGE_NAMES) == {"extract", "resolve_merge", "rdf", "validate", "write"}


def test_realistic_sheets_swap_the_country_and_move_later_editions_on(tmp_path):
    from bench.realistic import write_realistic

    paths = write_realistic(tmp_path, 213)
    assert [p.name for p in paths[:7]] == [
        "00000-antigua-and-barbuda-from-oas-country-sheet-guatemala-2024.txt",
        "00001-antigua-and-barbuda-from-oas-country-sheet-uruguay-2024.txt",
        "00002-antigua-and-barbuda-from-trinidad_and_tobago-2024.txt",
        "00003-antigua-and-barbuda-from-colombia-2024.txt",
        "00004-antigua-and-barbuda-from-paraguay-2024.txt",
        "00005-antigua-and-barbuda-from-belize-2024.txt",
        "00006-argentina-from-oas-country-sheet-guatemala-2024.txt",
    ]
    assert paths[9].name == "00009-argentina-from-colombia-pdftotext-2024.txt"  # other layout
    assert paths[212].name == "00212-antigua-and-barbuda-from-trinidad_and_tobago-2025.txt"
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert len(set(texts)) == 213  # no sheet saved twice
    colombia = texts[3]
    assert "Colombia" not in colombia and "Antigua and Barbuda" in colombia
    first, later = texts[0], texts[210]  # Guatemala's sheet for Antigua, a year on
    assert later != first and "2025" in paths[210].name
    assert "2019" not in first and later.count("2019") == first.count("2018") > 0
