"""The linked-data site in-process: 303 negotiation, RDF documents, pages, escaping, VoID,
dumps, saved queries and the SPARQL endpoint (no sockets)."""

from __future__ import annotations

import json
import re

import pyoxigraph as ox
import pytest
from conftest import DOCUMENTS

from build_graph.web.app import Publisher, load_sources
from build_graph.web.graphview import GraphView
from build_graph.web.sparql_endpoint import SparqlEndpoint

ID = "https://w3id.org/oaskg/id/"
ETHICS = "id/activity/oas-country-sheet-uruguay/code-of-ethics"
ATTACK = "<script>alert('x')</script> & <b>bold</b>"


@pytest.fixture(scope="module")
def store(built_out):
    """The build's dataset in memory, plus one planted summary holding markup."""
    s = ox.Store()
    s.bulk_load(path=str(built_out / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    s.add(ox.Quad(ox.NamedNode(ID + "program/code-of-ethics"),
                  ox.NamedNode("https://w3id.org/oaskg/ontology#summary"), ox.Literal(ATTACK),
                  ox.NamedNode("https://w3id.org/oaskg/graph/test")))
    return s


@pytest.fixture(scope="module")
def site(store, built_out):
    view = GraphView(store)
    endpoint = SparqlEndpoint(store, timeout=5, max_results=50)
    yield Publisher(view, built_out, endpoint, load_sources(view, DOCUMENTS))
    endpoint.close()


def get(site, target, accept=None, method="GET", body=b"", content_type=None):
    headers = {}
    if accept:
        headers["accept"] = accept
    if content_type:
        headers["content-type"] = content_type
    return site.handle(method, target, headers, body)


def header(response, name):
    return dict(response.headers).get(name)


@pytest.mark.parametrize("accept,location", [
    ("text/html,application/xhtml+xml,*/*;q=0.8", "/id/org/oas.html"),
    ("text/turtle", "/id/org/oas.ttl"),
    ("application/ld+json", "/id/org/oas.jsonld"),
    ("application/n-triples", "/id/org/oas.nt"),
    (None, "/id/org/oas.html"),
])
def test_resource_answers_303_to_the_negotiated_document(site, accept, location):
    r = get(site, "/id/org/oas", accept)
    assert r.status == 303
    assert header(r, "Location") == location
    assert header(r, "Vary") == "Accept"


def test_unsupported_accept_is_406_and_unknown_resource_404(site):
    assert get(site, "/id/org/oas", "image/png").status == 406
    assert get(site, "/id/org/no-such-body").status == 404
    assert get(site, "/id/org/no-such-body.ttl").status == 404
    assert get(site, "/nothing-here").status == 404


def test_turtle_document_parses_and_describes_the_resource(site):
    r = get(site, "/id/country/uy.ttl")
    assert r.status == 200 and r.media_type == "text/turtle"
    triples = list(ox.parse(r.body, format=ox.RdfFormat.TURTLE))
    uy = ox.NamedNode(ID + "country/uy")
    same = {t.object.value for t in triples if t.subject == uy and t.predicate.value.endswith(
        "owl#sameAs")}
    assert same == {"http://www.wikidata.org/entity/Q77"}
    # incoming links are there too: the five Uruguay activities point at the country
    activities = {t.subject.value for t in triples if t.object == uy and
                  t.predicate.value == "https://w3id.org/oaskg/ontology#country"}
    assert len([a for a in activities if "/activity/oas-country-sheet-uruguay/" in a]) == 5


def test_jsonld_and_ntriples_documents(site):
    data = json.loads(get(site, "/id/org/oas.jsonld").body)
    assert any(node.get("@id") == ID + "org/oas" for node in data)
    nt = get(site, "/id/org/oas.nt").body.decode()
    assert f"<{ID}org/oas> <http://www.w3.org/2002/07/owl#sameAs> " \
           "<http://www.wikidata.org/entity/Q123759> ." in nt


def test_html_page_links_alternates_and_embeds_jsonld(site):
    r = get(site, "/id/org/oas.html")
    assert r.status == 200 and r.media_type == "text/html"
    link = header(r, "Link")
    for ext, media in (("ttl", "text/turtle"), ("jsonld", "application/ld+json"),
                       ("nt", "application/n-triples")):
        assert f'<oas.{ext}>; rel="alternate"; type="{media}"' in link
    page = r.body.decode()
    assert "<h1>Organization of American States</h1>" in page
    embedded = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert any(n["@id"] == ID + "org/oas" for n in json.loads(embedded.group(1)))
    assert 'href="http://www.wikidata.org/entity/Q123759"' in page


def test_activity_page_shows_program_country_results_and_provenance(site):
    page = get(site, f"/{ETHICS}.html").body.decode()
    assert '<a href="/id/program/code-of-ethics">Code of Ethics</a>' in page
    assert '<a href="/id/country/uy">Uruguay</a>' in page
    assert '<a href="/id/org/dps">Department of Public Security</a>' in page
    for quantity, counts in (("25", "officers"), ("200", "cadets"), ("750", "officers")):
        assert re.search(rf">{quantity}</a></td><td>{counts}", page), quantity
    assert "lines 95–140" in page
    # the quoted source text: the page's lines of the sheet, escaped
    quoted = re.search(r'<pre class="source">(.*?)</pre>', page, re.S).group(1)
    assert "Code of Ethics" in quoted and "PROGRAM SUMMARY" in quoted
    # labels, not IRIs, for linked resources; property names from the ontology
    assert ">implemented by</a>" in page


def test_document_text_is_escaped(site):
    page = get(site, "/id/program/code-of-ethics.html").body.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold" in page
    # the embedded JSON-LD cannot close its script element either
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", page, re.S)
    assert all("<" not in s for s in scripts)


def test_index_lists_programs_organisations_and_countries(site):
    page = get(site, "/").body.decode()
    assert "Programs (15)" in page
    assert "Countries (" in page and '<a href="/id/country/gt">Guatemala</a>' in page
    assert '<a href="/id/org/oas">Organization of American States</a>' in page
    assert 'name="q"' in page


def test_search_finds_labels(site):
    page = get(site, "/search?q=ethics").body.decode()
    assert '<a href="/id/program/code-of-ethics">Code of Ethics</a>' in page
    assert "Cybersecurity" not in page.split("<main>")[1]


def test_void_and_dcat_description(site, store):
    r = get(site, "/.well-known/void", "text/turtle")
    assert r.status == 303 and header(r, "Location") == "/dataset.ttl"
    ttl = get(site, "/dataset.ttl").body
    g = list(ox.parse(ttl, format=ox.RdfFormat.TURTLE))
    ds = ox.NamedNode("https://w3id.org/oaskg/dataset")
    void = "http://rdfs.org/ns/void#"
    props = {(t.predicate.value, str(t.object)) for t in g if t.subject == ds}
    expected_triples = len(set(ox.Triple(q.subject, q.predicate, q.object) for q in store))
    assert (void + "triples", f'"{expected_triples}"^^<http://www.w3.org/2001/XMLSchema#integer>'
            ) in props
    assert (void + "sparqlEndpoint", "<https://w3id.org/oaskg/sparql>") in props
    assert ("http://purl.org/dc/terms/license",
            "<https://creativecommons.org/licenses/by/4.0/>") in props
    dumps = {o for p, o in props if p == void + "dataDump"}
    assert "<https://w3id.org/oaskg/dumps/graph.trig>" in dumps
    assert "<https://w3id.org/oaskg/dumps/oaskg.gexf>" not in dumps  # not RDF: a distribution
    linkset = [t for t in g if t.predicate.value == void + "linkPredicate"]
    assert linkset and linkset[0].object.value == "http://www.w3.org/2002/07/owl#sameAs"


def test_dumps_are_served_and_nothing_else(site, built_out):
    r = get(site, "/dumps/graph.trig")
    assert r.status == 200 and r.body == (built_out / "graph.trig").read_bytes()
    assert get(site, "/dumps/oaskg.gexf").body.startswith(b"<?xml")
    for bad in ("/dumps/../summary.json", "/dumps/%2e%2e/summary.json", "/dumps/graph.nq",
                "/dumps/store", "/../../etc/passwd", "/id/../../etc/passwd"):
        assert get(site, bad).status == 404, bad


def test_ontology_html_and_turtle(site):
    assert header(get(site, "/ontology", "text/turtle"), "Location") == "/ontology.ttl"
    assert header(get(site, "/ontology", "text/html"), "Location") == "/ontology.html"
    html = get(site, "/ontology.html").body.decode()
    assert 'id="Activity"' in html and "actividad" in html
    assert b"owl:Ontology" in get(site, "/ontology.ttl").body


def test_saved_queries_are_listed_and_run(site):
    listing = get(site, "/queries").body.decode()
    assert 'href="/queries/donor-funds"' in listing
    page = get(site, "/queries/donor-funds?run=1&donor=Spain").body.decode()
    assert "<h2>Answer</h2>" in page and "rows." in page
    missing = get(site, "/queries/donor-funds?run=1")
    assert missing.status == 400 and "missing parameter" in missing.body.decode()


def test_sparql_endpoint_formats_and_errors(site):
    q = "/sparql?query=SELECT%20DISTINCT%20%3Fs%20WHERE%20%7B%3Fs%20a%20%3Chttps%3A%2F%2Fw3id.org" \
        "%2Foaskg%2Fontology%23Program%3E%7D"
    r = get(site, q, "application/sparql-results+json")
    assert len(json.loads(r.body)["results"]["bindings"]) == 15
    assert get(site, q, "text/csv").body.decode().count("\r\n") == 16
    assert get(site, q, "text/tab-separated-values").body.startswith(b"?s\n<https://")
    assert b"<sparql" in get(site, q, "application/sparql-results+xml").body
    bad = get(site, "/sparql?query=SELEC", "application/sparql-results+json")
    assert bad.status == 400 and "error at 1:" in bad.body.decode()
    update = "INSERT DATA { <a:b> <a:b> <a:b> }"
    for args in (dict(method="POST", body=update.encode(),
                      content_type="application/sparql-update"),
                 dict(method="POST", body=b"update=INSERT",
                      content_type="application/x-www-form-urlencoded")):
        assert get(site, "/sparql", **args).status == 403
    assert get(site, "/sparql", method="POST", body=update.encode(),
               content_type="application/sparql-query").status == 400


def test_sparql_result_cap(site):
    r = get(site, "/sparql?query=SELECT%20*%20%7B%3Fs%20%3Fp%20%3Fo%7D",
            "application/sparql-results+json")
    assert len(json.loads(r.body)["results"]["bindings"]) == 50
    assert header(r, "X-Result-Truncated") == "true"


def test_sparql_timeout(store):
    endpoint = SparqlEndpoint(store, timeout=0.05, workers=1)
    slow = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f }"
    answer = endpoint.answer(slow, None)
    assert answer.status == 503 and b"0.05 s limit" in answer.body
    endpoint.close()


def test_head_answers_like_get(site):
    r = get(site, "/id/org/oas.ttl", method="HEAD")
    assert r.status == 200 and r.media_type == "text/turtle"


def test_another_base_maps_paths_to_its_iris(built_out):
    """Under --base-iri B, /id/x stands for B + id/x; the default base is tried too, because
    reference individuals always live there."""
    small = ox.Store()
    graph = ox.NamedNode("https://data.example.org/oas/graph/test")
    mine = ox.NamedNode("https://data.example.org/oas/id/program/mine")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    small.add(ox.Quad(mine, label, ox.Literal("Mine"), graph))
    small.add(ox.Quad(ox.NamedNode(ID + "country/uy"), label, ox.Literal("Uruguay"), graph))
    view = GraphView(small, "https://data.example.org/oas/")
    endpoint = SparqlEndpoint(small)
    other = Publisher(view, built_out, endpoint)
    ttl = other.handle("GET", "/id/program/mine.ttl", {}).body
    assert b"<https://data.example.org/oas/id/program/mine>" in ttl
    assert other.handle("GET", "/id/country/uy.ttl", {}).status == 200
    assert other.handle("GET", "/id/program/theirs.ttl", {}).status == 404
    endpoint.close()


def test_a_minted_organisation_page_says_it_needs_review(built_out):
    oaskg, prov = "https://w3id.org/oaskg/ontology#", "http://www.w3.org/ns/prov#"
    graph = ox.NamedNode(ID.replace("id/", "graph/document/tt"))
    doc = ox.NamedNode(ID + "document/tt")

    def org(slug, flag, line):
        node = ox.NamedNode(ID + "org/" + slug)
        rows = [
            (ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
             ox.NamedNode("http://www.w3.org/ns/org#FormalOrganization")),
            (ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
             ox.Literal(f"Ministry {slug}", language="en")),
            (ox.NamedNode(oaskg + "needsReview"), ox.Literal(flag, datatype=ox.NamedNode(
                "http://www.w3.org/2001/XMLSchema#boolean"))),
            (ox.NamedNode(prov + "wasDerivedFrom"), doc),
            (ox.NamedNode(oaskg + "mentionLine"), ox.Literal(str(line), datatype=ox.NamedNode(
                "http://www.w3.org/2001/XMLSchema#positiveInteger"))),
        ]
        return [ox.Quad(node, p, o, graph) for p, o in rows]

    store = ox.Store()
    store.extend(org("tt-flagged", "true", 12) + org("tt-accepted", "false", 14))
    store.add(ox.Quad(doc, ox.NamedNode(oaskg + "fileName"), ox.Literal("tt.txt"), graph))
    endpoint = SparqlEndpoint(store, timeout=5, max_results=50)
    try:
        site = Publisher(GraphView(store), built_out, endpoint, {})
        flagged = get(site, "/id/org/tt-flagged.html").body.decode()
        accepted = get(site, "/id/org/tt-accepted.html").body.decode()
    finally:
        endpoint.close()
    assert '<p class="review"><strong>Needs review</strong>: minted from a name' in flagged
    assert re.search(r'Named in <a href="/id/document/tt">[^<]*</a>, line 12\.', flagged)
    assert "Needs review" not in accepted
    assert '<p class="reviewed">Minted from the sheets and reviewed.' in accepted
