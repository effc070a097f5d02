"""``oaskg serve`` side by side with the server it replaced and with an Oxigraph server, on
the same graph in the same run (issue 13's targets).

    python bench/serve.py --out out/                    # the build to serve
    python bench/serve.py --out out/ --json serve.json  # also keep the raw numbers

Measured: resource pages at 16 clients on the old ``ThreadingHTTPServer`` path and on
``oaskg serve`` (first pass over every page: rendered; then from the page cache), a cheap
SPARQL query at 16 clients on ``oaskg serve`` and on ``oxigraph serve``, 64 clients mixing
pages and SPARQL for ``--mixed-seconds``, and a cheap ``ASK {}`` while 8 runaway queries (from
8 client addresses) run. Every loop is bounded in requests and time; all traffic stays on
127.0.0.0/8.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

from bench import load  # noqa: E402
from bench.run import SPARQL_PATH, resource_paths  # noqa: E402

JSON_RESULTS = {"Accept": "application/sparql-results+json"}
RUNAWAY = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def measure(out_dir: Path, requests: int, clients: int, mixed_seconds: float) -> dict:
    result: dict = {}
    pages = resource_paths(out_dir, limit=2000)
    sparql = "/sparql?" + SPARQL_PATH.split("?", 1)[1]
    port = load.free_port()
    with load.running(load.legacy_serve(out_dir, port), f"http://{load.HOST}:{port}/"):
        load.load(port, pages, len(pages), clients)  # warm up as the new server is
        result["old server: pages"] = load.load(port, pages, requests, clients)
    port = load.free_port()
    with load.running(load.oaskg_serve(out_dir, port), f"http://{load.HOST}:{port}/"):
        result["oaskg serve: pages, first request of each"] = load.load(
            port, pages, len(pages), clients)
        result["oaskg serve: pages"] = load.load(port, pages, requests, clients)
        result["oaskg serve: /sparql"] = load.load(port, [sparql], requests, clients,
                                                   headers=JSON_RESULTS)
        mixed = [p for page in pages for p in (page, sparql)]
        result["oaskg serve: 64 clients, pages and /sparql"] = load.load(
            port, mixed, 10**7, 64, time_limit=mixed_seconds, headers=JSON_RESULTS)
        runaway = "/sparql?query=" + urllib.parse.quote(RUNAWAY)
        result["oaskg serve: ASK {} during 8 runaway queries"] = load.slow_and_cheap(
            port, runaway, "/sparql?query=ASK%7B%7D", headers=JSON_RESULTS)
    with tempfile.TemporaryDirectory() as work:
        port = load.free_port()
        command = load.oxigraph_serve(out_dir, Path(work) / "store", port)
        with load.running(command, f"http://{load.HOST}:{port}/query?query=ASK%7B%7D"):
            result["oxigraph server: /query"] = load.load(
                port, [sparql.replace("/sparql", "/query")], requests, clients,
                headers=JSON_RESULTS)
    return result


def targets(r: dict) -> list[tuple[str, str, bool]]:
    old, pages = r["old server: pages"], r["oaskg serve: pages"]
    mixed = r["oaskg serve: 64 clients, pages and /sparql"]
    ours, oxigraph = r["oaskg serve: /sparql"], r["oxigraph server: /query"]
    slow = r["oaskg serve: ASK {} during 8 runaway queries"]
    page_target = max(3 * old["rps"], 1000)
    return [
        ("64 clients: 0 errors", f"{mixed['errors']} errors of {mixed['requests']}",
         mixed["errors"] == 0),
        ("pages p99 < 100 ms at 16 clients", f"{pages['p99_ms']:.1f} ms",
         pages["p99_ms"] < 100),
        ("pages ≥ max(3× old, 1000)/s", f"{pages['rps']:.0f}/s vs {page_target:.0f}/s "
         f"({pages['rps'] / old['rps']:.1f}× old)", pages["rps"] >= page_target),
        ("/sparql ≥ 25% of Oxigraph", f"{ours['rps']:.0f}/s vs {oxigraph['rps']:.0f}/s "
         f"({100 * ours['rps'] / oxigraph['rps']:.0f}%)", ours["rps"] >= 0.25 * oxigraph["rps"]),
        ("ASK {} < 1 s during 8 runaway queries", f"max {slow['cheap_max_ms']:.0f} ms",
         slow["cheap_max_ms"] < 1000 and set(slow["cheap_status"]) == {200}),
    ]


def report(r: dict) -> str:
    lines = ["| run | clients | requests | errors | requests/s | p50 ms | p99 ms |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, m in r.items():
        if "rps" in m:
            lines.append(f"| {name} | {m['clients']} | {m['requests']} | {m['errors']} | "
                         f"{m['rps']:.0f} | {m['p50_ms']:.1f} | {m['p99_ms']:.1f} |")
    lines += ["", "| target | measured | met |", "| --- | --- | --- |"]
    lines += [f"| {t} | {m} | {'yes' if ok else 'NO'} |" for t, m, ok in targets(r)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", type=Path, required=True, help="a folder `oaskg build` wrote")
    p.add_argument("--requests", type=int, default=4000)
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--mixed-seconds", type=float, default=30.0)
    p.add_argument("--json", type=Path)
    args = p.parse_args(argv)
    result = measure(args.out, args.requests, args.clients, args.mixed_seconds)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
