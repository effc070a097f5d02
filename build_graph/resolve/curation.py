"""Curation files: a person's decisions about minted organisations, honoured by every build.

A curation file is ``out/review.csv`` with its last two columns filled in (UTF-8, header row
``iri,name,acronym,kind,country,role,documents,lines,action,target``; only ``iri``, ``action``
and ``target`` are read, the others are there for the person deciding):

* ``accept`` — a real organisation: kept under its IRI, no longer flagged for review;
* ``merge`` — the same as ``target`` (the IRI, label or acronym of a registry entity or of
  another minted organisation): its mentions point at the target and it is not minted;
* ``rename`` — kept under its IRI with ``target`` as its preferred label, no longer flagged;
* ``reject`` — not an organisation: no entity, and its text becomes the record's unassigned
  text, so nothing is lost;
* empty — not decided yet: the row is ignored.

Several files are read in order and a later row for the same IRI wins. A row that cannot be
applied is a :class:`CurationError` naming its file and line.

>>> Action("merge").needs_target
True
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from build_graph import vocab
from build_graph.model import EntityRef
from build_graph.resolve.names import NEW_KIND, NewOrganisation
from build_graph.slugs import fold

REVIEW_COLUMNS = (
    "iri",
    "name",
    "acronym",
    "kind",
    "country",
    "role",
    "documents",
    "lines",
    "action",
    "target",
)
REQUIRED_COLUMNS = ("iri", "action", "target")


class Action(StrEnum):
    ACCEPT = "accept"
    MERGE = "merge"
    RENAME = "rename"
    REJECT = "reject"

    @property
    def needs_target(self) -> bool:
        return self in (Action.MERGE, Action.RENAME)


class CurationError(Exception):
    """A curation row that cannot be applied: its file, line and how to fix it."""

    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file, self.line, self.message = file, line, message


@dataclass(frozen=True)
class CurationRow:
    file: str
    line: int
    iri: str
    action: Action
    target: str


@dataclass(frozen=True)
class Curation:
    """The rows that decide something, one per IRI (the last one read), in IRI order."""

    rows: tuple[CurationRow, ...]
    files: tuple[str, ...] = ()


def read_curation(paths: Iterable[Path]) -> Curation:
    """Read curation files in order; a later row for the same IRI replaces an earlier one."""
    rows: dict[str, CurationRow] = {}
    files = []
    for path in paths:
        files.append(str(path))
        for row in _read_file(path):
            rows[row.iri] = row
    return Curation(tuple(rows[iri] for iri in sorted(rows)), tuple(files))


def _read_file(path: Path) -> list[CurationRow]:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CurationError(name, 1, f"cannot be read as UTF-8 text ({exc})") from exc
    reader = csv.DictReader(text.splitlines(keepends=True))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise CurationError(
            name,
            1,
            f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}: a curation "
            f"file has the header row of review.csv ({','.join(REVIEW_COLUMNS)})",
        )
    reader.fieldnames = header
    rows = []
    for raw in reader:
        line = reader.line_num
        action = (raw.get("action") or "").strip().lower()
        if not action:
            continue
        try:
            chosen = Action(action)
        except ValueError:
            raise CurationError(
                name,
                line,
                f"unknown action {action!r}: use accept, merge, rename or reject (or leave it "
                "empty to decide later)",
            ) from None
        iri = (raw.get("iri") or "").strip()
        if not iri:
            raise CurationError(name, line, "no iri: copy the row's iri from review.csv")
        target = " ".join((raw.get("target") or "").split())
        if chosen.needs_target and not target:
            what = (
                "the preferred label"
                if chosen is Action.RENAME
                else "the IRI, label or acronym of a registry entity or of another minted "
                "organisation"
            )
            raise CurationError(name, line, f"{chosen.value} needs a target: {what}")
        rows.append(CurationRow(name, line, iri, chosen, target))
    return rows


# --- applying -----------------------------------------------------------------------------------
def apply_curation(
    orgs: list[NewOrganisation], curation: Curation, registry, base: str = vocab.DEFAULT_BASE
) -> tuple[list[NewOrganisation], dict[str, EntityRef | None], list[tuple[str, str]]]:
    """The organisations once the curation is applied, where each merged (a ref) or rejected
    (None) one's mentions go by slug, and the (IRI, action) of every row applied."""
    by_iri = {o.iri(base): o for o in orgs}
    rows: dict[str, CurationRow] = {}
    for row in curation.rows:
        org = by_iri.get(row.iri)
        if org is None:
            raise CurationError(
                row.file,
                row.line,
                f"{row.iri} matches no organisation this build minted: copy the iri from the "
                "review.csv of a build without this row, or delete the row",
            )
        rows[org.slug] = row
    targets = {
        slug: _target(row, by_iri[row.iri], orgs, registry, base)
        for slug, row in rows.items()
        if row.action is Action.MERGE
    }
    target_of: dict[str, EntityRef | None] = {}
    absorbed: dict[str, list[NewOrganisation]] = defaultdict(list)
    kept: list[NewOrganisation] = []
    for org in orgs:
        row = rows.get(org.slug)
        if row is None:
            kept.append(org)
        elif row.action is Action.ACCEPT:
            kept.append(replace(org, status="accepted"))
        elif row.action is Action.RENAME:
            names = tuple(sorted(set(org.names) | {org.label} - {row.target}))
            kept.append(replace(org, label=row.target, names=names, status="renamed"))
        elif row.action is Action.REJECT:
            target_of[org.slug] = None
        else:
            final = _follow(org.slug, targets, rows)
            target_of[org.slug] = final
            if final.kind == NEW_KIND:
                absorbed[final.iri].append(org)
    kept = [_absorb(o, absorbed.get(o.slug, [])) for o in kept]
    applied = sorted((row.iri, row.action.value) for row in rows.values())
    return kept, target_of, applied


