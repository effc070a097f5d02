"""Pages in headless Chromium (Debian's ``chromium``): the index and an activity page render,
their links resolve, the static site's search script works, and no console error is logged.

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
    assert len(links) > 200  # programs, activities, organisations, countries, documents
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
    from build_graph.store import open_store
    from build_graph.web.graphview import GraphView
    from build_graph.web.site import write_site

    folder = tmp_path / "site"
    write_site(GraphView(open_store(built_out)), built_out, folder)
    dom, console = browse(chromium, (folder / "search.html").as_uri() + "?q=ethics", tmp_path)
    assert console == []
    shown = re.findall(r"<li>(<a [^>]*>[^<]*</a>)</li>", dom)
    assert shown and all("Ethics" in item for item in shown)
    assert '<span id="q">ethics</span>' in dom
