"""A runner of the W3C SPARQL 1.1 Protocol tests (query side) against any endpoint URL.

The cases come from ``tests/fixtures/w3c-protocol/query-cases.json``, derived from the W3C
test suite (``w3c/rdf-tests``, ``sparql/sparql11/protocol/manifest.ttl``, commit
ad541a5f0479f0798608c4801369d97b8e08b36f, W3C Test Suite Licence) by :func:`derive`:
the 20 query tests (the 14 update tests are left out: the endpoint is read-only), each request
as method, path, headers, body and the expected status class, result format and boolean.

The suite's data are three graphs ``http://kasei.us/2009/09/sparql/data/dataN.rdf`` each
holding ``<dataN.rdf> a foaf:Document``. They are adapted to a built graph of this project:
``dataN.rdf`` (as a graph name and as a resource) becomes one of our document graphs and the
resource typed in it (:data:`GRAPHS`). A probe per dataset case swaps the graphs so that the
answer must become ``false``: it proves a protocol dataset really narrows the answer.

    python tests/w3c_protocol.py http://127.0.0.1:8000/sparql     # run against a server
    python tests/w3c_protocol.py --derive path/to/manifest.ttl     # rewrite the cases file
"""

from __future__ import annotations

import http.client
import json
import re
import sys
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

CASES = Path(__file__).resolve().parent / "fixtures" / "w3c-protocol" / "query-cases.json"
KASEI = "http://kasei.us/2009/09/sparql/data/"
OASKG = "https://w3id.org/oaskg/"
# dataN.rdf -> (the graph that holds it, the resource typed in that graph)
GRAPHS = {
    "data1.rdf": (OASKG + "graph/document/oas-country-sheet-uruguay",
                  OASKG + "id/document/oas-country-sheet-uruguay"),
    "data2.rdf": (OASKG + "graph/document/oas-country-sheet-guatemala",
                  OASKG + "id/document/oas-country-sheet-guatemala"),
    "data3.rdf": (OASKG + "graph/ontology", OASKG + "ontology"),
}
SWAP = {"data1.rdf": "data2.rdf", "data2.rdf": "data3.rdf", "data3.rdf": "data1.rdf"}
TABULAR = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
           "text/tab-separated-values")
BOOLEAN = TABULAR[:2]
RDF = ("application/rdf+xml", "text/turtle", "application/n-triples")


@dataclass(frozen=True)
class Outcome:
    name: str
    passed: bool
    detail: str


def derive(manifest: Path) -> list[dict]:
    """The query cases of the W3C protocol manifest as plain data (needs rdflib)."""
    from rdflib import Graph, Namespace
    from rdflib.collection import Collection

    mf = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
    ht = Namespace("http://www.w3.org/2011/http#")
    cnt = Namespace("http://www.w3.org/2011/content#")
    g = Graph().parse(manifest, format="turtle")
    manifest_node = next(g.subjects(mf.entries, None))
    entries = Collection(g, g.value(manifest_node, mf.entries))
    cases = []
    for entry in entries:
        local = str(entry).rsplit("#", 1)[-1]
        if "update" in local:
            continue
        action = g.value(entry, mf.action)
        (request,) = Collection(g, g.value(action, ht.requests))
        body = g.value(request, ht.body)
        headers = []
        if g.value(request, ht.headers) is not None:
            for h in Collection(g, g.value(request, ht.headers)):
                headers.append([str(g.value(h, ht.fieldName)), str(g.value(h, ht.fieldValue))])
        response = g.value(request, ht.resp)
        statuses = sorted(str(s).rsplit("StatusCode", 1)[-1] for s in
                          g.objects(response, mf.expectedStatus))
        boolean = g.value(response, mf.expectedBoolean)
        fmt = g.value(response, mf.expectedFormat)
        cases.append({
            "name": local, "title": str(g.value(entry, mf.name)),
            "method": str(g.value(request, ht.methodName)),
            "path": str(g.value(request, ht.absolutePath)),
            "headers": headers,
            "body": None if body is None else str(g.value(body, cnt.chars)),
            "encoding": None if body is None else str(g.value(body, cnt.characterEncoding)),
            "status": statuses,
            "format": None if fmt is None else str(fmt),
            "boolean": None if boolean is None else bool(boolean.toPython()),
        })
    return cases


def load_cases() -> list[dict]:
    return json.loads(CASES.read_text(encoding="utf-8"))


