"""Issue 16, every input accounted for: folders are read recursively (``--no-recurse`` stops),
symbolic links that lead somewhere are followed, and every path not read is reported with the
reason, on standard error and in ``summary.json``."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import GUATEMALA, URUGUAY

from build_graph.cli import cli
from build_graph.read.documents import SkipReason, find_documents

SYNTHETIC = Path(__file__).parent / "fixtures" / "synthetic"
BELIZE = SYNTHETIC / "oas-country-sheet-belize-2017.txt"


def _run(*args) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The issue's folder: a sheet, a year sub-folder with another, a dangling link, a link
    loop, a link back to the folder itself, a link to a sheet elsewhere, a second link to a
    sheet already read, and a file that is not a sheet."""
    n = tmp_path / "n"
    (n / "2019").mkdir(parents=True)
    shutil.copy(URUGUAY, n)
    shutil.copy(GUATEMALA, n / "2019")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(BELIZE, elsewhere)
    (n / "belize.txt").symlink_to(elsewhere / BELIZE.name)
    (n / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (n / "loop-a.txt").symlink_to(n / "loop-b.txt")
    (n / "loop-b.txt").symlink_to(n / "loop-a.txt")
    (n / "2019" / "up").symlink_to(n, target_is_directory=True)
    (n / "uruguay-again.txt").symlink_to(n / URUGUAY.name)
    (n / "notes.docx").write_bytes(b"PK\x03\x04 not a sheet")
    return n


def test_find_documents_accounts_for_every_path(folder):
    found = find_documents([folder])
    assert [(i.path.relative_to(folder).as_posix(), i.name) for i in found.files] == [
        ("2019/oas-country-sheet-guatemala.txt", "2019/oas-country-sheet-guatemala.txt"),
        ("belize.txt", "belize.txt"),
        ("oas-country-sheet-uruguay.txt", "oas-country-sheet-uruguay.txt"),
    ]
    skipped = {Path(s.path).relative_to(folder).as_posix(): s.reason for s in found.skipped}
    assert skipped == {
        "2019/up": SkipReason.LOOP,
        "dangling.txt": SkipReason.DANGLING,
        "loop-a.txt": SkipReason.LOOP,
        "loop-b.txt": SkipReason.LOOP,
        "notes.docx": SkipReason.NOT_A_SHEET,
        "uruguay-again.txt": SkipReason.SAME_FILE,
    }
    assert found.roots == (Path(os.path.abspath(folder)),)


def test_no_recurse_reads_only_the_folder_itself(folder):
    found = find_documents([folder], recurse=False)
    assert [i.name for i in found.files] == ["belize.txt", "oas-country-sheet-uruguay.txt"]
    assert any(s.path.endswith("2019") and s.reason is SkipReason.NOT_RECURSED
               for s in found.skipped)


def test_build_reads_sub_folders_and_reports_what_it_did_not_read(folder, tmp_path):
    """Issue 16: exit 0, "2 documents", nothing said about 2019/…, the link or the loop."""
    out = tmp_path / "out"
    result = _run("build", folder, "--out", out, "--no-validate")
    assert result.exit_code == 0, result.output
    assert "on 3 documents" in result.stderr
    for name in ("dangling.txt", "loop-a.txt", "loop-b.txt", "2019/up", "uruguay-again.txt"):
        assert f"{folder}/{name}" in result.stderr, name
    assert "dangling symbolic link" in result.stderr and "loop" in result.stderr
    assert "notes.docx" not in result.stderr  # not a sheet: listed only with -v
    verbose = _run("build", folder, "--out", out, "--no-validate", "-v")
    assert f"{folder}/notes.docx" in verbose.stderr and "not a sheet" in verbose.stderr

    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    inputs = {Path(i["path"]).relative_to(folder).as_posix(): i for i in summary["inputs"]}
    assert set(inputs) == {
        "2019/oas-country-sheet-guatemala.txt", "belize.txt", "oas-country-sheet-uruguay.txt",
        "2019/up", "dangling.txt", "loop-a.txt", "loop-b.txt", "notes.docx",
        "uruguay-again.txt",
    }
    guatemala = inputs["2019/oas-country-sheet-guatemala.txt"]
    assert guatemala["status"] == "read" and guatemala["pages"] == 13
    assert guatemala["activities"] == 13 and guatemala["unassigned"] == 0
    assert guatemala["document"] == "2019/oas-country-sheet-guatemala.txt"
    assert guatemala["encoding"] == "utf-8"
    assert inputs["dangling.txt"]["status"] == "skipped"
    assert inputs["dangling.txt"]["reason"] == "dangling-link"
    assert "gone.txt" in inputs["dangling.txt"]["detail"]
    assert inputs["notes.docx"]["reason"] == "not-a-sheet"
    assert summary["activities"] == sum(i.get("activities", 0) for i in inputs.values())


def test_build_no_recurse(folder, tmp_path):
    result = _run("build", folder, "--out", tmp_path / "out", "--no-validate", "--no-recurse")
    assert result.exit_code == 0, result.output
    assert "on 2 documents" in result.stderr
    assert f"{folder}/2019: warning: not read: a sub-folder" in result.stderr


def test_extract_reads_folders_recursively_too(folder):
    result = _run("extract", folder, "--format", "json")
    assert result.exit_code == 0
    documents = {r["document"] for r in json.loads(result.stdout)}
    assert documents == {"2019/oas-country-sheet-guatemala.txt", "belize.txt",
                         "oas-country-sheet-uruguay.txt"}
    assert "dangling.txt: " in result.stderr and "notes.docx" not in result.stderr
    flat = _run("extract", folder, "--format", "json", "--no-recurse")
    assert "2019/oas-country-sheet-guatemala.txt" not in {
        r["document"] for r in json.loads(flat.stdout)}
    assert "notes.docx" in _run("extract", folder, "--format", "json", "-v").stderr


def test_editions_in_year_folders_stay_apart(tmp_path):
    docs = tmp_path / "docs"
    for year in ("2018", "2019"):
        (docs / year).mkdir(parents=True)
        shutil.copy(URUGUAY, docs / year)
    result = _run("build", docs, "--out", tmp_path / "out", "--no-validate")
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["activities"] == 10 and summary["programs"] == 5
    assert summary["activities_per_country"] == {"UY": 10}
    assert sorted(d["file"] for d in summary["documents"]) == [
        "2018/oas-country-sheet-uruguay.txt", "2019/oas-country-sheet-uruguay.txt"]
    text = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "/id/activity/2018-oas-country-sheet-uruguay/code-of-ethics>" in text
    assert "/id/activity/2019-oas-country-sheet-uruguay/code-of-ethics>" in text


def test_a_dangling_link_given_by_name_is_reported(tmp_path):
    link = tmp_path / "sheet.txt"
    link.symlink_to(tmp_path / "gone.txt")
    result = _run("extract", link, URUGUAY, "--format", "json")
    assert result.exit_code == 0
    assert f"{link}: " in result.stderr and "dangling symbolic link" in result.stderr


def test_a_pipe_is_not_read(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(URUGUAY, docs)
    os.mkfifo(docs / "pipe.txt")
    found = find_documents([docs])
    assert [s.reason for s in found.skipped] == [SkipReason.SPECIAL]


def _walk_unreadable(base: Path) -> None:
    found = find_documents([base])
    assert [i.name for i in found.files] == [URUGUAY.name]
    skipped = {Path(s.path).name: (s.reason, s.detail) for s in found.skipped}
    assert skipped["locked.txt"][0] is SkipReason.UNREADABLE
    assert "permission denied" in skipped["locked.txt"][1]
    assert skipped["closed"][0] is SkipReason.UNREADABLE
    assert "cannot be listed" in skipped["closed"][1]


def test_unreadable_files_and_folders_are_reported():
    """Permissions mean nothing to root, so as root the walk runs in a child as nobody."""
    base = Path(tempfile.mkdtemp(prefix="oaskg-perm-", dir="/tmp"))
    try:
        base.chmod(0o755)
        shutil.copy(URUGUAY, base)
        (base / URUGUAY.name).chmod(0o644)
        (base / "locked.txt").write_text("secret")
        (base / "locked.txt").chmod(0)
        (base / "closed").mkdir()
        (base / "closed" / "inside.txt").write_text("x")
        (base / "closed").chmod(0)
        if os.geteuid() != 0:
            _walk_unreadable(base)
            return
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: become nobody, walk, report
            os.close(read)
            code = 1
            try:
                os.setgid(65534)
                os.setuid(65534)
                _walk_unreadable(base)
                code = 0
            except BaseException as exc:  # noqa: B036 - reported to the parent
                os.write(write, repr(exc).encode())
            finally:
                os._exit(code)
        os.close(write)
        _pid, status = os.waitpid(pid, 0)
        message = os.read(read, 65536).decode()
        os.close(read)
        assert os.waitstatus_to_exitcode(status) == 0, message
    finally:
        (base / "closed").chmod(0o755)
        shutil.rmtree(base, ignore_errors=True)


# --- where serve and site find the sheets to quote -----------------------------------------

QUOTED = "To establish a dialogue and consultation mechanism"


def _quoted_pages(site: Path) -> int:
    return sum(1 for page in site.rglob("*.html")
               if '<pre class="source">' in (text := page.read_text(encoding="utf-8"))
               and QUOTED in text)


@pytest.fixture
def built_elsewhere(tmp_path, monkeypatch):
    """A build of a copy of the Uruguay sheet, and a working folder that is not its parent."""
    docs = tmp_path / "sheets"
    docs.mkdir()
    shutil.copy(URUGUAY, docs)
    out = tmp_path / "out"
    assert _run("build", docs, "--out", out, "--no-validate").exit_code == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return docs, out


def test_the_build_records_where_it_read_the_sheets(built_elsewhere):
    docs, out = built_elsewhere
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["source_folders"] == [str(docs)]


def test_site_quotes_the_sheets_from_where_the_build_read_them(built_elsewhere, tmp_path):
    """Issue 16: run from another folder, pages silently lost their quoted source lines."""
    _docs, out = built_elsewhere
    result = _run("site", tmp_path / "site", "--out", out)
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.stderr
    assert _quoted_pages(tmp_path / "site") >= 1


def test_site_warns_when_the_sheets_are_gone(built_elsewhere, tmp_path):
    docs, out = built_elsewhere
    docs.rename(tmp_path / "moved")
    result = _run("site", tmp_path / "site", "--out", out)
    assert result.exit_code == 0, result.output
    assert f"Warning: the build read the sheets from {docs}, which is not there" in (
        result.stderr)
    assert _quoted_pages(tmp_path / "site") == 0
    again = _run("site", tmp_path / "site2", "--out", out, "--documents", tmp_path / "moved")
    assert "Warning" not in again.stderr and _quoted_pages(tmp_path / "site2") >= 1


def test_site_warns_when_a_sheet_changed_since_the_build(built_elsewhere, tmp_path):
    docs, out = built_elsewhere
    sheet = docs / URUGUAY.name
    sheet.write_text(sheet.read_text(encoding="utf-8") + "\nchanged\n", encoding="utf-8")
    result = _run("site", tmp_path / "site", "--out", out)
    assert "Warning: 1 of the 1 text sheets the build read are not in" in result.stderr
    assert "SHA-256" in result.stderr


def test_serve_takes_the_sheets_from_the_build_and_warns_when_gone(built_elsewhere, tmp_path):
    import subprocess
    import sys

    docs, out = built_elsewhere
    docs.rename(tmp_path / "moved")
    proc = subprocess.Popen([sys.executable, "-m", "build_graph", "serve", "--out", str(out),
                             "--port", "0", "--workers", "1"],
                            stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONPATH=str(Path(__file__).parent.parent)))
    try:
        lines = []
        while not lines or not lines[-1].startswith("Serving"):
            line = proc.stderr.readline()
            assert line, "".join(lines)
            lines.append(line)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert any(f"the build read the sheets from {docs}, which is not there" in line
               for line in lines), lines
