"""Options several commands share, declared once so they read and behave the same."""

from __future__ import annotations

from pathlib import Path

import click

BUILT_GRAPH_HELP = "Folder of the built graph (what `oaskg build` wrote)."


def out_dir_option(help: str = BUILT_GRAPH_HELP):
    """``--out DIR`` (default ``out/``): where ``oaskg build`` writes and the others read."""
    return click.option("--out", "out_dir", default=Path("out"), show_default=True,
                        type=click.Path(path_type=Path), help=help)
