"""The benchmark's results as Markdown tables, target checks and a log–log plot."""

from __future__ import annotations

from pathlib import Path

from bench.scale import STAGES, sheets

STAGE_NAMES = {"extract": "extract", "resolve_merge": "resolve + merge", "rdf": "RDF",
               "validate": "validate", "write": "write"}


def _f(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}"


def _label(scale: dict) -> str:
    kind = scale.get("kind") or ("real" if scale["real"] else "synthetic")
    if kind == "real":
        return "2 (real)"
    return f"{sheets(scale):,} {dict(pdf='dev-set PDFs').get(kind, kind)}"


def scale_table(scales: list[dict]) -> list[str]:
    head = ["sheets", "pages", "pages/s"] + [f"{STAGE_NAMES[s]} s" for s in STAGES]
    head += ["build − validate s", "floor s", "× floor", "triples", "validate triples/s",
             "pyshacl first shapes s", "peak RSS MiB", "B/triple"]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for s in scales:
        sec = s["seconds"]
        triples = s["triples"]
        no_val = sum(v for k, v in sec.items() if k != "validate")
        floor = s["floor"]["total"]
        val = sec.get("validate")
        base = s.get("pyshacl_first_shapes")
        rss = s["peak_rss_kib"] * 1024
        row = [_label(s), str(s["pages"]), _f(s["pages"] / sec["extract"], 0)]
        row += [_f(sec.get(stage)) for stage in STAGES]
        row += [_f(no_val), _f(floor, 3), _f(no_val / floor, 0), f"{triples:,}",
                _f(triples / val, 0) if val else "—", _f(base["seconds"]) if base else "—",
                _f(rss / 2**20, 0), _f(rss / triples, 0)]
        lines.append("| " + " | ".join(row) + " |")
    return lines


def query_table(queries: dict) -> list[str]:
    """One row per saved query: median / p95 per engine, and the ratio to rdflib."""
    engines = [e for e in ("embedded", "rdflib", "oaskg serve", "oxigraph server")
               if e in queries]
    head = ["query", "rows"] + [f"{e} median / p95 ms" for e in engines]
    if "rdflib" in queries:
        head.append("rdflib ÷ embedded")
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for name in sorted(queries["embedded"]):
        emb = queries["embedded"][name]
        row = [f"`{name}`", str(emb["rows"])]
        for engine in engines:
            t = queries[engine][name]
            row.append(f"{_f(t['median_ms'])} / {_f(t['p95_ms'])}")
        if "rdflib" in queries:
            ratio = queries["rdflib"][name]["median_ms"] / emb["median_ms"]
            row.append(f"{ratio:,.0f}×" if ratio >= 10 else f"{ratio:.2f}×")
        lines.append("| " + " | ".join(row) + " |")
    return lines


def load_table(loads: dict) -> list[str]:
    head = ["target", "clients", "requests", "errors", "requests/s", "p50 ms", "p99 ms"]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for name, r in loads.items():
        lines.append(f"| {name} | {r['clients']} | {r['requests']} | {r['errors']} | "
                     f"{_f(r['rps'], 0)} | {_f(r['p50_ms'])} | {_f(r['p99_ms'])} |")
    return lines


def cli_table(cli: dict) -> list[str]:
    """Wall time of each command, and how much it adds to the bare interpreter's start."""
    floor = next((r["median_s"] for k, r in cli.items() if k.startswith("python -c")), None)
    lines = ["| command | median wall s | above `python -c pass` s | runs |",
             "| --- | --- | --- | --- |"]
    for name, r in cli.items():
        above = r["median_s"] - floor if floor is not None else None
        lines.append(f"| `{name}` | {_f(r['median_s'], 3)} | {_f(above, 3)} | {r['n']} |")
    return lines


def _panels(scales: list[dict]) -> list[tuple[str, list[dict]]]:
    """Synthetic scales (with the real sheets) and realistic ones, each in sheet order."""
    def kind(s: dict) -> str:
        return s.get("kind") or ("real" if s["real"] else "synthetic")

    panels = [("synthetic sheets", [s for s in scales if kind(s) in ("real", "synthetic")]),
              ("realistic sheets", [s for s in scales if kind(s) == "realistic"])]
    return [(title, sorted(group, key=lambda s: sheets(s)))
            for title, group in panels if group]


