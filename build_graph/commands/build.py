"""``oaskg build``: country sheets → validated knowledge graph in ``out/``."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from build_graph.commands.options import out_dir_option
from build_graph.vocab import DEFAULT_BASE

PROGRESS_THRESHOLD = 5  # documents; fewer finish before a bar would be worth showing


@contextmanager
def _progress_bar(files: list[Path]):
    if len(files) >= PROGRESS_THRESHOLD and sys.stderr.isatty():
        with click.progressbar(files, label="Extracting", file=sys.stderr) as bar:
            yield bar
    else:
        yield files


def echo_report(report, limit: int | None = None) -> None:
    """Validation counts by severity, then each result with its document and line (stderr)."""
    counts = ", ".join(
        f"{n} {s.lower()}{'s' if n != 1 else ''}" for s, n in report.counts().items()
    )
    click.echo(f"Validation: {counts}", err=True)
    for result in report.results[:limit]:
        click.echo(f"  {result}", err=True)
    if limit is not None and len(report.results) > limit:
        click.echo(f"  … {len(report.results) - limit} more in validation.ttl", err=True)


def echo_summary(result) -> None:
    s = result.summary
    click.echo(
        f"Built {s['programs']} programs from {s['activities']} activities on "
        f"{len(s['documents'])} documents into {result.out_dir}/",
        err=True,
    )
    for f in result.findings:
        if f.severity.value == "error":
            click.echo(f"  {f}", err=True)
    several = s["programs_on_several_sheets"]
    if several:
        click.echo(f"Programs on several sheets ({len(several)}):", err=True)
        for p in several:
            click.echo(f"  {p['name']}: {', '.join(p['documents'])}", err=True)
    unresolved = s["unresolved_names"]
    if unresolved:
        click.echo(f"Unresolved names, minted for review ({len(unresolved)}):", err=True)
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
def build(
    paths: tuple[Path, ...],
    out_dir: Path,
    base_iri: str,
    country: str | None,
    as_of,
    no_validate: bool,
) -> None:
    """Build the validated knowledge graph from country sheets (default: documents/).

    Writes graph.trig, graph.ttl, graph.nt, graph.nq, graph.jsonld, validation.ttl,
    summary.json and the embedded store to --out. Exit 1 when the graph has a SHACL
    Violation, 3 when no record could be extracted or the outputs cannot be written.
    """
    from build_graph.pipeline import BuildError
    from build_graph.pipeline import build as run_build

    if not base_iri.startswith(("http://", "https://")):
        raise click.BadParameter("must be an http(s) IRI", param_hint="--base-iri")
    try:
        result = run_build(
            list(paths) or [Path("documents")],
            out_dir,
            base=base_iri,
            country=country.upper() if country else None,
            as_of=as_of.date().isoformat() if as_of else None,
            run_validation=not no_validate,
            progress=_progress_bar,
        )
    except BuildError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(3)
    echo_summary(result)
    if result.report is not None:
        echo_report(result.report)
    sys.exit(result.exit_code)
