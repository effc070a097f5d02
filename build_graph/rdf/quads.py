"""The built dataset as pyoxigraph terms, graph by graph: what the mapping makes and every output
is written from.

rdflib's in-memory ``Dataset`` held about 2–3 KB of Python objects per triple and slowed down as
it grew (its indexes are dicts of sets); a pyoxigraph triple keeps its terms as Rust strings.
rdflib is used only where pyshacl needs it, one validation batch at a time
(:func:`to_rdflib`), and for callers that ask for a ``Dataset`` (:meth:`Quads.to_dataset`).

Order is part of the contract: :meth:`Quads.sorted_quads` yields graphs by name and each graph's
triples by their N-Triples forms (subject, predicate, object), and :meth:`Quads.sorted_triples`
the union of all graphs in the same order, so every serialisation is byte-identical from run to
run.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = ox.NamedNode(XSD + "string")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

# characters XML 1.0 does not allow (its Char production): no output may carry them, since
# the GEXF, GraphML, RDF/XML and SPARQL XML results made from the graph would not parse
XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_NAMED: dict[str, ox.NamedNode] = {}


def iri(value: str) -> ox.NamedNode:
    """A named node; vocabulary terms (rdflib ``URIRef`` are ``str``) are made once.

    >>> iri("http://schema.org/url").value
    'http://schema.org/url'
    """
    value = str(value)
    node = _NAMED.get(value)
    if node is None:
        node = ox.NamedNode(value)
        if len(_NAMED) < 4096:  # the vocabulary, not every entity of a large build
            _NAMED[value] = node
    return node


def literal(value: str, lang: str | None = None, datatype: str | None = None) -> ox.Literal:
    """A literal with a language tag, a datatype IRI, or neither (an ``xsd:string``)."""
    if lang:
        return ox.Literal(value, language=lang)
    if datatype:
        return ox.Literal(value, datatype=iri(datatype))
    return ox.Literal(value)


def xml_safe(term):
    """A literal without the characters XML 1.0 forbids (documents are cleaned when read; this
    keeps anything that comes another way out of every output too); other terms as they are.

    >>> xml_safe(ox.Literal("a\\x00b\\x0cc")).value
    'abc'
    """
    if isinstance(term, ox.Literal) and XML_ILLEGAL.search(term.value):
        value = XML_ILLEGAL.sub("", term.value)
        if term.language:
            return ox.Literal(value, language=term.language)
        return ox.Literal(value, datatype=term.datatype)
    return term


def triple_key(t: ox.Triple) -> tuple[str, str, str]:
    return (str(t.subject), str(t.predicate), str(t.object))


class Quads:
    """Triples by named graph, each triple once per graph.

    A graph being written is a dict of pyoxigraph triples; :meth:`seal` (done by every reader)
    turns it into its N-Triples bytes, sorted by :func:`triple_key`, so a built dataset holds
    about 200 bytes per triple (its text) instead of a Python object per triple, and a reader
    parses one graph at a time.

    >>> q = Quads()
    >>> g = q.graph("http://ex/g")
    >>> g.add((iri("http://ex/s"), RDF_TYPE, iri("http://ex/C")))
    >>> g.add((iri("http://ex/s"), RDF_TYPE, iri("http://ex/C")))
    >>> len(q), q.names()
    (1, ['http://ex/g'])
    """

    def __init__(self) -> None:
        self._open: dict[str, dict[ox.Triple, None]] = {}
        self._sealed: dict[str, bytes] = {}  # graph -> N-Triples, sorted by triple_key
        self._sizes: dict[str, int] = {}
        self._types: dict[str, frozenset[str]] = {}  # graph -> the classes it types nodes with
        self._predicates: dict[str, frozenset[str]] = {}  # graph -> the predicates it uses

    def graph(self, name: str) -> GraphWriter:
        """A writer adding to one graph (a sealed graph is opened again)."""
        name = str(name)
        triples = self._open.get(name)
        if triples is None:
            triples = self._open[name] = dict.fromkeys(self._parse(name))
            self._sealed.pop(name, None)
        return GraphWriter(triples)

    def seal(self) -> None:
        """Every graph being written becomes its sorted N-Triples."""
        for name, triples in self._open.items():
            ordered = sorted(triples, key=triple_key)
            self._sealed[name] = ox.serialize(ordered, format=ox.RdfFormat.N_TRIPLES) or b""
            self._sizes[name] = len(ordered)
            self._types[name] = frozenset(t.object.value for t in ordered
                                          if t.predicate == RDF_TYPE
                                          and isinstance(t.object, ox.NamedNode))
            self._predicates[name] = frozenset(t.predicate.value for t in ordered)
        self._open.clear()

    def _parse(self, name: str) -> Iterator[ox.Quad]:
        """One graph's triples, as the parser gives them: quads in the default graph, which
        every reader takes as triples (asking each for ``.triple`` cost a fifth of writing)."""
        data = self._sealed.get(name)
        if not data:
            return iter(())
        return ox.parse(data, format=ox.RdfFormat.N_TRIPLES)

    def names(self) -> list[str]:
        """The graphs' names, sorted."""
        return sorted(self._sealed.keys() | self._open.keys())

    def triples(self, name: str) -> list[ox.Triple]:
        """One graph's triples, sorted by their N-Triples forms (empty for an unknown graph)."""
        self.seal()
        return [q.triple for q in self._parse(str(name))]

    def ntriples(self, name: str) -> bytes:
        """One graph as N-Triples, its triples sorted by :func:`triple_key`."""
        self.seal()
        return self._sealed.get(str(name), b"")

    def __len__(self) -> int:
        self.seal()
        return sum(self._sizes.values())

    def graph_size(self, name: str) -> int:
        self.seal()
        return self._sizes.get(str(name), 0)

    def vocabulary(self) -> tuple[set[str], set[str]]:
        """The predicates used and the classes nodes are typed with, in all graphs."""
        self.seal()
        return (set().union(*self._predicates.values()), set().union(*self._types.values()))

    def graphs_with_type(self, cls: str) -> set[str]:
        """The graphs that say some node is ``a cls``."""
        self.seal()
        return {name for name, types in self._types.items() if str(cls) in types}

    def types(self) -> Iterator[tuple[str, ox.Quad]]:
        """``(graph, triple)`` for every ``rdf:type`` triple of a named class."""
        self.seal()
        for name in self.names():
            for t in self._parse(name):
                if t.predicate == RDF_TYPE and isinstance(t.object, ox.NamedNode):
                    yield name, t

    def sorted_quads(self) -> Iterator[ox.Quad]:
        """Every quad: graphs by name, triples by N-Triples form."""
        self.seal()
        for name in self.names():
            graph = ox.NamedNode(name)
            for t in self._parse(name):
                yield ox.Quad(t.subject, t.predicate, t.object, graph)

    def sorted_triples(self) -> Iterator[ox.Quad]:
        """The union of all graphs, each triple once, by N-Triples form: a merge of the graphs'
        sorted runs, parsed as it goes (a triple of each graph in memory at a time). They come
        as the parser gives them, quads in the default graph (``.triple`` for a Triple)."""
        self.seal()
        last = None
        for t in heapq.merge(*(self._parse(n) for n in self.names()), key=triple_key):
            if t != last:
                yield t
                last = t

    def sorted_lines(self, with_graph: bool) -> Iterator[list[bytes]]:
        """The N-Triples (or, ``with_graph``, N-Quads) lines of the graphs, in runs of at most
        about 32 MB, each run sorted as bytes; merging the runs gives the files' line order."""
        self.seal()
        run: list[bytes] = []
        size = 0
        for name in self.names():
            data = self._sealed[name]
            lines = data.split(b"\n")
            if with_graph:
                tail = b" <" + name.encode("utf-8") + b"> ."
                lines = [line[:-2] + tail for line in lines if line]
            run.extend(line for line in lines if line)
            size += len(data)
            if size >= RUN_BYTES:
                run.sort()
                yield run
                run, size = [], 0
        if run:
            run.sort()
            yield run

    # -- conversions ---------------------------------------------------------------------------
    @classmethod
    def parse(cls, data: bytes | None = None, *, path=None, format=ox.RdfFormat.N_QUADS) -> Quads:
        """Quads read from N-Quads or TriG (bytes or a file); triples in the default graph are
        not kept (the build writes none)."""
        quads = cls()
        source = ox.parse(data, format=format) if path is None else ox.parse(path=str(path),
                                                                             format=format)
        writers: dict[str, GraphWriter] = {}
        for q in source:
            if isinstance(q.graph_name, ox.NamedNode):
                name = q.graph_name.value
                writer = writers.get(name) or writers.setdefault(name, quads.graph(name))
                writer.add((q.subject, q.predicate, q.object))
        quads.seal()
        return quads

    @classmethod
    def from_dataset(cls, dataset) -> Quads:
        """The quads of an rdflib ``Dataset``."""
        data = dataset.serialize(format="nquads").encode("utf-8")
        return cls.parse(data)

    def to_dataset(self):
        """An rdflib ``Dataset`` with the same quads (for callers and tests that want one)."""
        from rdflib import Dataset, URIRef

        from build_graph import vocab

        dataset = Dataset()
        for prefix, ns in vocab.PREFIXES.items():
            dataset.bind(prefix, ns, replace=True)
        for name in self.names():  # terms made directly: blank nodes keep their labels
            graph = dataset.graph(URIRef(name))
            for triple in to_rdflib(self.triples(name)):
                graph.add(triple)
        return dataset


