"""Mapping: merged programs and activities → quads, one named graph per document.

The shape of what is emitted is the contract in ``docs/data-model.md``. No blank nodes are
minted (they would break byte-identical reruns); every IRI derives from names, slugs and codes.
Terms are pyoxigraph's (:mod:`build_graph.rdf.quads`): nothing here goes through rdflib.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from build_graph import vocab
from build_graph.merge import Merged, MergedProgram, PlannedActivity
from build_graph.model import EntityRef, ProgramRecord, SourceDocument
from build_graph.rdf.context_graphs import add_context_graphs
from build_graph.rdf.quads import GraphWriter, Quads, iri, literal
from build_graph.resolve.names import NEW_KIND, NewOrganisation

# a line of the document (its prov:wasDerivedFrom in the same graph) naming a minted organisation
MENTION_LINE = vocab.OASKG.mentionLine

# record.lines field -> the activity properties whose values come from that field
FIELD_PATHS: dict[str, tuple[URIRef, ...]] = {
    "name": (RDFS.label, vocab.program),
    "pillar": (vocab.pillar,),
    "start": (vocab.startDate, vocab.startBound, vocab.startRaw),
    "end": (vocab.endDate, vocab.endBound, vocab.endRaw, vocab.openEnded, vocab.status),
    "donors": (vocab.funder, vocab.fundingChannel),
    "agencies": (vocab.implementedBy,),
    "partners": (vocab.partner,),
    "national_counterparts": (vocab.counterpart,),
    "countries_covered": (vocab.coversCountry,),
    "beneficiaries": (vocab.targetBeneficiaries,),
    "additional_information": (vocab.additionalInformation,),
    "url": (vocab.url,),
    "summary": (vocab.summary,),
    "objectives": (vocab.objectives,),
    "results": (vocab.resultsText, vocab.hasResult),
}

# each property IRI as one plain string, shared by every location that names it
_PATH: dict[URIRef, str] = {p: str(p) for paths in FIELD_PATHS.values() for p in paths}


@dataclass
class Locations:
    """Where each node and each of its fields came from, so findings can name document and line."""

    nodes: dict[str, tuple[str, int]] = field(default_factory=dict)  # IRI -> (document, line)
    fields: dict[tuple[str, str], int] = field(default_factory=dict)  # (IRI, path) -> line
    values: dict[tuple[str, str, str], int] = field(default_factory=dict)  # + value -> line

    def locate(
        self, focus: str, path: str | None = None, value: str | None = None
    ) -> tuple[str | None, int | None]:
        """The document and line of a node, of one of its fields, or of one value of a field."""
        document, line = self.nodes.get(focus, (None, None))
        if path is not None and (focus, path) in self.fields:
            line = self.fields[(focus, path)]
        if path is not None and value is not None and (focus, path, value) in self.values:
            line = self.values[(focus, path, value)]
        return document, line

    def json_sections(self) -> dict[str, Iterator]:
        """What :meth:`as_json` gives, one entry at a time, in the same order (``nodes`` as
        ``(IRI, [document, line])`` pairs)."""
        return {
            "nodes": ((k, list(v)) for k, v in sorted(self.nodes.items())),
            "fields": ([k[0], k[1], v] for k, v in sorted(self.fields.items())),
            "values": ([*k, v] for k, v in sorted(self.values.items())),
        }

    def as_json(self) -> dict:
        return {
            "nodes": {k: list(v) for k, v in sorted(self.nodes.items())},
            "fields": [[k[0], k[1], v] for k, v in sorted(self.fields.items())],
            "values": [[*k, v] for k, v in sorted(self.values.items())],
        }

    @classmethod
    def from_json(cls, data: dict) -> Locations:
        return cls(
            {k: (v[0], int(v[1])) for k, v in data.get("nodes", {}).items()},
            {(f, p): int(line) for f, p, line in data.get("fields", [])},
            {(f, p, v): int(line) for f, p, v, line in data.get("values", [])},
        )


class Iris:
    """The IRIs a build mints under its base (as strings: the mapping makes pyoxigraph terms of
    them, and an rdflib ``URIRef`` on the way cost a tenth of the mapping)."""

    def __init__(self, base: str = vocab.DEFAULT_BASE, as_of: str | None = None) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"
        self.as_of = as_of  # reference date for ongoing / closed

    def graph(self, name: str) -> str:
        return f"{self.base}graph/{name}"

    def document_graph(self, slug: str) -> str:
        return self.graph(f"document/{slug}")

    def document(self, slug: str) -> str:
        return f"{self.base}id/document/{slug}"

    def program(self, slug: str) -> str:
        return f"{self.base}id/program/{slug}"

    def activity(self, a: PlannedActivity) -> str:
        return f"{self.base}id/activity/{a.document_slug}/{a.slug}"

    def result(self, a: PlannedActivity, n: int) -> str:
        return f"{self.base}id/result/{a.document_slug}/{a.slug}/{n}"

    def entity(self, ref: EntityRef) -> str:
        """A registry entity's IRI; a minted organisation's slug under ``{base}id/org/``."""
        if ref.kind == NEW_KIND:
            return f"{self.base}id/org/{ref.iri}"
        return ref.iri

    def new_org(self, org: NewOrganisation) -> str:
        return org.iri(self.base)


def activity_status(record: ProgramRecord, as_of: str | None = None) -> str:
    """The status a build can state from its inputs alone, never from today's date.

    Open-ended when the sheet says so; with a reference date ``as_of`` (YYYY-MM-DD), closed
    when the last day the end date allows is before it, else ongoing; otherwise unknown.
    """
    if record.end_open:
        return "open-ended"
    if record.end and as_of and date_literal(record.end) is not None:
        return "closed" if bounds(record.end)[1] < as_of else "ongoing"
    return "unknown"


def to_quads_with_locations(
    merged: Merged, registry=None, base: str = vocab.DEFAULT_BASE, as_of: str | None = None
) -> tuple[Quads, Locations]:
    """The quads (one graph per source document, plus the reference and ontology graphs) and
    where each of their nodes and fields came from."""
    iris = Iris(base, as_of)
    quads = Quads()
    locations = Locations()
    program_of = {p.slug: p for p in merged.programs}
    by_document: dict[str, list[PlannedActivity]] = {}
    for a in merged.activities:
        by_document.setdefault(a.record.document, []).append(a)
    orgs_in: dict[str, list[NewOrganisation]] = {}
    for org in merged.new_organisations:
        for document in org.documents:
            orgs_in.setdefault(document, []).append(org)
        if org.seen:
            locations.nodes[str(iris.new_org(org))] = org.seen[0]
    for doc in merged.documents:
        graph = quads.graph(iris.document_graph(doc.slug))
        activities = by_document.get(doc.name, [])
        _add_document(graph, iris, doc, activities)
        for slug in sorted({a.program_slug for a in activities}):
            _add_program(graph, iris, program_of[slug])
        for a in activities:
            _add_activity(graph, iris, a, program_of[a.program_slug], registry, locations)
        for org in orgs_in.get(doc.name, []):
            _add_new_org(graph, iris, org, doc)
        quads.seal()  # the graph as text: a few hundred bytes a triple, not objects
    add_context_graphs(quads, iris.graph("reference"), iris.graph("ontology"))
    return quads, locations


def to_dataset_with_locations(
    merged: Merged, registry=None, base: str = vocab.DEFAULT_BASE, as_of: str | None = None
):
    """The same as an rdflib ``Dataset`` (for notebooks and tests; the build uses quads)."""
    quads, locations = to_quads_with_locations(merged, registry, base, as_of)
    return quads.to_dataset(), locations


def to_dataset(
    merged: Merged, registry=None, base: str = vocab.DEFAULT_BASE, as_of: str | None = None
):
    """The rdflib ``Dataset`` of :func:`to_dataset_with_locations`."""
    return to_dataset_with_locations(merged, registry, base, as_of)[0]


def _document_country(activities: list[PlannedActivity]) -> str | None:
    countries = sorted({a.record.country for a in activities if a.record.country})
    return countries[0] if len(countries) == 1 else None


_TYPE = iri(RDF.type)
_LABEL = iri(RDFS.label)


def _positive(n: int) -> ox.Literal:
    return literal(str(max(n, 1)), datatype=XSD.positiveInteger)


def _boolean(value: bool) -> ox.Literal:
    return literal("true" if value else "false", datatype=XSD.boolean)


def _add_document(
    graph: GraphWriter, iris: Iris, doc: SourceDocument, activities: list[PlannedActivity]
) -> None:
    node = iri(iris.document(doc.slug))
    graph.add((node, _TYPE, iri(vocab.SourceDocument)))
    graph.add((node, _LABEL, literal(doc.name)))
    graph.add((node, iri(vocab.fileName), literal(doc.name)))
    graph.add((node, iri(vocab.sha256), literal(doc.sha256)))
    country = _document_country(activities)
    if country:
        graph.add((node, iri(vocab.country), iri(vocab.country_iri(country))))


def _add_program(graph: GraphWriter, iris: Iris, program: MergedProgram) -> None:
    node = iri(iris.program(program.slug))
    graph.add((node, _TYPE, iri(vocab.Program)))
    graph.add((node, _LABEL, literal(program.name, lang=program.language)))
    if program.pillar:
        graph.add((node, iri(vocab.pillar), iri(vocab.pillar_iri(program.pillar))))


def _country_name(registry, iso2: str | None) -> str:
    if not iso2:
        return "unknown country"
    entity = registry.country(iso2) if registry is not None else None
    return entity.label if entity is not None else iso2.upper()


# --- dates ------------------------------------------------------------------------------------
_DATE_FORMS = {
    re.compile(r"^\d{4}-\d{2}-\d{2}$"): XSD.date,
    re.compile(r"^\d{4}-\d{2}$"): XSD.gYearMonth,
    re.compile(r"^\d{4}$"): XSD.gYear,
}


def date_literal(value: str) -> ox.Literal | None:
    """A date at the sheet's precision, written exactly as given.

    >>> str(date_literal("1998"))
    '"1998"^^<http://www.w3.org/2001/XMLSchema#gYear>'
    >>> str(date_literal("2020-07"))
    '"2020-07"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
    """
    for pattern, datatype in _DATE_FORMS.items():
        if pattern.match(value):
            return literal(value, datatype=datatype)
    return None


def bounds(value: str) -> tuple[str, str]:
    """The first and last day a date at any precision allows.

    >>> bounds("2020-02")
    ('2020-02-01', '2020-02-29')
    >>> bounds("1998")
    ('1998-01-01', '1998-12-31')
    """
    parts = value.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = int(parts[1])
    if len(parts) == 2:
        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    return value, value


def _day(value: str) -> ox.Literal:
    return literal(value, datatype=XSD.date)


# --- activities -------------------------------------------------------------------------------
def _text(value: str | None, lang: str | None = None) -> ox.Literal | None:
    if value is None or not value.strip():
        return None
    return literal(value.strip(), lang=lang)


def _add_dates(graph: GraphWriter, node: ox.NamedNode, record: ProgramRecord,
               as_of: str | None) -> str:
    for value, raw, prop, bound, raw_prop, which in (
        (record.start, record.start_raw, vocab.startDate, vocab.startBound, vocab.startRaw, 0),
        (record.end, record.end_raw, vocab.endDate, vocab.endBound, vocab.endRaw, 1),
    ):
        found = date_literal(value) if value else None
        if found is not None:
            graph.add((node, iri(prop), found))
            graph.add((node, iri(bound), _day(bounds(value)[which])))
        if raw and raw.strip() and (found is None or raw.strip() != value):
            graph.add((node, iri(raw_prop), literal(raw.strip())))
    if record.end_open:
        graph.add((node, iri(vocab.openEnded), _boolean(True)))
    return activity_status(record, as_of)


def _add_activity(
    graph: GraphWriter,
    iris: Iris,
    a: PlannedActivity,
    program: MergedProgram,
    registry,
    locations: Locations,
) -> None:
    record = a.record
    node_iri = iris.activity(a)
    node = iri(node_iri)
    doc = iri(iris.document(a.document_slug))
    country = _country_name(registry, record.country)
    graph.add((node, _TYPE, iri(vocab.Activity)))
    graph.add((node, _LABEL, literal(f"{program.name} ({country})")))
    graph.add((node, iri(vocab.program), iri(iris.program(program.slug))))
    if record.country:
        graph.add((node, iri(vocab.country), iri(vocab.country_iri(record.country))))
    graph.add((node, iri(vocab.sourceDocument), doc))
    graph.add((node, iri(PROV.wasDerivedFrom), doc))
    span = record.span
    graph.add((node, iri(vocab.firstLine), _positive(span.first)))
    graph.add((node, iri(vocab.lastLine), _positive(span.last)))
    graph.add((node, iri(vocab.pageNumber), literal(str(record.page),
                                                    datatype=XSD.positiveInteger)))
    if record.name_source:
        graph.add((node, iri(vocab.nameSource), literal(record.name_source)))
    if record.pillar and record.pillar in vocab.PILLARS:
        graph.add((node, iri(vocab.pillar), iri(vocab.pillar_iri(record.pillar))))
    status = _add_dates(graph, node, record, iris.as_of)
    graph.add((node, iri(vocab.status), iri(vocab.activity_status_iri(status))))
    _add_participants(graph, iris, node, node_iri, record, locations)
    for prop, value, lang in (
        (vocab.targetBeneficiaries, record.beneficiaries, None),
        (vocab.additionalInformation, record.additional_information, None),
        (vocab.summary, record.summary, record.language),
        (vocab.objectives, record.objectives, record.language),
        (vocab.resultsText, record.results, record.language),
    ):
        found = _text(value, lang)
        if found is not None:
            graph.add((node, iri(prop), found))
    if record.url:
        graph.add((node, iri(vocab.url), literal(record.url.strip(), datatype=XSD.anyURI)))
    for span_text in record.unassigned:
        graph.add((node, iri(vocab.unassignedText), literal(span_text.text)))
    _add_results(graph, iris, a, node, locations)
    locations.nodes[str(node_iri)] = (record.document, max(span.first, 1))
    for name, field_span in record.lines:
        for path in FIELD_PATHS.get(name, ()):
            locations.fields.setdefault((node_iri, _PATH[path]), field_span.first)


def _add_participants(
    graph: GraphWriter, iris: Iris, node: ox.NamedNode, here: str, record: ProgramRecord,
    locations: Locations
) -> None:
    for donor in record.donors:
        for prop, refs in ((vocab.funder, donor.funders), (vocab.fundingChannel, donor.channels)):
            for ref in refs:
                target = str(iris.entity(ref))
                graph.add((node, iri(prop), iri(target)))
                locations.fields.setdefault((here, _PATH[prop]), donor.lines.first)
                locations.values.setdefault((here, _PATH[prop], target), donor.lines.first)
    own = vocab.country_iri(record.country) if record.country else None
    for prop, refs in (
        (vocab.implementedBy, record.agencies),
        (vocab.partner, record.partners),
        (vocab.counterpart, record.national_counterparts),
        (vocab.coversCountry, record.countries_covered),
    ):
        for ref in refs:
            target = str(iris.entity(ref))
            if prop == vocab.coversCountry and target == own:
                continue
            graph.add((node, iri(prop), iri(target)))
            if ref.line:
                locations.values.setdefault((here, _PATH[prop], target), ref.line)


def _add_results(
    graph: GraphWriter, iris: Iris, a: PlannedActivity, activity: ox.NamedNode,
    locations: Locations
) -> None:
    for n, q in enumerate(a.record.results_quantities, start=1):
        node_iri = iris.result(a, n)
        node = iri(node_iri)
        graph.add((activity, iri(vocab.hasResult), node))
        graph.add((node, _TYPE, iri(vocab.Result)))
        graph.add((node, _LABEL, literal(f"{q.quantity} {q.what}")))
        graph.add((node, iri(vocab.quantity), _integer(q.quantity)))
        graph.add((node, iri(vocab.counts), literal(q.what)))
        graph.add((node, iri(vocab.resultStatus), iri(vocab.result_status_iri(q.status))))
        if q.women is not None:
            graph.add((node, iri(vocab.women), _integer(q.women)))
        if q.men is not None:
            graph.add((node, iri(vocab.men), _integer(q.men)))
        graph.add((node, iri(vocab.evidence), literal(q.evidence)))
        graph.add((node, iri(vocab.firstLine), _positive(q.line)))
        locations.nodes[str(node_iri)] = (a.record.document, max(q.line, 1))


def _integer(n: int) -> ox.Literal:
    return literal(str(n), datatype=XSD.integer)


def _add_new_org(graph: GraphWriter, iris: Iris, org: NewOrganisation,
                 doc: SourceDocument) -> None:
    """An organisation minted from a name the registry did not know, in one document's graph:
    the same description in every graph that names it, with this document's lines."""
    node = iri(iris.new_org(org))
    label = literal(org.label, lang=org.language)
    graph.add((node, _TYPE, iri(vocab.FormalOrganization)))
    # stated too, for readers without the ontology's subclass axiom (queries, the site's index)
    graph.add((node, _TYPE, iri(vocab.Organization)))
    graph.add((node, iri(SKOS.prefLabel), label))
    graph.add((node, _LABEL, label))
    if org.acronym and org.acronym != org.label:
        graph.add((node, iri(vocab.acronym), literal(org.acronym)))
        graph.add((node, iri(SKOS.altLabel), literal(org.acronym)))
    for name in org.names:
        graph.add((node, iri(SKOS.altLabel), literal(name)))
    if org.scope == "national" and org.country:
        graph.add((node, iri(vocab.country), iri(vocab.country_iri(org.country))))
    graph.add((node, iri(vocab.needsReview), _boolean(org.needs_review)))
    graph.add((node, iri(PROV.wasDerivedFrom), iri(iris.document(doc.slug))))
    for document, line in org.seen:
        if document == doc.name:
            graph.add((node, iri(MENTION_LINE), _positive(line)))
