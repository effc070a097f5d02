"""What the pages and the RDF answers read from the store: descriptions, labels, listings.

A :class:`GraphView` wraps the read-only pyoxigraph store of ``out/`` and always queries the
union of the named graphs. Labels are read once when it opens (one per resource, so it stays
small); descriptions are read per request.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from build_graph.vocab import DEFAULT_BASE, OASKG, PREFIXES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL_PROPERTIES = (
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2000/01/rdf-schema#label",
)
SERIALIZE_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
}
ONTOLOGY_IRI = str(OASKG).rstrip("#")

_LABELS_QUERY = """
SELECT ?s ?p ?l WHERE {
  VALUES ?p { <http://www.w3.org/2004/02/skos/core#prefLabel>
              <http://www.w3.org/2000/01/rdf-schema#label> }
  ?s ?p ?l } """


@dataclass(frozen=True)
class Description:
    """One resource: its triples out (subject) and in (object), in the store's union graph."""

    iri: str
    outgoing: tuple[ox.Triple, ...]
    incoming: tuple[ox.Triple, ...]
    types: tuple[str, ...] = field(default=())

    def values(self, predicate: str) -> list[ox.NamedNode | ox.Literal | ox.BlankNode]:
        return [t.object for t in self.outgoing if t.predicate.value == predicate]

    def first(self, predicate: str) -> str | None:
        found = self.values(predicate)
        return found[0].value if found else None


def _label_rank(literal: ox.Literal, predicate: str, wanted: str = "en") -> tuple[int, int]:
    """Labels in ``wanted`` first, then untagged, then English, then any; skos:prefLabel
    before rdfs:label within each."""
    lang = (literal.language or "").lower()
    if lang.split("-")[0] == wanted:
        lang_rank = 0
    elif lang == "":
        lang_rank = 1
    elif lang.startswith("en"):
        lang_rank = 2
    else:
        lang_rank = 3
    return (lang_rank, LABEL_PROPERTIES.index(predicate))


class GraphView:
    """The served graph: ``base`` is the base the build minted IRIs under."""

    def __init__(self, store: ox.Store, base: str = DEFAULT_BASE):
        self.store = store
        self.base = base if base.endswith("/") else base + "/"
        self.labels, self.spanish_labels = self._read_labels()

    def query(self, sparql: str):
        return self.store.query(sparql, use_default_graph_as_union=True)

    def _read_labels(self) -> tuple[dict[str, str], dict[str, str]]:
        """(the English-first label of each resource, its Spanish-first label where that
        differs)."""
        ranked: dict[str, dict[str, tuple[tuple[int, int], str]]] = {"en": {}, "es": {}}
        for row in self.query(_LABELS_QUERY):
            subject, predicate, literal = row["s"], row["p"], row["l"]
            if not isinstance(subject, ox.NamedNode) or not isinstance(literal, ox.Literal):
                continue
            for lang, best in ranked.items():
                rank = _label_rank(literal, predicate.value, lang)
                old = best.get(subject.value)
                if old is None or (rank, literal.value) < old:
                    best[subject.value] = (rank, literal.value)
        english = {iri: value for iri, (_, value) in sorted(ranked["en"].items())}
        spanish = {iri: value for iri, (_, value) in sorted(ranked["es"].items())
                   if english.get(iri) != value}
        return english, spanish

    def label(self, iri: str, lang: str = "en") -> str:
        """The label of a resource in ``lang`` ("en" or "es"; untagged, then English, then any
        other when it has none), else a readable end of its IRI."""
        if lang == "es" and iri in self.spanish_labels:
            return self.spanish_labels[iri]
        if iri in self.labels:
            return self.labels[iri]
        return short_name(iri)

    def iri_for_path(self, path: str) -> str | None:
        """The IRI a request path ``id/...`` stands for, if the graph describes it.

        Data is minted under the build's base; reference individuals always live under the
        default base, so both are tried.
        """
        for base in dict.fromkeys((self.base, DEFAULT_BASE)):
            iri = base + path
            if self.exists(iri):
                return iri
        return None

    def path_for_iri(self, iri: str) -> str | None:
        """``id/...`` for an IRI this site serves, else None (an external link)."""
        for base in dict.fromkeys((self.base, DEFAULT_BASE)):
            if iri.startswith(base + "id/"):
                return iri[len(base) :]
        return None

    def exists(self, iri: str) -> bool:
        try:
            node = ox.NamedNode(iri)
        except ValueError:  # not an IRI (a request path with a space, a control character)
            return False
        return bool(next(iter(self.store.quads_for_pattern(node, None, None)), None))

    def named_graphs(self) -> list[str]:
        """The names of the store's named graphs (IRIs only), sorted."""
        return sorted(g.value for g in self.store.named_graphs() if isinstance(g, ox.NamedNode))

    def describe(self, iri: str) -> Description:
        node = ox.NamedNode(iri)
        out = {ox.Triple(q.subject, q.predicate, q.object)
               for q in self.store.quads_for_pattern(node, None, None)}
        inc = {ox.Triple(q.subject, q.predicate, q.object)
               for q in self.store.quads_for_pattern(None, None, node)}
        key = _triple_key
        outgoing = tuple(sorted(out, key=key))
        types = tuple(sorted({t.object.value for t in outgoing if t.predicate.value == RDF_TYPE}))
        return Description(iri, outgoing, tuple(sorted(inc, key=key)), types)

    def serialize(self, triples, media_type: str) -> bytes:
        """Triples in Turtle, JSON-LD or N-Triples, with the project's prefixes."""
        fmt = SERIALIZE_FORMATS[media_type]
        if fmt == ox.RdfFormat.N_TRIPLES:
            return ox.serialize(triples, format=fmt)
        return ox.serialize(triples, format=fmt, prefixes=dict(PREFIXES))

    def instances(self, class_iri: str, with_subclasses: bool = True) -> list[str]:
        """IRIs of the instances of a class, sorted by label."""
        path = "a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>*" if with_subclasses else "a"
        rows = self.query(f"SELECT DISTINCT ?s WHERE {{ ?s {path} <{class_iri}> }}")
        iris = [r["s"].value for r in rows if isinstance(r["s"], ox.NamedNode)]
        return sorted(iris, key=lambda i: (self.label(i).casefold(), i))

    def search(self, text: str, limit: int = 100) -> list[str]:
        """Served resources whose label contains ``text`` (case-insensitive), by label."""
        needle = text.casefold().strip()
        if not needle:
            return []
        hits = [i for i, lab in self.labels.items()
                if needle in lab.casefold() and self.path_for_iri(i)]
        return sorted(hits, key=lambda i: (self.label(i).casefold(), i))[:limit]

    def triple_count(self) -> int:
        """Distinct triples of the union graph (a program stated on two sheets counts once)."""
        rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o "
                          "WHERE { ?s ?p ?o } }")
        return int(next(iter(rows))["n"].value)


def _triple_key(t: ox.Triple) -> tuple[str, str, str]:
    return (str(t.subject), t.predicate.value, str(t.object))


def short_name(iri: str) -> str:
    """A readable name from an IRI with no label: its fragment or last path segment."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    tail = iri.rstrip("/").rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return tail or iri
