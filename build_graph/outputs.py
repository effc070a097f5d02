"""Outputs: the graph serialisations, byte-identical across runs, written atomically.

Turtle and TriG come from rdflib (its serialisers sort subjects and predicates; the build mints
no blank nodes). N-Triples and N-Quads are sorted line by line. JSON-LD is compacted with a
context giving our terms short names, then normalised (nodes by ``@id``, values sorted).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from build_graph import vocab

_UMASK = os.umask(0)
os.umask(_UMASK)

GRAPH_FILES = ("graph.trig", "graph.ttl", "graph.nt", "graph.nq", "graph.jsonld")


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so a crash leaves either the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; give the usual permissions
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def merged_graph(dataset: Dataset) -> Graph:
    """Every triple of every graph of the dataset in one graph, with the dataset's prefixes."""
    graph = Graph()
    for prefix, ns in dataset.namespaces():
        graph.bind(prefix, ns, override=True, replace=True)
    for g in dataset.graphs():
        graph += g
    return graph


def _sorted_lines(text: str) -> bytes:
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def jsonld_context(graph: Graph) -> dict[str, str]:
    """Prefixes, plus a short name for each of our terms (its local name when unambiguous)."""
    context: dict[str, str] = {
        p: ns for p, ns in sorted(vocab.PREFIXES.items()) if p not in ("sh",)
    }
    terms = set(graph.predicates()) | set(graph.objects(None, RDF.type))
    ours = (str(vocab.OASKG), str(vocab.SCHEMA), str(vocab.ORG))
    locals_: dict[str, list[str]] = {}
    for term in sorted(str(t) for t in terms if isinstance(t, URIRef)):
        for ns in ours:
            local = term[len(ns) :]
            if term.startswith(ns) and local.isidentifier():
                locals_.setdefault(local, []).append(term)
    for local, iris in sorted(locals_.items()):
        if len(iris) == 1 and local not in context:
            context[local] = iris[0]
    context["label"] = str(vocab.RDFS.label) if "label" not in context else context["label"]
    return context


def _normalise_jsonld(data) -> object:
    if isinstance(data, dict):  # a @list keeps its order; other arrays are sets
        return {k: v if k == "@list" else _normalise_jsonld(v) for k, v in data.items()}
    if isinstance(data, list):
        items = [_normalise_jsonld(v) for v in data]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return data


def to_jsonld(graph: Graph) -> bytes:
    context = jsonld_context(graph)
    text = graph.serialize(format="json-ld", context=context, auto_compact=True)
    data = json.loads(text)
    if "@graph" in data:
        data["@graph"] = sorted(
            (_normalise_jsonld(n) for n in data["@graph"]), key=lambda n: n.get("@id", "")
        )
    else:  # one node only: keep it as a one-element graph
        body = {k: v for k, v in data.items() if k != "@context"}
        data = {"@context": data.get("@context", context), "@graph": [_normalise_jsonld(body)]}
    ordered = {"@context": data["@context"], "@graph": data["@graph"]}
    return (json.dumps(ordered, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()


def to_trig(dataset: Dataset) -> bytes:
    """TriG with the named graphs in IRI order (rdflib's own order varies from run to run)."""
    prefixes: set[str] = set()
    blocks: list[str] = []
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if len(graph) == 0 or not isinstance(graph.identifier, URIRef):
            continue
        body: list[str] = []
        one = Graph()
        for prefix, ns in dataset.namespaces():
            one.bind(prefix, ns, override=True, replace=True)
        one += graph
        # lines are kept as they are: indenting them would change multi-line literals
        for line in one.serialize(format="turtle").split("\n"):
            if line.startswith("@prefix") and not body:
                prefixes.add(line)
            elif line.strip() or body:
                body.append(line)
        blocks.append(f"<{graph.identifier}> {{\n" + "\n".join(body).rstrip() + "\n}\n")
    return ("\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)).encode("utf-8")


def serialise(dataset: Dataset) -> dict[str, bytes]:
    """The graph files, by file name."""
    merged = merged_graph(dataset)
    return {
        "graph.trig": to_trig(dataset),
        "graph.ttl": merged.serialize(format="turtle").encode("utf-8"),
        "graph.nt": _sorted_lines(merged.serialize(format="nt")),
        "graph.nq": _sorted_lines(dataset.serialize(format="nquads")),
        "graph.jsonld": to_jsonld(merged),
    }


def write_files(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write each file atomically, in name order; the paths written."""
    written = []
    for name in sorted(files):
        path = out_dir / name
        atomic_write(path, files[name])
        written.append(path)
    return written


def write_json(path: Path, data: object) -> None:
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    atomic_write(path, text.encode("utf-8"))
