"""Latency of every saved query: the real build and a 100x synthetic build, embedded and over
HTTP on a real Oxigraph server. Run with ``-s`` to see the table (the benchmark collects it)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from build_graph.cli import cli
from build_graph.queries import load_catalogue
from build_graph.query_timing import format_timings, time_catalogue
from build_graph.store import open_store

CATALOGUE = load_catalogue()
REAL_ACTIVITIES = 18
EMBEDDED_BUDGET_MS = 10_000  # per query, median, on the 100x graph: catches pathological plans


@pytest.fixture(scope="module")
def synthetic_out(tmp_path_factory):
    """About 100x the real activities: 300 synthetic sheets, built without validation."""
    from build_graph.pipeline import build
    from build_graph.synth import write_corpus

    folder = tmp_path_factory.mktemp("synth100")
    write_corpus(folder / "docs", 300, 7)
    result = build([folder / "docs"], folder / "out", run_validation=False)
    assert result.summary["activities"] >= 90 * REAL_ACTIVITIES
    return result.out_dir


def _publish(out, server) -> None:
    result = CliRunner().invoke(
        cli, ["publish", "--out", str(out), "--graph-store", server.store_url]
    )
    assert result.exit_code == 0, result.output


@pytest.mark.slow
@pytest.mark.server
def test_query_latency_real_and_100x(built_out, synthetic_out, oxigraph_server):
    assert len(CATALOGUE) >= 15
    columns = {"real embedded": time_catalogue(CATALOGUE, store=open_store(built_out))}
    _publish(built_out, oxigraph_server)
    columns["real http"] = time_catalogue(CATALOGUE, endpoint=oxigraph_server.query_url)
    columns["100x embedded"] = time_catalogue(CATALOGUE, store=open_store(synthetic_out))
    _publish(synthetic_out, oxigraph_server)  # adds 300 document graphs to the real two
    columns["100x http"] = time_catalogue(CATALOGUE, endpoint=oxigraph_server.query_url)
    print("\n" + format_timings(columns))
    slow = [t for t in columns["100x embedded"] if t.median_ms > EMBEDDED_BUDGET_MS]
    assert not slow, slow
