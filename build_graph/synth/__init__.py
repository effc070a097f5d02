"""Synthetic OAS country sheets with their ground truth, for testing the extractor on layouts it
was not tuned on and for the benchmark.

>>> sheet = generate_sheet("JM", seed=1, n_pages=2)
>>> sheet.file_name, len(sheet.truth)
('oas-country-sheet-jamaica-2017.txt', 2)
>>> generate_sheet("JM", seed=1, n_pages=2).text == sheet.text
True

Regenerate the committed fixtures with
``python -m build_graph.synth --seed 7 --sheets 8 --out tests/fixtures/synthetic``.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_graph.slugs import slugify
from build_graph.synth.layout import Style, render_page
from build_graph.synth.lexicon import COUNTRIES, MEMBER_STATES
from build_graph.synth.program import Program, invent_program, plan_page

FIRST_EDITION_YEAR = 2017
_POOL_SIZE = 24

__all__ = ["SyntheticSheet", "generate_sheet", "generate_corpus", "write_corpus"]


@dataclass(frozen=True)
class SyntheticSheet:
    """One generated sheet: its file name, scrambled text and per-page ground truth."""

    file_name: str
    country: str  # ISO alpha-2
    edition: int
    language: str
    text: str
    truth: list[dict[str, Any]] = field(default_factory=list)


def program_pool(seed: int) -> list[Program]:
    """Regional programs shared by all sheets of one corpus (so the same program recurs)."""
    rng = random.Random(f"pool|{seed}")
    pool: dict[str, Program] = {}
    while len(pool) < _POOL_SIZE:
        program = invent_program(rng, None)
        pool.setdefault(program.names[0], program)
    return list(pool.values())


def _programs(rng: random.Random, iso2: str, n: int, pool: list[Program]) -> list[Program]:
    chosen: dict[str, Program] = {}
    while len(chosen) < n:
        program = rng.choice(pool) if rng.random() < 0.55 else invent_program(rng, COUNTRIES[iso2])
        chosen.setdefault(program.names[0], program)
    return list(chosen.values())


def generate_sheet(
    country_iso2: str,
    seed: int,
    edition: int = 1,
    language: str = "en",
    n_pages: int | None = None,
    *,
    pool_seed: int | None = None,
    violation: bool | None = None,
) -> SyntheticSheet:
    """A scrambled sheet of one country and its truth; the same arguments give the same bytes.

    ``violation``: True plants one end-before-start page, False none, None lets the seed decide.
    """
    if language not in ("en", "es"):
        raise ValueError(f"language must be 'en' or 'es', not {language!r}")
    country = COUNTRIES[country_iso2.upper()]
    rng = random.Random(f"sheet|{seed}|{country.iso2}|{edition}|{language}")
    year = FIRST_EDITION_YEAR + edition - 1
    n = n_pages or rng.randint(3, 9)
    pool = program_pool(seed if pool_seed is None else pool_seed)
    programs = _programs(rng, country.iso2, n, pool)
    if violation is None:
        violation = rng.random() < 0.05
    planted = rng.randrange(n) if violation else -1
    style = Style.draw(rng)
    file_name = f"oas-country-sheet-{slugify(country.en)}-{year}.txt"
    lines: list[str] = []
    truth: list[dict[str, Any]] = []
    for i, program in enumerate(programs):
        page = plan_page(rng, program, country, language, year, violation=i == planted,
                         unambiguous=language == "es" and i == 0)
        lines += render_page(rng, page, style, i + 1, n, country.name(language))
        truth.append({"document": file_name, "page": i + 1, **page.truth})
    text = "\n".join(line.rstrip("\n") for line in lines) + "\n"
    return SyntheticSheet(file_name, country.iso2, edition, language, text, truth)


def generate_corpus(n_sheets: int, seed: int) -> list[SyntheticSheet]:
    """``n_sheets`` sheets, the 35 member states round-robin, one edition per round."""
    rng = random.Random(f"corpus|{seed}")
    sheets = []
    spanish_yet = False
    for i in range(n_sheets):
        country = MEMBER_STATES[i % len(MEMBER_STATES)]
        spanish = country.spanish and (not spanish_yet or rng.random() < 0.5)
        spanish_yet = spanish_yet or spanish
        sheets.append(generate_sheet(
            country.iso2, seed * 100_003 + i, edition=i // len(MEMBER_STATES) + 1,
            language="es" if spanish else "en", pool_seed=seed,
            violation=True if i % 10 == 3 else None))
    return sheets


def write_corpus(directory: str | Path, n: int, seed: int) -> list[Path]:
    """Write ``n`` sheets as ``.txt`` files plus ``truth.json``; returns the paths written."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    truth: dict[str, Any] = {"generator": {"seed": seed, "sheets": n}, "documents": {}}
    for sheet in generate_corpus(n, seed):
        path = out / sheet.file_name
        path.write_text(sheet.text, encoding="utf-8")
        written.append(path)
        truth["documents"][sheet.file_name] = {
            "country": sheet.country, "edition": sheet.edition, "language": sheet.language,
            "pages": sheet.truth}
    truth_path = out / "truth.json"
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [*written, truth_path]
