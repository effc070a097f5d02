"""Options several commands share, declared once so they read and behave the same."""

from __future__ import annotations

from pathlib import Path

import click

BUILT_GRAPH_HELP = "Folder of the built graph (what `oaskg build` wrote)."


def out_dir_option(help: str = BUILT_GRAPH_HELP):
    """``--out DIR`` (default ``out/``): where ``oaskg build`` writes and the others read."""
    return click.option("--out", "out_dir", default=Path("out"), show_default=True,
                        type=click.Path(path_type=Path), help=help)


def recurse_option(fn):
    """``--recurse/--no-recurse``: whether folders are read with their sub-folders."""
    return click.option("--recurse/--no-recurse", default=True, show_default=True,
                        help="Read the sheets in sub-folders of a folder too (symbolic links "
                             "are followed unless they dangle or loop).")(fn)


def verbosity_options(fn):
    """``-v/--verbose`` (every finding and every path not read) and ``-q/--quiet`` (the
    summary only); by default repeated findings are grouped by kind."""
    fn = click.option("-q", "--quiet", is_flag=True,
                      help="Print the summary only (summary.json or -v give the findings).")(fn)
    return click.option("-v", "--verbose", is_flag=True,
                        help="Print every finding, informational notes and files that are "
                             "not sheets included (by default a finding seen many times is "
                             "one line with its count and first places).")(fn)


def check_verbosity(verbose: bool, quiet: bool) -> None:
    if verbose and quiet:
        raise click.UsageError("-v/--verbose and -q/--quiet exclude each other")


def documents_option(fn):
    """``--documents DIR``: the source sheets pages quote (default: where the build read them)."""
    return click.option(
        "--documents", type=click.Path(path_type=Path, file_okay=False), default=None,
        help="Folder of the source sheets, to quote an activity's lines. Default: the folder "
             "the build read them from (recorded in summary.json).")(fn)
