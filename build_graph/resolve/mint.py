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

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

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
from build_graph.resolve.names import NEW_KIND, NewOrganisation
from build_graph.slugs import fold, slugify

FUZZY_RATIO = 95.0  # rapidfuzz ratio (0-100) of two keys of one country that are one institution
# record field (or donor part) -> the role it gives an organisation
ROLE_OF = {
    "funders": "funder",
    "channels": "funder",
    "agencies": "implementer",
    "partners": "partner",
    "national_counterparts": "counterpart",
}
LIST_FIELDS = ("agencies", "partners", "national_counterparts")
_ARTICLES = {"the", "el", "la", "los", "las", "le", "les", "l"}
_OF = {"of", "de", "del"}
_JOINERS = re.compile(r"(?<=\w)[-‐‑–'’.](?=\w)")
_NON_WORD = re.compile(r"[^\w]+")


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


# --- names and keys -----------------------------------------------------------------------------
def is_acronym(text: str) -> bool:
    """One word of capitals (dots allowed): "MNS", "M.N.S.", "SECCATID".

    >>> is_acronym("MNS"), is_acronym("Ministry"), is_acronym("OAS Fund")
    (True, False, False)
    """
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and " " not in text.strip() and all(c.isupper() for c in letters)


def acronym_key(text: str | None) -> str | None:
    return "".join(c for c in fold(text) if c.isalnum()) or None if text else None


def name_key(name: str, country: str | None = None, registry=None) -> str:
    """The key two names of one institution share: case, accents, punctuation and articles
    dropped, and a trailing "of <country>" / "de <country>" / "del <country>" naming ``country``.

    >>> name_key("The Ministry of National Security")
    'ministry of national security'
    >>> name_key("Ministerio de la Gobernación")
    'ministerio de gobernacion'
    """
    words = _NON_WORD.sub(" ", _JOINERS.sub("", fold(name))).split()
    if country and registry is not None:
        words = _without_country(words, country, registry)
    return " ".join(w for w in words if w not in _ARTICLES) or " ".join(words)


def _without_country(words: list[str], country: str, registry) -> list[str]:
    for i in range(len(words) - 2, 0, -1):
        if words[i] not in _OF:
            continue
        tail = words[i + 1 :]
        while tail and tail[0] in _ARTICLES:
            tail = tail[1:]
        entity = registry.lookup(" ".join(tail)) if tail else None
        if entity is not None and entity.kind == "country" and entity.country == country.upper():
            head = words[:i]
            # "… de la República de Guatemala": the republic goes with its name
            if len(head) > 2 and head[-1] in ("republica", "republic") and head[-2] in _ARTICLES:
                head = head[:-2]
            if len(head) > 1 and head[-1] in _OF:
                head = head[:-1]
            return head
    return words


@dataclass(frozen=True)
class _Name:
    """One way a new organisation was written; all its mentions go to one minted node."""

    label: str
    acronym: str | None
    country: str | None
    scope: str
    sheet: str | None = None  # the sheet's country, kept for an acronym alone ("MNS")

    @property
    def only_acronym(self) -> bool:
        return is_acronym(self.label) or self.label == self.acronym

    @property
    def acronym_key(self) -> str | None:
        return acronym_key(self.acronym or (self.label if self.only_acronym else None))


@dataclass
class _Sightings:
    places: dict[tuple[str, int], str] = field(default_factory=dict)  # -> sentence (first seen)
    roles: set[str] = field(default_factory=set)
    language: str = "en"


# --- clustering ---------------------------------------------------------------------------------
def _ratio(a: str, b: str) -> float:
    return float(fuzz.ratio(a, b))


class _Union:
    def __init__(self, items: Iterable[_Name]) -> None:
        self.parent = {i: i for i in items}

    def find(self, item: _Name) -> _Name:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: _Name, b: _Name) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            first, second = sorted((ra, rb), key=_order)
            self.parent[second] = first


def _order(name: _Name) -> tuple:
    return (name.country or "", name.scope, name.label, name.acronym or "", name.sheet or "")


