"""Resolve: names on the sheets → registry entities, or new organisations flagged for review.

The extractor links most names to registry IRIs. What is left are organisations the registry
does not know: ``EntityRef(kind="new")`` in any role list (``agencies``, ``partners``,
``national_counterparts``, a donor's ``funders`` / ``channels``), and donors the extractor left
without any entity. Each is first looked up in the registry once more (by name, then by
acronym); the rest are *minted*:

* within one country (national ones) or among international ones, names that denote the same
  institution become one :class:`NewOrganisation` (see :func:`name_key` and :func:`cluster`);
* its slug is the key of its longest full name, prefixed by the country code for a national
  institution (``tt-ministry-of-national-security``), so two countries' "Ministry of Health"
  never merge; the build mints ``{base}id/org/{slug}``;
* a curation file (:mod:`build_graph.resolve.curation`) accepts, merges, renames or rejects it;
* the records' refs are rewritten to carry the slug (``EntityRef.iri``, relative to the base the
  mapping mints under), the registry IRI it was merged into, or are removed (rejected: the text
  goes to the record's ``unassigned``); every organisation still unreviewed is a finding.

>>> from build_graph.model import Extraction
>>> resolve([Extraction(None, (), ())]).records
()
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from build_graph import vocab
from build_graph.model import (
    EntityRef,
    Extraction,
    Finding,
    LineSpan,
    ProgramRecord,
    Severity,
    SourceDocument,
    TextSpan,
)
from build_graph.resolve.cluster import Name, Sightings, cluster, name_key, name_order
from build_graph.resolve.names import NEW_KIND, NewOrganisation
from build_graph.slugs import slugify

# record field (or donor part) -> the role it gives an organisation
ROLE_OF = {
    "funders": "funder",
    "channels": "funder",
    "agencies": "implementer",
    "partners": "partner",
    "national_counterparts": "counterpart",
}
LIST_FIELDS = ("agencies", "partners", "national_counterparts")


@dataclass(frozen=True)
class Resolved:
    """Every document and record, names resolved or pointing at a new organisation."""

    documents: tuple[SourceDocument, ...]
    records: tuple[ProgramRecord, ...]
    new_organisations: tuple[NewOrganisation, ...]
    findings: tuple[Finding, ...]
    curated: tuple[tuple[str, str], ...] = ()  # (minted IRI, action) of each curation row applied

    def document(self, name: str) -> SourceDocument | None:
        return next((d for d in self.documents if d.name == name), None)


def new_org_ref(label: str) -> EntityRef:
    """The reference a donor gets for a name the registry does not know (IRI is its slug)."""
    return EntityRef(slugify(label), label.strip(), NEW_KIND)


def _mint(
    names: list[Name], seen: dict[Name, Sightings], registry=None
) -> NewOrganisation:
    full = [n for n in names if not n.only_acronym]
    first_place = {n: min(seen[n].places) for n in names}
    best = max(full or names, key=lambda n: (len(n.label), tuple(-ord(c) for c in n.label)))
    ordered = sorted(names, key=lambda n: (first_place[n], name_order(n)))
    acronym = next((n.acronym or n.label for n in ordered if n.acronym or n.only_acronym), None)
    home = [n for n in names if n.scope == "national"]
    scope = "national" if home else best.scope
    country = (best if best in home else home[0]).country if home else None
    key = name_key(best.label, country, registry) if full else (acronym or best.label)
    slug = slugify(key)
    if scope == "national" and country:
        slug = f"{country.lower()}-{slug}"
    places: dict[tuple[str, int], str] = {}
    roles: set[str] = set()
    for n in ordered:
        for place, sentence in seen[n].places.items():
            places.setdefault(place, sentence)
        roles |= seen[n].roles
    others = {n.label for n in names} - {best.label} - {acronym}
    return NewOrganisation(
        slug=slug,
        label=best.label,
        seen=tuple(sorted(places)),
        acronym=acronym,
        scope=scope,
        country=country,
        roles=tuple(sorted(roles)),
        language=seen[best].language,
        names=tuple(sorted(others)),
        sentences=tuple((d, line, places[(d, line)]) for d, line in sorted(places)),
    )


def _mint_all(
    seen: dict[Name, Sightings], registry=None
) -> tuple[list[NewOrganisation], dict[Name, str]]:
    """One organisation per cluster (clusters whose slugs coincide are one); each name's slug."""
    by_slug: dict[str, list[Name]] = defaultdict(list)
    for names in cluster(seen, registry):
        by_slug[_mint(names, seen, registry).slug].extend(names)
    orgs, slug_of = [], {}
    for names in by_slug.values():
        org = _mint(names, seen, registry)
        orgs.append(org)
        slug_of.update({n: org.slug for n in names})
    return sorted(orgs, key=lambda o: o.slug), slug_of


# --- records ------------------------------------------------------------------------------------
def _line_of(record: ProgramRecord, ref: EntityRef, name: str, fallback: int | None) -> int:
    if ref.line:
        return ref.line
    if fallback:
        return fallback
    span = record.line_of("donors" if name in ("funders", "channels") else name)
    return (span or record.span).first


