"""``oaskg site DIR``: the linked-data pages as static files with content-negotiation rules."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from build_graph.commands.options import out_dir_option


@click.command("site")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@out_dir_option()
@click.option("--base-iri", default=None,
              help="Base of the published IRIs. Default: the base the graph was built with.")
@click.option("--documents", type=click.Path(path_type=Path, file_okay=False),
              default=Path("documents"), show_default=True,
              help="Folder of the source sheets, to quote an activity's lines (optional).")
def site(folder: Path, out_dir: Path, base_iri: str | None, documents: Path) -> None:
    """Write the pages, RDF files, dumps, VoID and an .htaccess into FOLDER.

    Exit 3 when --out holds no built graph or FOLDER cannot be written.
    """
    from build_graph.commands.serve import build_base
    from build_graph.store import StoreMissing, open_store
    from build_graph.web.app import load_sources
    from build_graph.web.graphview import GraphView
    from build_graph.web.site import write_site

    base = base_iri or build_base(out_dir)
    if not base.startswith(("http://", "https://")):
        raise click.BadParameter("must be an http(s) IRI", param_hint="--base-iri")
    try:
        view = GraphView(open_store(out_dir), base)
    except StoreMissing:
        click.echo(f"Error: {out_dir}: no built graph here; run `oaskg build --out {out_dir}` "
                   "first", err=True)
        sys.exit(3)
    try:
        report = write_site(view, out_dir, folder, load_sources(view, documents))
    except OSError as exc:
        click.echo(f"Error: {folder}: cannot write the site ({exc.strerror or exc})", err=True)
        sys.exit(3)
    click.echo(f"Wrote {report.files} files for {report.resources} resources into {folder}/",
               err=True)
