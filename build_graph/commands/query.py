"""``oaskg query list`` and ``oaskg query run``: the saved SPARQL queries."""

from __future__ import annotations

import shutil
import sys
import textwrap
from pathlib import Path

import click

from build_graph.commands.options import out_dir_option
from build_graph.query.results import Format


@click.group("query")
def query() -> None:
    """List and run the saved SPARQL queries (queries/*.rq)."""


@query.command("list")
def list_queries() -> None:
    """Name, title and parameters of every saved query."""
    from build_graph.query.catalogue import CatalogueError, load_catalogue

    try:
        catalogue = load_catalogue()
    except CatalogueError as exc:
        _fail(str(exc), 3)
    width = _width(None)
    for saved in catalogue:
        click.echo(f"{saved.name}: {saved.title}")
        if saved.description:
            indent = " " * 4
            click.echo(
                textwrap.fill(
                    saved.description,
                    max(width, 40),
                    initial_indent=indent,
                    subsequent_indent=indent,
                    break_on_hyphens=False,
                )
            )
        for param in saved.params:
            click.echo(f"    --param {param.describe()}")
        click.echo("")


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r}: write NAME=VALUE", param_hint="--param")
        if name.strip() in params:
            raise click.BadParameter(f"{name!r} is given twice", param_hint="--param")
        params[name.strip()] = value
    return params


@query.command("run")
@click.argument("name")
@click.option(
    "--param",
    "-p",
    "param_values",
    multiple=True,
    metavar="NAME=VALUE",
    help="A query parameter (repeatable); `oaskg query list` shows them.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in Format]),
    default=Format.TABLE.value,
    show_default=True,
    help="table/md for people; csv, tsv and json are the SPARQL 1.1 results formats.",
)
@click.option(
    "--width",
    type=click.IntRange(0),
    default=None,
    help="table: the width to fit, in characters; 0 for no limit "
    "[default: the terminal's width, or $COLUMNS, or 100].",
)
@out_dir_option("The built graph to query (its embedded store).")
@click.option(
    "--endpoint",
    metavar="URL",
    help="Query this SPARQL 1.1 endpoint instead of the embedded store.",
)
def run(
    name: str,
    param_values: tuple[str, ...],
    fmt: str,
    width: int | None,
    out_dir: Path,
    endpoint: str | None,
) -> None:
    """Run the saved query NAME (or a FILE.rq) and print the answer on stdout.

    Exit 2 for an unknown query or a missing or bad parameter, 3 when there is no built
    graph or the endpoint cannot be reached.
    """
    from build_graph.query.catalogue import CatalogueError, UnknownQuery, find_query
    from build_graph.query.results import render
    from build_graph.query.run import ParamError, QueryFailed, labels_for, run_query
    from build_graph.rdf.store import StoreMissing, open_store

    params = _parse_params(param_values)
    try:
        saved = find_query(name)
    except (UnknownQuery, CatalogueError) as exc:
        _fail(str(exc), 2)
    try:
        target = {"endpoint": endpoint} if endpoint else {"store": open_store(out_dir)}
        answer = run_query(saved, params, **target)
        labels = labels_for(answer, **target) if fmt == Format.TABLE.value else {}
    except ParamError as exc:
        _fail(str(exc), 2)
    except StoreMissing:
        _fail(f"{out_dir}: no built graph here; run `oaskg build --out {out_dir}` first", 3)
    except (QueryFailed, OSError) as exc:
        _fail(str(exc), 3)
    click.echo(render(answer, fmt, labels, _width(width)), nl=False)


def _width(given: int | None) -> int | None:
    """The table width: --width (0: no limit), else the terminal's, $COLUMNS, or 100."""
    if given is not None:
        return given or None
    return shutil.get_terminal_size(fallback=(100, 24)).columns


def _fail(message: str, code: int):
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)
