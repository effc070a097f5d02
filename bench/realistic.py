"""Realistic sheets for benchmarks: the real and dev-set sheets, repeated with the country swapped.

    python -m bench.realistic OUT_DIR 140

The sources are the two real sheets in ``documents/`` and the four dev-set sheets in
``tests/fixtures/devset/`` (their pypdf text and their poppler text: ten texts in two languages
and three layouts). Sheet *i* is source ``i mod 10`` with its country's names (English and
Spanish, wrapped over lines or not) replaced by the name of member state ``i div 10 mod 35``,
so up to 350 sheets are all different; beyond that the cycle repeats with the edition marked in
the file name only (the build then reports the repeated pages, as it would for a user).

These are what the extractor meets, unlike the synthetic sheets, which share its vocabulary.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (file, the names its country is written with)
SOURCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("documents/oas-country-sheet-guatemala.txt", ("Guatemala",)),
    ("documents/oas-country-sheet-uruguay.txt", ("Uruguay",)),
    ("tests/fixtures/devset/trinidad_and_tobago.txt", ("Trinidad and Tobago", "Trinidad y Tobago")),
    ("tests/fixtures/devset/colombia.txt", ("Colombia",)),
    ("tests/fixtures/devset/paraguay.txt", ("Paraguay",)),
    ("tests/fixtures/devset/belize.txt", ("Belize", "Belice")),
    ("tests/fixtures/devset/trinidad_and_tobago.pdftotext.txt",
     ("Trinidad and Tobago", "Trinidad y Tobago")),
    ("tests/fixtures/devset/colombia.pdftotext.txt", ("Colombia",)),
    ("tests/fixtures/devset/paraguay.pdftotext.txt", ("Paraguay",)),
    ("tests/fixtures/devset/belize.pdftotext.txt", ("Belize", "Belice")),
)

# the 35 member states of the OAS, as their sheets name them
MEMBER_STATES = (
    "Antigua and Barbuda", "Argentina", "Bahamas", "Barbados", "Belize", "Bolivia", "Brazil",
    "Canada", "Chile", "Colombia", "Costa Rica", "Cuba", "Dominica", "Dominican Republic",
    "Ecuador", "El Salvador", "Grenada", "Guatemala", "Guyana", "Haiti", "Honduras", "Jamaica",
    "Mexico", "Nicaragua", "Panama", "Paraguay", "Peru", "Saint Kitts and Nevis", "Saint Lucia",
    "Saint Vincent and the Grenadines", "Suriname", "Trinidad and Tobago", "United States",
    "Uruguay", "Venezuela",
)


def _pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """The names as whole words, a space matching any run of white space (wrapped lines)."""
    alternatives = sorted((r"\s+".join(map(re.escape, n.split())) for n in names),
                          key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def swapped(text: str, names: tuple[str, ...], country: str) -> str:
    """``text`` with every one of ``names`` replaced by ``country``.

    >>> swapped("Trinidad and\\nTobago's police; Trinidadian", ("Trinidad and Tobago",), "Peru")
    "Peru's police; Trinidadian"
    """
    return _pattern(names).sub(country, text)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def write_realistic(folder: Path, n: int) -> list[Path]:
    """Write ``n`` realistic sheets into ``folder``; their paths, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [((ROOT / path).read_text(encoding="utf-8"), names) for path, names in SOURCES]
    written = []
    for i in range(n):
        source, names = texts[i % len(SOURCES)]
        country = MEMBER_STATES[(i // len(SOURCES)) % len(MEMBER_STATES)]
        stem = Path(SOURCES[i % len(SOURCES)][0]).name.removesuffix(".txt").replace(".", "-")
        name = f"{i:05d}-{_slug(country)}-from-{stem}"
        if i >= len(SOURCES) * len(MEMBER_STATES):
            name += f"-edition-{i // (len(SOURCES) * len(MEMBER_STATES)) + 1}"
        path = folder / f"{name}.txt"
        path.write_text(swapped(source, names, country), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        sys.exit("usage: python -m bench.realistic OUT_DIR N")
    paths = write_realistic(Path(args[0]), int(args[1]))
    print(f"{len(paths)} sheets in {args[0]}")


if __name__ == "__main__":
    main()
