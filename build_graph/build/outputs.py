"""Outputs: the graph serialisations, byte-identical across runs, written atomically.

Every format is written from the same sorted quads (the build mints no blank nodes, and the
reference's blank nodes are labelled from their content), so reruns give the same bytes. Graph
files are streamed to disk one at a time (:func:`write_graph_files`).
"""

from __future__ import annotations

import csv
import heapq
import io
import json
import json.encoder
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from itertools import chain
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Dataset

from build_graph import vocab
from build_graph.rdf.jsonld import write_compact
from build_graph.rdf.quads import XML_ILLEGAL, Quads, triple_key, xml_safe

__all__ = ["XML_ILLEGAL", "Pairs", "atomic_file", "atomic_write", "serialise", "turtle",
           "write_graph_files", "write_json_stream", "xml_safe"]

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


def _write_sorted_lines(out: IO[bytes], runs: Iterator[list[bytes]], scratch: Path | None) -> None:
    """Write the distinct lines of sorted runs, merged in byte order (UTF-8 sorts as its code
    points do, so the order is the text's). More than one run is merged from files in
    ``scratch`` (an external sort: no more than one run is in memory at once)."""
    first = next(runs, None)
    second = next(runs, None)
    if second is None:  # one run, or none: no files needed
        _write_distinct(out, (line + b"\n" for line in first or ()))
        return
    with tempfile.TemporaryDirectory(prefix=".sort-", dir=scratch) as folder:
        paths = []
        for i, run in enumerate(chain((first, second), runs)):
            paths.append(Path(folder) / f"run-{i}")
            with paths[-1].open("wb") as handle:
                handle.writelines(line + b"\n" for line in run)
            del run
        with ExitStack() as stack:
            handles = [stack.enter_context(p.open("rb")) for p in paths]
            _write_distinct(out, heapq.merge(*handles))


def _write_distinct(out: IO[bytes], lines: Iterable[bytes]) -> None:
    last = None
    for line in lines:
        if line != last:
            out.write(line)
            last = line


def turtle(triples: Iterable[ox.Triple]) -> bytes:
    """Triples as Turtle, sorted and XML-safe (deterministic, and written by pyoxigraph)."""
    unique = {ox.Triple(t.subject, t.predicate, xml_safe(t.object)) for t in triples}
    return _bytes(sorted(unique, key=triple_key), ox.RdfFormat.TURTLE, _prefixes())


def _bytes(items, fmt: ox.RdfFormat, prefixes: dict[str, str] | None = None) -> bytes:
    """``pyoxigraph.serialize`` into memory (it returns bytes when given no output)."""
    data = ox.serialize(items, format=fmt, prefixes=prefixes)
    assert data is not None
    return data


def _writers(quads: Quads, scratch: Path | None = None) -> dict[str, Callable[[IO[bytes]], None]]:
    """For each graph file, a function writing it to a binary stream.

    pyoxigraph writes every format from our own sorted order of the quads (far faster than
    rdflib's serialisers, and deterministic because the order is ours); JSON-LD is compacted by
    :func:`~build_graph.rdf.jsonld.write_compact`; N-Triples and N-Quads are the graphs' lines
    merged in byte order. Each file is streamed from the quads alone, a graph or a run of lines
    at a time, so no file is ever whole in memory.
    """
    prefixes = _prefixes()
    return {
        "graph.trig": lambda out: ox.serialize(quads.sorted_quads(), out, ox.RdfFormat.TRIG,
                                               prefixes=prefixes),
        "graph.ttl": lambda out: ox.serialize(quads.sorted_triples(), out,
                                              ox.RdfFormat.TURTLE, prefixes=prefixes),
        "graph.nt": lambda out: _write_sorted_lines(out, quads.sorted_lines(False), scratch),
        "graph.nq": lambda out: _write_sorted_lines(out, quads.sorted_lines(True), scratch),
        "graph.jsonld": lambda out: write_compact(quads.sorted_triples, out,
                                                  set().union(*quads.vocabulary())),
    }


def write_graph_files(out_dir: Path, quads: Quads) -> list[Path]:
    """Write each graph file atomically, in name order; the paths written."""
    written = []
    for name, write in sorted(_writers(quads, out_dir).items()):
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


def write_json_stream(path: Path, sections: dict[str, Iterable]) -> None:
    """Write ``{key: [item, …]}`` (or ``{key: {name: item, …}}`` for a section of pairs) as
    ``write_json`` would, one item at a time: the same bytes without the whole structure in
    memory (``locations.json`` of 3,500 sheets holds about half a million entries).

    ``sections`` are written in key order; a section of :class:`Pairs` becomes an object, its
    names in the order given (sort them first).
    """
    with atomic_file(path) as out:
        out.write(b"{")
        for n, key in enumerate(sorted(sections)):
            out.write((",\n" if n else "\n").encode("utf-8"))
            out.write(f"  {json.dumps(key, ensure_ascii=False)}: ".encode())
            _write_section(out, sections[key])
        out.write(b"\n}\n" if sections else b"}\n")


class Pairs:
    """A section of ``(name, item)`` pairs for :func:`write_json_stream`: written as an object."""

    def __init__(self, pairs: Iterable[tuple[str, object]]) -> None:
        self.pairs = pairs

    def __iter__(self) -> Iterator[tuple[str, object]]:
        return iter(self.pairs)


def _write_section(out: IO[bytes], items: Iterable) -> None:
    pairs = isinstance(items, Pairs)
    opening, closing = (b"{", b"}") if pairs else (b"[", b"]")
    out.write(opening)
    empty = True
    for item in items:
        head = b"\n" if empty else b",\n"
        if pairs:
            name, item = item
            head += f"    {json.dumps(name, ensure_ascii=False)}: ".encode()
        else:
            head += b"    "
        out.write(head + _item_text(item).encode("utf-8"))
        empty = False
    out.write(closing if empty else b"\n  " + closing)


_string = json.encoder.encode_basestring  # json.dumps' own (C) encoder when not ensure_ascii


def _item_text(item: object) -> str:
    """``json.dumps(item, indent=2, sort_keys=True)`` at the depth of a section's item; a flat
    list of strings and integers (every entry of locations.json) formatted directly, without
    the pure-Python encoder ``indent`` selects (measured 5× faster)."""
    if isinstance(item, list) and item and all(
            type(x) is int or type(x) is str for x in item):
        body = ",\n      ".join(_string(x) if type(x) is str else str(x) for x in item)
        return f"[\n      {body}\n    ]"
    text = json.dumps(item, indent=2, ensure_ascii=False, sort_keys=True)
    return text.replace("\n", "\n    ")


def write_csv(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    """UTF-8 CSV with a header row, ``\n`` line ends, rows in the order given."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    atomic_write(path, buffer.getvalue().encode("utf-8"))
