"""Validate: SHACL (pyshacl, ``shapes/*.ttl``) over each document graph with its context.

Each document graph is validated with the reference and ontology graphs mixed in (so class
constraints see the explicit subclass axioms) and no inference. Results become typed
:class:`ValidationResult` values naming the focus node's label, the document and the line.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from build_graph import vocab
from build_graph.rdf.mapping import Locations
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
        path = f" [{_short(self.path)}]" if self.path else ""
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

    def to_graph(self, base: str = vocab.DEFAULT_BASE) -> Graph:
        """The report as SHACL RDF, with deterministic IRIs instead of blank nodes."""
        graph = Graph()
        graph.bind("sh", SH)
        for prefix, ns in vocab.PREFIXES.items():
            graph.bind(prefix, ns, replace=True)
        report = URIRef(f"{base}validation/report")
        graph.add((report, RDF.type, SH.ValidationReport))
        graph.add((report, SH.conforms, Literal(self.conforms)))
        for r in self.results:
            digest = hashlib.sha1(repr(r.sort_key()).encode()).hexdigest()[:16]
            node = URIRef(f"{base}validation/result/{digest}")
            graph.add((report, SH.result, node))
            graph.add((node, RDF.type, SH.ValidationResult))
            graph.add((node, SH.resultSeverity, SH[r.severity]))
            graph.add((node, SH.focusNode, URIRef(r.focus)))
            graph.add((node, SH.resultMessage, Literal(r.message)))
            if r.path:
                graph.add((node, SH.resultPath, URIRef(r.path)))
            if r.component:
                graph.add((node, SH.sourceConstraintComponent, URIRef(r.component)))
            if r.value is not None:
                graph.add((node, SH.value, Literal(r.value)))
            if r.document:
                where = f"{r.document}:{r.line}" if r.line else r.document
                graph.add((node, RDFS.comment, Literal(f"{where} ({r.focus_label})")))
        return graph


def load_shapes() -> Graph:
    shapes = Graph()
    for path in data_files("shapes", ".ttl"):
        shapes.parse(path, format="turtle")
    return shapes


def document_graphs(dataset: Dataset) -> list[Graph]:
    """The named graphs that hold a source document's facts, in IRI order."""
    return [dataset.graph(name) for name in sorted(document_graph_names(dataset), key=str)]


def document_graph_names(dataset: Dataset) -> set[URIRef]:
    """Names of the document graphs, found in one pass over the whole dataset (rdflib's memory
    store answers a pattern within one graph by scanning the pattern in every graph, so asking
    graph by graph would grow with the square of the number of documents)."""
    return {
        name
        for name in (_graph_name(q) for q in dataset.quads((None, RDF.type, vocab.SourceDocument)))
        if isinstance(name, URIRef)
    }


def _graph_name(quad) -> object:
    graph = quad[3]
    return getattr(graph, "identifier", graph)


def context_graph(dataset: Dataset) -> Graph:
    """Reference and ontology data: every named graph that is not a document graph."""
    documents = {g.identifier for g in document_graphs(dataset)}
    context = Graph()
    for g in dataset.graphs():
        if g.identifier not in documents and isinstance(g.identifier, URIRef):
            context += g
    return context


def validate(
    dataset: Dataset,
    locations: Locations | None = None,
    shapes: Graph | None = None,
    *,
    workers: int | None = None,
) -> ValidationReport:
    """SHACL-validate the document graphs, each batch with only the context it needs.

    The reference and ontology are validated once, as a run of their own (cached by content
    within a process); document graphs are validated in batches with the materialised types of
    the registry entities they mention (:mod:`build_graph.validate.context`), on ``workers``
    processes (default: the idle cores when there are enough triples to share;
    :mod:`build_graph.validate.jobs`). Results are
    merged in a deterministic order. docs/validation.md has the design and its measured speed.
    """
    shapes = shapes if shapes is not None else load_shapes()
    locations = locations or locations_from_graph(dataset)
    graphs = document_graphs(dataset)
    workers = workers or default_workers(sum(len(g) for g in graphs))
    context = context_graph(dataset)
    jobs = batches(graphs, workers)
    key = _content_key(context, shapes)
    cached = _REFERENCE_RESULTS.get(key)
    if cached is None:
        jobs.insert(0, Job(list(context), documents=False))
    found = run_jobs(jobs, shapes, context, workers)
    if cached is None:
        cached = _REFERENCE_RESULTS[key] = found.pop(0)
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
# the triples: a graph parsed again gets new blank node labels and is simply validated again)
_REFERENCE_RESULTS: dict[str, list[RawResult]] = {}


def _content_key(*graphs: Graph) -> str:
    digest = hashlib.sha256()
    for graph in graphs:
        for line in sorted(" ".join(t.n3() for t in triple) for triple in graph):
            digest.update(line.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def locations_from_graph(dataset: Dataset) -> Locations:
    """Where nodes came from, read back from a built graph (page lines only, no field lines)."""
    locations = Locations()
    documents = document_graph_names(dataset)

    def pairs(prop) -> dict[object, list[tuple[object, object]]]:
        found: dict[object, list[tuple[object, object]]] = {}
        for quad in dataset.quads((None, prop, None)):
            name = _graph_name(quad)
            if name in documents:
                found.setdefault(name, []).append((quad[0], quad[2]))
        return found

    file_names, first_lines = pairs(vocab.fileName), pairs(vocab.firstLine)
    sources, reviews = pairs(vocab.sourceDocument), pairs(vocab.needsReview)
    for graph in sorted(documents, key=str):
        names = {str(doc): str(name) for doc, name in file_names.get(graph, [])}
        name_default = next(iter(sorted(names.values())), None)
        source_of = {str(node): str(doc) for node, doc in sources.get(graph, [])}
        for node, line in first_lines.get(graph, []):
            name = names.get(source_of.get(str(node), ""), name_default)
            if name and isinstance(line, Literal) and line.datatype == XSD.positiveInteger:
                locations.nodes[str(node)] = (name, int(line))
        for node, _ in reviews.get(graph, []):
            if name_default:
                locations.nodes.setdefault(str(node), (name_default, 0))
    return locations


def _short(iri: str) -> str:
    for prefix, ns in vocab.PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri
