"""Validate: SHACL (pyshacl, ``shapes/*.ttl``) over each document graph with its context.

Each document graph is validated with the reference and ontology graphs mixed in (so class
constraints see the explicit subclass axioms) and no inference. Results become typed
:class:`ValidationResult` values naming the focus node's label, the document and the line.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from build_graph import vocab
from build_graph.mapping import Locations
from build_graph.resources import data_files

SH = vocab.SH
SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
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
    found = [
        g
        for g in dataset.graphs()
        if isinstance(g.identifier, URIRef) and (None, RDF.type, vocab.SourceDocument) in g
    ]
    return sorted(found, key=lambda g: str(g.identifier))


def context_graph(dataset: Dataset) -> Graph:
    """Reference and ontology data: every named graph that is not a document graph."""
    documents = {g.identifier for g in document_graphs(dataset)}
    context = Graph()
    for g in dataset.graphs():
        if g.identifier not in documents and isinstance(g.identifier, URIRef):
            context += g
    return context


BATCH_TRIPLES = 50_000  # instance triples validated in one pyshacl run


def _batches(graphs: list[Graph]) -> list[list[Graph]]:
    """Document graphs grouped so each pyshacl run sees about BATCH_TRIPLES instance triples."""
    batches: list[list[Graph]] = [[]]
    size = 0
    for graph in graphs:
        if batches[-1] and size + len(graph) > BATCH_TRIPLES:
            batches.append([])
            size = 0
        batches[-1].append(graph)
        size += len(graph)
    return batches


def validate(
    dataset: Dataset, locations: Locations | None = None, shapes: Graph | None = None
) -> ValidationReport:
    """SHACL-validate the document graphs, with the reference and ontology added, no inference.

    Document graphs are validated in batches: the reference and ontology (about 2,000 triples,
    with their own targets) are added once per batch rather than once per document, which made
    per-document runs about 5 times slower on ten sheets.
    """
    from pyshacl import validate as shacl

    shapes = shapes if shapes is not None else load_shapes()
    locations = locations or locations_from_graph(dataset)
    context = context_graph(dataset)
    results: dict[tuple, ValidationResult] = {}
    for batch in _batches(document_graphs(dataset)):
        # pyshacl's ont_graph mixes in axioms only, not the reference individuals' types,
        # so the context is added to a copy of the document graphs instead
        data = Graph()
        for graph in batch:
            data += graph
        data += context
        _conforms, report, _text = shacl(
            data, shacl_graph=shapes, inference="none", allow_warnings=True, inplace=True
        )
        labels = _LabelSource(data)
        for result in _results(report, labels, locations):
            results.setdefault(result.sort_key(), result)
    return ValidationReport(tuple(sorted(results.values(), key=ValidationResult.sort_key)))


class _LabelSource:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def label(self, node) -> str:
        for prop in (RDFS.label, SKOS.prefLabel):
            for value in sorted(self.graph.objects(node, prop), key=str):
                return str(value)
        return str(node)


def _results(report: Graph, labels: _LabelSource, locations: Locations):
    for node in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(node, SH.focusNode)
        path = report.value(node, SH.resultPath)
        severity = SEVERITIES.get(report.value(node, SH.resultSeverity), "Violation")
        messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
        value = report.value(node, SH.value)
        component = report.value(node, SH.sourceConstraintComponent)
        path_str = str(path) if isinstance(path, URIRef) else None
        value_str = None if value is None or isinstance(value, BNode) else str(value)
        document, line = locations.locate(str(focus), path_str, value_str)
        yield ValidationResult(
            severity,
            str(focus),
            labels.label(focus),
            document,
            line,
            "; ".join(messages) or "constraint not met",
            path_str,
            value_str,
            str(component) if component is not None else None,
        )


def locations_from_graph(dataset: Dataset) -> Locations:
    """Where nodes came from, read back from a built graph (page lines only, no field lines)."""
    locations = Locations()
    for graph in document_graphs(dataset):
        names = {str(doc): str(name) for doc, name in graph.subject_objects(vocab.fileName)}
        name_default = next(iter(sorted(names.values())), None)
        for node, line in graph.subject_objects(vocab.firstLine):
            doc = graph.value(node, vocab.sourceDocument)
            name = names.get(str(doc), name_default)
            if name and isinstance(line, Literal) and line.datatype == XSD.positiveInteger:
                locations.nodes[str(node)] = (name, int(line))
        for node in graph.subjects(vocab.needsReview, None):
            if name_default:
                locations.nodes.setdefault(str(node), (name_default, 0))
    return locations


def _short(iri: str) -> str:
    for prefix, ns in vocab.PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri
