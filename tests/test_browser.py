"""Pages in headless Chromium (Debian's ``chromium``): the index and an activity page render,
their links resolve, the static site's search script works, and no console error is logged.
Issue 14: each profile type (organisation, country, program, donor), the program browser with
two combined filters (served, and the static copy's script), a Spanish page and ``/sparql`` as
HTML, their answers asserted against the two real sheets. Screenshots are kept as test
artifacts in pytest's temporary folder (``screenshots*`` under ``/tmp/pytest-of-$USER/``).

Skipped only on a developer machine without chromium; under CI (``CI`` set) a missing
chromium fails, so these tests never silently disappear.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import urllib.parse
from html.parser import HTMLParser

import pytest
from web_server import fetch, running_server

pytestmark = [pytest.mark.browser, pytest.mark.server]

ETHICS = "id/activity/oas-country-sheet-uruguay/code-of-ethics"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--enable-logging=stderr", "--v=0"]


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs Debian's chromium package")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found


@pytest.fixture(scope="module")
def server(built_out):
    with running_server(built_out) as url:
        yield url


def browse(chromium: str, url: str, tmp_path, *extra: str) -> tuple[str, list[str]]:
    """(the DOM after scripts ran, the console messages) of one page."""
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    r = subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", *extra,
                        "--dump-dom", url], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    console = [line for line in r.stderr.splitlines() if ":CONSOLE" in line]
    return r.stdout, console


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag in ("a", "link") and href and not href.startswith("data:"):
            self.hrefs.append(href)


def same_origin_links(dom: str, page_url: str) -> list[str]:
    parser = Links()
    parser.feed(dom)
    origin = urllib.parse.urlsplit(page_url).netloc
    urls = {urllib.parse.urljoin(page_url, h).split("#")[0] for h in parser.hrefs}
    return sorted(u for u in urls if urllib.parse.urlsplit(u).netloc == origin)


def test_detects_console_errors(chromium, tmp_path):
    """The harness itself: a page with a script error is caught."""
    page = tmp_path / "bad.html"
    page.write_text("<script>undefinedFunction()</script>")
    _, console = browse(chromium, page.as_uri(), tmp_path)
    assert any("undefinedFunction" in line for line in console)


def test_index_renders_and_links_resolve(chromium, server, tmp_path):
    dom, console = browse(chromium, server, tmp_path)
    assert console == []
    assert "<h1>OAS cooperation programs</h1>" in dom
    assert re.search(r"Programs \(15\)", dom)
    links = same_origin_links(dom, server)
    # programs, activities, the organisations and countries taking part, documents
    assert len(links) > 100
    broken = [u for u in links if fetch(u)[0] != 200]
    assert broken == []


def test_activity_page_renders_and_links_resolve(chromium, server, tmp_path):
    url = server + ETHICS
    dom, console = browse(chromium, url, tmp_path)
    assert console == []
    assert "<h1>Code of Ethics (Uruguay)</h1>" in dom
    for text in ("Department of Public Security", "<h2>Results</h2>", "<h2>Provenance</h2>",
                 "lines 95–140"):
        assert text in dom
    links = same_origin_links(dom, url)
    assert any(u.endswith("/id/program/code-of-ethics") for u in links)
    broken = [u for u in links if fetch(u)[0] != 200]
    assert broken == []
    shot = tmp_path / "activity.png"
    r = subprocess.run([chromium, *FLAGS, f"--user-data-dir={tmp_path / 'shot'}",
                        "--window-size=1200,1600", f"--screenshot={shot}", url],
                       capture_output=True, timeout=120)
    assert r.returncode == 0 and shot.stat().st_size > 20_000


def test_static_site_search_script(chromium, built_out, tmp_path):
    from build_graph.rdf.store import open_store
    from build_graph.web.graphview import GraphView
    from build_graph.web.site import write_site

    folder = tmp_path / "site"
    write_site(GraphView(open_store(built_out)), built_out, folder)
    dom, console = browse(chromium, (folder / "search.html").as_uri() + "?q=ethics", tmp_path)
    assert console == []
    shown = visible_items(dom)
    assert shown and all("Ethics" in item for item in shown)
    assert '<span id="q">ethics</span>' in dom
    dom, _ = browse(chromium, (folder / "search.html").as_uri() + "?q=C%C3%ADcad", tmp_path)
    assert visible_items(dom)[0] == "Inter-American Drug Abuse Control Commission"


def visible_items(dom: str) -> list[str]:
    """The labels of the static search's list items the script left visible, in order."""
    items = re.findall(r"<li ([^>]*)><a [^>]*>([^<]*)</a></li>", dom)
    return [label for attrs, label in items if "hidden" not in attrs]


# --- issue 14: the pages analysts want ---------------------------------------------------------
POLICE = "interamerican-network-for-police-development-and-professionalization"
FUNDER_QUERY = ("sparql?query=" + urllib.parse.quote(
    "PREFIX oaskg: <https://w3id.org/oaskg/ontology#> "
    "SELECT ?activity ?donor WHERE { ?activity oaskg:funder ?donor } ORDER BY ?activity ?donor"))


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory):
    """Where the screenshots go: pytest's temporary folder, kept for the last runs."""
    return tmp_path_factory.mktemp("screenshots")


def screenshot(chromium: str, url: str, shot, height: int = 2400, *extra: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="oaskg-chromium-") as profile:
        r = subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", "--hide-scrollbars",
                            f"--window-size=1280,{height}", *extra, f"--screenshot={shot}",
                            url], capture_output=True, timeout=120)
    assert r.returncode == 0 and shot.stat().st_size > 20_000, r.stderr[-2000:]