def plot(scales: list[dict], path: Path) -> None:
    """Seconds per stage (and the floor) against sheets, log–log, one panel per kind."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import NullFormatter

    panels = _panels(scales)
    fig, axes = plt.subplots(1, len(panels), figsize=(6.5 * len(panels), 4.5), dpi=110,
                             squeeze=False)
    for ax, (title, ordered) in zip(axes[0], panels, strict=True):
        x = [sheets(s) for s in ordered]
        for stage in STAGES:
            points = [(n, s["seconds"][stage]) for n, s in zip(x, ordered, strict=True)
                      if s["seconds"].get(stage)]
            if points:
                ax.plot(*zip(*points, strict=True), marker="o", label=STAGE_NAMES[stage])
        ax.plot(x, [s["floor"]["total"] for s in ordered], "k--", marker="x",
                label="pyoxigraph parse + write (floor)")
        if len(x) > 1:
            ax.plot([x[0], x[-1]], [ordered[0]["seconds"]["extract"],
                                    ordered[0]["seconds"]["extract"] * x[-1] / x[0]],
                    color="grey", linewidth=0.8, linestyle=":", label="linear (from extract)")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.xaxis.set_minor_formatter(NullFormatter())  # the scales measured, not decades
        ax.set_xticks(x, [f"{v:,}" for v in x])
        ax.set_xlabel("sheets")
        ax.set_ylabel("seconds")
        ax.set_title(f"oaskg build, {title}: time per stage")
        ax.grid(True, which="both", linewidth=0.3)
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def whole_table(whole: dict) -> list[str]:
    return ["| sheets | pages | runs s | median s | floor s | × floor |",
            "| --- | --- | --- | --- | --- | --- |",
            f"| {whole['documents']:,} {whole['kind']} | {whole['pages']:,} | "
            + ", ".join(f"{r:.2f}" for r in whole["runs"])
            + f" | {whole['median_s']:.2f} | {whole['floor_s']:.3f} | "
              f"{whole['median_s'] / whole['floor_s']:.1f}× |"]


COMMENTARY = Path(__file__).with_name("commentary.md")


def document(result: dict, png_name: str) -> str:
    """The whole of ``docs/benchmarks.md``: machine, tables, targets, then the commentary."""
    from bench.targets import all_checks

    q = result.get("queries") or {}
    parts = [
        "# Benchmarks",
        "",
        "Generated by `python bench/run.py` (do not edit by hand; the commentary at the end "
        "comes from `bench/commentary.md`).",
        "",
        f"Machine: {result['machine']}. Options: `{result['args'] or '(defaults)'}`.",
        "",
        "## Targets",
        "",
        "| target | measured | ratio | verdict |",
        "| --- | --- | --- | --- |",
        *[c.row() for c in all_checks(result)],
        "",
        "## Build, per stage",
        "",
        "*Realistic*: the real and dev-set sheets repeated with their country swapped "
        "(`bench/realistic.py`); *dev-set PDFs*: the four dev-set sheets as PDFs; *synthetic*: "
        "generated sheets that share the extractor's vocabulary (a load generator, not a "
        "measure of accuracy). "
        "Seconds per stage (in-process `time.perf_counter`), one fresh process per scale for its "
        "peak RSS. *Floor*: pyoxigraph bulk-loading the very N-Quads the build wrote and writing "
        "TriG, N-Quads, Turtle, N-Triples, JSON-LD and an on-disk store. *× floor*: build "
        "without validation ÷ floor. *pyshacl first shapes*: pyshacl on the whole graph with "
        "the shapes as first written (`bench/baseline_shapes/`).",
        "",
        *scale_table(result["scales"]),
        "",
        f"![time per stage against sheets, log–log]({png_name})",
        "",
    ]
    if result.get("whole_build"):
        parts += ["## A whole `oaskg build`", "",
                  "Wall time of the command as a user runs it (interpreter start-up, extraction "
                  "on every core, validation, every output and the on-disk store), against the "
                  "pyoxigraph floor of the same graph.", "",
                  *whole_table(result["whole_build"]), ""]
    if q:
        parts += [f"## Saved queries ({q['sheets']} sheets)", "",
                  "Median and 95th percentile of the timed runs after one warm-up. Embedded: "
                  "pyoxigraph store as `oaskg query run` uses it; over HTTP: a form POST "
                  "through SPARQLWrapper as `--endpoint` does (client overhead included).", "",
                  *query_table(q), ""]
    if result.get("load"):
        parts += ["## Server under load", "",
                  "GET requests on 127.0.0.1 from concurrent threads, each with a keep-alive "
                  "connection; a fixed number of requests, bounded in time.", "",
                  *load_table(result["load"]), ""]
    if result.get("cli"):
        parts += ["## CLI start-up", "", *cli_table(result["cli"]), ""]
    if COMMENTARY.is_file():
        parts += [COMMENTARY.read_text(encoding="utf-8").rstrip(), ""]
    return "\n".join(parts)
