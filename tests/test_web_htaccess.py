"""Issue 15: the static site's ``.htaccess`` on a real Apache (mod_rewrite, mod_headers).

For every Accept header of the negotiation table (the headers real browsers and RDF clients
send, ``test_web_negotiation.REAL_CLIENTS``) and the issue's q-value cases, Apache must pick the
same document as ``oaskg serve`` (:func:`negotiate`): a 303 to it, or a 406 — and every answer,
the 303s included, must say ``Vary: Accept``.
"""

from __future__ import annotations

import http.client
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from apache_server import start_apache, stop_apache
from test_web_negotiation import REAL_CLIENTS

from build_graph.web.negotiation import EXTENSION_OF, RESOURCE_TYPES, negotiate

pytestmark = pytest.mark.server

HTML, TTL = "text/html", "text/turtle"
# the issue's cases: q-values were ignored, so both went to Turtle
MORE = [
    ("prefers HTML by q", "text/html;q=0.9, text/turtle;q=0.1"),
    ("refuses Turtle with q=0", "text/turtle;q=0, text/html"),
    ("refuses HTML, q=0.0", "text/html;q=0.0, */*;q=0.1"),
    ("q=0.000 refuses", "application/ld+json;q=0.000, text/turtle;q=0.001"),
    ("three digits decide", "application/n-triples;q=0.501, text/turtle;q=0.5"),
    ("JSON alias", "application/json"),
    ("XHTML alias", "application/xhtml+xml"),
    ("other parameters before q", "text/turtle;charset=utf-8;q=0.2, text/html;level=1;q=0.1"),
    ("application/* range", "application/*;q=0.5, text/html;q=0.4"),
    ("bare star", "*"),
    ("q above 1 counts as 1", "text/turtle;q=2, text/html"),
    ("empty header", ""),
]
CASES = [(name, accept) for name, accept, _ in REAL_CLIENTS] + MORE
PATHS = [  # path, what `oaskg serve` offers there
    ("/id/org/oas", RESOURCE_TYPES),
    ("/ontology", (HTML, TTL)),
    ("/dataset", RESOURCE_TYPES),
]


@pytest.fixture(scope="module")
def apache(built_out):
    from build_graph.rdf.store import open_store
    from build_graph.web.graphview import GraphView
    from build_graph.web.site import write_site

    # Apache's workers run as www-data: the site lives in a folder they may read
    folder = Path(tempfile.mkdtemp(prefix="oaskg-site-"))
    try:
        os.chmod(folder, 0o755)
        site = folder / "site"
        write_site(GraphView(open_store(built_out)), built_out, site)
        for path in [site, *site.rglob("*")]:
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        server = start_apache(site, folder / "apache")
        try:
            yield server
        finally:
            stop_apache(server.process)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def get(base: str, path: str, accept: str | None):
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    headers = {} if accept is None else {"Accept": accept}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def _vary(response) -> list[str]:
    values = response.headers.get_all("Vary") or []
    return [v.strip().lower() for value in values for v in value.split(",")]


def test_the_table_and_the_issue_cases_are_there():
    assert len(CASES) >= 30


@pytest.mark.parametrize("path,offers", PATHS, ids=[p for p, _ in PATHS])
@pytest.mark.parametrize("name,accept", CASES, ids=[c[0] for c in CASES])
def test_apache_negotiates_as_serve(apache, path, offers, name, accept):
    expected = negotiate(accept, offers)
    response = get(apache.base, path, accept)
    assert _vary(response).count("accept") == 1, (response.status, response.headers)
    if expected is None:
        assert response.status == 406, apache.error_log()[-500:]
    else:
        assert response.status == 303, (response.status, apache.error_log()[-500:])
        location = urlsplit(response.headers["Location"]).path
        assert location == f"{path}.{EXTENSION_OF[expected]}"


def test_documents_are_served_with_their_types(apache):
    for media, ext in EXTENSION_OF.items():
        response = get(apache.base, f"/id/org/oas.{ext}", "image/png")  # no negotiation here
        assert response.status == 200
        assert response.headers["Content-Type"].split(";")[0] == media
        assert _vary(response).count("accept") == 1


def test_an_unknown_resource_is_not_found(apache):
    assert get(apache.base, "/id/org/no-such-thing", TTL).status == 404