def plain(dom: str) -> str:
    """The DOM's text as a reader sees it (inline markup dropped, entities decoded)."""
    import html

    inline = re.sub(r"</?(?:a|span|small|strong|abbr|time|i)\b[^>]*>", "", dom)
    body = inline.split("<main>", 1)[-1]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


PROFILES = {
    "organisation": ("id/org/cicad", [
        "Implements (6 activities)", "6 activities 6 programs 1 country (sheets)",
        "Multilateral Evaluation Mechanism (MEM) with its units MEM Governmental Expert Group, "
        "MEM Intergovernmental Working Group Guatemala 1998–",
        "SIDUC Latino with its unit Inter-American Observatory on Drugs Guatemala"]),
    "country": ("id/country/gt", [
        "1 sheet 13 programs 12 donors 10 OAS bodies 16 national counterparts",
        "Security (10)", "No pillar set (3)", "Spain (3 programs)",
        "Department of Public Security (5 programs)"]),
    "program": (f"id/program/{POLICE}", [
        "2 countries (sheets) 2 countries covered 3 donors 1 OAS body 2015–2020 years",
        "Guatemala 1 Jul 2015 – 1 Jul 2020", "200,000 officers Target",
        "340 police officers Target"]),
    "donor": ("id/country/es", [
        "Spain funds 3 programs. 2 of them through Spanish Agency for International "
        "Development Cooperation.",
        "SAVIA – Programa Salud y Vida en las Américas Guatemala 1 Jul 2016 – 31 Oct 2018"]),
}


@pytest.mark.parametrize("kind", sorted(PROFILES))
def test_profile_pages(chromium, server, screenshots, tmp_path, kind):
    path, expected = PROFILES[kind]
    dom, console = browse(chromium, server + path, tmp_path)
    assert console == []
    seen = plain(dom)
    for sentence in expected:
        assert sentence in seen, sentence
    assert "<svg" in dom and "Raw statements" in seen
    screenshot(chromium, server + path, screenshots / f"profile-{kind}.png")


def test_program_browser_with_two_filters(chromium, server, screenshots, tmp_path):
    url = server + "programs?country=gt&donor=es"
    dom, console = browse(chromium, url, tmp_path)
    assert console == []
    rows = re.findall(r'<tr data-program="[^"]*"><td><a href="/id/program/([^"]+)"', dom)
    assert sorted(rows) == [
        "savia-programa-salud-y-vida-en-las-americas",
        "strengthening-access-to-justice-for-victims-of-crime-in-el-salvador-honduras",
        "strengthening-of-institutions-specialized-in-the-assistance-and-protection-of"]
    assert "✕ Country: Guatemala ✕ Donor: Spain" in plain(dom)
    assert "<script" not in dom.split("<main>")[1]  # the served browser needs no script
    screenshot(chromium, url, screenshots / "browser-two-filters.png", 1400)


def test_static_program_browser_script(chromium, built_out, screenshots, tmp_path):
    from build_graph.rdf.store import open_store
    from build_graph.web.graphview import GraphView
    from build_graph.web.site import write_site

    folder = tmp_path / "site"
    write_site(GraphView(open_store(built_out)), built_out, folder)
    url = (folder / "es" / "programs.html").as_uri() + "?country=gt&donor=es"
    dom, console = browse(chromium, url, tmp_path)
    assert console == []
    rows = re.findall(r"<tr ([^>]*)>", dom.split('<tbody>', 1)[1])
    assert len([r for r in rows if "hidden" not in r]) == 3 and len(rows) == 15
    assert "3 programas" in plain(dom) and "✕ País: Guatemala" in plain(dom)
    body = dom.split('data-facet="body"', 1)[1].split("</section>", 1)[0]
    shown = re.findall(r'<li class="[^"]*" data-value="([^"]+)"><a href="([^"]+)"[^>]*>[^<]*'
                       r'</a><span class="count">(\d+)</span>', body)
    assert ("dps", "programs.html?body=dps&amp;country=gt&amp;donor=es", "2") in shown
    screenshot(chromium, url, screenshots / "static-browser-es.png", 1400)


def test_spanish_page(chromium, server, screenshots, tmp_path):
    url = server + "id/org/cicad"
    dom, console = browse(chromium, url, tmp_path, "--accept-lang=es-ES,es")
    assert console == []
    seen = plain(dom)
    assert '<html lang="es">' in dom
    for sentence in ("Comisión Interamericana para el Control del Abuso de Drogas",
                     "Ejecuta (6 actividades)", "Forma parte de Organización de los Estados "
                     "Americanos", "Incluye los programas de sus unidades, marcados como tales.",
                     "Vecindario", "Declaraciones en bruto"):
        assert sentence in seen, sentence
    screenshot(chromium, url, screenshots / "spanish-cicad.png", 2400, "--accept-lang=es-ES,es")


def test_sparql_in_a_browser_is_a_table(chromium, server, screenshots, tmp_path):
    url = server + FUNDER_QUERY
    dom, console = browse(chromium, url, tmp_path)
    assert console == []
    assert "17 rows." in plain(dom)
    table = dom.split('<table class="results">', 1)[1].split("</table>", 1)[0]
    assert len(re.findall(r"<tr>", table)) == 18  # the heading and 17 rows
    assert '<a href="/id/country/es" title="https://w3id.org/oaskg/id/country/es">Spain</a>' \
        in table
    screenshot(chromium, url, screenshots / "sparql-table.png", 1400)
