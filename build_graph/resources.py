"""The one place that finds the project's data files (ontology, registry, shapes, queries).

In an installed wheel they live in the package ``build_graph._data``; in a source checkout the
same folders sit at the top of the repository. Both are found the same way.
"""

from __future__ import annotations

from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parent.parent
_INSTALLED = Path(__file__).resolve().parent / "_data"  # where pyproject.toml puts them
_PACKAGED = {
    "ontology": _INSTALLED / "ontology",
    "reference": _INSTALLED / "ontology" / "reference",
    "shapes": _INSTALLED / "shapes",
    "queries": _INSTALLED / "queries",
}
_SOURCE_DIRS = {
    "ontology": _REPO_ROOT / "ontology",
    "reference": _REPO_ROOT / "ontology" / "reference",
    "shapes": _REPO_ROOT / "shapes",
    "queries": _REPO_ROOT / "queries",
}


def data_dir(kind: str) -> Path:
    """The folder holding one kind of data file: ontology, reference, shapes or queries.

    >>> data_dir("shapes").name
    'shapes'
    """
    source = _SOURCE_DIRS[kind]
    if source.is_dir():
        return source
    return _PACKAGED[kind]


def data_files(kind: str, suffix: str) -> list[Path]:
    """The files of one kind with the given suffix, sorted by name (so loading is deterministic)."""
    return sorted(p for p in data_dir(kind).iterdir() if p.name.endswith(suffix))
