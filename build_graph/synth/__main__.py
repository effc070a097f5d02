"""``python -m build_graph.synth --seed 7 --sheets 8 --out tests/fixtures/synthetic``"""

from __future__ import annotations

import click

from build_graph.synth import write_corpus


@click.command()
@click.option("--seed", type=int, default=7, show_default=True, help="Corpus seed.")
@click.option("--sheets", type=int, default=35, show_default=True, help="Number of sheets.")
@click.option("--out", type=click.Path(file_okay=False), required=True, help="Output folder.")
def main(seed: int, sheets: int, out: str) -> None:
    """Write synthetic country sheets and their truth.json into OUT."""
    paths = write_corpus(out, sheets, seed)
    click.echo(f"wrote {len(paths) - 1} sheets and truth.json to {out}", err=True)


if __name__ == "__main__":
    main()
