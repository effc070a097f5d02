"""Issue 16, all-or-nothing output sets: a build writes a new set beside ``out`` and switches
``out`` to it in one step, so readers see the whole old set or the whole new one; a build
killed at any point (SIGKILL) or stopped by a full disk leaves the previous outputs intact,
and what it left behind is removed by the next build."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import GUATEMALA, REPO, URUGUAY

from build_graph.rdf import output_set
from build_graph.rdf.store import open_store

SYNTHETIC = REPO / "tests" / "fixtures" / "synthetic"
ACTIVITIES = ("SELECT (COUNT(?a) AS ?n) WHERE { ?a a "
              "<https://w3id.org/oaskg/ontology#Activity> }")
STAGES = ("extracted", "staging", "files", "store", "switch")


def _command(docs: Path, out: Path, *more: str) -> list[str]:
    return [sys.executable, "-m", "build_graph", "build", str(docs), "--out", str(out),
            "--no-validate", *more]


def _build(docs: Path, out: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(_command(docs, out), capture_output=True, text=True, cwd=REPO,
                          env=dict(os.environ, **env), timeout=120)


def _start(docs: Path, out: Path, **env: str) -> subprocess.Popen:
    return subprocess.Popen(_command(docs, out), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, cwd=REPO,
                            env=dict(os.environ, **env))


def _wait_for_pause(proc: subprocess.Popen, stage: str) -> None:
    line = proc.stderr.readline()
    assert line.strip() == f"oaskg: paused at {stage}", line + proc.stderr.read()


def _snapshot(out: Path, store: bool = True) -> dict[str, bytes]:
    """Every file of the set ``out`` shows, by relative path (the store's files too unless
    ``store`` is false: two builds of the same graph give the same files but not the same
    store files, which carry ids and dates)."""
    folder = output_set.pin(out)
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and (store or not p.relative_to(folder).as_posix().startswith(
                "store/"))}


def _activities_in_store(out: Path) -> int:
    store = open_store(out, in_memory=False)
    (row,) = list(store.query(ACTIVITIES, use_default_graph_as_union=True))
    return int(row["n"].value)


def _assert_whole_set(out: Path, activities: int) -> None:
    """summary.json, the N-Quads and the on-disk store all tell the same build."""
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["activities"] == activities
    assert _activities_in_store(out) == activities
    nquads = (out / "graph.nq").read_text(encoding="utf-8")
    assert nquads.count("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                        "<https://w3id.org/oaskg/ontology#Activity>") == activities


def _leftovers(out: Path) -> list[str]:
    """Entries of the sets folder that are neither the lock, the current set nor the one
    before it (which stays until the next build starts)."""
    sets = output_set.sets_folder(out)
    names = sorted(p.name for p in sets.iterdir())
    return [n for n in names if n.startswith(("staging-", ".link-"))]


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> dict[str, Path]:
    """Two inputs: 'old' (Uruguay, 5 activities) and 'new' (both real sheets, 18)."""
    root = tmp_path_factory.mktemp("docs")
    (root / "old").mkdir()
    (root / "new").mkdir()
    shutil.copy(URUGUAY, root / "old")
    shutil.copy(URUGUAY, root / "new")
    shutil.copy(GUATEMALA, root / "new")
    return {"old": root / "old", "new": root / "new"}


@pytest.fixture
def old_out(docs, tmp_path) -> tuple[Path, dict[str, bytes]]:
    out = tmp_path / "out"
    run = _build(docs["old"], out)
    assert run.returncode == 0, run.stderr
    return out, _snapshot(out)


def test_out_is_a_link_to_a_whole_set(old_out):
    out, files = old_out
    assert out.is_symlink() and not Path(os.readlink(out)).is_absolute()
    assert {"graph.nq", "summary.json", "validation.ttl"} - {"validation.ttl"} <= set(files)
    assert any(name.startswith("store/") for name in files)
    _assert_whole_set(out, 5)


@pytest.mark.parametrize("stage", STAGES)
def test_sigkill_before_the_switch_leaves_the_previous_set(docs, old_out, stage):
    out, before = old_out
    proc = _start(docs["new"], out, OASKG_PAUSE_AT=stage)
    _wait_for_pause(proc, stage)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert _snapshot(out) == before
    _assert_whole_set(out, 5)
    again = _build(docs["new"], out)
    assert again.returncode == 0, again.stderr
    _assert_whole_set(out, 18)
    assert _leftovers(out) == []


def test_sigkill_after_the_switch_leaves_the_new_set(docs, old_out):
    out, before = old_out
    proc = _start(docs["new"], out, OASKG_PAUSE_AT="switched")
    _wait_for_pause(proc, "switched")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    _assert_whole_set(out, 18)


def test_sigkill_at_random_moments_of_writing(docs, old_out, tmp_path):
    """Killed anywhere after its staging folder appears, the build leaves one whole set."""
    out, _before = old_out
    before = _snapshot(out, store=False)
    new_out = tmp_path / "reference"
    assert _build(docs["new"], new_out).returncode == 0
    after = _snapshot(new_out, store=False)
    sets = output_set.sets_folder(out)

    def staging_appears(proc: subprocess.Popen) -> float:
        deadline = time.monotonic() + 60
        while not any(p.name.startswith("staging-") for p in sets.iterdir()):
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.001)
        return time.monotonic()

    proc = _start(docs["new"], out)  # how long writing takes, from the staging folder on
    started = staging_appears(proc)
    assert proc.wait(timeout=120) == 0
    writing = time.monotonic() - started
    assert _build(docs["old"], out).returncode == 0
    rng = random.Random(16)
    outcomes = set()
    for _ in range(8):
        proc = _start(docs["new"], out)
        staging_appears(proc)
        time.sleep(rng.uniform(0, writing))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = _snapshot(out, store=False)
        assert now in (before, after)
        _assert_whole_set(out, 5 if now == before else 18)
        outcomes.add("old" if now == before else "new")
        if now == after:  # start again from the old set
            assert _build(docs["old"], out).returncode == 0
    assert "old" in outcomes


def test_readers_see_the_old_set_until_the_switch(docs, old_out, tmp_path):
    """query, export, validate and review during a build: the whole old set, then the new."""
    from click.testing import CliRunner

    from build_graph.cli import cli

    out, _before = old_out
    resume = tmp_path / "resume"
    proc = _start(docs["new"], out, OASKG_PAUSE_AT="switch", OASKG_RESUME_FILE=str(resume))
    _wait_for_pause(proc, "switch")
    runner = CliRunner()
    try:
        _assert_whole_set(out, 5)
        listed = runner.invoke(cli, ["query", "run", "in-country", "-p", "country=UY",
                                     "--format", "json", "--out", str(out)])
        assert listed.exit_code == 0, listed.output
        assert runner.invoke(cli, ["validate", "--out", str(out)]).exit_code == 0
        assert runner.invoke(cli, ["review", "--out", str(out)]).exit_code == 0
        exported = runner.invoke(cli, ["export", "csv", "--out", str(out), "-o",
                                       str(tmp_path / "csv")])
        assert exported.exit_code == 0, exported.output
        assert "oas-country-sheet-guatemala" not in (tmp_path / "csv" / "nodes.csv").read_text()
    finally:
        resume.touch()
        assert proc.wait(timeout=120) == 0, proc.stderr.read()
    _assert_whole_set(out, 18)


def test_a_second_build_removes_what_a_killed_one_left(docs, old_out):
    out, _before = old_out
    sets = output_set.sets_folder(out)
    proc = _start(docs["new"], out, OASKG_PAUSE_AT="store")
    _wait_for_pause(proc, "store")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    [staging] = [p for p in sets.iterdir() if p.name.startswith("staging-")]
    assert (staging / "graph.nq").is_file()  # what the killed build left
    assert _build(docs["old"], out).returncode == 0
    assert not staging.exists() and _leftovers(out) == []
    # the set before the current one stays for readers until the next build starts
    sets_now = [p for p in sets.iterdir() if p.name.startswith("set-")]
    assert len(sets_now) == 2


def test_a_set_a_reader_holds_is_not_removed(docs, old_out):
    out, _before = old_out
    held = output_set.pin(out)
    fd = output_set.hold(held)
    assert fd is not None
    try:
        for _ in range(2):
            assert _build(docs["new"], out).returncode == 0
        assert held.is_dir() and (held / "graph.nq").is_file()
    finally:
        os.close(fd)
    assert _build(docs["new"], out).returncode == 0
    assert not held.exists()


def test_an_output_folder_of_the_old_layout_becomes_a_set(docs, tmp_path):
    """Issue 16: a 22 MB .graph.nq.*.tmp and a .store-new-* folder of a killed build were
    left in out/ and never cleaned."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.nq").write_text("old\n")
    (out / ".graph.nq.k3j2.tmp").write_bytes(b"\0" * 1024)
    (out / ".store-new-x8d1").mkdir()
    (out / "oaskg.gexf").write_text("<gexf/>")
    run = _build(docs["old"], out)
    assert run.returncode == 0, run.stderr
    assert out.is_symlink()
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []
    _assert_whole_set(out, 5)
    assert _build(docs["old"], out).returncode == 0
    assert not [p for p in output_set.sets_folder(out).iterdir()
                if p.name.startswith("legacy-")]


