"""The embedded store: a pyoxigraph ``Store`` persisted under ``out/store/``.

``oaskg build`` writes it; ``query``, ``export`` and ``serve`` open it with :func:`open_store`
and never re-extract. Every document keeps its named graph; SPARQL queries that should see all
graphs at once pass ``use_default_graph_as_union=True`` to ``Store.query``.

A build writes the store into a new output set with the other files and switches ``out`` to
the whole set in one step (:mod:`build_graph.rdf.output_set`); :func:`open_store` resolves ``out``
once, so the store and the N-Quads it may load come from the same set.

Measured on the 35-sheet synthetic graph, the saved queries answer 5–10× faster from an
in-memory store than from the on-disk one, and loading ``graph.nq`` into memory takes tens of
milliseconds at that size (about a second at 350k quads). So :func:`open_store` loads graphs
up to :data:`IN_MEMORY_LIMIT` bytes of N-Quads into memory, and opens larger ones on disk,
where opening costs the same at any size.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pyoxigraph

STORE_DIR = "store"
NQUADS = "graph.nq"
IN_MEMORY_LIMIT = 32 * 1024 * 1024  # bytes of N-Quads


class StoreMissing(FileNotFoundError):
    """There is no built store in the output folder."""


def write_store(out_dir: Path, nquads: bytes | Path) -> Path:
    """Load N-Quads (bytes, or a file of them) into a fresh on-disk store at ``out_dir/store``
    (replacing any old one)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / STORE_DIR
    staging = Path(tempfile.mkdtemp(prefix=".store-new-", dir=out_dir))
    try:
        store = pyoxigraph.Store(str(staging))
        if isinstance(nquads, Path):
            with nquads.open("rb") as handle:
                _load_in_chunks(store, handle)
        else:
            store.bulk_load(input=nquads, format=pyoxigraph.RdfFormat.N_QUADS)
        store.flush()
        del store
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=".store-old-", dir=out_dir))
            old.rmdir()
            target.rename(old)
        staging.rename(target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


LOAD_CHUNK = 8 * 1024 * 1024  # bytes of N-Quads per bulk load


def _load_in_chunks(store: pyoxigraph.Store, handle) -> None:
    """Bulk-load N-Quads a few megabytes at a time: one bulk load of a whole large graph holds
    it all in memory (measured at 1,000 synthetic sheets: 182 MB more at its peak, and slower
    than 8 MB chunks). A blank node is named anew by every load, so every line with one is kept
    for a last load of its own (they are the ontology's few OWL lists)."""
    blank: list[bytes] = []
    while True:
        data = handle.read(LOAD_CHUNK)
        if not data:
            break
        data += handle.readline()
        lines = data.splitlines(keepends=True)
        plain = [line for line in lines if b"_:" not in line]
        blank += [line for line in lines if b"_:" in line]
        store.bulk_load(input=b"".join(plain), format=pyoxigraph.RdfFormat.N_QUADS)
    if blank:
        store.bulk_load(input=b"".join(blank), format=pyoxigraph.RdfFormat.N_QUADS)


def open_store(out_dir: Path | str = "out", in_memory: bool | None = None) -> pyoxigraph.Store:
    """The built graph of ``out_dir`` as a pyoxigraph store (treat it as read-only).

    ``in_memory`` None chooses by size: the graph's N-Quads loaded into memory when they are at
    most :data:`IN_MEMORY_LIMIT` bytes, else the on-disk store opened read-only. Raises
    :class:`StoreMissing` (with the remedy) when ``oaskg build`` has not been run.
    """
    from build_graph.rdf.output_set import pin

    folder = pin(out_dir)
    path = folder / STORE_DIR
    if not path.is_dir():
        raise StoreMissing(f"{Path(out_dir) / STORE_DIR}: no built graph here; run `oaskg build "
                           f"--out {out_dir}` first")
    nquads = folder / NQUADS
    if in_memory is None:
        in_memory = nquads.is_file() and nquads.stat().st_size <= IN_MEMORY_LIMIT
    if in_memory and nquads.is_file():
        store = pyoxigraph.Store()
        store.bulk_load(path=str(nquads), format=pyoxigraph.RdfFormat.N_QUADS)
        return store
    return pyoxigraph.Store.read_only(str(path))
