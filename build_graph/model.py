"""The values passed between pipeline stages: frozen dataclasses, never loose dicts.

``extract`` turns a :class:`SourceDocument` into :class:`ProgramRecord` values plus
:class:`Finding` values; later stages (resolve, merge, mapping) read these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """Something a person should know about the input or the data: never an exception."""

    severity: Severity
    document: str
    line: int | None
    message: str
    code: str = ""

    def __str__(self) -> str:
        where = f"{self.document}:{self.line}" if self.line else self.document
        return f"{where}: {self.severity.value}: {self.message}"


@dataclass(frozen=True)
class LineSpan:
    """First and last 1-based line numbers (inclusive) in the source document."""

    first: int
    last: int

    def as_list(self) -> list[int]:
        return [self.first, self.last]


@dataclass(frozen=True)
class SourceDocument:
    """One country sheet as read from disk: its text lines (without line ends) and checksum."""

    path: str
    name: str
    sha256: str
    lines: tuple[str, ...]
    encoding: str = "utf-8"

    @property
    def slug(self) -> str:
        from build_graph.slugs import slugify

        stem = self.name.rsplit(".", 1)[0]
        return slugify(stem)


@dataclass(frozen=True)
class EntityRef:
    """An organisation or country as found in a sheet: its IRI, preferred label and kind.

    A registry entity has its IRI and one of ``registry.EntityKind``'s values as ``kind``. An
    organisation the registry does not know has ``kind`` "new" and an empty IRI (the resolver
    mints one): ``label`` is its name as written, ``acronym`` the acronym the sheet gives it,
    ``country`` the ISO alpha-2 code of its country when it is a national institution, ``scope``
    "national" or "international", and ``line`` / ``sentence`` where it was first seen (these
    two are provenance, not identity: they do not take part in equality).
    """

    iri: str
    label: str
    kind: str  # one of registry.EntityKind values, or "new"
    acronym: str | None = None
    country: str | None = None
    scope: str | None = None  # new organisations: "national" or "international"
    line: int | None = field(default=None, compare=False)
    sentence: str | None = field(default=None, compare=False)

    @property
    def display(self) -> str:
        """How the record names it: "Full Name (ACR)" for a new organisation with an acronym."""
        if self.kind == "new" and self.acronym and self.acronym != self.label:
            return f"{self.label} ({self.acronym})"
        return self.label


@dataclass(frozen=True)
class Donor:
    """A donor as written on the sheet, with the funders and funding channels it names.

    "Spain (AECID)" -> funders (Spain,), channels (AECID,). A name the registry does not know
    has no funders and no channels; the build mints an organisation flagged for review.
    """

    as_written: str
    funders: tuple[EntityRef, ...]
    channels: tuple[EntityRef, ...]
    source: str  # "header" or "prose"
    lines: LineSpan
    implied: tuple[str, ...] = ()  # IRIs of funders only a channel stands for (not written)

    @property
    def entities(self) -> tuple[EntityRef, ...]:
        return self.funders + self.channels

    @property
    def named(self) -> tuple[EntityRef, ...]:
        """The entities the donor's text names: "Global Affairs Canada" names the agency, not
        Canada, though Canada funds through it."""
        return tuple(e for e in self.entities if e.iri not in self.implied)


@dataclass(frozen=True)
class Quantity:
    """A number the RESULTS prose reports: "31 (3 women, 28 men) government officials trained"."""

    quantity: int
    what: str
    status: str  # "achieved" or "target"
    women: int | None
    men: int | None
    evidence: str
    line: int


@dataclass(frozen=True)
class TextSpan:
    """Text on a page that no field claimed, kept and reported rather than dropped."""

    text: str
    lines: LineSpan


@dataclass(frozen=True)
class ProgramRecord:
    """One program page of one country sheet, every value traced to its source lines."""

    document: str
    page: int
    country: str | None  # ISO 3166-1 alpha-2 of the sheet
    name: str | None
    name_source: str | None  # "header" or "prose"
    pillar: str | None  # English preferred label of the pillar, None when not set
    start: str | None  # ISO at the sheet's precision: YYYY-MM-DD, YYYY-MM or YYYY
    end: str | None
    end_open: bool
    start_raw: str | None
    end_raw: str | None
    beneficiaries: str | None
    additional_information: str | None
    url: str | None
    donors: tuple[Donor, ...]
    agencies: tuple[EntityRef, ...]
    partners: tuple[EntityRef, ...]
    national_counterparts: tuple[EntityRef, ...]
    countries_covered: tuple[EntityRef, ...]
    results_quantities: tuple[Quantity, ...]
    summary: str | None
    objectives: str | None
    results: str | None
    lines: tuple[tuple[str, LineSpan], ...]  # (field, span), in field order
    unassigned: tuple[TextSpan, ...]
    language: str = "en"

    @property
    def span(self) -> LineSpan:
        """The page's whole line span."""
        page = dict(self.lines).get("page")
        if page is not None:
            return page
        firsts = [s.first for _, s in self.lines]
        lasts = [s.last for _, s in self.lines]
        return LineSpan(min(firsts, default=0), max(lasts, default=0))

    def line_of(self, name: str) -> LineSpan | None:
        return dict(self.lines).get(name)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``oaskg extract --format json`` (a contract: keys are fixed)."""
        return {
            "document": self.document,
            "page": self.page,
            "country": self.country,
            "name": self.name,
            "name_source": self.name_source,
            "pillar": self.pillar,
            "start": self.start,
            "end": self.end,
            "end_open": self.end_open,
            "start_raw": self.start_raw,
            "end_raw": self.end_raw,
            "beneficiaries": self.beneficiaries,
            "additional_information": self.additional_information,
            "url": self.url,
            "donors": [
                {
                    "as_written": d.as_written,
                    "entities": [e.display for e in d.named],
                    "source": d.source,
                    "funders": [e.label for e in d.funders],
                    "channels": [e.label for e in d.channels],
                    "lines": d.lines.as_list(),
                }
                for d in self.donors
            ],
            "agencies": [e.display for e in self.agencies],
            "partners": [e.display for e in self.partners],
            "national_counterparts": [e.display for e in self.national_counterparts],
            "countries_covered": [e.label for e in self.countries_covered],
            "results_quantities": [
                {
                    "quantity": q.quantity,
                    "what": q.what,
                    "status": q.status,
                    "women": q.women,
                    "men": q.men,
                    "evidence": q.evidence,
                    "line": q.line,
                }
                for q in self.results_quantities
            ],
            "summary": self.summary,
            "objectives": self.objectives,
            "results": self.results,
            "lines": {name: span.as_list() for name, span in self.lines},
            "unassigned": [{"text": u.text, "lines": u.lines.as_list()} for u in self.unassigned],
            "language": self.language,
        }


@dataclass(frozen=True)
class Extraction:
    """What extracting one document gives: its records and what was noticed on the way."""

    document: SourceDocument | None
    records: tuple[ProgramRecord, ...]
    findings: tuple[Finding, ...]
