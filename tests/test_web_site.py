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
