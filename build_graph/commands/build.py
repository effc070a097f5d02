"""``oaskg build``: country sheets → validated knowledge graph in ``out/``."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from build_graph.build.findings import (
    fit_to_sheets,
    formless_documents,
    group_findings,
    group_results,
    render,
)
from build_graph.commands.options import (
    check_verbosity,
    out_dir_option,
    recurse_option,
    verbosity_options,
)
from build_graph.vocab import DEFAULT_BASE

PROGRESS_THRESHOLD = 5  # documents; fewer finish before a bar would be worth showing


@contextmanager
def _progress_bar(files: list):
    if len(files) >= PROGRESS_THRESHOLD and sys.stderr.isatty():
        with click.progressbar(files, label="Extracting", file=sys.stderr) as bar:
            yield bar
    else:
        yield files


def echo_report(report, limit: int | None = None, verbose: bool = True,
                formless: dict[str, int] | None = None) -> None:
    """Validation counts by severity, then the results with document and line (stderr): each
    one (``verbose``), or grouped by kind with counts and the first places; results about an
    unset form on a sheet with no form (``formless``) said once per sheet."""
    counts = ", ".join(
        f"{n} {s.lower()}{'s' if n != 1 else ''}" for s, n in report.counts().items()
    )
    click.echo(f"Validation: {counts}", err=True)
    if verbose:
        for result in report.results[:limit]:
            click.echo(f"  {result}", err=True)
        if limit is not None and len(report.results) > limit:
            click.echo(f"  … {len(report.results) - limit} more in validation.ttl", err=True)
        return
    results, fitted = fit_to_sheets(report.results, formless or {})
    for line in render(fitted + group_results(results)):
        click.echo(line, err=True)


def echo_findings(findings, verbose: bool) -> None:
    """The build's findings by kind (every one with ``verbose``); infos only counted unless
    ``verbose``. Minted organisations are listed in their own section."""
    shown = [f for f in findings if f.code != "new-organisation"
             and (verbose or f.severity.value != "info")]
    groups = group_findings(shown)
    notes = sum(1 for f in findings if f.severity.value == "info")
    total = sum(g.count for g in groups)
    if groups:
        also = f"; {notes} informational notes, -v lists them" if notes and not verbose else ""
        by_kind = "" if verbose else "repeated ones by kind, summary.json keeps all"
        click.echo(f"Findings ({total}{'; ' if by_kind else ''}{by_kind}{also}):", err=True)
    elif notes and not verbose:
        click.echo(f"Findings: {notes} informational notes (-v lists them)", err=True)
    if verbose:
        for f in shown:
            click.echo(f"  {f}", err=True)
        return
    for line in render(groups):
        click.echo(line, err=True)


def echo_summary(result, verbose: bool = False, quiet: bool = False) -> None:
    s = result.summary
    click.echo(
        f"Built {s['programs']} programs from {s['activities']} activities on "
        f"{len(s['documents'])} document{'s' if len(s['documents']) != 1 else ''} into "
        f"{result.out_dir}/",
        err=True,
    )
    skipped = [i for i in s.get("inputs", ()) if i["status"] == "skipped"]
    if quiet:
        found = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in s["findings"].items())
        click.echo(f"Inputs: {len(s['inputs']) - len(skipped)} read, {len(skipped)} not read; "
                   f"findings: {found} (in {result.out_dir}/summary.json)", err=True)
        return
    echo_findings(result.findings, verbose)
    several = s["programs_on_several_sheets"]
    if several:
        click.echo(f"Programs on several sheets ({len(several)}):", err=True)
        for p in several:
            click.echo(f"  {p['name']}: {', '.join(p['documents'])}", err=True)
    new = s["new_organisations"]
    if new["minted"] or new["curated"]:
        kinds = ", ".join(f"{n} {kind}" for kind, n in new["by_kind"].items() if n)
        click.echo(
            f"New organisations: {new['minted']} minted ({kinds or 'none'}), "
            f"{new['curated']} curated, {new['needs_review']} need review",
            err=True,
        )
    unresolved = s["unresolved_names"]
    if unresolved:
        click.echo(
            f"Not in the registry, minted for review ({len(unresolved)}; decide in "
            f"{result.out_dir}/review.csv, see `oaskg review --out {result.out_dir}`):",
            err=True,
        )
        for o in unresolved:
            click.echo(f"  {o['name']!r} at {', '.join(o['seen'])}", err=True)


@click.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@out_dir_option('Folder for the graph files, the validation report and the embedded store.')
@click.option("--base-iri", default=DEFAULT_BASE, show_default=True, help="Base of minted IRIs.")
@click.option("--country", metavar="ISO2", help="Country of the sheets when they do not say.")
@click.option(
    "--as-of",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Reference date for ongoing/closed status (without it, dated activities are 'unknown').",
)
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation.")
@click.option("--workers", type=click.IntRange(min=1), metavar="N",
              help="Processes for extraction and validation (default: every core to extract "
                   "four sheets or more, the idle cores to validate). The outputs are the same "
                   "for any number.")
@recurse_option
@verbosity_options
@click.option(
    "--curation",
    "curation_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="FILE",
    help="A filled review.csv: accept, merge, rename or reject minted organisations. "
    "Repeatable; files are read in order and a later row for the same iri wins.",
)
def build(
    paths: tuple[Path, ...],
    out_dir: Path,
    base_iri: str,
    country: str | None,
    as_of,
    no_validate: bool,
    curation_files: tuple[Path, ...],
    recurse: bool,
    verbose: bool,
    quiet: bool,
    workers: int | None = None,
) -> None:
    """Build the validated knowledge graph from country sheets (default: documents/).

    Folders are read with their sub-folders (--no-recurse: not); every path not read is
    reported with the reason. Writes graph.trig, graph.ttl, graph.nt, graph.nq, graph.jsonld,
    validation.ttl, summary.json, review.csv (minted organisations still unreviewed),
    review.json and the embedded store as one new output set, and switches --out to it in one
    step. Exit 1 when the graph has a SHACL Violation, 2 when a --curation row cannot be
    applied (nothing is written), 3 when no record could be extracted or the outputs cannot
    be written (the previous ones are then intact).
    """
    from build_graph.build.pipeline import BuildError
    from build_graph.build.pipeline import build as run_build
    from build_graph.resolve.curation import CurationError, read_curation

    check_verbosity(verbose, quiet)
    if not base_iri.startswith(("http://", "https://")):
        raise click.BadParameter("must be an http(s) IRI", param_hint="--base-iri")
    try:
        curation = read_curation(curation_files) if curation_files else None
        result = run_build(
            list(paths) or [Path("documents")],
            out_dir,
            base=base_iri,
            country=country.upper() if country else None,
            as_of=as_of.date().isoformat() if as_of else None,
            run_validation=not no_validate,
            progress=_progress_bar,
            curation=curation,
            recurse=recurse,
            workers=workers,
        )
    except CurationError as exc:
        click.echo(f"Error: {exc}", err=True)
        click.echo("Nothing was built; fix the curation file and build again.", err=True)
        sys.exit(2)
    except BuildError as exc:
        click.echo(f"Error: {exc}", err=True)
        if "intact" not in str(exc) and "nothing was written" not in str(exc):
            from build_graph.build.summary import previous_build

            said = previous_build(out_dir)
            click.echo(f"{said[0].upper()}{said[1:]}.", err=True)
        sys.exit(3)
    echo_summary(result, verbose, quiet)
    if result.report is not None:
        if quiet:
            counts = ", ".join(f"{n} {k.lower()}{'s' if n != 1 else ''}"
                               for k, n in result.report.counts().items())
            click.echo(f"Validation: {counts}", err=True)
        else:
            echo_report(result.report, verbose=verbose,
                        formless=formless_documents(a.record for a in result.merged.activities))
    sys.exit(result.exit_code)
