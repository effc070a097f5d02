"""``build()``: documents → extract → resolve → merge → RDF → SHACL → files in ``out/``.

>>> # build([Path("documents")], Path("out")).exit_code  -> 0 when the graph conforms
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from build_graph import vocab
from build_graph.build.outputs import (
    Pairs,
    atomic_write,
    turtle,
    write_csv,
    write_graph_files,
    write_json,
    write_json_stream,
)
from build_graph.build.summary import previous_build, summarise
from build_graph.extract import Extracted, InputReport, Progress
from build_graph.merge import Merged, merge
from build_graph.model import Extraction, Finding
from build_graph.rdf import output_set
from build_graph.rdf.mapping import Iris, Locations, to_quads_with_locations
from build_graph.rdf.quads import Quads
from build_graph.rdf.store import NQUADS, write_store
from build_graph.read.documents import SkipReason
from build_graph.resolve.curation import REVIEW_COLUMNS, Curation, review_details, review_rows
from build_graph.resolve.mint import NewOrganisation, resolve
from build_graph.validate.shacl import ValidationReport, validate

LOCATIONS_FILE = "locations.json"
REVIEW_CSV = "review.csv"  # minted organisations still unreviewed: a curation file to fill in
REVIEW_JSON = "review.json"  # the same, with the sentence each was seen in (``oaskg review``)

SKIPPED_QUIETLY = {r.value for r in SkipReason if r.quiet}


class BuildError(Exception):
    """The build could not produce a graph (no record at all, outputs not writable)."""


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    merged: Merged
    quads: Quads
    report: ValidationReport | None
    summary: dict
    written: tuple[Path, ...]
    inputs: tuple[InputReport, ...] = ()  # every input path: read, or skipped and why

    @property
    def dataset(self):
        """The graph as an rdflib ``Dataset`` (made on demand: the build itself never holds
        one)."""
        return self.quads.to_dataset()

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.merged.findings

    @property
    def exit_code(self) -> int:
        """0 when the graph conforms (or was not validated), 1 when it has a Violation."""
        return 0 if self.report is None or self.report.conforms else 1


def extract_sheets(
    paths: list[Path], registry, country: str | None, progress: Progress | None = None,
    recurse: bool = True, workers: int | None = None,
) -> Extracted:
    """Every sheet under ``paths`` extracted (on ``workers`` processes; default: every core
    for many sheets) and every path accounted for; BuildError when there is no sheet at all."""
    from build_graph.extract import extract_inputs

    extracted = extract_inputs(list(paths), registry, country, recurse=recurse,
                               progress=progress, workers=workers)
    if not any(r.status == "read" or r.reason not in SKIPPED_QUIETLY
               for r in extracted.inputs):
        shown = ", ".join(str(p) for p in paths) or "(no path)"
        raise BuildError(f"{shown}: no .txt or .pdf country sheet found; pass sheets or a folder")
    return extracted


def extract_all(
    paths: list[Path], registry, country: str | None, progress: Progress | None = None,
    recurse: bool = True,
) -> list[Extraction]:
    """The extractions of :func:`extract_sheets`."""
    return list(extract_sheets(paths, registry, country, progress, recurse).extractions)


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
    recurse: bool = True,
    workers: int | None = None,
) -> BuildResult:
    """Build, validate and write the knowledge graph of the sheets in ``paths``.

    ``curation`` (read with :func:`build_graph.resolve.curation.read_curation`) decides about minted
    organisations; a row that cannot be applied raises ``CurationError`` before anything is
    written. ``workers`` processes extract and validate (default: every core to extract many
    sheets, the idle ones to validate); the outputs are the same for any number.
    """
    from build_graph.registry.index import Registry

    try:
        output_set.check(out_dir)  # before minutes of work, not after
    except output_set.OutputSetError as exc:
        raise BuildError(str(exc)) from exc
    registry = registry if registry is not None else Registry.load()
    with _long_lived_heap():
        extracted = extract_sheets(paths, registry, country, progress, recurse, workers)
        extractions = list(extracted.extractions)
        output_set.checkpoint("extracted")
        if not any(e.records for e in extractions):
            problems = "; ".join(str(f) for e in extractions for f in e.findings[:3])
            raise BuildError(
                "no program record could be extracted" + (f": {problems}" if problems else "")
            )
        gc.freeze()
        merged = merge(resolve(extractions, registry, curation, base))
        quads, locations = to_quads_with_locations(merged, registry, base, as_of)
        gc.freeze()
        report = validate(quads, locations, workers=workers) if run_validation else None
        summary = summarise(merged, quads, report, extracted.inputs) | {
            "base": Iris(base).base
        }
        gc.freeze()
        written = write_outputs(
            out_dir, quads, locations, report, summary, base, merged.new_organisations
        )
    return BuildResult(out_dir, merged, quads, report, summary, tuple(written),
                       extracted.inputs)


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
    quads: Quads,
    locations: Locations,
    report: ValidationReport | None,
    summary: dict,
    base: str = vocab.DEFAULT_BASE,
    new_organisations: Iterable[NewOrganisation] = (),
) -> list[Path]:
    """Every file of ``out/`` as one new output set, switched in when complete (see
    :mod:`build_graph.rdf.output_set`); BuildError, with the previous outputs intact, when it
    cannot be written."""
    new_organisations = tuple(new_organisations)
    intact = previous_build(out_dir)
    try:
        with output_set.staged(out_dir) as staging:
            names = write_set(staging, quads, report, summary, base, locations,
                              new_organisations)
    except output_set.OutputSetError as exc:
        raise BuildError(str(exc)) from exc
    except OSError as exc:
        where = exc.filename or out_dir
        raise BuildError(
            f"{where}: cannot write the outputs ({exc.strerror or exc}); {intact}. Free some "
            "space or choose another folder with --out"
        ) from exc
    return [out_dir / name for name in names]


def write_set(
    folder: Path,
    quads: Quads,
    report: ValidationReport | None,
    summary: dict,
    base: str,
    locations: Locations,
    new_organisations: tuple[NewOrganisation, ...],
) -> list[str]:
    """Write one whole output set into ``folder`` (a new, empty one); the names written."""
    written = [p.name for p in write_graph_files(folder, quads)]
    if report is not None:
        atomic_write(folder / "validation.ttl", turtle(report.to_triples(Iris(base).base)))
        written.append("validation.ttl")
    write_json(folder / "summary.json", summary)
    sections = locations.json_sections()
    write_json_stream(folder / LOCATIONS_FILE, sections | {"nodes": Pairs(sections["nodes"])})
    write_csv(folder / REVIEW_CSV, REVIEW_COLUMNS, review_rows(new_organisations, base))
    write_json(folder / REVIEW_JSON, review_details(new_organisations, base))
    written += ["summary.json", LOCATIONS_FILE, REVIEW_CSV, REVIEW_JSON]
    output_set.checkpoint("files")
    written.append(write_store(folder, folder / NQUADS).name)
    output_set.checkpoint("store")
    return written


def revalidate(out_dir: Path) -> ValidationReport:
    """Validate the graph built in ``out_dir`` again (e.g. after the shapes changed), and
    rewrite its ``validation.ttl`` (in the set ``out_dir`` shows now)."""
    import json

    shown, out_dir = out_dir, output_set.pin(out_dir)
    trig = out_dir / "graph.trig"
    if not trig.is_file():
        raise BuildError(f"{shown / 'graph.trig'}: no built graph; run `oaskg build --out "
                         f"{shown}` first")
    quads = Quads.parse(path=trig, format=ox.RdfFormat.TRIG)
    located = out_dir / LOCATIONS_FILE
    locations = None
    if located.is_file():
        locations = Locations.from_json(json.loads(located.read_text(encoding="utf-8")))
    report = validate(quads, locations)
    summary_path = out_dir / "summary.json"
    base = vocab.DEFAULT_BASE
    if summary_path.is_file():
        base = json.loads(summary_path.read_text(encoding="utf-8")).get("base", base)
    try:
        atomic_write(
            out_dir / "validation.ttl", turtle(report.to_triples(base))
        )
    except OSError as exc:
        raise BuildError(f"{shown}: cannot write validation.ttl ({exc.strerror})") from exc
    return report
