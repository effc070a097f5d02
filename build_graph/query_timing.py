"""Latency of every saved query, on the embedded store or an endpoint (for the benchmarks).

>>> from build_graph.queries import load_catalogue
>>> sorted(example_params(load_catalogue()))[:2]
['active-on-date', 'donor-funds']
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from build_graph.queries import SavedQuery
from build_graph.sparql import execute

# Values for the required parameters, the same the tests use.
EXAMPLES = {"date": "2017-01-01", "donor": "Spain", "country": "GT", "body": "SMS"}


@dataclass(frozen=True)
class Timing:
    name: str
    rows: int
    median_ms: float
    best_ms: float


def example_params(catalogue: list[SavedQuery]) -> dict[str, dict[str, str]]:
    """For each query with required parameters, example values (from :data:`EXAMPLES`)."""
    found: dict[str, dict[str, str]] = {}
    for saved in catalogue:
        params = {p.name: EXAMPLES[p.name] for p in saved.params if p.required}
        if params:
            found[saved.name] = params
    return found


def time_catalogue(catalogue: list[SavedQuery], repeat: int = 5, **target) -> list[Timing]:
    """Run each query ``repeat`` times (after one warm-up) on ``store=`` or ``endpoint=``."""
    params = example_params(catalogue)
    timings = []
    for saved in catalogue:
        answer = execute(saved, params.get(saved.name, {}), **target)
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            execute(saved, params.get(saved.name, {}), **target)
            samples.append((time.perf_counter() - start) * 1000)
        timings.append(
            Timing(saved.name, len(answer.rows), statistics.median(samples), min(samples))
        )
    return timings


def format_timings(columns: dict[str, list[Timing]]) -> str:
    """A Markdown table: one row per query, one median-ms column (and row count) per setting."""
    names = [t.name for t in next(iter(columns.values()))]
    head = "| query | " + " | ".join(f"{c} ms (rows)" for c in columns) + " |"
    lines = [head, "|" + " --- |" * (len(columns) + 1)]
    for i, name in enumerate(names):
        cells = [f"{ts[i].median_ms:.1f} ({ts[i].rows})" for ts in columns.values()]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
