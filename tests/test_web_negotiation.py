"""Content negotiation over a table of Accept headers real browsers and clients send."""

from __future__ import annotations

import pytest

from build_graph.web.negotiation import RESOURCE_TYPES, negotiate, split_extension

HTML, TTL, JSONLD, NT = RESOURCE_TYPES

# (client, Accept header as the client sends it, the format it must get; None = 406)
REAL_CLIENTS = [
    ("Chrome 120", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
     "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7", HTML),
    ("Firefox 121", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
     "image/webp,*/*;q=0.8", HTML),
    ("Safari 17", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", HTML),
    ("curl", "*/*", HTML),
    ("python-requests", "*/*", HTML),
    ("no Accept header", None, HTML),
    ("rdflib Graph.parse", "application/rdf+xml, text/rdf+xml, text/xml;q=0.9, "
     "application/xml;q=0.9, text/n3, text/turtle, application/n-triples, "
     "application/ld+json, application/n-quads, application/trix, application/trig", TTL),
    ("Apache Jena riot", "text/turtle,application/n-triples;q=0.9,application/ld+json;q=0.8,"
     "application/rdf+xml;q=0.7,*/*;q=0.1", TTL),
    ("JSON-LD playground", "application/ld+json, application/json;q=0.9", JSONLD),
    ("jsonld.js documentLoader", "application/ld+json, application/json", JSONLD),
    ("N-Triples only", "application/n-triples", NT),
    ("text/plain (old N-Triples)", "text/plain", NT),
    ("RDF/XML only", "application/rdf+xml", None),
    ("an image", "image/png", None),
    ("Turtle refused, anything else", "text/turtle;q=0, */*;q=0.5", HTML),
    ("prefers JSON-LD over HTML", "text/html;q=0.5, application/ld+json", JSONLD),
    ("wildcard type", "text/*", HTML),
    ("uppercase and spaces", " TEXT/TURTLE ; Q=1 ", TTL),
    ("malformed q", "text/turtle;q=abc, application/ld+json;q=0.2", JSONLD),
]


def test_the_table_is_not_empty():
    assert len(REAL_CLIENTS) >= 15


@pytest.mark.parametrize("client,accept,expected", REAL_CLIENTS, ids=[c[0] for c in REAL_CLIENTS])
def test_real_accept_headers(client, accept, expected):
    assert negotiate(accept, RESOURCE_TYPES) == expected


def test_specific_range_overrides_wildcard():
    # */* would give HTML q=1, but text/html is explicitly refused
    assert negotiate("*/*, text/html;q=0", RESOURCE_TYPES) == TTL


def test_ties_go_to_the_first_offer():
    assert negotiate("application/n-triples, text/turtle", RESOURCE_TYPES) == TTL


def test_no_offers():
    assert negotiate("*/*", ()) is None


@pytest.mark.parametrize("path,expected", [
    ("id/org/oas.ttl", ("id/org/oas", TTL)),
    ("id/org/oas.html", ("id/org/oas", HTML)),
    ("id/org/oas.nt", ("id/org/oas", NT)),
    ("id/org/oas.jsonld", ("id/org/oas", JSONLD)),
    ("id/org/oas", ("id/org/oas", None)),
    ("id/org/oas.exe", ("id/org/oas.exe", None)),
    ("id/a.ttl/b", ("id/a.ttl/b", None)),
])
def test_split_extension(path, expected):
    assert split_extension(path) == expected