def _follow(
    slug: str, targets: dict[str, EntityRef], rows: dict[str, CurationRow]
) -> EntityRef:
    """Where a merged organisation's mentions end up, through merges of merges."""
    path = [slug]
    target = targets[slug]
    while target.kind == NEW_KIND and target.iri in rows:
        row = rows[target.iri]
        first = rows[slug]
        if row.action is Action.REJECT:
            raise CurationError(
                first.file,
                first.line,
                f"merge target {first.target!r} is rejected ({row.file}:{row.line}): merge into "
                "another organisation or reject this one too",
            )
        if row.action is not Action.MERGE:
            break
        if target.iri in path:
            raise CurationError(
                first.file, first.line, "these merges form a cycle: let one of them be accepted"
            )
        path.append(target.iri)
        target = targets[target.iri]
    return target


def _target(
    row: CurationRow, org: NewOrganisation, orgs: list[NewOrganisation], registry, base: str
) -> EntityRef:
    """The entity a merge row's target names: an IRI, else a label or acronym (registry first)."""
    text = row.target
    minted = {o.iri(base): o for o in orgs}
    found: NewOrganisation | None = minted.get(text)
    if found is None and registry is not None:
        entity = registry.by_iri.get(text) or registry.lookup(text, org.country)
        if entity is not None:
            return entity.ref()
    if found is None:
        key = fold(text)
        matches = [
            o
            for o in orgs
            if key in {fold(n) for n in (o.label, o.acronym or "", *o.names) if n}
        ]
        matches = [o for o in matches if o.country == org.country] or matches
        if len(matches) > 1:
            shown = ", ".join(o.iri(base) for o in matches)
            raise CurationError(
                row.file, row.line, f"merge target {text!r} names several organisations "
                f"({shown}): give the IRI of one"
            )
        found = matches[0] if matches else None
    if found is None:
        raise CurationError(
            row.file,
            row.line,
            f"merge target {text!r} is neither a registry entity nor a minted organisation: give "
            "the IRI, label or acronym of an entity of ontology/reference/ or of a row of "
            "review.csv",
        )
    if found.slug == org.slug:
        raise CurationError(
            row.file, row.line, "an organisation cannot be merged into itself: use accept"
        )
    return EntityRef(found.slug, found.label, NEW_KIND, found.acronym, found.country, found.scope)


