"""Validate: SHACL (pyshacl, ``shapes/*.ttl``) over each document graph with its context.

Each document graph is validated with the reference and ontology graphs mixed in (so class
constraints see the explicit subclass axioms) and no inference. Results become typed
:class:`ValidationResult` values naming the focus node's label, the document and the line.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from itertools import chain

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.namespace import RDF, RDFS, XSD

from build_graph import cache, vocab
from build_graph.rdf.mapping import Locations
from build_graph.rdf.quads import Quads, iri, literal, to_rdflib
from build_graph.resources import data_files
from build_graph.validate.jobs import Job, RawResult, batches, default_workers, run_jobs

SH = vocab.SH
SEVERITY_ORDER = ("Violation", "Warning", "Info")


@dataclass(frozen=True)
class ValidationResult:
    severity: str  # "Violation", "Warning" or "Info"
    focus: str
    focus_label: str
    document: str | None
    line: int | None
    message: str
    path: str | None
    value: str | None
    component: str | None

    def __str__(self) -> str:
        where = self.document or "(reference data)"
        if self.line:
            where = f"{where}:{self.line}"
        path = f" [{vocab.curie(self.path)}]" if self.path else ""
        return f"{where}: {self.severity}: {self.focus_label}{path}: {self.message}"

    def sort_key(self) -> tuple:
        return (
            SEVERITY_ORDER.index(self.severity),
            self.document or "",
            self.line or 0,
            self.focus,
            self.path or "",
            self.message,
            self.value or "",
        )


@dataclass(frozen=True)
class ValidationReport:
    results: tuple[ValidationResult, ...]

    @property
    def conforms(self) -> bool:
        """True when there is no Violation (warnings never fail a build)."""
        return not any(r.severity == "Violation" for r in self.results)

    def counts(self) -> dict[str, int]:
        found = Counter(r.severity for r in self.results)
        return {s: found.get(s, 0) for s in SEVERITY_ORDER}

    def to_triples(self, base: str = vocab.DEFAULT_BASE) -> list[ox.Triple]:
        """The report as SHACL RDF, with deterministic IRIs instead of blank nodes."""
        sh = str(SH)
        report = iri(f"{base}validation/report")
        triples = [
            (report, iri(RDF.type), iri(SH.ValidationReport)),
            (report, iri(SH.conforms), literal("true" if self.conforms else "false",
                                               datatype=XSD.boolean)),
        ]
        for r in self.results:
            digest = hashlib.sha1(repr(r.sort_key()).encode()).hexdigest()[:16]
            node = ox.NamedNode(f"{base}validation/result/{digest}")
            triples += [
                (report, iri(SH.result), node),
                (node, iri(RDF.type), iri(SH.ValidationResult)),
                (node, iri(SH.resultSeverity), iri(sh + r.severity)),
                (node, iri(SH.focusNode), ox.NamedNode(r.focus)),
                (node, iri(SH.resultMessage), literal(r.message)),
            ]
            if r.path:
                triples.append((node, iri(SH.resultPath), ox.NamedNode(r.path)))
            if r.component:
                triples.append((node, iri(SH.sourceConstraintComponent),
                                ox.NamedNode(r.component)))
            if r.value is not None:
                triples.append((node, iri(SH.value), literal(r.value)))
            if r.document:
                where = f"{r.document}:{r.line}" if r.line else r.document
                triples.append((node, iri(RDFS.comment), literal(f"{where} ({r.focus_label})")))
        return [ox.Triple(*t) for t in triples]

    def to_graph(self, base: str = vocab.DEFAULT_BASE) -> Graph:
        """The report as an rdflib graph (the triples of :meth:`to_triples`)."""
        graph = Graph()
        graph.bind("sh", SH)
        for prefix, ns in vocab.PREFIXES.items():
            graph.bind(prefix, ns, replace=True)
        for triple in to_rdflib(self.to_triples(base)):
            graph.add(triple)
        return graph


def load_shapes() -> Graph:
    shapes = Graph()
    for path in data_files("shapes", ".ttl"):
        shapes.parse(path, format="turtle")
    return shapes


_SOURCE_DOCUMENT = iri(vocab.SourceDocument)


def _as_quads(data: Quads | Dataset) -> Quads:
    return data if isinstance(data, Quads) else Quads.from_dataset(data)


def document_graph_names(data: Quads | Dataset) -> set[str]:
    """Names of the graphs that hold a source document's facts."""
    return _as_quads(data).graphs_with_type(_SOURCE_DOCUMENT.value)


def context_triples(quads: Quads) -> list:
    """Reference and ontology data: the triples of every graph that is not a document graph, in
    graph and triple order."""
    documents = document_graph_names(quads)
    return [t for name in quads.names() if name not in documents for t in quads.triples(name)]


def context_graph(data: Quads | Dataset) -> Graph:
    """The context triples as an rdflib graph (what pyshacl reads)."""
    return _graph_of(context_triples(_as_quads(data)))


def _graph_of(triples: list) -> Graph:
    graph = Graph()
    for triple in to_rdflib(triples):
        graph.add(triple)
    return graph


