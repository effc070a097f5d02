"""The reference (registry, SKOS schemes) and ontology graphs every build carries.

Their Turtle is parsed with rdflib and their blank nodes (OWL unions, lists) labelled from their
content (``rdflib.compare.to_canonical_graph``), so every serialisation is the same from run to
run. That costs about a second, the same for every build, so the result is kept in the machine
cache (:mod:`build_graph.cache`) under the SHA-256 of the files and of the rdflib version that
labelled it: a build after the first reads N-Triples with pyoxigraph and imports no rdflib here.
"""

from __future__ import annotations

import hashlib

import pyoxigraph as ox

from build_graph import cache
from build_graph.rdf.quads import Quads
from build_graph.resources import data_files

KINDS = ("reference", "ontology")


def _digest() -> str:
    import importlib.metadata

    digest = hashlib.sha256(importlib.metadata.version("rdflib").encode() + b"\0")
    for kind in KINDS:
        for path in data_files(kind, ".ttl"):
            digest.update(f"{kind}/{path.name}".encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _canonical_ntriples(kind: str) -> str:
    from rdflib import Graph
    from rdflib.compare import to_canonical_graph

    parsed = Graph()
    for path in data_files(kind, ".ttl"):
        parsed.parse(path, format="turtle")
    lines = to_canonical_graph(parsed).serialize(format="nt").splitlines()
    return "".join(line + "\n" for line in sorted(set(lines)) if line.strip())


def context_ntriples() -> dict[str, str]:
    """Each context graph's triples as N-Triples, blank nodes labelled from their content."""
    digest = _digest()
    cached = cache.read("context-graphs", digest)
    if cached is not None and all(isinstance(cached.get(k), str) for k in KINDS):
        return {k: cached[k] for k in KINDS}
    found = {kind: _canonical_ntriples(kind) for kind in KINDS}
    cache.write("context-graphs", digest, found)
    return found


def add_context_graphs(quads: Quads, reference: str, ontology: str) -> None:
    """Add the reference and ontology graphs under the given graph names."""
    texts = context_ntriples()
    for kind, name in (("reference", reference), ("ontology", ontology)):
        graph = quads.graph(name)
        for q in ox.parse(texts[kind].encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
            graph.add((q.subject, q.predicate, q.object))
    quads.seal()
