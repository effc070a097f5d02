"""``oaskg publish``: load the built graph into a remote store (SPARQL 1.1 Graph Store Protocol)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from build_graph.commands.options import out_dir_option


@click.command("publish")
@out_dir_option('The built graph to publish.')
@click.option(
    "--graph-store",
    required=True,
    metavar="URL",
    help="The Graph Store Protocol endpoint, e.g. http://localhost:7878/store (Oxigraph).",
)
@click.option(
    "--retries",
    default=3,
    show_default=True,
    type=click.IntRange(0, 10),
    help="Retries of a request that failed for a transient reason.",
)
def publish(out_dir: Path, graph_store: str, retries: int) -> None:
    """Replace each named graph (documents, reference, ontology) in a remote store.

    Publishing twice leaves the same triples. Queries on the server need its default graph
    to be the union of the named graphs (Oxigraph: `serve --union-default-graph`).
    Exit 3 when there is no build, or the server is down, refuses or fails.
    """
    from build_graph.publish import PublishError
    from build_graph.publish import publish as run_publish
    from build_graph.store import StoreMissing

    if not graph_store.startswith(("http://", "https://")):
        raise click.BadParameter("must be an http(s) URL", param_hint="--graph-store")
    try:
        done = run_publish(out_dir, graph_store, retries=retries)
    except StoreMissing:
        click.echo(f"Error: {out_dir}: no built graph here; run `oaskg build` first", err=True)
        sys.exit(3)
    except PublishError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(3)
    for item in done:
        click.echo(f"  <{item.graph}>: {item.triples} triples (HTTP {item.status})", err=True)
    total = sum(item.triples for item in done)
    click.echo(f"Published {len(done)} graphs, {total} triples, to {graph_store}", err=True)
