"""Outputs: the graph serialisations, byte-identical across runs, written atomically.

Every format is written from the same sorted quads (the build mints no blank nodes, and the
reference's blank nodes are labelled from their content), so reruns give the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from build_graph import vocab
from build_graph.rdf.jsonld import compact

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


# characters XML 1.0 does not allow (its Char production): no output may carry them, since
# the GEXF, GraphML, RDF/XML and SPARQL XML results made from the graph would not parse
XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


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


def _safe_quad(q: ox.Quad) -> ox.Quad:
    if isinstance(q.object, ox.Literal) and XML_ILLEGAL.search(q.object.value):
        return ox.Quad(q.subject, q.predicate, xml_safe(q.object), q.graph_name)
    return q


def _quads(dataset: Dataset) -> list[ox.Quad]:
    """The dataset's quads in pyoxigraph terms, sorted by graph, subject, predicate, object."""
    data = dataset.serialize(format="nquads").encode("utf-8")
    quads = ox.parse(data, format=ox.RdfFormat.N_QUADS)
    return sorted({_safe_quad(q) for q in quads}, key=_quad_key)


def _quad_key(q: ox.Quad) -> tuple[str, str, str, str]:
    return (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))


def _triples(quads: list[ox.Quad]) -> list[ox.Triple]:
    """Every triple of every graph, once, sorted by subject, predicate, object."""
    unique = {q.triple for q in quads}
    return sorted(unique, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def _prefixes() -> dict[str, str]:
    return {p: ns for p, ns in sorted(vocab.PREFIXES.items()) if p != "sh"}


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted({line for line in data.decode("utf-8").splitlines() if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def turtle(graph: Graph) -> bytes:
    """One rdflib graph as Turtle, triples sorted (deterministic, and written by pyoxigraph)."""
    data = graph.serialize(format="nt").encode("utf-8")
    triples = {
        ox.Triple(t.subject, t.predicate, xml_safe(t.object))
        for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    }
    ordered = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return _bytes(ordered, ox.RdfFormat.TURTLE, _prefixes())


def _bytes(items, fmt: ox.RdfFormat, prefixes: dict[str, str] | None = None) -> bytes:
    """``pyoxigraph.serialize`` into memory (it returns bytes when given no output)."""
    data = ox.serialize(items, format=fmt, prefixes=prefixes)
    assert data is not None
    return data


def serialise(dataset: Dataset) -> dict[str, bytes]:
    """The graph files, by file name: the same triples in every format, in a fixed order.

    pyoxigraph writes them from sorted quads (far faster than rdflib's serialisers, and
    deterministic because the order is ours); JSON-LD is compacted by ``jsonld.compact``.
    """
    quads = _quads(dataset)
    triples = _triples(quads)
    prefixes = _prefixes()
    return {
        "graph.trig": _bytes(quads, ox.RdfFormat.TRIG, prefixes),
        "graph.ttl": _bytes(triples, ox.RdfFormat.TURTLE, prefixes),
        "graph.nt": _sorted_lines(_bytes(triples, ox.RdfFormat.N_TRIPLES)),
        "graph.nq": _sorted_lines(_bytes(quads, ox.RdfFormat.N_QUADS)),
        "graph.jsonld": compact(triples),
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


def write_csv(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    """UTF-8 CSV with a header row, ``\n`` line ends, rows in the order given."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    atomic_write(path, buffer.getvalue().encode("utf-8"))