def validate(
    data: Quads | Dataset,
    locations: Locations | None = None,
    shapes: Graph | None = None,
    *,
    workers: int | None = None,
) -> ValidationReport:
    """SHACL-validate the document graphs, each batch with only the context it needs.

    The reference and ontology are validated once, as a run of their own (its results cached by
    the content of the context and the shapes); document graphs are validated in batches with
    the materialised types of the registry entities they mention
    (:mod:`build_graph.validate.context`), on ``workers`` processes (default: the idle cores when
    there are enough triples to share; :mod:`build_graph.validate.jobs`). Each batch becomes an
    rdflib graph only while it is validated. Results are merged in a deterministic order.
    docs/validation.md has the design and its measured speed.
    """
    quads = _as_quads(data)
    shapes = shapes if shapes is not None else load_shapes()
    locations = locations or locations_from_graph(quads)
    documents = sorted(document_graph_names(quads))
    total = sum(quads.graph_size(name) for name in documents)
    workers = workers or default_workers(total)
    reference = context_triples(quads)
    context = _graph_of(reference)
    jobs = batches(((quads.ntriples(name), quads.graph_size(name)) for name in documents),
                   workers, total)
    key = _content_key(context, shapes)
    cached = _reference_results(key)
    if cached is None:
        jobs = chain([Job(reference, documents=False)], jobs)
    found = run_jobs(jobs, shapes, context, workers)
    if cached is None:
        cached = found.pop(0)
        _REFERENCE_RESULTS[key] = cached
        cache.write("shacl-reference", key, {"results": cached})
    return report_of([r for raw in [cached, *found] for r in raw], locations)


def report_of(raw: list[RawResult], locations: Locations) -> ValidationReport:
    """Results located in their documents, without duplicates, in a deterministic order."""
    results: dict[tuple, ValidationResult] = {}
    for severity, focus, label, path, message, value, component in raw:
        document, line = locations.locate(focus, path, value)
        result = ValidationResult(
            severity, focus, label, document, line, message, path, value, component
        )
        results.setdefault(result.sort_key(), result)
    return ValidationReport(tuple(sorted(results.values(), key=ValidationResult.sort_key)))


# results of the reference run by the content of the reference and the shapes (exact text of
# the triples: a graph parsed again gets new blank node labels and is simply validated again),
# kept in this process and in the machine cache, so a build validates the reference once per
# machine, not once per build
_REFERENCE_RESULTS: dict[str, list[RawResult]] = {}


def _reference_results(key: str) -> list[RawResult] | None:
    found = _REFERENCE_RESULTS.get(key)
    if found is None:
        stored = cache.read("shacl-reference", key)
        try:
            found = [_raw(r) for r in stored["results"]] if stored is not None else None
        except (KeyError, TypeError, ValueError):
            found = None  # a cache of another version: validate again
        if found is not None:
            _REFERENCE_RESULTS[key] = found
    return found


def _raw(row: list) -> RawResult:
    severity, focus, label, path, message, value, component = row
    if not all(isinstance(x, str) for x in (severity, focus, label, message)):
        raise ValueError("not a result")
    return (severity, focus, label, path, message, value, component)


def _content_key(context: Graph, shapes: Graph) -> str:
    """The context by the exact text of its triples (its blank nodes carry labels made from
    their content), the shapes by a digest that does not depend on their blank nodes' labels
    (new at every parse), and the pyshacl version."""
    import importlib.metadata

    from rdflib.compare import to_isomorphic

    digest = hashlib.sha256(importlib.metadata.version("pyshacl").encode() + b"\0")
    for line in sorted(" ".join(t.n3() for t in triple) for triple in context):
        digest.update(line.encode())
    digest.update(b"\0" + str(to_isomorphic(shapes).graph_digest()).encode())
    return digest.hexdigest()


def locations_from_graph(data: Quads | Dataset) -> Locations:
    """Where nodes came from, read back from a built graph (page lines only, no field lines)."""
    quads = _as_quads(data)
    locations = Locations()
    wanted = {iri(p).value: p for p in (vocab.fileName, vocab.firstLine, vocab.sourceDocument,
                                        vocab.needsReview)}
    positive = iri(XSD.positiveInteger)
    for graph in sorted(document_graph_names(quads)):
        found: dict[str, list] = {p: [] for p in wanted}
        for t in quads.triples(graph):
            if t.predicate.value in found:
                found[t.predicate.value].append(t)
        names = {t.subject.value: t.object.value for t in found[str(vocab.fileName)]}
        name_default = next(iter(sorted(names.values())), None)
        source_of = {t.subject.value: t.object.value for t in found[str(vocab.sourceDocument)]}
        for t in found[str(vocab.firstLine)]:
            node, line = t.subject.value, t.object
            name = names.get(source_of.get(node, ""), name_default)
            if name and isinstance(line, ox.Literal) and line.datatype == positive:
                locations.nodes[node] = (name, int(line.value))
        for t in found[str(vocab.needsReview)]:
            if name_default:
                locations.nodes.setdefault(t.subject.value, (name_default, 0))
    return locations
