"""The embedded store: a pyoxigraph ``Store`` persisted under ``out/store/``.

``oaskg build`` writes it; ``query``, ``export`` and ``serve`` open it with :func:`open_store`
and never re-extract. Every document keeps its named graph; SPARQL queries that should see all
graphs at once pass ``use_default_graph_as_union=True`` to ``Store.query``.

The store is built in a sibling folder and swapped in by renames, so a crash leaves the old
store (or none), never a half-written one.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pyoxigraph

STORE_DIR = "store"


class StoreMissing(FileNotFoundError):
    """There is no built store in the output folder."""


def write_store(out_dir: Path, nquads: bytes) -> Path:
    """Load N-Quads into a fresh on-disk store at ``out_dir/store`` (replacing any old one)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / STORE_DIR
    staging = Path(tempfile.mkdtemp(prefix=".store-new-", dir=out_dir))
    try:
        store = pyoxigraph.Store(str(staging))
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


def open_store(out_dir: Path | str = "out") -> pyoxigraph.Store:
    """The built graph of ``out_dir`` as a read-only pyoxigraph store.

    Raises :class:`StoreMissing` (with the remedy) when ``oaskg build`` has not been run.
    """
    path = Path(out_dir) / STORE_DIR
    if not path.is_dir():
        raise StoreMissing(f"{path}: no built graph here; run `oaskg build --out {out_dir}` first")
    return pyoxigraph.Store.read_only(str(path))
