"""Curating new organisations: review.csv → a filled curation file → ``build --curation``.

The round trip runs through the CLI on three small sheets written here (two of Trinidad and
Tobago, one of Jamaica); the rules of applying a row are unit-tested on hand-made records.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS
from test_build_records import make_extraction, make_record

from build_graph import vocab
from build_graph.cli import cli
from build_graph.model import EntityRef
from build_graph.registry.index import Registry
from build_graph.resolve.curation import (
    REVIEW_COLUMNS,
    Action,
    Curation,
    CurationError,
    CurationRow,
    read_curation,
)
from build_graph.resolve.mint import NEW_KIND, resolve

ID = "https://w3id.org/oaskg/id/"
ORG = ID + "org/"
TT17, TT19, JM18 = (
    "oas-country-sheet-trinidad-and-tobago-2017.txt",
    "oas-country-sheet-trinidad-and-tobago-2019.txt",
    "oas-country-sheet-jamaica-2018.txt",
)
FORM = """OAS Pillar
Security

Name of Activity
Inter-American Program on Border Security

Date
7/1/{year} to 6/30/{next}

Target Beneficiaries
Border officials

Donor Countries
Canada

PROGRAM SUMMARY
{summary}

OBJECTIVES
{objectives}

RESULTS
{results}
"""
SHEETS = {
    TT17: dict(
        year=2017,
        summary="The program trains border officials with the Ministry of National Security (MNS).",
        objectives="To strengthen border controls with the Caribbean Customs Law Enforcement "
        "Council (CCLEC).",
        results="20 officials were trained in 2017 with the Andean Development Forum (ADF).",
    ),
    TT19: dict(
        year=2019,
        summary="The program trains border officials with the MNS and the Ministry of Health.",
        objectives="To strengthen border controls.",
        results="25 officials were trained in 2019.",
    ),
    JM18: dict(
        year=2018,
        summary="The program trains border officials with the Ministry of Health and the Regional "
        "Borders Unit (RBU).",
        objectives="To strengthen border controls.",
        results="12 officials were trained in 2018.",
    ),
}


def _run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _write_rows(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]) if rows else REVIEW_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def _snapshot(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("sheets")
    for name, parts in SHEETS.items():
        text = FORM.format(next=parts["year"] + 1, **parts)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def first_build(docs, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("first") / "out"
    result = _run("build", docs, "--out", out)
    assert result.exit_code == 0, result.output
    return out


def row(slug, name, acronym, kind, country, role, places) -> dict:
    documents = sorted({p.split(":")[0] for p in places})
    return {
        "iri": ORG + slug, "name": name, "acronym": acronym, "kind": kind, "country": country,
        "role": role, "documents": ";".join(documents), "lines": ";".join(places),
        "action": "", "target": "",
    }


FIRST_ROWS = [
    row("andean-development-forum", "Andean Development Forum", "ADF", "international", "",
        "partner", [f"{TT17}:23"]),
    row("caribbean-customs-law-enforcement-council", "Caribbean Customs Law Enforcement Council",
        "CCLEC", "international", "", "partner", [f"{TT17}:20"]),
    row("jm-ministry-of-health", "Ministry of Health", "", "national", "JM", "counterpart",
        [f"{JM18}:17"]),
    row("regional-borders-unit", "Regional Borders Unit", "RBU", "international", "",
        "partner", [f"{JM18}:17"]),
    row("tt-ministry-of-health", "Ministry of Health", "", "national", "TT", "counterpart",
        [f"{TT19}:17"]),
    row("tt-ministry-of-national-security", "Ministry of National Security", "MNS", "national",
        "TT", "counterpart", [f"{TT17}:17", f"{TT19}:17"]),
]


PLANTED = {r["iri"]: r for r in FIRST_ROWS}
DECIDED = {ORG + "tt-ministry-of-national-security", ORG + "andean-development-forum",
           ORG + "caribbean-customs-law-enforcement-council", ORG + "regional-borders-unit"}


def _summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))["new_organisations"]


def _by_kind(rows: list[dict]) -> dict[str, int]:
    return {k: sum(r["kind"] == k for r in rows) for k in ("international", "national")}


def test_first_build_lists_every_minted_organisation_for_review(first_build):
    text = (first_build / "review.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(REVIEW_COLUMNS)
    rows = _rows(first_build / "review.csv")
    # the organisations the sheets name as "Name (ACRONYM)" or by an institutional head word,
    # exactly (whatever else the extractor may report): two countries' ministries of health
    # stay two; the MNS by name on one sheet and by its acronym on the other is one
    assert [r for r in rows if r["iri"] in PLANTED] == FIRST_ROWS
    assert [r["iri"] for r in rows] == sorted({r["iri"] for r in rows})
    assert _summary(first_build) == {
        "minted": len(rows),
        "by_kind": _by_kind(rows),
        "needs_review": len(rows),
        "needs_review_by_kind": _by_kind(rows),
        "curated": 0,
        "curated_by_action": {"accept": 0, "merge": 0, "rename": 0, "reject": 0},
    }


def test_review_prints_each_organisation_with_its_sentences(first_build):
    result = _run("review", "--out", first_build)
    assert result.exit_code == 0
    n = len(_rows(first_build / "review.csv"))
    assert result.output.startswith(f"{n} new organisations need review")
    assert (
        "Ministry of National Security (MNS)\n"
        f"  iri:  {ORG}tt-ministry-of-national-security\n"
        "  kind: national, TT; role: counterpart\n"
        f"  {TT17}:17: The program trains border officials with the Ministry of National "
        "Security (MNS).\n"
        f"  {TT19}:17: The program trains border officials with the MNS and the Ministry of "
        "Health.\n"
    ) in result.output


def test_review_of_a_folder_without_a_build_exits_3(tmp_path):
    result = _run("review", "--out", tmp_path / "nothing")
    assert result.exit_code == 3 and "oaskg build --out" in result.output


DECISIONS = {
    "tt-ministry-of-national-security": ("accept", ""),
    "andean-development-forum": ("merge", "CAF"),
    "caribbean-customs-law-enforcement-council": (
        "rename", "Caribbean Customs Law Enforcement Council Secretariat"),
    "regional-borders-unit": ("reject", ""),
}


@pytest.fixture(scope="module")
def curation_file(first_build, docs) -> Path:
    rows = _rows(first_build / "review.csv")
    for r in rows:
        r["action"], r["target"] = DECISIONS.get(r["iri"][len(ORG):], ("", ""))
    path = docs.parent / "curation.csv"  # kept next to the documents, not in out/
    _write_rows(path, rows)
    return path


@pytest.fixture(scope="module")
def curated_build(docs, curation_file, first_build, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("curated") / "out"
    result = _run("build", docs, "--out", out, "--curation", curation_file)
    assert result.exit_code == 0, result.output
    first = _summary(first_build)
    kinds = ", ".join(
        f"{n - {'international': 2, 'national': 0}[k]} {k}" for k, n in first["by_kind"].items()
    )
    assert (
        f"New organisations: {first['minted'] - 2} minted ({kinds}), 4 curated, "
        f"{first['minted'] - 4} need review"
    ) in result.output
    return out


def test_curated_build_applies_every_action(first_build, curated_build):
    # review.csv lists exactly what is still unreviewed: the first list without the 4 decided
    first = _rows(first_build / "review.csv")
    left = [r for r in first if r["iri"] not in DECIDED]
    assert _rows(curated_build / "review.csv") == left
    assert [r for r in left if r["iri"] in PLANTED] == [FIRST_ROWS[2], FIRST_ROWS[4]]
    # accepted and renamed stay minted, merged and rejected are gone
    by_kind = _by_kind(first)
    by_kind["international"] -= 2
    assert _summary(curated_build) == {
        "minted": len(first) - 2,
        "by_kind": by_kind,
        "needs_review": len(left),
        "needs_review_by_kind": _by_kind(left),
        "curated": 4,
        "curated_by_action": {"accept": 1, "merge": 1, "rename": 1, "reject": 1},
    }
    g = Graph().parse(curated_build / "graph.nt", format="nt")
    review = {str(s): o.toPython() for s, o in g.subject_objects(vocab.needsReview)}
    assert review == {r["iri"]: True for r in left} | {
        ORG + "tt-ministry-of-national-security": False,
        ORG + "caribbean-customs-law-enforcement-council": False,
    }
    cclec = URIRef(ORG + "caribbean-customs-law-enforcement-council")
    assert g.value(cclec, SKOS.prefLabel) == Literal(
        "Caribbean Customs Law Enforcement Council Secretariat", lang="en"
    )
    # merged: its mention points at the registry's CAF; rejected: kept as unassigned text
    activity = {
        str(g.value(a, vocab.sourceDocument)).rsplit("/", 1)[-1]: a
        for a in g.subjects(vocab.sourceDocument, None)
    }
    tt17 = activity["oas-country-sheet-trinidad-and-tobago-2017"]
    assert set(g.objects(tt17, vocab.partner)) == {URIRef(ORG + "caf"), cclec}
    assert not list(g.triples((URIRef(ORG + "andean-development-forum"), None, None)))
    assert not list(g.triples((URIRef(ORG + "regional-borders-unit"), None, None)))
    jm = activity["oas-country-sheet-jamaica-2018"]
    assert list(g.objects(jm, vocab.partner)) == []
    assert Literal("Regional Borders Unit (RBU)") in set(g.objects(jm, vocab.unassignedText))


def test_curated_build_is_byte_identical_when_rerun(docs, curation_file, curated_build, tmp_path):
    out = tmp_path / "out"
    assert _run("build", docs, "--out", out, "--curation", curation_file).exit_code == 0
    again, first = _snapshot(out), _snapshot(curated_build)
    for name in ("review.csv", "review.json", "summary.json", "graph.nq", "validation.ttl"):
        assert again[name] == first[name], name


def test_later_curation_files_win(docs, curation_file, tmp_path):
    later = tmp_path / "later.csv"
    _write_rows(later, [{"iri": ORG + "regional-borders-unit", "action": "accept",
                         "target": ""}])
    out = tmp_path / "out"
    result = _run("build", docs, "--out", out, "--curation", curation_file, "--curation", later)
    assert result.exit_code == 0, result.output
    g = Graph().parse(out / "graph.nt", format="nt")
    assert g.value(URIRef(ORG + "regional-borders-unit"), vocab.needsReview) == Literal(False)


@pytest.mark.parametrize(
    ("rows", "line", "words"),
    [
        ([{"iri": ORG + "regional-borders-unit", "action": "", "target": ""},
          {"iri": ORG + "regional-borders-unit", "action": "frobnicate", "target": ""}],
         3, "unknown action 'frobnicate': use accept, merge, rename or reject"),
        ([{"iri": ORG + "andean-development-forum", "action": "merge",
           "target": "Nowhere Institute"}],
         2, "merge target 'Nowhere Institute' is neither a registry entity nor a minted"),
        ([{"iri": ORG + "no-such-org", "action": "accept", "target": ""}],
         2, f"{ORG}no-such-org matches no organisation this build minted"),
        ([{"iri": ORG + "andean-development-forum", "action": "rename", "target": ""}],
         2, "rename needs a target: the preferred label"),
        ([{"iri": ORG + "andean-development-forum", "decision": "accept"}],
         1, "missing columns action, target"),
    ],
)
def test_a_bad_row_exits_2_naming_file_and_line_and_builds_nothing(
    docs, first_build, tmp_path, rows, line, words
):
    bad = tmp_path / "bad.csv"
    _write_rows(bad, rows)
    before = _snapshot(first_build)
    result = _run("build", docs, "--out", first_build, "--curation", bad)
    assert result.exit_code == 2
    assert f"{bad}:{line}: {words}" in result.output
    assert _snapshot(first_build) == before


# --- applying rows, on hand-made records ---------------------------------------------------------
def _new(label, acronym=None, country=None, line=5) -> EntityRef:
    scope = "national" if country else "international"
    return EntityRef("", label, NEW_KIND, acronym, country, scope, line)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load()


def _resolve(registry, *rows: tuple[str, str, str], **changes):
    records = make_record(country="TT", **changes)
    curation = Curation(tuple(
        CurationRow("c.csv", n, ORG + slug, Action(action), target)
        for n, (slug, action, target) in enumerate(rows, start=2)
    ))
    return resolve([make_extraction(records)], registry, curation)


PARTNERS = (_new("Police Service", None, "TT", 4), _new("Police Service Academy", "PSA", "TT", 6),
            _new("Regional Academy", None, None, 8))


def test_merge_into_another_minted_organisation_by_acronym(registry):
    resolved = _resolve(registry, ("tt-police-service-academy", "merge", "Police Service"),
                        partners=PARTNERS)
    assert [o.slug for o in resolved.new_organisations] == ["regional-academy",
                                                             "tt-police-service"]
    service = resolved.new_organisations[1]
    assert service.seen == (("sheet-a.txt", 4), ("sheet-a.txt", 6))
    assert service.names == ("PSA", "Police Service Academy")
    assert [r.iri for r in resolved.records[0].partners] == ["tt-police-service",
                                                             "regional-academy"]


def test_merges_follow_chains_and_refuse_cycles_and_rejected_targets(registry):
    chain = _resolve(registry, ("regional-academy", "merge", ORG + "tt-police-service-academy"),
                     ("tt-police-service-academy", "merge", "CAF"), partners=PARTNERS)
    assert [r.iri for r in chain.records[0].partners] == ["tt-police-service", ORG + "caf"]
    with pytest.raises(CurationError, match="c.csv:2: these merges form a cycle"):
        _resolve(registry, ("regional-academy", "merge", "PSA"),
                 ("tt-police-service-academy", "merge", "Regional Academy"), partners=PARTNERS)
    with pytest.raises(CurationError, match=r"c.csv:2: merge target 'PSA' is rejected \(c.csv:3\)"):
        _resolve(registry, ("regional-academy", "merge", "PSA"),
                 ("tt-police-service-academy", "reject", ""), partners=PARTNERS)
    with pytest.raises(CurationError, match="c.csv:2: an organisation cannot be merged into"):
        _resolve(registry, ("regional-academy", "merge", "Regional Academy"), partners=PARTNERS)


def test_read_curation_later_rows_win_and_empty_actions_are_ignored(tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    _write_rows(first, [{"iri": ORG + "x", "action": "reject", "target": ""},
                        {"iri": ORG + "y", "action": " Accept ", "target": ""},
                        {"iri": ORG + "z", "action": "", "target": "ignored"}])
    _write_rows(second, [{"iri": ORG + "x", "action": "rename", "target": "  The   X "}])
    curation = read_curation([first, second])
    assert curation.rows == (
        CurationRow(str(second), 2, ORG + "x", Action.RENAME, "The X"),
        CurationRow(str(first), 3, ORG + "y", Action.ACCEPT, ""),
    )


def readme_example() -> tuple[list[str], dict[str, tuple[str, str]]]:
    """The console commands and the curation rows of the README's "Curating" section."""
    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = text.split("## Curating new organisations", 1)[1].split("\n## ", 1)[0]
    commands = [line[2:] for line in section.splitlines() if line.startswith("$ ")]
    rows = {}
    for line in section.splitlines():
        if line.startswith("| `https://"):
            cells = [c.strip().strip("`") for c in line.strip("|").split("|")]
            rows[cells[0]] = (cells[2], cells[3])
    return commands, rows


