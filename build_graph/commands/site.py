"""``oaskg site DIR``: the linked-data pages as static files with content-negotiation rules."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from build_graph.commands.options import documents_option, out_dir_option


@click.command("site")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@out_dir_option()
@click.option("--base-iri", default=None,
              help="Base of the published IRIs. Default: the base the graph was built with.")
@documents_option
@click.option("--force", is_flag=True,
              help="Replace files an earlier `oaskg site` wrote even if they were changed since "
                   "(files it did not write are never replaced).")
def site(folder: Path, out_dir: Path, base_iri: str | None, documents: Path | None,
         force: bool) -> None:
    """Write the pages, RDF files, dumps, VoID and an .htaccess into FOLDER.

    FOLDER must be empty, new, or a site written before (its .oaskg-site.json lists the
    files written). Exit 3, with nothing written, when --out holds no built graph or FOLDER
    may not take the site: /, the home folder, a project (pyproject.toml, .git), a folder
    with files `oaskg site` did not write, or one a symlink leads out of.
    """
    from build_graph.commands.serve import build_base, documents_folder
    from build_graph.rdf.output_set import pin
    from build_graph.rdf.store import StoreMissing, open_store
    from build_graph.web.app import load_sources
    from build_graph.web.graphview import GraphView
    from build_graph.web.site import SiteRefused, write_site

    shown, out_dir = out_dir, pin(out_dir)  # every file from the same output set
    base = base_iri or build_base(out_dir)
    if not base.startswith(("http://", "https://")):
        raise click.BadParameter("must be an http(s) IRI", param_hint="--base-iri")
    try:
        view = GraphView(open_store(out_dir), base)
    except StoreMissing:
        click.echo(f"Error: {shown}: no built graph here; run `oaskg build --out {shown}` "
                   "first", err=True)
        sys.exit(3)
    sources = load_sources(view, documents_folder(out_dir, documents))
    try:
        report = write_site(view, out_dir, folder, sources, force)
    except SiteRefused as exc:
        click.echo(f"Error: {exc}. Nothing was written.", err=True)
        sys.exit(3)
    except OSError as exc:
        click.echo(f"Error: {folder}: cannot write the site ({exc.strerror or exc})", err=True)
        sys.exit(3)
    click.echo(f"Wrote {report.files} files for {report.resources} resources into {folder}/ "
               f"(listed in {folder}/.oaskg-site.json)", err=True)
    if report.removed:
        click.echo(f"Removed {len(report.removed)} files of the earlier site that the graph no "
                   "longer has", err=True)
