"""One scale of the benchmark, run in a fresh process so its peak RSS is its own.

``python -m bench.scale SHEETS_DIR OUT_DIR RESULT.json [--no-validate] [--baseline-shapes DIR]``
times each build stage in-process (``time.perf_counter``), records the peak RSS of the build,
then measures the same-run floors on the graph it produced: pyoxigraph parsing the N-Quads and
writing every serialisation the build writes (plus the on-disk store), and pyshacl with the
shapes as first written.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path

STAGES = ("extract", "resolve_merge", "rdf", "validate", "write")


def sheets(scale: dict) -> int:
    """The number of sheets a scale's result was asked for (older results: those read)."""
    return scale.get("scale", scale["documents"])


def _peak_rss_kib() -> int:
    """This process's peak resident set (KiB). Linux's ``VmHWM`` is this program's own; the
    rusage figure is kept across ``exec``, so a child would report its parent's peak if that
    was higher (the benchmark writes large corpora in the parent)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def time_build(sheets: Path, out_dir: Path, run_validation: bool = True) -> dict:
    """Each stage of ``build_graph.build.pipeline.build`` timed alone, with counts."""
    from build_graph import vocab
    from build_graph.build.pipeline import extract_all, summarise, write_outputs
    from build_graph.merge import merge
    from build_graph.rdf.mapping import to_quads_with_locations
    from build_graph.registry.index import Registry
    from build_graph.resolve.mint import resolve
    from build_graph.validate.shacl import validate

    registry = Registry.load()
    seconds: dict[str, float] = {}
    start = time.perf_counter()
    extractions = extract_all([sheets], registry, None)
    seconds["extract"] = time.perf_counter() - start
    gc.freeze()  # as build() does between stages: what a stage made stays to the end
    start = time.perf_counter()
    merged = merge(resolve(extractions, registry))
    seconds["resolve_merge"] = time.perf_counter() - start
    start = time.perf_counter()
    quads, locations = to_quads_with_locations(merged, registry, vocab.DEFAULT_BASE, None)
    seconds["rdf"] = time.perf_counter() - start
    gc.freeze()
    report = None
    if run_validation:
        start = time.perf_counter()
        report = validate(quads, locations)
        seconds["validate"] = time.perf_counter() - start
    gc.freeze()
    start = time.perf_counter()
    summary = summarise(merged, quads, report) | {"base": vocab.DEFAULT_BASE}
    write_outputs(out_dir, quads, locations, report, summary)
    seconds["write"] = time.perf_counter() - start
    return {
        "documents": sum(1 for e in extractions if e.document is not None),
        "pages": sum(len(e.records) for e in extractions),
        "quads": len(quads),
        "validation": report.counts() if report is not None else None,
        "seconds": seconds,
    }


def oxigraph_floor(nquads: Path) -> dict:
    """pyoxigraph parsing the built N-Quads and writing what the build writes (the floor)."""
    import pyoxigraph as ox

    data = nquads.read_bytes()
    start = time.perf_counter()
    store = ox.Store()
    store.bulk_load(input=data, format=ox.RdfFormat.N_QUADS)
    parsed = time.perf_counter() - start
    start = time.perf_counter()
    for fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
        store.dump(format=fmt)
    for fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.JSON_LD):
        ox.serialize((q.triple for q in store), format=fmt)
    folder = Path(tempfile.mkdtemp(prefix="bench-floor-"))
    try:
        disk = ox.Store(str(folder))
        disk.bulk_load(input=data, format=ox.RdfFormat.N_QUADS)
        disk.flush()
        del disk
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    written = time.perf_counter() - start
    return {"parse": parsed, "write": written, "total": parsed + written}


def pyshacl_baseline(out_dir: Path, shapes_dir: Path) -> dict:
    """pyshacl over the built graph (documents + context in one data graph), first shapes."""
    from pyshacl import validate as shacl
    from rdflib import Graph

    shapes = Graph()
    for path in sorted(shapes_dir.glob("*.ttl")):
        shapes.parse(path, format="turtle")
    data = Graph()
    data.parse(out_dir / "graph.nt", format="nt")
    start = time.perf_counter()
    conforms, _report, _text = shacl(
        data, shacl_graph=shapes, inference="none", allow_warnings=True, inplace=True
    )
    return {"seconds": time.perf_counter() - start, "triples": len(data), "conforms": conforms}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sheets", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--no-validate", action="store_true")
    parser.add_argument("--baseline-shapes", type=Path)
    args = parser.parse_args(argv)
    result = time_build(args.sheets, args.out_dir, not args.no_validate)
    result["peak_rss_kib"] = _peak_rss_kib()
    result["triples"] = sum(1 for line in (args.out_dir / "graph.nt").open("rb") if line.strip())
    result["floor"] = oxigraph_floor(args.out_dir / "graph.nq")
    if args.baseline_shapes:
        result["pyshacl_first_shapes"] = pyshacl_baseline(args.out_dir, args.baseline_shapes)
    args.result.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
