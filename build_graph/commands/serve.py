"""``oaskg serve``: the built graph as linked data, with a SPARQL endpoint."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from build_graph.commands.options import out_dir_option
from build_graph.vocab import DEFAULT_BASE


def build_base(out_dir: Path) -> str:
    """The base IRI ``oaskg build`` minted under (from summary.json), else the default."""
    try:
        return json.loads((out_dir / "summary.json").read_text(encoding="utf-8"))["base"]
    except (OSError, ValueError, KeyError):
        return DEFAULT_BASE


@click.command("serve")
@out_dir_option()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
@click.option("--base-iri", default=None,
              help="Base of the served IRIs: /id/x answers for {base}id/x. "
                   "Default: the base the graph was built with.")
@click.option("--documents", type=click.Path(path_type=Path, file_okay=False),
              default=Path("documents"), show_default=True,
              help="Folder of the source sheets, to quote an activity's lines (optional).")
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1, 600),
              help="Seconds a SPARQL query may run before the answer is 503.")
@click.option("--max-results", default=10_000, show_default=True, type=click.IntRange(1),
              help="Rows (or triples) a SPARQL answer stops at.")
@click.option("--verbose", is_flag=True, help="Log each request to stderr.")
def serve(out_dir: Path, host: str, port: int, base_iri: str | None, documents: Path,
          timeout: float, max_results: int, verbose: bool) -> None:
    """Serve the graph as linked data: HTML and RDF pages, /sparql, /dataset, /ontology.

    Exit 3 when --out holds no built graph or the port is taken.
    """
    from build_graph.store import StoreMissing
    from build_graph.web.server import make_publisher, make_server

    base = base_iri or build_base(out_dir)
    if not base.startswith(("http://", "https://")):
        raise click.BadParameter("must be an http(s) IRI", param_hint="--base-iri")
    try:
        publisher = make_publisher(out_dir, base, documents, timeout, max_results)
    except StoreMissing:
        click.echo(f"Error: {out_dir}: no built graph here; run `oaskg build --out {out_dir}` "
                   "first", err=True)
        sys.exit(3)
    try:
        server = make_server(publisher, host, port, quiet=not verbose)
    except OSError as exc:
        click.echo(f"Error: cannot listen on {host}:{port} ({exc.strerror or exc}); is the port "
                   "in use? Choose another with --port.", err=True)
        sys.exit(3)
    bound_host, bound_port = server.server_address[:2]
    click.echo(f"Serving {out_dir}/ (IRIs {base}id/…) at http://{bound_host}:{bound_port}/ "
               "— Ctrl-C stops", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        publisher.endpoint.close()
