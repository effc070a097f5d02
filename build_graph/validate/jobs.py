"""SHACL runs: document graphs in batches, each with only the context it needs, on every core.

A :class:`Job` is the triples of one pyshacl run. A document job is validated with the context
triples :class:`~build_graph.validate.context.ValidationContext` picks for it, with only the
shapes that target its own nodes, and keeps only results on its own nodes; the reference job
(registry and ontology) is validated whole, once. Jobs run in worker processes (the triples are
the payload, pickled; each worker builds the shapes and context index once) and their results
come back in job order, so the merged report does not depend on scheduling.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDFS, SKOS

from build_graph import vocab
from build_graph.cores import available_cores, busy_elsewhere
from build_graph.rdf.quads import to_rdflib
from build_graph.validate.context import Triple, ValidationContext

SH = vocab.SH
SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
BATCH_TRIPLES = 4_000  # most instance triples validated in one pyshacl run
MIN_BATCH_TRIPLES = 500  # fewer and pyshacl's own start-up (~8 ms a run) dominates

# (severity, focus, focus label, path, message, value, component): a result before it is located
RawResult = tuple[str, str, str, str | None, str, str | None, str | None]


@dataclass(frozen=True)
class Job:
    # N-Triples (the document graphs' own text: small to send to a worker), or triples
    # (pyoxigraph's or rdflib's); rdflib's terms are made by the process that validates them
    triples: bytes | list
    documents: bool  # True: document graphs (context added, own nodes only); False: reference

    def rdflib_triples(self) -> list:
        if isinstance(self.triples, bytes):
            parsed = ox.parse(self.triples, format=ox.RdfFormat.N_TRIPLES)
            return to_rdflib(q.triple for q in parsed)
        return to_rdflib(self.triples)


def batches(graphs: Iterable[tuple[bytes, int]], workers: int, total: int) -> Iterator[Job]:
    """Document graphs (their N-Triples and size; ``total`` triples in all) grouped so each core
    gets at least two jobs, none above BATCH_TRIPLES. Made as they are asked for, so only the
    batches being validated are held twice."""
    size = max(MIN_BATCH_TRIPLES, min(BATCH_TRIPLES, -(-total // (2 * max(workers, 1)))))
    parts: list[bytes] = []
    count = 0
    for data, n in graphs:
        if count and count + n > size:
            yield Job(b"".join(parts), True)
            parts, count = [], 0
        parts.append(data)
        count += n
    if count:
        yield Job(b"".join(parts), True)


PARALLEL_MIN_TRIPLES = 20_000  # below this, starting worker processes costs more than it saves


def default_workers(instance_triples: int) -> int:
    """Processes worth starting: the idle cores, when there is enough data to share.

    On a busy machine a second process only competes with the first: with a load average of
    4 to 5 on 2 cores, 2 workers were slower than 1 at 10, 100 and 350 sheets (docs/validation.md).
    """
    if instance_triples < PARALLEL_MIN_TRIPLES:
        return 1
    cores = available_cores()
    return max(1, min(cores, int(cores - busy_elsewhere() + 0.5)))


class Runner:
    """The shapes and the context index, built once per process."""

    def __init__(self, shapes: Graph, context: Graph) -> None:
        self.shapes = shapes
        self.context = ValidationContext(context, shapes)

    def run(self, job: Job) -> list[RawResult]:
        """One pyshacl run (SHACL Core, no inference) over a job's triples."""
        from pyshacl import validate as shacl

        triples, focus, use_shapes = job.rdflib_triples(), None, None
        if job.documents:
            focus = {s for s, _p, _o in triples}
            triples = triples + list(self.context.triples_for(triples))
            use_shapes = self.context.shapes_for(triples, focus)
            if not use_shapes:
                return []  # no shape targets these nodes
        data = Graph(bind_namespaces="core")
        for prefix, namespace in vocab.PREFIXES.items():
            data.bind(prefix, namespace)  # so pyshacl's messages find a prefix at once
        for triple in triples:
            data.add(triple)
        _conforms, report, _text = shacl(
            data,
            shacl_graph=self.shapes,
            inference="none",
            advanced=False,
            js=False,
            meta_shacl=False,
            abort_on_first=False,
            allow_warnings=True,
            inplace=True,
            use_shapes=use_shapes,
        )
        # nested results may be on a registry entity, named in the context
        return _raw_results(report, (data, self.context.labels), focus)


def run_jobs(
    jobs: Iterable[Job], shapes: Graph, context: Graph, workers: int
) -> list[list[RawResult]]:
    """Each job's results, in job order; on ``workers`` processes when more than one, with at
    most two jobs per worker sent ahead (the jobs are made as they are sent)."""
    import pyshacl  # noqa: F401  (imported before forking, so workers inherit it)

    if workers <= 1:
        runner = Runner(shapes, context)
        return [runner.run(job) for job in jobs]
    results: list[list[RawResult]] = []
    todo = iter(jobs)
    with ProcessPoolExecutor(
        workers, initializer=_start_worker, initargs=(list(shapes), list(context))
    ) as pool:
        pending = deque(pool.submit(_worker_job, job) for job in islice(todo, 2 * workers))
        while pending:
            results.append(pending.popleft().result())
            job = next(todo, None)
            if job is not None:
                pending.append(pool.submit(_worker_job, job))
    return results


_RUNNER: Runner | None = None


def _start_worker(shapes: list[Triple], context: list[Triple]) -> None:
    global _RUNNER
    shapes_graph, context_graph = Graph(), Graph()
    for triple in shapes:
        shapes_graph.add(triple)
    for triple in context:
        context_graph.add(triple)
    _RUNNER = Runner(shapes_graph, context_graph)


def _worker_job(job: Job) -> list[RawResult]:
    assert _RUNNER is not None, "worker started without shapes"
    return _RUNNER.run(job)


def _label(graphs: tuple[Graph, ...], node) -> str:
    for graph in graphs:
        for prop in (RDFS.label, SKOS.prefLabel):
            for value in sorted(graph.objects(node, prop), key=str):
                return str(value)
    return str(node)


def _raw_results(report: Graph, labels: tuple[Graph, ...], focus: set | None) -> list[RawResult]:
    """Every result (nested ``sh:detail`` ones too) under a top-level result on a ``focus`` node."""
    todo = [
        r
        for r in report.objects(None, SH.result)
        if focus is None or report.value(r, SH.focusNode) in focus
    ]
    kept = set()
    while todo:
        node = todo.pop()
        if node not in kept:
            kept.add(node)
            todo.extend(report.objects(node, SH.detail))
    return [_raw_result(report, node, labels) for node in kept]


def _raw_result(report: Graph, node, labels: tuple[Graph, ...]) -> RawResult:
    focus = report.value(node, SH.focusNode)
    path = report.value(node, SH.resultPath)
    value = report.value(node, SH.value)
    component = report.value(node, SH.sourceConstraintComponent)
    messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
    return (
        SEVERITIES.get(report.value(node, SH.resultSeverity), "Violation"),
        str(focus),
        _label(labels, focus),
        str(path) if isinstance(path, URIRef) else None,
        "; ".join(messages) or "constraint not met",
        None if value is None or isinstance(value, BNode) else str(value),
        str(component) if component is not None else None,
    )
