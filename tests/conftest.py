"""Shared fixtures: the repository's paths and one build of the two real sheets per session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCUMENTS = REPO / "documents"
URUGUAY = DOCUMENTS / "oas-country-sheet-uruguay.txt"
GUATEMALA = DOCUMENTS / "oas-country-sheet-guatemala.txt"


@pytest.fixture(scope="session")
def real_extractions():
    """The two real sheets extracted once: {"UY": Extraction, "GT": Extraction}."""
    from build_graph.extract import extract_paths

    uy, gt = extract_paths([URUGUAY, GUATEMALA])
    return {"UY": uy, "GT": gt}


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """``oaskg build documents/`` run once into a temporary out/ folder (a BuildResult)."""
    from build_graph.build.pipeline import build

    out = tmp_path_factory.mktemp("out")
    return build([DOCUMENTS], out)


@pytest.fixture(scope="session")
def built_out(built) -> Path:
    """The out/ folder of the session's build of the two real sheets."""
    return built.out_dir


# A real `oxigraph serve` for the tests marked `server` (fixture `oxigraph_server`).
from oxigraph_server import oxigraph_server  # noqa: E402, F401