def _map_refs(record: ProgramRecord, change) -> ProgramRecord:
    """``record`` with each organisation ref replaced by ``change(role field, ref, line)``: a
    ref (kept or replaced) or None (dropped, its text kept in ``unassigned``)."""
    unassigned = list(record.unassigned)

    def apply(name: str, refs: tuple[EntityRef, ...], line: int | None) -> tuple[EntityRef, ...]:
        out: dict[str, EntityRef] = {}
        for ref in refs:
            where = _line_of(record, ref, name, line)
            new = change(name, ref, where)
            if new is None:
                unassigned.append(TextSpan(ref.display, LineSpan(where, where)))
            else:
                out.setdefault(f"{new.kind}:{new.iri or new.label}", new)
        return tuple(out.values())

    donors = []
    for donor in record.donors:
        funders = apply("funders", donor.funders, donor.lines.first)
        channels = apply("channels", donor.channels, donor.lines.first)
        if funders or channels or not donor.entities:
            donors.append(replace(donor, funders=funders, channels=channels))
    lists = {name: apply(name, getattr(record, name), None) for name in LIST_FIELDS}
    return replace(record, donors=tuple(donors), unassigned=tuple(unassigned), **lists)


def _with_new_donors(record: ProgramRecord, registry) -> ProgramRecord:
    """A donor the extractor left without entity: the registry once more, else a new name."""
    donors = []
    for donor in record.donors:
        if not donor.entities:
            entity = registry.lookup(donor.as_written, record.country) if registry else None
            ref = (
                entity.ref()
                if entity is not None
                else EntityRef("", donor.as_written.strip(), NEW_KIND, line=donor.lines.first)
            )
            donor = replace(donor, funders=(ref,))
        donors.append(donor)
    return replace(record, donors=tuple(donors))


def _registry_hit(ref: EntityRef, record: ProgramRecord, registry) -> EntityRef:
    if ref.kind != NEW_KIND or registry is None:
        return ref
    country = ref.country or record.country
    for name in (ref.label, ref.acronym):
        entity = registry.lookup(name, country) if name else None
        if entity is not None:
            return entity.ref()
    return ref


def _name_of(ref: EntityRef, record: ProgramRecord) -> Name:
    scope = ref.scope or "international"
    country = (ref.country or record.country) if scope == "national" else None
    acronym = ref.acronym.strip() if ref.acronym else None
    label = " ".join(ref.label.split())
    name = Name(label, acronym, country.upper() if country else None, scope)
    if scope != "national" and name.only_acronym and record.country:
        name = replace(name, sheet=record.country.upper())
    return name


def _sentence(document: SourceDocument | None, ref: EntityRef, line: int) -> str:
    if ref.sentence:
        return " ".join(ref.sentence.split())
    if document is not None and 0 < line <= len(document.lines):
        return " ".join(document.lines[line - 1].split())
    return ref.display


def _finding(org: NewOrganisation) -> Finding:
    document, line = org.seen[0] if org.seen else ("", None)
    more = len(org.seen) - 1
    also = f" (and {more} more place{'s' if more != 1 else ''})" if more else ""
    return Finding(
        Severity.WARNING,
        document,
        line,
        f"{org.label!r} is not in the registry: minted as new organisation {org.slug!r}{also}, "
        "flagged for review (accept, merge, rename or reject it in a curation file: see "
        "review.csv and `oaskg review`)",
        "new-organisation",
    )


def resolve(
    extractions: Iterable[Extraction],
    registry=None,
    curation=None,
    base: str = vocab.DEFAULT_BASE,
) -> Resolved:
    """Resolve every record's organisations; mint, merge and curate the ones nobody knows.

    ``registry`` (a :class:`build_graph.registry.index.Registry`) gives one more chance to
    names the extractor left unresolved; without it they all become new organisations.
    ``curation`` (a :class:`build_graph.resolve.curation.Curation`) is applied to what was
    minted, its IRIs read under ``base``; a row that cannot be applied raises
    :class:`build_graph.resolve.curation.CurationError`.
    """
    documents: list[SourceDocument] = []
    staged: list[ProgramRecord] = []
    findings: list[Finding] = []
    for extraction in extractions:
        findings.extend(extraction.findings)
        if extraction.document is not None:
            documents.append(extraction.document)
        for record in extraction.records:
            record = _with_new_donors(record, registry)
            staged.append(
                _map_refs(record, lambda _n, ref, _l, r=record: _registry_hit(ref, r, registry))
            )
    by_name = {d.name: d for d in documents}
    seen: dict[Name, Sightings] = {}
    for record in staged:

        def collect(field_name: str, ref: EntityRef, line: int, r=record) -> EntityRef:
            if ref.kind == NEW_KIND:
                found = seen.setdefault(_name_of(ref, r), Sightings(language=r.language))
                found.roles.add(ROLE_OF[field_name])
                place = (r.document, line)
                found.places.setdefault(place, _sentence(by_name.get(r.document), ref, line))
            return ref

        _map_refs(record, collect)
    orgs, slug_of = _mint_all(seen, registry)
    curated: list[tuple[str, str]] = []
    target_of: dict[str, EntityRef | None] = {}
    if curation is not None:
        from build_graph.resolve.curation import apply_curation

        orgs, target_of, curated = apply_curation(orgs, curation, registry, base)

    def rewrite(_field: str, ref: EntityRef, _line: int, r: ProgramRecord) -> EntityRef | None:
        if ref.kind != NEW_KIND:
            return ref
        slug = slug_of[_name_of(ref, r)]
        if slug not in target_of:
            return replace(ref, iri=slug)
        target = target_of[slug]
        if target is None or target.kind != NEW_KIND:
            return target
        return replace(ref, iri=target.iri)

    records = [_map_refs(r, lambda n, ref, line, r=r: rewrite(n, ref, line, r)) for r in staged]
    findings.extend(_finding(o) for o in orgs if o.needs_review)
    return Resolved(
        tuple(sorted(documents, key=lambda d: d.name)),
        tuple(sorted(records, key=lambda r: (r.document, r.page))),
        tuple(orgs),
        tuple(findings),
        tuple(sorted(curated)),
    )