def _absorb(org: NewOrganisation, merged: list[NewOrganisation]) -> NewOrganisation:
    """``org`` with the places, roles and names of the organisations merged into it."""
    if not merged:
        return org
    places = {(d, line): s for d, line, s in org.sentences}
    names = set(org.names)
    roles = set(org.roles)
    for other in merged:
        for d, line, s in other.sentences:
            places.setdefault((d, line), s)
        names |= {other.label, *other.names} | ({other.acronym} if other.acronym else set())
        roles |= set(other.roles)
    names -= {org.label, org.acronym}
    return replace(
        org,
        seen=tuple(sorted(places)),
        sentences=tuple((d, line, places[(d, line)]) for d, line in sorted(places)),
        names=tuple(sorted(n for n in names if n)),
        roles=tuple(sorted(roles)),
    )


# --- the review files ---------------------------------------------------------------------------
def review_rows(orgs: Iterable[NewOrganisation], base: str = vocab.DEFAULT_BASE) -> list[dict]:
    """One review.csv row per organisation still unreviewed, in IRI order."""
    rows = [
        {
            "iri": o.iri(base),
            "name": o.label,
            "acronym": o.acronym or "",
            "kind": o.scope,
            "country": o.country or "",
            "role": ";".join(o.roles),
            "documents": ";".join(o.documents),
            "lines": ";".join(o.lines),
            "action": "",
            "target": "",
        }
        for o in orgs
        if o.needs_review
    ]
    return sorted(rows, key=lambda r: r["iri"])


def review_details(orgs: Iterable[NewOrganisation], base: str = vocab.DEFAULT_BASE) -> list[dict]:
    """review.json: each unreviewed organisation with the sentence it was seen in, per place."""
    rows = []
    for o in orgs:
        if not o.needs_review:
            continue
        rows.append(
            {
                "iri": o.iri(base),
                "name": o.label,
                "acronym": o.acronym,
                "kind": o.scope,
                "country": o.country,
                "roles": list(o.roles),
                "names": list(o.names),
                "places": [
                    {"document": d, "line": line, "sentence": s} for d, line, s in o.sentences
                ],
            }
        )
    return sorted(rows, key=lambda r: r["iri"])


class NoReview(Exception):
    """The folder holds no build to review."""


def load_review(out_dir: Path, sidecar: str = "review.json") -> list[dict]:
    """The unreviewed organisations a build wrote to ``out_dir`` (its ``review.json``)."""
    import json

    path = out_dir / sidecar
    if not path.is_file():
        raise NoReview(
            f"{out_dir}: no build to review ({sidecar} is missing); run `oaskg build --out "
            f"{out_dir}` first"
        )
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, list) else []


def review_text(rows: list[dict], review_csv: str = "review.csv") -> str:
    """What ``oaskg review`` prints: each organisation, what it is and where it was seen."""
    if not rows:
        return "No new organisation needs review.\n"
    n = len(rows)
    out = [
        f"{n} new organisation{'s' if n != 1 else ''} need{'s' if n == 1 else ''} review "
        f"(decide in {review_csv}: accept, merge, rename or reject, then build with "
        "--curation):",
    ]
    for row in rows:
        name = row["name"] + (
            f" ({row['acronym']})" if row.get("acronym") and row["acronym"] != row["name"] else ""
        )
        kind = row["kind"] + (f", {row['country']}" if row.get("country") else "")
        roles = ", ".join(row["roles"])
        out += ["", name, f"  iri:  {row['iri']}", f"  kind: {kind}; role: {roles}"]
        if row.get("names"):
            out.append(f"  also written: {'; '.join(row['names'])}")
        for place in row["places"]:
            out.append(f"  {place['document']}:{place['line']}: {place['sentence']}")
    return "\n".join(out) + "\n"