RUN_BYTES = 32 * 1024 * 1024


class GraphWriter:
    """Adds triples of pyoxigraph terms to one graph of a :class:`Quads` (XML-safe literals)."""

    __slots__ = ("_triples",)

    def __init__(self, triples: dict[ox.Triple, None]) -> None:
        self._triples = triples

    def add(self, triple: tuple) -> None:
        s, p, o = triple
        if isinstance(o, ox.Literal) and XML_ILLEGAL.search(o.value):
            o = xml_safe(o)
        self._triples[ox.Triple(s, p, o)] = None


def to_rdflib(triples: Iterable) -> list[tuple]:
    """rdflib triples with the same terms (lexical forms kept exactly as written); triples
    that are rdflib's already are kept as they are."""
    from rdflib import BNode, Literal, URIRef

    named: dict[str, URIRef] = {}

    def node(term):
        if isinstance(term, ox.NamedNode):
            found = named.get(term.value)
            if found is None:
                found = named[term.value] = URIRef(term.value)
            return found
        if isinstance(term, ox.BlankNode):
            return BNode(term.value)
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=node(term.datatype), normalize=False)

    return [(node(t.subject), node(t.predicate), node(t.object))
            if isinstance(t, (ox.Triple, ox.Quad)) else tuple(t) for t in triples]
