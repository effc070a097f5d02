"""``oaskg serve``: the built graph (or a remote SPARQL store) as linked data, with an endpoint."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from build_graph.commands.options import documents_option, out_dir_option
from build_graph.vocab import DEFAULT_BASE


def build_base(out_dir: Path) -> str:
    """The base IRI ``oaskg build`` minted under (from summary.json), else the default."""
    try:
        return json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))["base"]
    except (OSError, ValueError, KeyError):
        return DEFAULT_BASE


def documents_folder(out_dir: Path, documents: Path | None) -> Path | None:
    """The folder of source sheets that pages quote: ``--documents``, else the one the build
    read them from (summary.json), else ``documents/`` for a build that did not record it.
    Says on stderr when the sources cannot be found, or only some of them."""
    from build_graph.build.summary import quotable, recorded_sources

    recorded = recorded_sources(out_dir)
    if documents is None and recorded is None:
        return Path("documents") if Path("documents").is_dir() else None
    folders, listed = recorded if recorded is not None else ([], [])
    folder = documents if documents is not None else (folders[0] if folders else None)
    if folder is None:
        return None
    if not folder.is_dir():
        where = "--documents" if documents is not None else "the build read the sheets from"
        _warn(f"{where} {folder}, which is not there; pages will not quote the sheets' lines "
              "(pass --documents DIR)")
        return None
    if documents is None and len(folders) > 1:
        _warn(f"the build read sheets from {len(folders)} folders; pages quote those in "
              f"{folder} (pass --documents DIR to choose another)")
    found, texts = quotable(folder, listed)
    if recorded is not None and found < texts:
        _warn(f"{texts - found} of the {texts} text sheets the build read are not in {folder} "
              "as they were read (moved, renamed or changed since: they are matched by "
              "SHA-256); their pages will not quote their lines")
    return folder


def _warn(message: str) -> None:
    click.echo(f"Warning: {message}", err=True)


@click.command("serve")
@out_dir_option()
@click.option("--endpoint", "remote", metavar="URL", default=None,
              help="Serve the pages from this SPARQL 1.1 endpoint (Oxigraph, Fuseki, GraphDB, "
                   "Virtuoso, QLever) instead of --out, and proxy /sparql to it.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
@click.option("--base-iri", default=None,
              help="Base of the served IRIs: /id/x answers for {base}id/x. "
                   "Default: the base the graph was built with.")
@click.option("--root-path", default="", metavar="PREFIX",
              help="Path the site is published under behind a proxy, e.g. /oas (links and "
                   "redirects carry it).")
@documents_option
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1, 600),
              help="Seconds a SPARQL query may take (waiting included); then it is stopped "
                   "and the answer is 503.")
@click.option("--max-results", default=10_000, show_default=True, type=click.IntRange(1),
              help="Rows (or triples) a SPARQL answer stops at.")
@click.option("--workers", default=4, show_default=True, type=click.IntRange(1, 64),
              help="SPARQL worker processes kept running.")
@click.option("--max-workers", default=16, show_default=True, type=click.IntRange(1, 256),
              help="Worker processes the endpoint may grow to while queries wait.")
@click.option("--client-limit", default=4, show_default=True, type=click.IntRange(1, 256),
              help="Queries one client address may run at once (more wait their turn).")
@click.option("--trusted-proxies", default=None, metavar="IPS",
              help="Comma-separated addresses of reverse proxies whose X-Forwarded-For names "
                   "the client (for --client-limit).")
@click.option("--request-timeout", default=10.0, show_default=True,
              type=click.FloatRange(0.1, 600),
              help="Seconds a client has to send a request's head, and again its body (408).")
@click.option("--verbose", is_flag=True, help="Log each request to stderr.")
def serve(out_dir: Path, remote: str | None, host: str, port: int, base_iri: str | None,
          root_path: str, documents: Path | None, timeout: float, max_results: int, workers: int,
          max_workers: int, client_limit: int, trusted_proxies: str | None,
          request_timeout: float, verbose: bool) -> None:
    """Serve the graph as linked data: HTML and RDF pages, /sparql, /dataset, /ontology.

    Exit 3 when --out holds no built graph, the --endpoint does not answer, or the port is
    taken.
    """
    from build_graph.rdf.output_set import hold, pin
    from build_graph.rdf.store import StoreMissing
    from build_graph.web.server import Limits, ServerLimits, SiteApp, bind, make_publisher, run

    shown, out_dir = out_dir, pin(out_dir)  # one set, kept while served (see output_set)
    hold(out_dir)
    root = "/" + root_path.strip("/") if root_path.strip("/") else ""
    base = base_iri or build_base(out_dir)
    if not base.startswith(("http://", "https://")):
        raise click.BadParameter("must be an http(s) IRI", param_hint="--base-iri")
    if remote is not None and not remote.startswith(("http://", "https://")):
        raise click.BadParameter("must be an http(s) URL", param_hint="--endpoint")
    documents = documents_folder(out_dir, documents)
    try:
        sock = bind(host, port)
    except OSError as exc:
        click.echo(f"Error: cannot listen on {host}:{port} ({exc.strerror or exc}); is the port "
                   "in use? Choose another with --port.", err=True)
        sys.exit(3)
    try:
        if remote is not None:
            from build_graph.web.remote_site import RemoteUnavailable, make_remote_publisher

            try:
                publisher = make_remote_publisher(remote, base, out_dir, documents, timeout,
                                                  max_results, client_limit, root + "/")
            except RemoteUnavailable as exc:
                click.echo(f"Error: {exc}", err=True)
                sys.exit(3)
        else:
            try:
                publisher = make_publisher(out_dir, base, documents, timeout, max_results,
                                           workers, max_workers, client_limit, root + "/")
            except StoreMissing:
                click.echo(f"Error: {shown}: no built graph here; run `oaskg build --out "
                           f"{shown}` first", err=True)
                sys.exit(3)
        app = SiteApp(publisher, Limits(body_timeout=request_timeout))
        bound_host, bound_port = sock.getsockname()[:2]
        what = remote if remote is not None else f"{shown}/"
        click.echo(f"Serving {what} (IRIs {base}id/…) at http://{bound_host}:{bound_port}"
                   f"{root}/ — Ctrl-C stops", err=True)
        try:
            run(app, sock, ServerLimits(head_timeout=request_timeout), verbose,
                trusted_proxies, root)
        finally:
            app.close()
    finally:
        sock.close()
