"""``build()``: documents → extract → resolve → merge → RDF → SHACL → files in ``out/``.

>>> # build([Path("documents")], Path("out")).exit_code  -> 0 when the graph conforms
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, URIRef
from rdflib.namespace import RDF

from build_graph import vocab
from build_graph.curation import REVIEW_COLUMNS, Curation, review_details, review_rows
from build_graph.mapping import Iris, Locations, to_dataset_with_locations
from build_graph.merge import Merged, merge
from build_graph.model import Extraction, Finding, Severity
from build_graph.outputs import (
    atomic_write,
    serialise,
    turtle,
    write_csv,
    write_files,
    write_json,
)
from build_graph.resolve import NewOrganisation, resolve
from build_graph.store import write_store
from build_graph.validate import ValidationReport, document_graph_names, validate

LOCATIONS_FILE = "locations.json"
REVIEW_CSV = "review.csv"  # minted organisations still unreviewed: a curation file to fill in
REVIEW_JSON = "review.json"  # the same, with the sentence each was seen in (``oaskg review``)

# A progress wrapper: given the documents, yields them while showing progress.
Progress = Callable[[list[Path]], AbstractContextManager[Iterable[Path]]]


class BuildError(Exception):
    """The build could not produce a graph (no record at all, outputs not writable)."""


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    merged: Merged
    dataset: Dataset
    report: ValidationReport | None
    summary: dict
    written: tuple[Path, ...]

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.merged.findings

    @property
    def exit_code(self) -> int:
        """0 when the graph conforms (or was not validated), 1 when it has a Violation."""
        return 0 if self.report is None or self.report.conforms else 1


def _no_progress(items: list[Path]) -> AbstractContextManager[Iterable[Path]]:
    return nullcontext(items)


def extract_all(
    paths: list[Path], registry, country: str | None, progress: Progress | None = None
) -> list[Extraction]:
    from build_graph.documents import find_documents
    from build_graph.extract import extract_paths

    files = find_documents(list(paths))
    if not files:
        shown = ", ".join(str(p) for p in paths) or "(no path)"
        raise BuildError(f"{shown}: no .txt or .pdf country sheet found; pass sheets or a folder")
    extractions: list[Extraction] = []
    with (progress or _no_progress)(files) as items:
        for path in items:
            extractions.extend(extract_paths([path], registry, country))
    return extractions


def build(
    paths: list[Path],
    out_dir: Path = Path("out"),
    *,
    base: str = vocab.DEFAULT_BASE,
    country: str | None = None,
    as_of: str | None = None,
    run_validation: bool = True,
    registry=None,
    progress: Progress | None = None,
    curation: Curation | None = None,
) -> BuildResult:
    """Build, validate and write the knowledge graph of the sheets in ``paths``.

    ``curation`` (read with :func:`build_graph.curation.read_curation`) decides about minted
    organisations; a row that cannot be applied raises ``CurationError`` before anything is
    written.
    """
    from build_graph.registry import Registry

    registry = registry if registry is not None else Registry.load()
    with _long_lived_heap():
        extractions = extract_all(paths, registry, country, progress)
        if not any(e.records for e in extractions):
            problems = "; ".join(str(f) for e in extractions for f in e.findings[:3])
            raise BuildError(
                "no program record could be extracted" + (f": {problems}" if problems else "")
            )
        gc.freeze()
        merged = merge(resolve(extractions, registry, curation, base))
        dataset, locations = to_dataset_with_locations(merged, registry, base, as_of)
        gc.freeze()
        report = validate(dataset, locations) if run_validation else None
        summary = summarise(merged, dataset, report) | {"base": Iris(base).base}
        gc.freeze()
        written = write_outputs(
            out_dir, dataset, locations, report, summary, base, merged.new_organisations
        )
    return BuildResult(out_dir, merged, dataset, report, summary, tuple(written))


@contextmanager
def _long_lived_heap():
    """The build keeps everything it makes until the end, so Python's cycle collector would
    only rescan an ever larger heap: measured at 3,500 sheets, the write stage took 401 s with
    it and 94 s with each stage's results frozen out of its reach. Unfrozen afterwards."""
    try:
        yield
    finally:
        gc.unfreeze()


def write_outputs(
    out_dir: Path,
    dataset: Dataset,
    locations: Locations,
    report: ValidationReport | None,
    summary: dict,
    base: str = vocab.DEFAULT_BASE,
    new_organisations: Iterable[NewOrganisation] = (),
) -> list[Path]:
    """Every file of ``out/``, each written atomically; BuildError when it cannot be."""
    new_organisations = tuple(new_organisations)
    files = serialise(dataset)
    try:
        written = write_files(out_dir, files)
        if report is not None:
            path = out_dir / "validation.ttl"
            atomic_write(path, turtle(report.to_graph(Iris(base).base)))
            written.append(path)
        write_json(out_dir / "summary.json", summary)
        write_json(out_dir / LOCATIONS_FILE, locations.as_json())
        written += [out_dir / "summary.json", out_dir / LOCATIONS_FILE]
        write_csv(out_dir / REVIEW_CSV, REVIEW_COLUMNS, review_rows(new_organisations, base))
        write_json(out_dir / REVIEW_JSON, review_details(new_organisations, base))
        written += [out_dir / REVIEW_CSV, out_dir / REVIEW_JSON]
        written.append(write_store(out_dir, files["graph.nq"]))
    except OSError as exc:
        raise BuildError(
            f"{exc.filename or out_dir}: cannot write the outputs ({exc.strerror or exc}); "
            "choose another folder with --out"
        ) from exc
    return written


def _class_counts(dataset: Dataset) -> dict[str, int]:
    documents = document_graph_names(dataset)
    typed = {
        (q[0], q[2])
        for q in dataset.quads((None, RDF.type, None))
        if isinstance(q[2], URIRef) and getattr(q[3], "identifier", q[3]) in documents
    }
    counts = Counter(_short(str(o)) for _s, o in typed)
    return dict(sorted(counts.items()))


def _short(iri: str) -> str:
    for prefix, ns in vocab.PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def summarise(merged: Merged, dataset: Dataset, report: ValidationReport | None) -> dict:
    """The numbers a person checks after a build (``summary.json``)."""
    per_country = Counter(a.record.country or "unknown" for a in merged.activities)
    findings = Counter(f.severity.value for f in merged.findings)
    return {
        "documents": [
            {"file": d.name, "slug": d.slug, "sha256": d.sha256} for d in merged.documents
        ],
        "classes": _class_counts(dataset),
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
        "validation": report.counts() if report is not None else None,
    }


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


def revalidate(out_dir: Path) -> ValidationReport:
    """Validate the graph built in ``out_dir`` again (e.g. after the shapes changed)."""
    import json

    trig = out_dir / "graph.trig"
    if not trig.is_file():
        raise BuildError(f"{trig}: no built graph; run `oaskg build --out {out_dir}` first")
    dataset = Dataset()
    dataset.parse(trig, format="trig")
    located = out_dir / LOCATIONS_FILE
    locations = None
    if located.is_file():
        locations = Locations.from_json(json.loads(located.read_text(encoding="utf-8")))
    report = validate(dataset, locations)
    summary_path = out_dir / "summary.json"
    base = vocab.DEFAULT_BASE
    if summary_path.is_file():
        base = json.loads(summary_path.read_text(encoding="utf-8")).get("base", base)
    try:
        atomic_write(
            out_dir / "validation.ttl", turtle(report.to_graph(base))
        )
    except OSError as exc:
        raise BuildError(f"{out_dir}: cannot write validation.ttl ({exc.strerror})") from exc
    return report
