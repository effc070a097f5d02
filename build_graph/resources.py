"""The one place that finds the project's data files (ontology, registry, shapes, queries).

In an installed wheel they live in the package ``build_graph._data``; in a source checkout the
same folders sit at the top of the repository. Both are found the same way.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parent.parent
_PACKAGES = {
    "ontology": "build_graph._data.ontology",
    "reference": "build_graph._data.ontology.reference",
    "shapes": "build_graph._data.shapes",
    "queries": "build_graph._data.queries",
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
    return Path(str(resources.files(_PACKAGES[kind])))


def data_files(kind: str, suffix: str) -> list[Path]:
    """The files of one kind with the given suffix, sorted by name (so loading is deterministic)."""
    return sorted(p for p in data_dir(kind).iterdir() if p.name.endswith(suffix))
