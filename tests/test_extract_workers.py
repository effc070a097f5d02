"""Sheets extracted in worker processes (issue 17): the same extractions and reports as in one
process, in the same order, an unreadable file still reported on its own, and the progress
wrapper given every sheet."""

from __future__ import annotations

import multiprocessing
import os
from contextlib import contextmanager

import pytest
from conftest import DOCUMENTS, REPO

from build_graph.extract import POOL_THRESHOLD, extract_inputs, worker_count
from build_graph.registry.index import Registry

DEVSET = REPO / "tests" / "fixtures" / "devset"
can_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                              reason="worker processes are forked")


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load()


@pytest.fixture
def sheets(tmp_path):
    """The real sheets, the dev-set texts and one dev-set PDF, with an empty and a binary file
    among them."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    texts = sorted(DOCUMENTS.glob("*.txt")) + sorted(DEVSET.glob("*.txt"))
    assert len(texts) == 10
    return [*texts[:3], empty, *texts[3:], binary, DEVSET / "belize.pdf"]


@can_fork
def test_workers_extract_what_one_process_extracts(registry, sheets):
    assert worker_count(len(sheets), 2) == 2  # the second run below is a pool's
    alone = extract_inputs(sheets, registry, workers=1)
    pooled = extract_inputs(sheets, registry, workers=2)
    assert [e.document.name if e.document else None for e in pooled.extractions] == \
        [e.document.name if e.document else None for e in alone.extractions]
    assert pooled == alone
    # equality skips where a name was seen; the text of every value says it all
    assert repr(pooled) == repr(alone)
    assert sum(len(e.records) for e in pooled.extractions) >= 40


@can_fork
def test_an_unreadable_file_is_reported_and_the_workers_go_on(registry, sheets):
    extracted = extract_inputs(sheets, registry, workers=2)
    assert len(extracted.extractions) == len(sheets)
    by_path = {r.path: r for r in extracted.inputs}
    assert by_path[str(sheets[3])].status == "skipped"
    assert by_path[str(sheets[3])].reason == "empty"
    assert by_path[str(sheets[-2])].reason == "binary"
    empty, binary = extracted.extractions[3], extracted.extractions[-2]
    assert empty.records == () and empty.findings[0].code == "unreadable"
    assert "is empty" in empty.findings[0].message
    assert binary.records == () and "binary" in binary.findings[0].message
    assert all(r.status == "read" and r.pages > 0 for p, r in by_path.items()
               if p not in (str(sheets[3]), str(sheets[-2])))


@can_fork
def test_the_progress_wrapper_is_given_every_sheet_in_order(registry, sheets):
    seen: list = []

    @contextmanager
    def progress(files):
        def shown():
            for item in files:
                seen.append(item.path)
                yield item
        yield shown()

    extracted = extract_inputs(sheets, registry, progress=progress, workers=2)
    assert seen == sheets
    assert [e.document.path if e.document else None for e in extracted.extractions] == \
        [str(p) if k not in (3, len(sheets) - 2) else None for k, p in enumerate(sheets)]


def test_how_many_workers():
    forks = "fork" in multiprocessing.get_all_start_methods()
    assert worker_count(1) == 1
    assert worker_count(POOL_THRESHOLD - 1) == 1  # too few sheets to start processes
    assert worker_count(3, workers=8) == (3 if forks else 1)  # never more than the sheets
    assert worker_count(100, workers=1) == 1
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(99)
    assert 1 <= worker_count(100) <= len(cores)


def test_build_gives_the_same_files_on_one_process_and_on_two(tmp_path):
    import shutil
    import subprocess
    import sys

    sheets = tmp_path / "sheets"
    sheets.mkdir()
    texts = [p for p in sorted(DEVSET.glob("*.txt")) if ".pdftotext." not in p.name]
    for path in [*sorted(DOCUMENTS.glob("*.txt")), *texts]:
        shutil.copy(path, sheets / path.name)
    assert len(list(sheets.iterdir())) == 6  # two real sheets, four dev-set texts
    built = {}
    for workers in ("1", "2"):
        out = tmp_path / f"out-{workers}"
        done = subprocess.run([sys.executable, "-m", "build_graph", "build", str(sheets),
                               "--out", str(out), "--workers", workers, "-q"],
                              capture_output=True, text=True)
        assert done.returncode in (0, 1), done.stderr  # 1: a Violation, the files written
        built[workers] = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert sorted(built["1"]) == sorted(built["2"]) and len(built["1"]) == 10
    assert built["1"] == built["2"]
