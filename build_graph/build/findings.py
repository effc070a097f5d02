"""Findings people read: repeated ones grouped by kind, with a count and the first places.

A build of a few sheets says the same thing many times ("no web page" on 13 pages); a sheet
concatenated 2,000 times says it 34,000 times. Grouped, each kind is one line with its count
and the first :data:`SHOWN` places; ``-v`` lists every one, and ``summary.json`` keeps them all.

>>> from build_graph.model import Finding, Severity
>>> same = [Finding(Severity.WARNING, "x.txt", n, "no web page", "no-url") for n in (3, 9, 27, 81)]
>>> print("\\n".join(render(group_findings(same))))
  4 × no web page (no-url)
      at x.txt:3, x.txt:9, x.txt:27 and 1 more
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from build_graph.model import Finding, ProgramRecord

SHOWN = 3  # places listed for a kind before "and N more"
FORM_FIELDS = ("pillar", "name", "donors")  # fields only the form's labels give
ALWAYS_LISTED = "skipped-"  # kinds whose every member is listed: the paths not read


@dataclass(frozen=True)
class Group:
    """Findings of one kind: the severity, a kind (code, or message), the first message and
    the place and full line of each."""

    severity: str
    kind: str
    message: str
    places: tuple[str, ...]
    lines: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.lines)

    def as_dict(self) -> dict:
        return {"severity": self.severity, "kind": self.kind, "count": self.count,
                "message": self.message, "first": list(self.places[:SHOWN])}


def _where(document: str | None, line: int | None) -> str:
    where = document or "(reference data)"
    return f"{where}:{line}" if line else where


def group_findings(findings: Iterable[Finding]) -> list[Group]:
    """Findings grouped by severity and code (by message when there is no code), in the
    order each kind first appears."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.severity.value, f.code or f.message), []).append(f)
    return [
        Group(severity, kind, members[0].message,
              tuple(_where(f.document, f.line) for f in members),
              tuple(str(f) for f in members))
        for (severity, kind), members in groups.items()
    ]


def group_results(results: Iterable) -> list[Group]:
    """SHACL results (``validate.ValidationResult``) grouped by severity, path and message."""
    groups: dict[tuple[str, str, str], list] = {}
    for r in results:
        groups.setdefault((r.severity.lower(), r.path or "", r.message), []).append(r)
    out = []
    for (severity, path, message), members in groups.items():
        kind = short_iri(path) if path else message
        out.append(Group(severity, kind, message,
                         tuple(_where(r.document, r.line) for r in members),
                         tuple(str(r) for r in members)))
    return out


def short_iri(iri: str) -> str:
    """``oaskg:pillar`` for the ontology's pillar IRI (:func:`build_graph.vocab.curie`)."""
    from build_graph import vocab  # here: vocab imports rdflib, which `oaskg extract` never needs

    return vocab.curie(iri)


def render(groups: Sequence[Group], verbose: bool = False) -> list[str]:
    """Lines for standard error: a kind seen once (or every kind, ``verbose``, and the paths
    not read) as its full lines; a repeated one as its count, message and first places."""
    lines: list[str] = []
    for g in groups:
        if verbose or g.count == 1 or g.kind.startswith(ALWAYS_LISTED):
            lines += [f"  {line}" for line in g.lines]
            continue
        label = f" ({g.kind})" if g.kind != g.message else ""
        lines.append(f"  {g.count} × {g.message}{label}")
        more = f" and {g.count - SHOWN} more" if g.count > SHOWN else ""
        lines.append(f"      at {', '.join(g.places[:SHOWN])}{more}")
    return lines


def counts(groups: Sequence[Group]) -> dict[str, int]:
    found: dict[str, int] = {}
    for g in groups:
        found[g.severity] = found.get(g.severity, 0) + g.count
    return found


def formless_documents(records: Iterable[ProgramRecord]) -> dict[str, int]:
    """Documents none of whose pages has a form field label (only the prose boxes), with
    their number of pages: the shapes' messages about an unset form do not fit them."""
    pages: dict[str, int] = {}
    with_form: set[str] = set()
    for r in records:
        pages[r.document] = pages.get(r.document, 0) + 1
        if any(name in FORM_FIELDS for name, _span in r.lines):
            with_form.add(r.document)
    return {d: n for d, n in pages.items() if d not in with_form}


def fit_to_sheets(results: Sequence, formless: dict[str, int]) -> tuple[list, list[Group]]:
    """The SHACL results, those about form values left unset on a sheet that has no form taken
    out and said once per sheet, in words that fit it."""
    missing: dict[str, list] = {}
    kept = []
    for r in results:
        if r.document in formless and r.severity == "Warning" and _unset_form_value(r):
            missing.setdefault(r.document, []).append(r)
        else:
            kept.append(r)
    groups = []
    for document, members in missing.items():
        what: dict[str, int] = {}
        for r in members:
            field = _unset_form_value(r)
            what[field] = what.get(field, 0) + 1
        listed = ", ".join(f"{field} ({n})" for field, n in what.items())
        message = (f"the sheet has no form (none of its {formless[document]} pages has the "
                   "labels OAS Pillar, Name of Activity, Date or Donor Countries), so its "
                   f"activities have no {listed}: {len(members)} SHACL warnings")
        groups.append(Group("warning", "no-form", message, (document,),
                            (f"{document}: Warning: {message}",)))
    return kept, groups


def _unset_form_value(result) -> str:
    """What a warning says is unset, when it is a value of the form: pillar, dates, donors."""
    path = result.path or ""
    if path.endswith("#pillar"):
        return "pillar"
    if path.endswith("#funder") or path.endswith("/funder"):
        return "donors"
    if not path and "date" in result.message:
        return "dates"
    return ""
