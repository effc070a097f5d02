"""Score the extractor on the development sheets and the two real sheets.

    python bench/extraction_scores.py                 # the table, on standard output
    python bench/extraction_scores.py --markdown      # the same as a Markdown table
    python bench/extraction_scores.py -v colombia.txt # one input, every error listed

Inputs: the four development sheets (``tests/fixtures/devset/``: Trinidad and Tobago,
Colombia, Paraguay, Belize) as PDF, as pypdf text (``.txt``) and as poppler text
(``.pdftotext.txt``), and the two real sheets in ``documents/``. Each is extracted in this
process (``build_graph.extract.extract_paths``), turned into the scorer's schema by the dev
set's ``adapt.py`` and scored by its ``score.py`` against the gold records
(``tests/fixtures/devset/gold/`` and ``tests/fixtures/real-gold/``, the latter checked by hand
against the real sheets). The scorer and the adapter are run as they are, in a subprocess.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "fixtures" / "devset"
REAL_GOLD = ROOT / "tests" / "fixtures" / "real-gold"
SHEETS = ("trinidad_and_tobago", "colombia", "paraguay", "belize")
FORMS = (".txt", ".pdftotext.txt", ".pdf")
REAL = {"guatemala": ROOT / "documents" / "oas-country-sheet-guatemala.txt",
        "uruguay": ROOT / "documents" / "oas-country-sheet-uruguay.txt"}
FIELDS = ("name", "pillar", "start", "end", "url", "donors", "agencies", "countries_covered",
          "results_quantities", "beneficiaries", "partners", "national_counterparts",
          "end_open", "summary", "objectives", "results")


@dataclass(frozen=True)
class Score:
    """The scorer's verdict on one input: field F1s, record recall and overall F1."""

    input: str
    fields: dict[str, float]
    record_recall: float
    overall: float
    report: str


def inputs() -> list[tuple[str, Path, Path]]:
    """(label, input file, gold file) for every scored input, dev set first."""
    found = [(f"{s}{form}", DEVSET / f"{s}{form}", DEVSET / "gold" / f"{s}.json")
             for s in SHEETS for form in FORMS]
    found += [(f"{name} (real)", path, REAL_GOLD / f"{name}.json")
              for name, path in REAL.items()]
    return found


def parse_report(label: str, text: str) -> Score:
    """Read the scorer's table.

    >>> s = parse_report("x", "name  1.000 0.500 0.667 1/0/1\\n"
    ...                  "records: gold=2 pred=1 matched=1 record_recall=0.500 r\\n"
    ...                  "overall_f1=0.4000")
    >>> s.fields["name"], s.record_recall, s.overall
    (0.667, 0.5, 0.4)
    """
    fields = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 5 and parts[0] in FIELDS:
            fields[parts[0]] = float(parts[3])
    recall = re.search(r"record_recall=([\d.]+)", text)
    overall = re.search(r"overall_f1=([\d.]+)", text)
    if not overall or not recall:
        raise ValueError(f"{label}: the scorer printed no overall_f1 line:\n{text}")
    return Score(label, fields, float(recall.group(1)), float(overall.group(1)), text)


def score_input(label: str, path: Path, gold: Path, verbose: bool = False) -> Score:
    """Extract one input, adapt and score it."""
    from build_graph.extract import extract_paths

    extraction = extract_paths([path])[0]
    records = [r.as_dict() for r in extraction.records]
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.json"
        pred.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        adapted = subprocess.run([sys.executable, str(DEVSET / "adapt.py"), str(pred)],
                                 check=True, capture_output=True, text=True).stdout
        (Path(tmp) / "adapted.json").write_text(adapted, encoding="utf-8")
        cmd = [sys.executable, str(DEVSET / "score.py"), str(gold), str(Path(tmp) / "adapted.json"),
               "--aliases", str(DEVSET / "aliases.json")]
        if verbose:
            cmd.append("-v")
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return parse_report(label, out)


_SHORT = {"national_counterparts": "counterparts", "results_quantities": "quantities",
          "countries_covered": "covered"}
_COLUMNS = ("name", "pillar", "start", "end", "donors", "agencies", "partners",
            "national_counterparts", "countries_covered", "results_quantities",
            "summary", "objectives", "results")


def table(scores: list[Score], markdown: bool) -> str:
    head = ["input", "overall", "recall"] + [_SHORT.get(c, c) for c in _COLUMNS]
    rows = [[s.input, f"{s.overall:.3f}", f"{s.record_recall:.2f}"]
            + [f"{s.fields.get(c, 0.0):.2f}" for c in _COLUMNS] for s in scores]
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    width = max(len(r[0]) for r in rows + [head])
    return "\n".join(r[0].ljust(width) + " " + " ".join(c.rjust(7) for c in r[1:])
                     for r in [head] + rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("only", nargs="*", help="score only these inputs (e.g. colombia.pdf)")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the scorer's errors")
    args = ap.parse_args(argv)
    scores = []
    for label, path, gold in inputs():
        if args.only and not any(label.startswith(o) for o in args.only):
            continue
        s = score_input(label, path, gold, args.verbose)
        if args.verbose:
            print(f"== {label}\n{s.report}")
        scores.append(s)
    print(table(scores, args.markdown))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
