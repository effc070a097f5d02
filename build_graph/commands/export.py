"""``oaskg export gexf|graphml|csv|png``: one view of the built graph for Gephi and other tools."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from build_graph.commands.options import out_dir_option

FORMATS = {  # format -> default file name in --out ("" for a folder)
    "gexf": "oaskg.gexf",
    "graphml": "oaskg.graphml",
    "csv": "",
    "png": "oaskg.png",
}


def _options(fn):
    fn = click.option(
        "-o",
        "--output",
        "output",
        type=click.Path(path_type=Path),
        help="File to write (csv: the folder for nodes.csv and edges.csv). "
        "Default: a file in --out.",
    )(fn)
    fn = click.option(
        "--fold-activities",
        is_flag=True,
        help="entities view: no activity nodes; their links become weighted program edges.",
    )(fn)
    fn = click.option(
        "--view",
        type=click.Choice(["entities", "donors", "rdf"]),
        default="entities",
        show_default=True,
        help="Which network to export.",
    )(fn)
    return out_dir_option()(fn)


def _run(fmt: str, out_dir: Path, view: str, fold_activities: bool, output: Path | None):
    from build_graph import export as lib
    from build_graph.rdf.store import StoreMissing

    chosen = lib.View(view)
    if fold_activities and chosen is not lib.View.ENTITIES:
        raise click.UsageError("--fold-activities applies to --view entities only")
    try:
        g = lib.build_network(out_dir, chosen, fold_activities)
    except StoreMissing:
        click.echo(
            f"Error: {out_dir}: no built graph here; run `oaskg build --out {out_dir}` first",
            err=True,
        )
        sys.exit(3)
    target = output or (out_dir / FORMATS[fmt] if FORMATS[fmt] else out_dir)
    try:
        if fmt == "gexf":
            written = [lib.export_gexf(g, target, chosen)]
        elif fmt == "graphml":
            written = [lib.export_graphml(g, target)]
        elif fmt == "csv":
            written = list(lib.export_csv(g, target))
        else:
            written = [lib.export_png(g, target, chosen)]
    except lib.ExportError as exc:
        click.echo(f"Error: {exc}; choose a writable place with -o", err=True)
        sys.exit(3)
    click.echo(
        f"{view} view: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges → "
        + ", ".join(str(p) for p in written),
        err=True,
    )


@click.group("export")
def export() -> None:
    """Export the program network for Gephi (GEXF), other tools (GraphML, CSV) or as a PNG.

    Views: entities (programs, activities, OAS bodies, donors, partners, national
    counterparts, countries), donors (donor → country, donor — donor co-funding), rdf (every
    triple). Exit 3 when --out holds no built graph or the output cannot be written.
    """


@export.command("gexf")
@_options
def gexf(out_dir, view, fold_activities, output) -> None:
    """GEXF 1.3 for Gephi: colours and sizes, and a timeline from the activity dates."""
    _run("gexf", out_dir, view, fold_activities, output)


@export.command("graphml")
@_options
def graphml(out_dir, view, fold_activities, output) -> None:
    """GraphML for tools other than Gephi (yEd, igraph, Cytoscape)."""
    _run("graphml", out_dir, view, fold_activities, output)


@export.command("csv")
@_options
def csv_(out_dir, view, fold_activities, output) -> None:
    """nodes.csv and edges.csv for Gephi's spreadsheet import (in --out, or the -o folder)."""
    _run("csv", out_dir, view, fold_activities, output)


@export.command("png")
@_options
def png(out_dir, view, fold_activities, output) -> None:
    """A picture of the network: force-directed layout, colours by type, legend."""
    _run("png", out_dir, view, fold_activities, output)
