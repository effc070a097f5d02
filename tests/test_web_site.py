"""``oaskg site``: the static files, their relative links, and the .htaccess rules."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox
import pytest

ETHICS = "id/activity/oas-country-sheet-uruguay/code-of-ethics"


@pytest.fixture(scope="module")
def site(built_out, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    r = subprocess.run([sys.executable, "-c", "from build_graph.cli import main; main()",
                        "site", str(folder), "--out", str(built_out)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "Wrote" in r.stderr
    return folder


def test_every_resource_has_four_documents(site):
    for ext in ("html", "ttl", "jsonld", "nt"):
        assert (site / f"{ETHICS}.{ext}").is_file(), ext
    programs = sorted((site / "id" / "program").glob("*.html"))
    assert len(programs) == 15
    triples = list(ox.parse(path=str(site / f"{ETHICS}.ttl"), format=ox.RdfFormat.TURTLE))
    assert any(t.predicate.value.endswith("#program") for t in triples)
    assert json.loads((site / f"{ETHICS}.jsonld").read_text())


def test_site_has_dumps_void_ontology_and_htaccess(site, built_out):
    assert (site / "dumps" / "graph.trig").read_bytes() == (built_out / "graph.trig").read_bytes()
    assert (site / "dumps" / "oaskg.gexf").read_bytes().startswith(b"<?xml")
    void = (site / ".well-known" / "void").read_text()
    assert "void:Dataset" in void and "void:sparqlEndpoint" not in void
    assert (site / "ontology.ttl").is_file() and (site / "ontology.html").is_file()
    rules = (site / ".htaccess").read_text()
    assert "RewriteRule ^(id/.+)$ $1.ttl [R=303,L]" in rules
    assert r"RewriteCond %{HTTP_ACCEPT} application/ld\+json" in rules
    assert "RewriteRule ^(id/.+)$ $1.html [R=303,L]" in rules
    assert "AddType text/turtle .ttl" in rules


def _local_links(page: Path) -> list[str]:
    hrefs = re.findall(r'href="([^"]+)"', page.read_text())
    return [h for h in hrefs if not urlsplit(h).scheme and not h.startswith("#")]


@pytest.mark.parametrize("page", ["index.html", f"{ETHICS}.html", "dataset.html",
                                  "queries.html", "id/org/oas.html", "search.html"])
def test_relative_links_resolve_to_files(site, page):
    path = site / page
    links = _local_links(path)
    assert links
    missing = []
    for href in links:
        target = (path.parent / unquote(href.split("#")[0].split("?")[0])).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file() or site.resolve() not in target.parents:
            missing.append(href)
    assert missing == []


def test_static_pages_escape_and_quote(site):
    page = (site / f"{ETHICS}.html").read_text()
    assert "lines 95–140" in page
    assert '<a href="../../../id/program/code-of-ethics.html">Code of Ethics</a>' in page


def test_refuses_to_write_outside_the_folder(tmp_path):
    from build_graph.web.site import _Writer

    writer = _Writer(tmp_path / "site")
    with pytest.raises(ValueError):
        writer.write("../escaped.html", "x")
    assert not (tmp_path / "escaped.html").exists()


# --- the folder the site goes into (issue 13) ----------------------------------------------
def run_site(folder: Path, built_out: Path, *extra: str, env: dict | None = None):
    import os

    return subprocess.run([sys.executable, "-c", "from build_graph.cli import main; main()",
                           "site", str(folder), "--out", str(built_out), *extra],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


def test_an_existing_folder_with_other_files_is_refused(built_out, tmp_path):
    folder = tmp_path / "public"
    folder.mkdir()
    (folder / "index.html").write_text("my own page")
    (folder / ".htaccess").write_text("my rules")
    r = run_site(folder, built_out)
    assert r.returncode == 3 and "not written by `oaskg site`" in r.stderr
    assert "Traceback" not in r.stderr
    assert (folder / "index.html").read_text() == "my own page"
    assert (folder / ".htaccess").read_text() == "my rules"
    assert sorted(p.name for p in folder.iterdir()) == [".htaccess", "index.html"]


def test_a_site_is_rewritten_in_place_and_changed_files_need_force(built_out, tmp_path):
    folder = tmp_path / "public"
    assert run_site(folder, built_out).returncode == 0
    manifest = json.loads((folder / ".oaskg-site.json").read_text())["files"]
    assert "index.html" in manifest and f"{ETHICS}.ttl" in manifest
    assert run_site(folder, built_out).returncode == 0  # its own files: replaced
    (folder / "index.html").write_text("edited by hand")
    r = run_site(folder, built_out)
    assert r.returncode == 3 and "--force" in r.stderr
    assert (folder / "index.html").read_text() == "edited by hand"
    (folder / "notes.txt").write_text("mine")
    assert run_site(folder, built_out, "--force").returncode == 0
    assert (folder / "index.html").read_text() != "edited by hand"
    assert (folder / "notes.txt").read_text() == "mine"  # never touched


def test_a_file_it_did_not_write_is_never_replaced_even_with_force(built_out, tmp_path):
    folder = tmp_path / "public"
    assert run_site(folder, built_out).returncode == 0
    manifest = folder / ".oaskg-site.json"
    data = json.loads(manifest.read_text())
    del data["files"]["search.html"]
    manifest.write_text(json.dumps(data))
    (folder / "search.html").write_text("theirs")
    r = run_site(folder, built_out, "--force")
    assert r.returncode == 3 and "search.html" in r.stderr
    assert (folder / "search.html").read_text() == "theirs"


@pytest.mark.parametrize("kind", ["root", "home", "pyproject", "git"])
def test_refuses_root_home_and_projects(built_out, tmp_path, kind):
    env = None
    if kind == "root":
        folder = Path("/")
    elif kind == "home":
        folder = tmp_path / "home"
        folder.mkdir()
        env = {"HOME": str(folder)}
    else:
        folder = tmp_path / "project"
        folder.mkdir()
        (folder / ("pyproject.toml" if kind == "pyproject" else ".git")).mkdir()
    before = sorted(p.name for p in folder.iterdir())
    r = run_site(folder, built_out, env=env)
    assert r.returncode == 3 and "Nothing was written" in r.stderr, r.stderr
    assert sorted(p.name for p in folder.iterdir()) == before


def test_refuses_a_tree_that_escapes_through_a_symlink(built_out, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    folder = tmp_path / "public"
    folder.mkdir()
    (folder / "id").symlink_to(outside, target_is_directory=True)
    r = run_site(folder, built_out)
    assert r.returncode == 3 and "symbolic link" in r.stderr and "Traceback" not in r.stderr
    assert list(outside.iterdir()) == []
    assert sorted(p.name for p in folder.iterdir()) == ["id"]


def test_files_the_graph_no_longer_has_are_removed(built_out, tmp_path):
    folder = tmp_path / "public"
    assert run_site(folder, built_out).returncode == 0
    manifest = folder / ".oaskg-site.json"
    data = json.loads(manifest.read_text())
    (folder / "id" / "org" / "gone.html").write_text("old")
    data["files"]["id/org/gone.html"] = None
    manifest.write_text(json.dumps(data))
    r = run_site(folder, built_out)
    assert r.returncode == 0 and "Removed 1 files" in r.stderr
    assert not (folder / "id" / "org" / "gone.html").exists()
