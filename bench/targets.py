"""The issue's targets, each checked against what this run measured."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from bench.scale import STAGES, sheets


@dataclass(frozen=True)
class Check:
    target: str
    measured: str
    ratio: str  # measured ÷ limit (or limit ÷ measured for "at least" targets)
    passed: bool | None  # None: not measured in this run

    def row(self) -> str:
        verdict = {True: "pass", False: "**miss**", None: "not measured"}[self.passed]
        return f"| {self.target} | {self.measured} | {self.ratio} | {verdict} |"


KINDS = ("synthetic", "realistic")


def _kind(scale: dict) -> str:
    return scale.get("kind") or ("real" if scale["real"] else "synthetic")


def _of(scales: list[dict], kind: str) -> dict[int, dict]:
    """The scales of one kind by the number of sheets asked for."""
    return {sheets(s): s for s in scales if _kind(s) == kind}


def growth(scales: list[dict]) -> list[Check]:
    checks = []
    for kind in KINDS:
        found = _of(scales, kind)
        if not found:
            continue
        if 350 not in found or 3500 not in found:
            checks.append(Check(f"{kind}: every stage ≤ 11× from 350 to 3,500 sheets",
                                "3,500 not run", "—", None))
            continue
        small, large = found[350], found[3500]
        for stage in STAGES:
            a, b = small["seconds"].get(stage), large["seconds"].get(stage)
            if not a or not b:
                continue
            g = b / a
            checks.append(Check(f"{kind} {stage}: growth 350 → 3,500 sheets ≤ 11×",
                                f"{g:.1f}×", f"{g / 11:.2f} of limit", g <= 11))
    return checks


def _largest(scales: list[dict]) -> Iterator[tuple[str, dict]]:
    """Each kind's largest scale."""
    for kind in KINDS:
        found = _of(scales, kind)
        if found:
            yield kind, found[max(found)]


def memory(scales: list[dict]) -> list[Check]:
    checks = []
    for kind, largest in _largest(scales):
        per = largest["peak_rss_kib"] * 1024 / largest["triples"]
        final = sheets(largest) >= 3500
        checks.append(Check(f"{kind}: peak RSS < 1.5 KB per triple at 3,500 sheets",
                            f"{per:,.0f} B/triple at {sheets(largest):,} "
                            "sheets",
                            f"{per / 1500:.2f}× the limit", per < 1500 if final else None))
    return checks


def floor_ratio(scales: list[dict]) -> list[Check]:
    checks = []
    for kind, largest in _largest(scales):
        sec = largest["seconds"]
        build = sum(v for k, v in sec.items() if k != "validate")
        ratio = build / largest["floor"]["total"]
        checks.append(Check(f"{kind}: build without validation ≤ 5× the pyoxigraph parse + "
                            "write floor", f"{build:.2f} s vs {largest['floor']['total']:.3f} s "
                            f"({sheets(largest):,} sheets)",
                            f"{ratio:,.1f}×", ratio <= 5))
    return checks


def validation_rate(scales: list[dict]) -> list[Check]:
    checks = []
    for kind in KINDS:
        found = [s for s in _of(scales, kind).values() if s["seconds"].get("validate")]
        if not found:
            continue
        largest = max(found, key=lambda s: sheets(s))
        rate = largest["triples"] / largest["seconds"]["validate"]
        checks.append(Check(f"{kind}: validation ≥ 30,000 triples/s",
                            f"{rate:,.0f} triples/s "
                            f"({sheets(largest):,} sheets)",
                            f"{rate / 30000:.2f} of the target", rate >= 30000))
    return checks


def whole_build(result: dict) -> list[Check]:
    w = result.get("whole_build")
    if not w:
        return [Check("whole `oaskg build` of 140 realistic sheets ≤ 25× the floor", "not run",
                      "—", None)]
    ratio = w["median_s"] / w["floor_s"]
    return [Check(f"whole `oaskg build` of {w['documents']} realistic sheets ≤ 25× the floor",
                  f"{w['median_s']:.2f} s vs {w['floor_s']:.3f} s", f"{ratio:.1f}×",
                  ratio <= 25)]


def queries(result: dict) -> list[Check]:
    q = result.get("queries")
    if not q:
        return [Check("saved queries: median < 20 ms, ≥ 20× rdflib", "not run", "—", None)]
    emb = q["embedded"]
    worst = max(emb, key=lambda n: emb[n]["median_ms"])
    checks = [Check(f"every saved query median < 20 ms embedded ({q['sheets']} sheets)",
                    f"slowest `{worst}` {emb[worst]['median_ms']:.2f} ms",
                    f"{emb[worst]['median_ms'] / 20:.2f} of the limit",
                    emb[worst]["median_ms"] < 20)]
    if "rdflib" in q:
        speed = {n: q["rdflib"][n]["median_ms"] / emb[n]["median_ms"] for n in emb}
        least = min(speed, key=speed.get)
        checks.append(Check("every saved query ≥ 20× faster than rdflib's engine",
                            f"least `{least}` {speed[least]:,.2f}×",
                            f"{speed[least] / 20:.2f} of the target", speed[least] >= 20))
    return checks


def cli(result: dict) -> list[Check]:
    c = result.get("cli") or {}
    floor = next((v["median_s"] for k, v in c.items() if k.startswith("python -c")), None)
    checks = []
    for name, limit in (("oaskg --help", 0.3),):
        found = next((v for k, v in c.items() if k.startswith(name)), None)
        if found is None:
            checks.append(Check(f"`{name}` < {limit} s", "not run", "—", None))
            continue
        checks.append(Check(f"`{name}` < {limit} s", f"{found['median_s']:.3f} s",
                            f"{found['median_s'] / limit:.2f} of the limit",
                            found["median_s"] < limit))
    for name in ("oaskg extract", "oaskg query run"):
        found = next((v for k, v in c.items() if k.startswith(name)), None)
        target = f"`{name}` within 0.3 s of `python -c pass`"
        if found is None or floor is None:
            checks.append(Check(target, "not run", "—", None))
            continue
        above = found["median_s"] - floor
        checks.append(Check(target, f"{found['median_s']:.3f} s ({above:+.3f} s)",
                            f"{above / 0.3:.2f} of the limit", above <= 0.3))
    return checks


def serve(result: dict) -> list[Check]:
    r = (result.get("load") or {}).get("oaskg serve: resource pages")
    if r is None:
        return [Check("serve: ≥ 300 requests/s, p99 < 100 ms, no errors", "not run", "—", None)]
    return [
        Check("serve resource pages ≥ 300 requests/s (16 clients)", f"{r['rps']:,.0f} /s",
              f"{r['rps'] / 300:.2f} of the target", r["rps"] >= 300),
        Check("serve resource pages p99 < 100 ms", f"{r['p99_ms']:.1f} ms",
              f"{r['p99_ms'] / 100:.2f} of the limit", r["p99_ms"] < 100),
        Check("serve resource pages: no errors", f"{r['errors']} of {r['requests']}", "—",
              r["errors"] == 0),
    ]


def all_checks(result: dict) -> list[Check]:
    scales = result["scales"]
    return (whole_build(result) + growth(scales) + memory(scales) + floor_ratio(scales)
            + validation_rate(scales) + queries(result) + cli(result) + serve(result))
