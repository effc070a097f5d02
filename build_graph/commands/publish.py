"""``oaskg publish``: load the built graph into a remote store (SPARQL 1.1 Graph Store Protocol)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from build_graph.commands.options import out_dir_option


def default_sparql(graph_store: str) -> str | None:
    """The query endpoint beside a Graph Store URL, for the stores whose layout is known:
    Oxigraph ``/store`` → ``/query``, Fuseki ``/DATASET/data`` → ``/DATASET/sparql``.

    >>> default_sparql("http://127.0.0.1:7878/store")
    'http://127.0.0.1:7878/query'
    """
    for tail, query in (("/store", "/query"), ("/data", "/sparql")):
        if graph_store.rstrip("/").endswith(tail):
            return graph_store.rstrip("/")[: -len(tail)] + query
    return None


@click.command("publish")
@out_dir_option('The built graph to publish.')
@click.option("--graph-store", required=True, metavar="URL",
              help="The Graph Store Protocol endpoint, e.g. http://localhost:7878/store "
                   "(Oxigraph).")
@click.option("--retries", default=3, show_default=True, type=click.IntRange(0, 10),
              help="Retries of a request that failed for a transient reason.")
@click.option("--timeout", default=60.0, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Seconds one whole request (sending, authentication, answer) may take.")
@click.option("--user", default=None, help="User name for HTTP basic or digest "
                                           "authentication (default: from ~/.netrc).")
@click.option("--password", default=None, envvar="OASKG_PASSWORD",
              help="Password for --user (or the environment variable OASKG_PASSWORD).")
@click.option("--prune", is_flag=True,
              help="Also delete the graphs under the build's base IRI that the server holds "
                   "and the build no longer has.")
@click.option("--sparql", default=None, metavar="URL",
              help="The server's SPARQL query endpoint, to list its graphs for --prune "
                   "(default: guessed for Oxigraph and Fuseki).")
def publish(out_dir: Path, graph_store: str, retries: int, timeout: float, user: str | None,
            password: str | None, prune: bool, sparql: str | None) -> None:
    """Replace each named graph (documents, reference, ontology) in a remote store.

    Publishing twice leaves the same triples. Queries on the server need its default graph
    to be the union of the named graphs (Oxigraph: `serve --union-default-graph`).
    Exit 3 when there is no build, or the server is down, refuses or fails; the message then
    says which graphs were replaced and which not.
    """
    from build_graph.commands.serve import build_base
    from build_graph.publish.graph_store import Credentials, PublishError, netrc_credentials
    from build_graph.publish.graph_store import publish as run_publish
    from build_graph.rdf.store import StoreMissing

    if not graph_store.startswith(("http://", "https://")):
        raise click.BadParameter("must be an http(s) URL", param_hint="--graph-store")
    if password is not None and user is None:
        raise click.BadParameter("give --user with --password", param_hint="--password")
    credentials = (Credentials(user, password or "") if user is not None
                   else netrc_credentials(graph_store))
    sparql = sparql or default_sparql(graph_store)
    if prune and sparql is None:
        raise click.BadParameter("--prune needs the server's query endpoint: give --sparql URL",
                                 param_hint="--sparql")
    try:
        done = run_publish(out_dir, graph_store, retries=retries, credentials=credentials,
                           timeout=timeout, prune=prune, sparql=sparql,
                           base=build_base(out_dir))
    except StoreMissing:
        click.echo(f"Error: {out_dir}: no built graph here; run `oaskg build` first", err=True)
        sys.exit(3)
    except PublishError as exc:
        click.echo(f"Error: {exc}", err=True)
        for item in exc.done:
            click.echo(f"  {item.action}: <{item.graph}>", err=True)
        for graph in exc.not_done:
            click.echo(f"  not replaced: <{graph}>", err=True)
        if exc.done or exc.not_done:
            click.echo(f"The server is partly updated: {len(exc.done)} graphs replaced, "
                       f"{len(exc.not_done)} not. Publish again once the cause is fixed.",
                       err=True)
        sys.exit(3)
    for item in done:
        click.echo(f"  <{item.graph}>: {item.action}, {item.triples} triples "
                   f"(HTTP {item.status})", err=True)
    replaced = [d for d in done if d.action == "replaced"]
    deleted = len(done) - len(replaced)
    total = sum(item.triples for item in replaced)
    click.echo(f"Published {len(replaced)} graphs, {total} triples, to {graph_store}"
               + (f"; deleted {deleted} graphs the build no longer has" if deleted else ""),
               err=True)
