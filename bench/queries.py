"""Latency of every saved query: embedded pyoxigraph store, rdflib's engine, HTTP endpoints.

Each engine runs each query once to warm up, then ``repeat`` times; the median and the 95th
percentile (nearest rank) of the timed runs are kept, with the row count so the engines can be
seen to give the same answer.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from pathlib import Path

BUDGET = 20.0  # seconds one query may take on one engine before fewer runs are timed
# Values for the saved queries' required parameters (present in the real and synthetic sheets).
EXAMPLES = {"date": "2017-01-01", "donor": "Spain", "country": "GT", "body": "SMS"}


def percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100) of a non-empty list."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def summary_ms(samples: list[float]) -> dict:
    ms = [s * 1000 for s in samples]
    return {"median_ms": statistics.median(ms), "p95_ms": percentile(ms, 95), "n": len(ms)}


def _time(run: Callable[[], int], repeat: int, budget: float = BUDGET) -> dict:
    """Warm-up, then ``repeat`` timed runs, fewer (at least one) once ``budget`` s are spent."""
    began = time.perf_counter()
    rows = run()
    samples: list[float] = []
    while len(samples) < repeat and (not samples or time.perf_counter() - began < budget):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return summary_ms(samples) | {"rows": rows}


def params_for(saved) -> dict[str, str]:
    return {p.name: EXAMPLES[p.name] for p in saved.params if p.required}


def time_embedded(out_dir: Path, repeat: int) -> dict[str, dict]:
    """Each saved query on the built store, as ``oaskg query run`` runs it."""
    from build_graph.query.catalogue import load_catalogue
    from build_graph.query.run import execute
    from build_graph.rdf.store import open_store

    store = open_store(out_dir)
    found = {}
    for saved in load_catalogue():
        params = params_for(saved)
        found[saved.name] = _time(
            lambda s=saved, p=params: len(execute(s, p, store=store).rows), repeat
        )
    return found


def time_endpoint(url: str, repeat: int) -> dict[str, dict]:
    """Each saved query over HTTP (form POST through SPARQLWrapper, as ``--endpoint`` does)."""
    from build_graph.query.catalogue import load_catalogue
    from build_graph.query.run import execute

    found = {}
    for saved in load_catalogue():
        params = params_for(saved)
        found[saved.name] = _time(
            lambda s=saved, p=params: len(execute(s, p, endpoint=url).rows), repeat
        )
    return found


def time_rdflib(out_dir: Path, repeat: int) -> dict[str, dict]:
    """The same queries, parameters as a VALUES block, on rdflib's engine over the same quads."""
    from rdflib import Dataset

    from build_graph.query.catalogue import load_catalogue
    from build_graph.query.run import bind_params, with_values

    dataset = Dataset(default_union=True)
    dataset.parse(out_dir / "graph.nq", format="nquads")
    found = {}
    for saved in load_catalogue():
        text = with_values(saved.text, bind_params(saved, params_for(saved)))
        found[saved.name] = _time(lambda t=text: len(list(dataset.query(t))), repeat)
    return found
