"""Outputs: the graph serialisations, byte-identical across runs, written atomically.

Every format is written from the same sorted quads (the build mints no blank nodes, and the
reference's blank nodes are labelled from their content), so reruns give the same bytes. Graph
files are streamed to disk one at a time (:func:`write_graph_files`).
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Dataset, Graph

from build_graph import vocab
from build_graph.rdf.jsonld import write_compact
from build_graph.rdf.quads import XML_ILLEGAL, Quads, xml_safe

__all__ = ["XML_ILLEGAL", "atomic_file", "atomic_write", "serialise", "turtle",
           "write_graph_files", "xml_safe"]

_UMASK = os.umask(0)
os.umask(_UMASK)

GRAPH_FILES = ("graph.trig", "graph.ttl", "graph.nt", "graph.nq", "graph.jsonld")


@contextmanager
def atomic_file(path: Path) -> Iterator[IO[bytes]]:
    """A binary file that appears at ``path`` whole when the block ends, or not at all: a
    crash leaves either the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; give the usual permissions
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_file`)."""
    with atomic_file(path) as handle:
        handle.write(data)


def _prefixes() -> dict[str, str]:
    return {p: ns for p, ns in sorted(vocab.PREFIXES.items()) if p != "sh"}


def _sorted_lines(data: bytes) -> bytes:
    """The distinct lines of N-Triples or N-Quads, sorted (as bytes: UTF-8 sorts as its code
    points do, so the order is the text's)."""
    lines = sorted({line for line in data.split(b"\n") if line.strip()})
    return b"\n".join(lines) + b"\n" if lines else b""


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


def _writers(quads: Quads) -> dict[str, Callable[[IO[bytes]], None]]:
    """For each graph file, a function writing it to a binary stream.

    pyoxigraph writes every format from our own sorted order of the quads (far faster than
    rdflib's serialisers, and deterministic because the order is ours); JSON-LD is compacted by
    :func:`~build_graph.rdf.jsonld.write_compact`. Each file is written from the quads alone,
    so one file's bytes are freed before the next is made.
    """
    prefixes = _prefixes()

    def lines(items: Callable[[], Iterable], fmt: ox.RdfFormat) -> Callable[[IO[bytes]], None]:
        return lambda out: out.write(_sorted_lines(_bytes(items(), fmt)))

    return {
        "graph.trig": lambda out: ox.serialize(quads.sorted_quads(), out, ox.RdfFormat.TRIG,
                                               prefixes=prefixes),
        "graph.ttl": lambda out: ox.serialize(quads.sorted_triples(), out,
                                              ox.RdfFormat.TURTLE, prefixes=prefixes),
        "graph.nt": lines(quads.sorted_triples, ox.RdfFormat.N_TRIPLES),
        "graph.nq": lines(quads.sorted_quads, ox.RdfFormat.N_QUADS),
        "graph.jsonld": lambda out: write_compact(quads.sorted_triples, out),
    }


def write_graph_files(out_dir: Path, quads: Quads) -> list[Path]:
    """Write each graph file atomically, in name order; the paths written."""
    written = []
    for name, write in sorted(_writers(quads).items()):
        path = out_dir / name
        with atomic_file(path) as handle:
            write(handle)
        written.append(path)
    return written


def serialise(data: Quads | Dataset) -> dict[str, bytes]:
    """The graph files' bytes, by file name: the same triples in every format, in a fixed order
    (the build writes them straight to files with :func:`write_graph_files`)."""
    quads = data if isinstance(data, Quads) else Quads.from_dataset(data)
    files = {}
    for name, write in _writers(quads).items():
        buffer = io.BytesIO()
        write(buffer)
        files[name] = buffer.getvalue()
    return files


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