def cluster(names: Iterable[_Name], registry=None) -> list[list[_Name]]:
    """The names that denote one institution, grouped; never across countries or scopes.

    Two names join when their :func:`name_key` is equal, when their acronyms are equal (a name
    that is only an acronym counts as that acronym), or when their keys are near-identical:
    rapidfuzz ``ratio`` ≥ 95. Measured: among the registry's 116 organisations no two of one
    country reach 95 (the closest, "General Assembly…" and "General Secretariat of the
    Organization of American States", score 86.7); a one-letter typo in a name of 15 or more
    letters scores 97–98 ("Ministry of Heath" 97.1, "Ministerio de Interior" 97.8); different
    ministries score about 80 ("Ministerio de Educación" / "de Economía" 80.0) and
    "National Police" / "National Policy" 93.3 stay apart.
    """
    names = sorted(set(names), key=_order)
    national = {(n.country, n.acronym_key) for n in names if n.scope == "national"}
    groups: dict[tuple[str | None, str], list[_Name]] = defaultdict(list)
    for name in names:
        if (name.sheet, name.acronym_key) in national:  # "MNS" on a sheet where MNS is national
            groups[(name.sheet, "national")].append(name)
        else:
            groups[(name.country, name.scope)].append(name)
    found: list[list[_Name]] = []
    for (country, _scope), members in sorted(groups.items(), key=_group_order):
        union = _Union(members)
        by_key: dict[str, _Name] = {}
        by_acronym: dict[str, _Name] = {}
        keyed: list[tuple[str, _Name]] = []
        for name in members:
            if not name.only_acronym:
                key = name_key(name.label, country, registry)
                union.join(by_key.setdefault(key, name), name)
                keyed.append((key, name))
            if name.acronym_key:
                union.join(by_acronym.setdefault(name.acronym_key, name), name)
        _join_near(keyed, union)
        clusters: dict[_Name, list[_Name]] = defaultdict(list)
        for name in members:
            clusters[union.find(name)].append(name)
        found.extend(clusters[root] for root in sorted(clusters, key=_order))
    return found


def _group_order(item: tuple[tuple[str | None, str], list[_Name]]) -> tuple[str, str]:
    return (item[0][0] or "", item[0][1])


def _join_near(keyed: list[tuple[str, _Name]], union: _Union) -> None:
    """Join keys whose ratio reaches FUZZY_RATIO; only keys of compatible lengths are compared
    (ratio ≤ 200·min/(la+lb))."""
    keyed = sorted(keyed, key=lambda kn: (len(kn[0]), kn[0]))
    for i, (key, name) in enumerate(keyed):
        for other, other_name in keyed[i + 1 :]:
            if 200.0 * len(key) / (len(key) + len(other)) < FUZZY_RATIO:
                break
            if key != other and _ratio(key, other) >= FUZZY_RATIO:
                union.join(name, other_name)


def _mint(
    names: list[_Name], seen: dict[_Name, _Sightings], registry=None
) -> NewOrganisation:
    full = [n for n in names if not n.only_acronym]
    first_place = {n: min(seen[n].places) for n in names}
    best = max(full or names, key=lambda n: (len(n.label), tuple(-ord(c) for c in n.label)))
    ordered = sorted(names, key=lambda n: (first_place[n], _order(n)))
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
    seen: dict[_Name, _Sightings], registry=None
) -> tuple[list[NewOrganisation], dict[_Name, str]]:
    """One organisation per cluster (clusters whose slugs coincide are one); each name's slug."""
    by_slug: dict[str, list[_Name]] = defaultdict(list)
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


def _name_of(ref: EntityRef, record: ProgramRecord) -> _Name:
    scope = ref.scope or "international"
    country = (ref.country or record.country) if scope == "national" else None
    acronym = ref.acronym.strip() if ref.acronym else None
    label = " ".join(ref.label.split())
    name = _Name(label, acronym, country.upper() if country else None, scope)
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
    seen: dict[_Name, _Sightings] = {}
    for record in staged:

        def collect(field_name: str, ref: EntityRef, line: int, r=record) -> EntityRef:
            if ref.kind == NEW_KIND:
                found = seen.setdefault(_name_of(ref, r), _Sightings(language=r.language))
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
