"""Benchmark oaskg: build stages across scales, saved queries, the server, CLI start-up.

    python bench/run.py --scales 2,35,350,3500 --realistic 140,350,3500 --repeat 20
    python bench/run.py --scales 2,35 --realistic 140 --repeat 3 --skip-serve   # a quick look

Three kinds of sheets. *Realistic* (``--realistic``): the real and dev-set sheets repeated to
scale with their country swapped (``bench.realistic``) — what the extractor meets; the four
dev-set PDFs are built too (``--skip-pdf`` leaves them out). *Synthetic* (``--scales``): that
many sheets of ``build_graph.synth.write_corpus`` (seeded), which share the extractor's
vocabulary: a load generator, not a measure of accuracy; scale 2 is the two real sheets in
``documents/``. Each scale is built in a fresh process (``bench.scale``) so its peak RSS is its
own, and 140 realistic sheets are also built by a whole ``oaskg build`` command (start-up and
validation included). Baselines are measured in the same run: the pyoxigraph parse + write floor
of each built graph, rdflib's SPARQL engine on the same queries, pyshacl with the shapes as
first written (``bench/baseline_shapes/``), and an Oxigraph server. Writes a Markdown report and
a log–log PNG (``docs/benchmarks.md``, ``docs/benchmarks.png``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):
    sys.path.insert(0, str(ROOT))

from bench import load, report  # noqa: E402
from bench.queries import time_embedded, time_endpoint, time_rdflib  # noqa: E402

REAL = 2  # the scale that means "the two real sheets"
WHOLE_BUILD = 140  # realistic sheets built by a whole `oaskg build` command as well
CLI_QUERY = "programs-on-several-sheets"
CLI_SHEET = "documents/oas-country-sheet-uruguay.txt"
DEV_PDFS = ROOT / "tests" / "fixtures" / "devset"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--scales", default="2,35,350,3500",
                   help="comma-separated sheet counts; 2 means the two real sheets")
    p.add_argument("--realistic", default="140,350,3500",
                   help="comma-separated counts of realistic sheets (real and dev-set sheets "
                        "with the country swapped); empty for none")
    p.add_argument("--skip-pdf", action="store_true", help="do not build the dev-set PDFs")
    p.add_argument("--repeat", type=int, default=20, help="timed runs per query")
    p.add_argument("--seed", type=int, default=1, help="seed of the synthetic sheets")
    p.add_argument("--query-scale", type=int, default=35,
                   help="the scale whose graph answers the query and server benchmarks")
    p.add_argument("--baseline-max", type=int, default=350,
                   help="largest scale at which pyshacl with the first shapes is run")
    p.add_argument("--requests", type=int, default=2000, help="requests per load test")
    p.add_argument("--clients", type=int, default=16, help="concurrent clients in load tests")
    p.add_argument("--skip-serve", action="store_true", help="no HTTP server benchmarks")
    p.add_argument("--skip-rdflib", action="store_true", help="no rdflib query baseline")
    p.add_argument("--work", type=Path, help="folder for sheets and builds (default: temp)")
    p.add_argument("--doc", type=Path, default=ROOT / "docs" / "benchmarks.md")
    p.add_argument("--png", type=Path, default=ROOT / "docs" / "benchmarks.png")
    p.add_argument("--json", type=Path, help="also write the raw results here")
    p.add_argument("--render", type=Path, metavar="JSON",
                   help="measure nothing: rewrite the report from results saved with --json")
    return p.parse_args(argv)


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def sheets_for(kind: str, n: int, work: Path, seed: int) -> Path:
    """The folder of sheets of one scale, written when needed."""
    if kind == "real":
        return ROOT / "documents"
    if kind == "pdf":
        folder = work / "sheets-pdf"
        folder.mkdir(parents=True, exist_ok=True)
        for pdf in sorted(DEV_PDFS.glob("*.pdf")):
            shutil.copy(pdf, folder / pdf.name)
        return folder
    folder = work / f"sheets-{kind}-{n}"
    if kind == "realistic":
        from bench.realistic import write_realistic

        write_realistic(folder, n)
    else:
        from build_graph.synth import write_corpus

        write_corpus(folder, n, seed)
    return folder


def run_scale(kind: str, n: int, work: Path, seed: int, baseline: bool) -> dict:
    """Build one scale in a fresh process; its timings, counts and peak RSS."""
    sheets = sheets_for(kind, n, work, seed)
    out_dir, result = work / f"out-{kind}-{n}", work / f"result-{kind}-{n}.json"
    command = [sys.executable, "-m", "bench.scale", str(sheets), str(out_dir), str(result)]
    if baseline:
        command += ["--baseline-shapes", str(ROOT / "bench" / "baseline_shapes")]
    print(f"{kind} {n}: building…", file=sys.stderr, flush=True)
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, env=_child_env())
    data = json.loads(result.read_text(encoding="utf-8"))
    print(f"{kind} {n}: {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    return data | {"kind": kind, "scale": n, "real": kind == "real", "out_dir": str(out_dir),
                   "sheets_dir": str(sheets)}


def time_whole_build(scale: dict, work: Path, runs: int = 3) -> dict:
    """Wall time of a whole ``oaskg build`` of one scale's sheets (start-up, extraction,
    validation and every output), median of ``runs``, beside that graph's floor."""
    samples = []
    for i in range(runs):
        out = work / f"whole-{scale['kind']}-{scale['documents']}-{i}"
        start = time.perf_counter()
        done = subprocess.run(oaskg_command() + ["build", scale["sheets_dir"], "--out", str(out),
                                                 "-q"], cwd=ROOT, capture_output=True)
        samples.append(time.perf_counter() - start)
        if done.returncode not in (0, 1):  # 1: the graph has a Violation, still built
            raise RuntimeError(done.stderr.decode(errors="replace"))
        shutil.rmtree(out, ignore_errors=True)
    return {"kind": scale["kind"], "documents": scale["scale"], "pages": scale["pages"],
            "median_s": statistics.median(samples), "runs": samples,
            "floor_s": scale["floor"]["total"]}


