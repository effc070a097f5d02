"""The ``oaskg`` command: a thin shell that parses options and calls one library function.

Sub-commands are imported only when they run, so ``oaskg --help`` stays fast.
Exit codes (a contract, documented in the README): 0 ok, 1 the data failed a check,
2 usage error, 3 input or runtime error.
"""

from __future__ import annotations

import importlib
import importlib.util

import click

# name -> (module under build_graph.commands, attribute, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "build": ("build", "build", "Build the validated knowledge graph from country sheets."),
    "extract": ("extract", "extract", "Extract program records from country sheets."),
    "validate": ("validate", "validate", "Validate a built graph against the SHACL shapes."),
    "review": ("review", "review", "List the new organisations of a build that need review."),
    "query": ("query", "query", "List and run the saved SPARQL queries."),
    "export": ("export", "export", "Export the program network for Gephi and other tools."),
    "publish": ("publish", "publish", "Load the built graph into a remote SPARQL store."),
    "serve": ("serve", "serve", "Serve the graph as linked data with a SPARQL endpoint."),
    "site": ("site", "site", "Write the linked-data pages as a static site."),
}


def _available() -> dict[str, tuple[str, str, str]]:
    found = {}
    for name, spec in COMMANDS.items():
        if importlib.util.find_spec(f"build_graph.commands.{spec[0]}") is not None:
            found[name] = spec
    return found


class LazyGroup(click.Group):
    """A click group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(_available())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        spec = _available().get(cmd_name)
        if spec is None:
            return None
        module = importlib.import_module(f"build_graph.commands.{spec[0]}")
        command = getattr(module, spec[1])
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, spec[2]) for name, spec in _available().items()]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup)
@click.version_option(package_name="oaskg")
def cli() -> None:
    """oaskg: the OAS cooperation-programs knowledge graph.

    Exit codes: 0 ok, 1 data failed a check, 2 usage error, 3 input or runtime error.
    """


def main() -> None:
    cli(prog_name="oaskg")
