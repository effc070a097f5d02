"""The issue's targets, each checked against what this run measured."""

from __future__ import annotations

from dataclasses import dataclass

from bench.scale import STAGES


@dataclass(frozen=True)
class Check:
    target: str
    measured: str
    ratio: str  # measured ÷ limit (or limit ÷ measured for "at least" targets)
    passed: bool | None  # None: not measured in this run

    def row(self) -> str:
        verdict = {True: "pass", False: "**miss**", None: "not measured"}[self.passed]
        return f"| {self.target} | {self.measured} | {self.ratio} | {verdict} |"


def _by_docs(scales: list[dict]) -> dict[int, dict]:
    return {s["documents"]: s for s in scales if not s["real"]}


def growth(scales: list[dict]) -> list[Check]:
    found = _by_docs(scales)
    if 350 not in found or 3500 not in found:
        return [Check("every stage ≤ 11× from 350 to 3,500 sheets", "3,500 not run", "—", None)]
    small, large = found[350], found[3500]
    checks = []
    for stage in STAGES:
        a, b = small["seconds"].get(stage), large["seconds"].get(stage)
        if not a or not b:
            continue
        g = b / a
        checks.append(Check(f"{stage}: growth 350 → 3,500 sheets ≤ 11×", f"{g:.1f}×",
                            f"{g / 11:.2f} of limit", g <= 11))
    return checks


def memory(scales: list[dict]) -> Check:
    largest = max(scales, key=lambda s: s["documents"])
    per = largest["peak_rss_kib"] * 1024 / largest["triples"]
    at = f"at {largest['documents']:,} sheets"
    final = largest["documents"] >= 3500
    return Check("peak RSS < 1.5 KB per triple at 3,500 sheets", f"{per:,.0f} B/triple {at}",
                 f"{per / 1500:.1f}× the limit", per < 1500 if final else None)


def floor_ratio(scales: list[dict]) -> Check:
    largest = max(scales, key=lambda s: s["documents"])
    sec = largest["seconds"]
    build = sum(v for k, v in sec.items() if k != "validate")
    ratio = build / largest["floor"]["total"]
    return Check("build without validation ≤ 5× the pyoxigraph parse + write floor",
                 f"{build:.2f} s vs {largest['floor']['total']:.3f} s "
                 f"({largest['documents']:,} sheets)", f"{ratio:,.1f}×", ratio <= 5)


def validation_rate(scales: list[dict]) -> Check:
    largest = max((s for s in scales if s["seconds"].get("validate")),
                  key=lambda s: s["documents"], default=None)
    if largest is None:
        return Check("validation ≥ 30,000 triples/s", "not run", "—", None)
    rate = largest["triples"] / largest["seconds"]["validate"]
    return Check("validation ≥ 30,000 triples/s",
                 f"{rate:,.0f} triples/s ({largest['documents']:,} sheets)",
                 f"{rate / 30000:.2f} of the target", rate >= 30000)


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
    checks = []
    for name, limit in (("oaskg --help", 0.3), ("oaskg query run", 1.0)):
        found = next((v for k, v in c.items() if k.startswith(name)), None)
        if found is None:
            checks.append(Check(f"`{name}` < {limit} s", "not run", "—", None))
            continue
        checks.append(Check(f"`{name}` < {limit} s", f"{found['median_s']:.3f} s",
                            f"{found['median_s'] / limit:.2f} of the limit",
                            found["median_s"] < limit))
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
    return (growth(scales) + [memory(scales), floor_ratio(scales), validation_rate(scales)]
            + queries(result) + cli(result) + serve(result))