def oaskg_command() -> list[str]:
    """The installed console script beside this interpreter (not a version manager's shim)."""
    script = Path(sys.executable).parent / "oaskg"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "build_graph"]


def time_cli(real_out: Path, repeat: int) -> dict:
    """Wall time of ``oaskg --help`` and of one ``oaskg query run`` on the real graph."""
    commands = {
        "python -c pass (interpreter floor)": [sys.executable, "-c", "pass"],
        "oaskg --help": oaskg_command() + ["--help"],
        "oaskg extract (one sheet)": oaskg_command() + ["extract", CLI_SHEET],
        f"oaskg query run {CLI_QUERY}": oaskg_command() + ["query", "run", CLI_QUERY,
                                                           "--out", str(real_out)],
    }
    found = {}
    for name, command in commands.items():
        samples = []
        for _ in range(max(3, min(repeat, 10))):
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
            samples.append(time.perf_counter() - start)
        found[name] = {"median_s": statistics.median(samples), "n": len(samples)}
    return found


def resource_paths(out_dir: Path, limit: int = 300) -> list[str]:
    """Paths of resource pages (``/id/….html``) of activities, programs and organisations."""
    from build_graph.rdf.store import open_store

    store = open_store(out_dir)
    rows = store.query(
        "SELECT DISTINCT ?s WHERE { ?s a ?c FILTER(?c IN ("
        "<https://w3id.org/oaskg/ontology#Activity>, <https://w3id.org/oaskg/ontology#Program>,"
        " <http://www.w3.org/ns/org#FormalOrganization>)) } ORDER BY ?s",
        use_default_graph_as_union=True)
    iris = [r["s"].value for r in rows]
    del store
    base = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))["base"]
    return [f"/{iri[len(base):]}.html" for iri in iris if iri.startswith(base)][:limit]


SPARQL_PATH = ("/sparql?query=PREFIX%20oaskg%3A%20%3Chttps%3A%2F%2Fw3id.org%2Foaskg%2Fontology%23"
               "%3E%20SELECT%20%3Fa%20WHERE%20%7B%20%3Fa%20a%20oaskg%3AActivity%20%7D%20LIMIT%2050")