def adapt(text: str, swap: bool = False) -> str:
    """The suite's IRIs replaced by this project's: where ``dataN.rdf`` names a graph (a
    protocol parameter, ``FROM``) by the graph's IRI, where it names a resource (in a pattern)
    by the resource's; ``<dataN.rdf> a ?type`` becomes ``… a ?typeN`` (the suite's three
    resources share a type, ours do not). ``swap`` gives every graph name the next graph of
    :data:`SWAP`, so a server that honours the protocol dataset must answer ``false``."""
    def graph(name: str) -> str:
        if name not in GRAPHS:  # data0.rdf: a graph no store holds
            return KASEI + name
        return GRAPHS[SWAP[name] if swap else name][0]

    quoted = re.escape(urllib.parse.quote(KASEI, safe=""))
    # A resource in a GET query parameter: %3Chttp%3A%2F%2Fkasei...dataN.rdf%3E
    text = re.sub("%3C" + quoted + r"(data([1-3])\.rdf)%3E(%20a%20%3Ftype)?", lambda m: (
        urllib.parse.quote("<" + GRAPHS[m.group(1)][1] + ">", safe="")
        + (m.group(3) + m.group(2) if m.group(3) else "")), text)
    # A graph in a protocol parameter
    text = re.sub(quoted + r"(data\d\.rdf)", lambda m: urllib.parse.quote(
        graph(m.group(1)), safe=""), text)
    # FROM / FROM NAMED <...> in the query text names a graph; any other <...> a resource
    text = re.sub(r"(FROM(?:\s+NAMED)?\s+)<" + re.escape(KASEI) + r"(data\d\.rdf)>",
                  lambda m: m.group(1) + "<" + graph(m.group(2)) + ">", text)
    return re.sub("<" + re.escape(KASEI) + r"(data([1-3])\.rdf)>( a \?type)?",
                  lambda m: "<" + GRAPHS[m.group(1)][1] + ">"
                  + (m.group(3) + m.group(2) if m.group(3) else ""), text)


def is_dataset_case(case: dict) -> bool:
    return "data1.rdf" in case["path"] + (case["body"] or "")


def send(endpoint: str, case: dict, swap: bool = False, timeout: float = 30):
    """(status, content type, body) of the case's request sent to ``endpoint``."""
    target = urllib.parse.urlsplit(endpoint)
    path = adapt(case["path"], swap)
    assert path.startswith("/sparql/")
    path = target.path + path[len("/sparql/"):]
    body = None
    if case["body"] is not None:
        text = adapt(case["body"], swap)
        body = text.encode("utf-16" if case["encoding"] == "UTF-16" else "utf-8")
    conn = http.client.HTTPConnection(target.hostname, target.port, timeout=timeout)
    try:
        conn.putrequest(case["method"], path, skip_accept_encoding=True)
        for name, value in case["headers"]:
            conn.putheader(name, value)
        if body is not None or case["method"] in ("POST", "PUT"):
            conn.putheader("Content-Length", str(len(body or b"")))
        conn.endheaders(body)
        response = conn.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        conn.close()


def _boolean(content_type: str, body: bytes) -> bool | None:
    if content_type.startswith("application/sparql-results+json"):
        return json.loads(body).get("boolean")
    if content_type.startswith("application/sparql-results+xml"):
        text = body.decode()
        if "<boolean>true</boolean>" in text:
            return True
        if "<boolean>false</boolean>" in text:
            return False
    return None


def check(case: dict, status: int, content_type: str, body: bytes,
          expect_boolean: bool | None) -> str | None:
    """Why the answer fails the case, or None when it passes."""
    if f"{status // 100}xx" not in case["status"]:
        return f"HTTP {status}, expected {' or '.join(case['status'])}: {body[:200]!r}"
    media = content_type.split(";")[0].strip().lower()
    fmt = case["format"]
    if fmt == "boolean" and media not in BOOLEAN:
        return f"boolean answer as {media!r}"
    if fmt == "tabular" and media not in TABULAR:
        return f"tabular answer as {media!r}"
    if fmt == "RDF":
        if media not in RDF:
            return f"RDF answer as {media!r}"
        import pyoxigraph as ox

        try:
            list(ox.parse(body, format=ox.RdfFormat.from_media_type(media)))
        except SyntaxError as exc:
            return f"unparsable {media}: {exc}"
    if expect_boolean is not None and _boolean(media, body) is not expect_boolean:
        return f"expected boolean {expect_boolean}, got {body[:200]!r}"
    return None


def run(endpoint: str, cases: list[dict] | None = None) -> list[Outcome]:
    """Every case, and a probe per dataset case, against ``endpoint``."""
    outcomes = []
    for case in cases if cases is not None else load_cases():
        try:
            answer = send(endpoint, case)
            problem = check(case, *answer, case["boolean"])
        except (OSError, http.client.HTTPException, ValueError) as exc:
            problem = f"{type(exc).__name__}: {exc}"
        outcomes.append(Outcome(case["name"], problem is None, problem or ""))
        if is_dataset_case(case) and case["boolean"] is True:
            try:
                answer = send(endpoint, case, swap=True)
                problem = check(case, *answer, False)
            except (OSError, http.client.HTTPException, ValueError) as exc:
                problem = f"{type(exc).__name__}: {exc}"
            outcomes.append(Outcome(case["name"] + " (probe)", problem is None, problem or ""))
    return outcomes


def main(argv: list[str]) -> int:
    if argv[:1] == ["--derive"]:
        CASES.write_text(json.dumps(derive(Path(argv[1])), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {CASES}")
        return 0
    outcomes = run(argv[0])
    for o in outcomes:
        print(("PASS " if o.passed else "FAIL ") + o.name + ("" if o.passed else ": " + o.detail))
    plain = [o for o in outcomes if not o.name.endswith("(probe)")]
    probes = [o for o in outcomes if o.name.endswith("(probe)")]
    print(f"{sum(o.passed for o in plain)} of {len(plain)} cases, "
          f"{sum(o.passed for o in probes)} of {len(probes)} probes")
    return 0 if all(o.passed for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
