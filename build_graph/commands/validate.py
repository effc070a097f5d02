"""``oaskg validate``: re-validate a built graph in ``out/`` against the SHACL shapes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from build_graph.commands.options import out_dir_option


@click.command("validate")
@out_dir_option()
def validate(out_dir: Path) -> None:
    """Validate a built graph against the SHACL shapes; rewrite validation.ttl.

    Exit 0 when it conforms (warnings allowed), 1 on a Violation, 3 when there is no built
    graph in --out.
    """
    from build_graph.build.pipeline import BuildError, revalidate
    from build_graph.commands.build import echo_report

    try:
        report = revalidate(out_dir)
    except BuildError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(3)
    echo_report(report)
    sys.exit(0 if report.conforms else 1)
