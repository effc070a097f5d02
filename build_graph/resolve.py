"""Resolve: names on the sheets → registry entities, or new organisations flagged for review.

The extractor already links most names to registry IRIs. What is left is the donors it could
not resolve: each becomes a :class:`NewOrganisation` (slug of the name as written), reported as a
finding and later minted as ``{base}id/org/{slug}`` with ``oaskg:needsReview true`` — never
dropped.

>>> from build_graph.model import Extraction
>>> resolve([Extraction(None, (), ())]).records
()
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from build_graph.model import (
    Donor,
    EntityRef,
    Extraction,
    Finding,
    ProgramRecord,
    Severity,
    SourceDocument,
)
from build_graph.slugs import slugify

NEW_KIND = "new"  # EntityRef.kind of an organisation the registry does not know


@dataclass(frozen=True)
class NewOrganisation:
    """A name no registry entity answers to, with every place it was seen."""

    slug: str
    label: str
    seen: tuple[tuple[str, int], ...]  # (document name, line), sorted


@dataclass(frozen=True)
class Resolved:
    """Every document and record, donors resolved or attached to a new organisation."""

    documents: tuple[SourceDocument, ...]
    records: tuple[ProgramRecord, ...]
    new_organisations: tuple[NewOrganisation, ...]
    findings: tuple[Finding, ...]

    def document(self, name: str) -> SourceDocument | None:
        return next((d for d in self.documents if d.name == name), None)


def new_org_ref(label: str) -> EntityRef:
    """The reference a donor gets for a name the registry does not know (IRI is its slug)."""
    return EntityRef(slugify(label), label.strip(), NEW_KIND)


def _resolve_donor(donor: Donor, registry, country: str | None) -> Donor:
    if donor.entities:
        return donor
    entity = registry.lookup(donor.as_written, country) if registry is not None else None
    if entity is not None:
        return replace(donor, funders=(entity.ref(),))
    return replace(donor, funders=(new_org_ref(donor.as_written),))


def resolve(extractions: Iterable[Extraction], registry=None) -> Resolved:
    """Resolve the donors of every record; unresolved names become flagged new organisations.

    ``registry`` (a :class:`build_graph.registry.Registry`) gives one more chance to names the
    extractor left unresolved; without it they all become new organisations.
    """
    documents: list[SourceDocument] = []
    records: list[ProgramRecord] = []
    findings: list[Finding] = []
    seen: dict[str, tuple[str, list[tuple[str, int]]]] = {}
    for extraction in extractions:
        findings.extend(extraction.findings)
        if extraction.document is not None:
            documents.append(extraction.document)
        for record in extraction.records:
            donors = tuple(_resolve_donor(d, registry, record.country) for d in record.donors)
            for donor in donors:
                for ref in donor.funders:
                    if ref.kind != NEW_KIND:
                        continue
                    label, places = seen.setdefault(ref.iri, (ref.label, []))
                    places.append((record.document, donor.lines.first))
                    findings.append(
                        Finding(
                            Severity.WARNING,
                            record.document,
                            donor.lines.first,
                            f"donor {donor.as_written!r} is not in the registry: minted as a new "
                            f"organisation flagged for review (add it to ontology/reference/ "
                            f"to resolve it)",
                            "unresolved-donor",
                        )
                    )
            records.append(replace(record, donors=donors))
    new_orgs = tuple(
        NewOrganisation(slug, label, tuple(sorted(set(places))))
        for slug, (label, places) in sorted(seen.items())
    )
    return Resolved(
        tuple(sorted(documents, key=lambda d: d.name)),
        tuple(sorted(records, key=lambda r: (r.document, r.page))),
        new_orgs,
        tuple(findings),
    )