def test_a_folder_with_other_files_is_refused_before_any_work(docs, tmp_path):
    out = tmp_path / "project"
    out.mkdir()
    (out / "notes.md").write_text("mine")
    (out / "graph.nq").write_text("old\n")
    run = _build(docs["old"], out)
    assert run.returncode == 3
    assert "holds files a build did not write (notes.md)" in run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["graph.nq", "notes.md"]
    assert not output_set.sets_folder(out).exists()


def test_two_builds_at_once_take_turns(docs, old_out):
    out, _before = old_out
    procs = [_start(docs[which], out) for which in ("new", "old", "new")]
    for proc in procs:
        assert proc.wait(timeout=120) == 0, proc.stderr.read()
    _assert_whole_set(out, 18)
    assert _leftovers(out) == []


# --- a full file system --------------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path):
    """A 5 MB tmpfs: room for one set of one sheet (about 2 MB), not for a bigger one."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root (CI runs as root)")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=5m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_leaves_the_previous_outputs_intact(docs, small_disk):
    """Issue 16: on a full disk the message said only "No space left on device" while
    graph.jsonld had already been replaced."""
    out = small_disk / "out"
    assert _build(docs["old"], out).returncode == 0
    before = _snapshot(out)
    run = _build(SYNTHETIC, out)
    assert run.returncode == 3
    assert "No space left on device" in run.stderr
    assert f"the previous outputs in {out}/ (5 activities from 1 document) are intact" in (
        run.stderr)
    assert "Traceback" not in run.stderr
    assert _snapshot(out) == before
    _assert_whole_set(out, 5)
    assert _leftovers(out) == []


def test_a_full_disk_on_a_first_build_says_nothing_was_written(small_disk):
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * (4 * 1024 * 1024))
    out = small_disk / "out"
    run = _build(SYNTHETIC, out)
    assert run.returncode == 3, run.stderr
    assert "No space left on device" in run.stderr
    assert f"nothing was written to {out}/" in run.stderr
    assert not out.exists() and _leftovers(out) == []


def test_a_mount_point_is_refused_with_the_remedy(docs, small_disk):
    run = _build(docs["old"], small_disk)
    assert run.returncode == 3
    assert "is a mount point" in run.stderr and f"--out {small_disk / 'out'}" in run.stderr
