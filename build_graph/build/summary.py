"""``summary.json``: the numbers a person checks after a build, every input path accounted for
(read, with its pages, activities and unassigned text; or skipped, and why) and every finding.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from build_graph.build.findings import group_findings, short_iri
from build_graph.extract import InputReport
from build_graph.merge import Merged
from build_graph.model import Finding, Severity
from build_graph.rdf.quads import Quads
from build_graph.validate.shacl import ValidationReport, document_graph_names


def summarise(merged: Merged, quads: Quads, report: ValidationReport | None,
              inputs: Iterable[InputReport] = ()) -> dict:
    """The content of ``summary.json`` (keys sorted when written)."""
    per_country = Counter(a.record.country or "unknown" for a in merged.activities)
    findings = Counter(f.severity.value for f in merged.findings)
    inputs = tuple(inputs)
    return {
        "documents": [
            {"file": d.name, "slug": d.slug, "sha256": d.sha256} for d in merged.documents
        ],
        "classes": _class_counts(quads),
        "programs": len(merged.programs),
        "activities": len(merged.activities),
        "activities_per_country": dict(sorted(per_country.items())),
        "programs_on_several_sheets": [
            {"program": p.slug, "name": p.name, "documents": list(p.documents)}
            for p in merged.on_several_sheets()
        ],
        "unresolved_names": [
            {"name": o.label, "org": o.slug, "seen": list(o.lines)}
            for o in merged.new_organisations
            if o.needs_review
        ],
        "new_organisations": new_organisation_counts(merged),
        "findings": {s.value: findings.get(s.value, 0) for s in Severity},
        "findings_by_kind": [g.as_dict() for g in group_findings(merged.findings)],
        "finding_list": [_finding(f) for f in merged.findings],
        "inputs": input_entries(inputs, merged),
        "source_folders": source_folders(inputs),
        "validation": report.counts() if report is not None else None,
    }


def _finding(f: Finding) -> dict:
    return {"severity": f.severity.value, "code": f.code, "document": f.document,
            "line": f.line, "message": f.message}


def input_entries(inputs: tuple[InputReport, ...], merged: Merged) -> list[dict]:
    """Every input path: ``status`` read (its ``document`` name, ``encoding``, ``pages``,
    ``activities`` and ``unassigned`` text) or skipped (``reason``, ``detail``)."""
    activities = Counter(a.record.document for a in merged.activities)
    entries = []
    for i in inputs:
        entry = i.as_dict()
        if i.status == "read":
            entry["activities"] = activities.get(i.document or "", 0)
        else:
            for key in ("pages", "unassigned"):
                entry.pop(key, None)
        entries.append(entry)
    return entries


def source_folders(inputs: Iterable[InputReport]) -> list[str]:
    """The folders (absolute) the documents' names are relative to — where ``serve`` and
    ``site`` find the sheets to quote — the one holding most documents first."""
    counts: Counter[str] = Counter()
    for i in inputs:
        if i.status != "read" or not i.document:
            continue
        full = os.path.abspath(i.path)
        if full.endswith(os.sep + i.document):
            counts[full[: -len(i.document) - 1]] += 1
        else:
            counts[os.path.dirname(full)] += 1
    return [folder for folder, _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def recorded_sources(out_dir: Path) -> tuple[list[Path], list[dict]] | None:
    """The source folders a build recorded in ``out_dir/summary.json`` and its documents
    (file name and SHA-256); None for a build that recorded no folders."""
    import json

    try:
        summary = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    folders = summary.get("source_folders") if isinstance(summary, dict) else None
    if not isinstance(folders, list):
        return None
    return [Path(f) for f in folders], list(summary.get("documents", []))


def quotable(folder: Path, documents: list[dict]) -> tuple[int, int]:
    """How many of the build's text documents the pages can quote from ``folder`` (found by
    file name, with the SHA-256 the build read, as ``web.app.load_sources`` finds them), and
    how many there are."""
    import hashlib

    texts = [d for d in documents if str(d.get("file", "")).endswith(".txt")]
    found = 0
    for d in texts:
        path = folder / Path(d["file"]).name
        try:
            found += hashlib.sha256(path.read_bytes()).hexdigest() == d.get("sha256")
        except OSError:
            pass
    return found, len(texts)


def _class_counts(quads: Quads) -> dict[str, int]:
    documents = document_graph_names(quads)
    typed = {(t.subject, t.object) for name, t in quads.types() if name in documents}
    counts = Counter(short_iri(o.value) for _s, o in typed)
    return dict(sorted(counts.items()))


def new_organisation_counts(merged: Merged) -> dict:
    """Minted organisations by kind (national / international), how many still need review,
    and the curation rows applied by action."""
    orgs = merged.new_organisations
    kinds = Counter(o.scope for o in orgs)
    review = Counter(o.scope for o in orgs if o.needs_review)
    actions = Counter(action for _iri, action in merged.curated)
    return {
        "minted": len(orgs),
        "by_kind": {k: kinds.get(k, 0) for k in ("international", "national")},
        "needs_review": sum(review.values()),
        "needs_review_by_kind": {k: review.get(k, 0) for k in ("international", "national")},
        "curated": len(merged.curated),
        "curated_by_action": {
            a: actions.get(a, 0) for a in ("accept", "merge", "rename", "reject")
        },
    }


def previous_build(out_dir: Path) -> str:
    """How the build in ``out_dir`` before this one is described to the user: its counts, or
    that there was none."""
    import json

    try:
        s = json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))
        n = len(s["documents"])
        return (f"the previous outputs in {out_dir}/ ({s['activities']} activities from {n} "
                f"document{'s' if n != 1 else ''}) are intact")
    except (OSError, ValueError, KeyError, TypeError):
        if out_dir.exists():
            return f"{out_dir} is as it was"
        return f"nothing was written to {out_dir}/"
