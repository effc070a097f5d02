"""``oaskg review``: the minted organisations of a build that still need a person's decision."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from build_graph.commands.options import out_dir_option


@click.command("review")
@out_dir_option()
def review(out_dir: Path) -> None:
    """List the new organisations of a build that still need review.

    Prints each one with its IRI, kind, roles and the sentence it was seen in (document and
    line), read from --out's review.json: decide in review.csv without opening the sheets, then
    run `oaskg build --curation FILE`. Exit 3 when --out holds no build.
    """
    from build_graph.resolve.curation import NoReview, load_review, review_text

    try:
        rows = load_review(out_dir)
    except NoReview as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(3)
    click.echo(review_text(rows, str(out_dir / "review.csv")), nl=False)