def test_the_readme_example_runs_as_documented(docs, tmp_path, monkeypatch):
    import shlex
    import shutil

    commands, decisions = readme_example()
    assert [c.split()[:2] for c in commands] == [
        ["oaskg", "build"], ["oaskg", "review"], ["cp", "out/review.csv"], ["oaskg", "build"]
    ]
    assert {iri[len(ORG):]: d for iri, d in decisions.items()} == DECISIONS
    shutil.copytree(docs, tmp_path / "documents")
    monkeypatch.chdir(tmp_path)
    for command in commands:
        args = shlex.split(command)
        if args[0] == "cp":  # then the person edits the copy as the README's table shows
            shutil.copy(args[1], tmp_path / "first.csv")
            rows = _rows(Path(args[1]))
            for r in rows:
                r["action"], r["target"] = decisions.get(r["iri"], ("", ""))
            _write_rows(Path(args[2]), rows)
            continue
        result = _run(*args[1:])
        assert result.exit_code == 0, f"{command}: {result.output}"
    first = [r["iri"] for r in _rows(tmp_path / "first.csv")]
    assert PLANTED.keys() <= set(first)
    assert [r["iri"] for r in _rows(tmp_path / "out" / "review.csv")] == [
        iri for iri in first if iri not in DECIDED
    ]
