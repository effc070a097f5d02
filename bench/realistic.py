"""Realistic sheets for benchmarks: the real and dev-set sheets, repeated with the country swapped.

    python -m bench.realistic OUT_DIR 140

The sources are the two real sheets in ``documents/`` and the four dev-set sheets in
``tests/fixtures/devset/``, each dev-set sheet in its two texts (pypdf's and poppler's: two
layouts). Sheet *i* is sheet ``i mod 6`` with its country's names (English and Spanish, wrapped
over lines or not) replaced by the name of member state ``i div 6 mod 35``, a dev-set sheet in
one text or the other by turns (never both for one country: that would be one sheet saved
twice); so the first 210 sheets all differ. Beyond that the cycle repeats as a later edition:
the year in the file name (which tells editions apart, as a user's ``…-2024.txt`` and
``…-2025.txt`` do) and every year on the sheet moved on by the edition's number, as a sheet
published again a year later. Each edition's pages are then that edition's own activities.

These are what the extractor meets, unlike the synthetic sheets, which share its vocabulary.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DEVSET = "tests/fixtures/devset"
# (the sheet's texts, the names its country is written with)
SOURCES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("documents/oas-country-sheet-guatemala.txt",), ("Guatemala",)),
    (("documents/oas-country-sheet-uruguay.txt",), ("Uruguay",)),
    ((f"{DEVSET}/trinidad_and_tobago.txt", f"{DEVSET}/trinidad_and_tobago.pdftotext.txt"),
     ("Trinidad and Tobago", "Trinidad y Tobago")),
    ((f"{DEVSET}/colombia.txt", f"{DEVSET}/colombia.pdftotext.txt"), ("Colombia",)),
    ((f"{DEVSET}/paraguay.txt", f"{DEVSET}/paraguay.pdftotext.txt"), ("Paraguay",)),
    ((f"{DEVSET}/belize.txt", f"{DEVSET}/belize.pdftotext.txt"), ("Belize", "Belice")),
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


FIRST_EDITION = 2024  # the year in the file names of the first 350 sheets
_YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


def later(text: str, years: int) -> str:
    """``text`` with every year moved on by ``years``.

    >>> later("From 2019 to 12/31/2021 (Res. 1540/2004)", 2)
    'From 2021 to 12/31/2023 (Res. 1540/2006)'
    """
    return _YEAR.sub(lambda m: str(int(m.group(0)) + years), text) if years else text


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def write_realistic(folder: Path, n: int) -> list[Path]:
    """Write ``n`` realistic sheets into ``folder``; their paths, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [[(ROOT / path).read_text(encoding="utf-8") for path in paths]
             for paths, _names in SOURCES]
    written = []
    for i in range(n):
        sheet, cycle = i % len(SOURCES), i // len(SOURCES)
        country = MEMBER_STATES[cycle % len(MEMBER_STATES)]
        edition = cycle // len(MEMBER_STATES)
        layout = (cycle + edition) % len(texts[sheet])
        paths, names = SOURCES[sheet]
        stem = Path(paths[layout]).name.removesuffix(".txt").replace(".", "-")
        path = folder / f"{i:05d}-{_slug(country)}-from-{stem}-{FIRST_EDITION + edition}.txt"
        text = later(swapped(texts[sheet][layout], names, country), edition)
        path.write_text(text, encoding="utf-8")
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