def run_servers(out_dir: Path, work: Path, args: argparse.Namespace) -> tuple[dict, dict]:
    """Query latency over HTTP (oaskg serve, Oxigraph server) and oaskg serve under load."""
    latencies, loads = {}, {}
    port = load.free_port()
    with load.running(load.oaskg_serve(out_dir, port), f"http://{load.HOST}:{port}/"):
        latencies["oaskg serve"] = time_endpoint(f"http://{load.HOST}:{port}/sparql",
                                                 args.repeat)
        pages = resource_paths(out_dir)
        loads["oaskg serve: resource pages"] = load.load(port, pages, args.requests,
                                                          args.clients)
        loads["oaskg serve: /sparql"] = load.load(
            port, [SPARQL_PATH], args.requests, args.clients,
            headers={"Accept": "application/sparql-results+json"})
    port = load.free_port()
    command = load.oxigraph_serve(out_dir, work / "oxigraph-store", port)
    with load.running(command, f"http://{load.HOST}:{port}/query?query=ASK%7B%7D"):
        latencies["oxigraph server"] = time_endpoint(f"http://{load.HOST}:{port}/query",
                                                     args.repeat)
        loads["oxigraph server: /query"] = load.load(
            port, [SPARQL_PATH.replace("/sparql", "/query")], args.requests, args.clients,
            headers={"Accept": "application/sparql-results+json"})
    return latencies, loads


def shown_options(args: argparse.Namespace) -> str:
    """The options that change what is measured (no folder of this machine)."""
    shown = f"--scales {args.scales} --realistic {args.realistic} " \
            f"--repeat {args.repeat} --seed {args.seed} " \
            f"--query-scale {args.query_scale} --baseline-max {args.baseline_max} " \
            f"--requests {args.requests} --clients {args.clients}"
    return shown + "".join(f" --{flag}" for flag in ("skip-serve", "skip-rdflib", "skip-pdf")
                           if getattr(args, flag.replace("-", "_")))


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{os.cpu_count()} cores, {mem:.0f} GiB RAM, {platform.system()} "
            f"{platform.machine()}, Python {platform.python_version()}; {date.today()}")


def main(argv: list[str] | None = None) -> dict:
    args = parse_args(argv)
    if args.render:
        result = json.loads(args.render.read_text(encoding="utf-8"))
        report.plot(result["scales"], args.png)
        args.doc.write_text(report.document(result, args.png.name), encoding="utf-8")
        return result
    scales = sorted({int(s) for s in args.scales.split(",") if s.strip()})
    realistic = sorted({int(s) for s in args.realistic.split(",") if s.strip()})
    work = args.work or Path(tempfile.mkdtemp(prefix="oaskg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    result: dict = {"machine": machine(), "args": shown_options(args), "scales": []}
    plan = [("real" if n == REAL else "synthetic", n) for n in scales]
    plan += [] if args.skip_pdf else [("pdf", len(list(DEV_PDFS.glob("*.pdf"))))]
    plan += [("realistic", n) for n in realistic]
    for kind, n in plan:
        result["scales"].append(run_scale(kind, n, work, args.seed, n <= args.baseline_max))
    whole = [s for s in result["scales"] if s["kind"] == "realistic"
             and s["scale"] == WHOLE_BUILD]
    if whole:
        print(f"whole oaskg build of {WHOLE_BUILD} realistic sheets…", file=sys.stderr, flush=True)
        result["whole_build"] = time_whole_build(whole[0], work)
    by_n = {r["scale"]: Path(r["out_dir"]) for r in result["scales"]
            if r["kind"] in ("real", "synthetic")} or {
        r["scale"]: Path(r["out_dir"]) for r in result["scales"]}
    q_scale = args.query_scale if args.query_scale in by_n else min(by_n)
    q_out = by_n[q_scale]
    print(f"queries on {q_scale} sheets…", file=sys.stderr, flush=True)
    queries = {"sheets": q_scale, "embedded": time_embedded(q_out, args.repeat)}
    if not args.skip_rdflib:
        queries["rdflib"] = time_rdflib(q_out, max(1, min(args.repeat, 5)))
    if not args.skip_serve:
        print("servers…", file=sys.stderr, flush=True)
        latencies, result["load"] = run_servers(q_out, work, args)
        queries |= latencies
    result["queries"] = queries
    result["cli"] = time_cli(by_n[REAL] if REAL in by_n else by_n[min(by_n)], args.repeat)
    args.doc.parent.mkdir(parents=True, exist_ok=True)
    report.plot(result["scales"], args.png)
    args.doc.write_text(report.document(result, args.png.name), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    print(f"wrote {args.doc} and {args.png}", file=sys.stderr)
    return result


if __name__ == "__main__":
    main()
