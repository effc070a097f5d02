"""Mapping: merged programs and activities → an RDF dataset, one named graph per document.

The shape of what is emitted is the contract in ``docs/data-model.md``. No blank nodes are
minted (they would break byte-identical reruns); every IRI derives from names, slugs and codes.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from build_graph import vocab
from build_graph.merge import Merged, MergedProgram, PlannedActivity
from build_graph.model import EntityRef, ProgramRecord, SourceDocument
from build_graph.resolve.names import NEW_KIND, NewOrganisation
from build_graph.resources import data_files

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
    """The IRIs a build mints under its base."""

    def __init__(self, base: str = vocab.DEFAULT_BASE, as_of: str | None = None) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"
        self.as_of = as_of  # reference date for ongoing / closed

    def graph(self, name: str) -> URIRef:
        return URIRef(f"{self.base}graph/{name}")

    def document_graph(self, slug: str) -> URIRef:
        return self.graph(f"document/{slug}")

    def document(self, slug: str) -> URIRef:
        return URIRef(f"{self.base}id/document/{slug}")

    def program(self, slug: str) -> URIRef:
        return URIRef(f"{self.base}id/program/{slug}")

    def activity(self, a: PlannedActivity) -> URIRef:
        return URIRef(f"{self.base}id/activity/{a.document_slug}/{a.slug}")

    def result(self, a: PlannedActivity, n: int) -> URIRef:
        return URIRef(f"{self.base}id/result/{a.document_slug}/{a.slug}/{n}")

    def entity(self, ref: EntityRef) -> URIRef:
        """A registry entity's IRI; a minted organisation's slug under ``{base}id/org/``."""
        if ref.kind == NEW_KIND:
            return URIRef(f"{self.base}id/org/{ref.iri}")
        return URIRef(ref.iri)

    def new_org(self, org: NewOrganisation) -> URIRef:
        return URIRef(org.iri(self.base))


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


def to_dataset(
    merged: Merged, registry=None, base: str = vocab.DEFAULT_BASE, as_of: str | None = None
) -> Dataset:
    """The dataset: one graph per source document, plus the reference and ontology graphs."""
    dataset, _ = to_dataset_with_locations(merged, registry, base, as_of)
    return dataset


def to_dataset_with_locations(
    merged: Merged, registry=None, base: str = vocab.DEFAULT_BASE, as_of: str | None = None
) -> tuple[Dataset, Locations]:
    """The dataset and where each of its nodes and fields came from."""
    iris = Iris(base, as_of)
    dataset = Dataset()
    for prefix, ns in vocab.PREFIXES.items():
        dataset.bind(prefix, ns, replace=True)
    dataset.bind("id", iris.base + "id/", replace=True)
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
        graph = dataset.graph(iris.document_graph(doc.slug))
        activities = by_document.get(doc.name, [])
        _add_document(graph, iris, doc, activities)
        for slug in sorted({a.program_slug for a in activities}):
            _add_program(graph, iris, program_of[slug])
        for a in activities:
            _add_activity(graph, iris, a, program_of[a.program_slug], registry, locations)
        for org in orgs_in.get(doc.name, []):
            _add_new_org(graph, iris, org, doc)
    add_context_graphs(dataset, iris)
    return dataset, locations


def add_context_graphs(dataset: Dataset, iris: Iris) -> None:
    """The reference (registry, SKOS schemes) and ontology graphs."""
    for name, kind in (("reference", "reference"), ("ontology", "ontology")):
        parsed = Graph()
        for path in data_files(kind, ".ttl"):
            parsed.parse(path, format="turtle")
        # blank nodes (OWL unions, lists) get labels derived from their content, so every
        # serialisation is the same from run to run
        target = dataset.graph(iris.graph(name))
        for triple in to_canonical_graph(parsed):
            target.add(triple)


def _document_country(activities: list[PlannedActivity]) -> str | None:
    countries = sorted({a.record.country for a in activities if a.record.country})
    return countries[0] if len(countries) == 1 else None


def _add_document(
    graph: Graph, iris: Iris, doc: SourceDocument, activities: list[PlannedActivity]
) -> None:
    node = iris.document(doc.slug)
    graph.add((node, RDF.type, vocab.SourceDocument))
    graph.add((node, RDFS.label, Literal(doc.name)))
    graph.add((node, vocab.fileName, Literal(doc.name)))
    graph.add((node, vocab.sha256, Literal(doc.sha256)))
    country = _document_country(activities)
    if country:
        graph.add((node, vocab.country, URIRef(vocab.country_iri(country))))


def _add_program(graph: Graph, iris: Iris, program: MergedProgram) -> None:
    node = iris.program(program.slug)
    graph.add((node, RDF.type, vocab.Program))
    graph.add((node, RDFS.label, Literal(program.name, lang=program.language)))
    if program.pillar:
        graph.add((node, vocab.pillar, URIRef(vocab.pillar_iri(program.pillar))))


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


def date_literal(value: str) -> Literal | None:
    """A date at the sheet's precision, serialised exactly as given.

    >>> date_literal("1998").n3()
    '"1998"^^<http://www.w3.org/2001/XMLSchema#gYear>'
    >>> date_literal("2020-07").n3()
    '"2020-07"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'
    """
    for pattern, datatype in _DATE_FORMS.items():
        if pattern.match(value):
            return Literal(value, datatype=datatype, normalize=False)
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


def _day(value: str) -> Literal:
    return Literal(value, datatype=XSD.date, normalize=False)


# --- activities -------------------------------------------------------------------------------
def _text(value: str | None, lang: str | None = None) -> Literal | None:
    if value is None or not value.strip():
        return None
    return Literal(value.strip(), lang=lang) if lang else Literal(value.strip())


def _add_dates(graph: Graph, node: URIRef, record: ProgramRecord, as_of: str | None) -> str:
    for value, raw, prop, bound, raw_prop, which in (
        (record.start, record.start_raw, vocab.startDate, vocab.startBound, vocab.startRaw, 0),
        (record.end, record.end_raw, vocab.endDate, vocab.endBound, vocab.endRaw, 1),
    ):
        literal = date_literal(value) if value else None
        if literal is not None:
            graph.add((node, prop, literal))
            graph.add((node, bound, _day(bounds(value)[which])))
        if raw and raw.strip() and (literal is None or raw.strip() != value):
            graph.add((node, raw_prop, Literal(raw.strip())))
    if record.end_open:
        graph.add((node, vocab.openEnded, Literal(True)))
    return activity_status(record, as_of)


def _add_activity(
    graph: Graph,
    iris: Iris,
    a: PlannedActivity,
    program: MergedProgram,
    registry,
    locations: Locations,
) -> None:
    record = a.record
    node = iris.activity(a)
    doc = iris.document(a.document_slug)
    country = _country_name(registry, record.country)
    graph.add((node, RDF.type, vocab.Activity))
    graph.add((node, RDFS.label, Literal(f"{program.name} ({country})")))
    graph.add((node, vocab.program, iris.program(program.slug)))
    if record.country:
        graph.add((node, vocab.country, URIRef(vocab.country_iri(record.country))))
    graph.add((node, vocab.sourceDocument, doc))
    graph.add((node, PROV.wasDerivedFrom, doc))
    span = record.span
    graph.add((node, vocab.firstLine, Literal(max(span.first, 1), datatype=XSD.positiveInteger)))
    graph.add((node, vocab.lastLine, Literal(max(span.last, 1), datatype=XSD.positiveInteger)))
    graph.add((node, vocab.pageNumber, Literal(record.page, datatype=XSD.positiveInteger)))
    if record.name_source:
        graph.add((node, vocab.nameSource, Literal(record.name_source)))
    if record.pillar and record.pillar in vocab.PILLARS:
        graph.add((node, vocab.pillar, URIRef(vocab.pillar_iri(record.pillar))))
    status = _add_dates(graph, node, record, iris.as_of)
    graph.add((node, vocab.status, URIRef(vocab.activity_status_iri(status))))
    _add_participants(graph, iris, node, record, locations)
    for prop, value, lang in (
        (vocab.targetBeneficiaries, record.beneficiaries, None),
        (vocab.additionalInformation, record.additional_information, None),
        (vocab.summary, record.summary, record.language),
        (vocab.objectives, record.objectives, record.language),
        (vocab.resultsText, record.results, record.language),
    ):
        literal = _text(value, lang)
        if literal is not None:
            graph.add((node, prop, literal))
    if record.url:
        graph.add((node, vocab.url, Literal(record.url.strip(), datatype=XSD.anyURI)))
    for span_text in record.unassigned:
        graph.add((node, vocab.unassignedText, Literal(span_text.text)))
    _add_results(graph, iris, a, node, locations)
    locations.nodes[str(node)] = (record.document, max(span.first, 1))
    for name, field_span in record.lines:
        for path in FIELD_PATHS.get(name, ()):
            locations.fields.setdefault((str(node), str(path)), field_span.first)


def _add_participants(
    graph: Graph, iris: Iris, node: URIRef, record: ProgramRecord, locations: Locations
) -> None:
    for donor in record.donors:
        for prop, refs in ((vocab.funder, donor.funders), (vocab.fundingChannel, donor.channels)):
            for ref in refs:
                target = iris.entity(ref)
                graph.add((node, prop, target))
                locations.fields.setdefault((str(node), str(prop)), donor.lines.first)
                locations.values.setdefault((str(node), str(prop), str(target)), donor.lines.first)
    own = vocab.country_iri(record.country) if record.country else None
    for prop, refs in (
        (vocab.implementedBy, record.agencies),
        (vocab.partner, record.partners),
        (vocab.counterpart, record.national_counterparts),
        (vocab.coversCountry, record.countries_covered),
    ):
        for ref in refs:
            target = iris.entity(ref)
            if prop == vocab.coversCountry and str(target) == own:
                continue
            graph.add((node, prop, target))
            if ref.line:
                locations.values.setdefault((str(node), str(prop), str(target)), ref.line)


def _add_results(
    graph: Graph, iris: Iris, a: PlannedActivity, activity: URIRef, locations: Locations
) -> None:
    for n, q in enumerate(a.record.results_quantities, start=1):
        node = iris.result(a, n)
        graph.add((activity, vocab.hasResult, node))
        graph.add((node, RDF.type, vocab.Result))
        graph.add((node, RDFS.label, Literal(f"{q.quantity} {q.what}")))
        graph.add((node, vocab.quantity, Literal(q.quantity, datatype=XSD.integer)))
        graph.add((node, vocab.counts, Literal(q.what)))
        graph.add((node, vocab.resultStatus, URIRef(vocab.result_status_iri(q.status))))
        if q.women is not None:
            graph.add((node, vocab.women, Literal(q.women, datatype=XSD.integer)))
        if q.men is not None:
            graph.add((node, vocab.men, Literal(q.men, datatype=XSD.integer)))
        graph.add((node, vocab.evidence, Literal(q.evidence)))
        graph.add((node, vocab.firstLine, Literal(max(q.line, 1), datatype=XSD.positiveInteger)))
        locations.nodes[str(node)] = (a.record.document, max(q.line, 1))


def _add_new_org(graph: Graph, iris: Iris, org: NewOrganisation, doc: SourceDocument) -> None:
    """An organisation minted from a name the registry did not know, in one document's graph:
    the same description in every graph that names it, with this document's lines."""
    node = iris.new_org(org)
    label = Literal(org.label, lang=org.language)
    graph.add((node, RDF.type, vocab.FormalOrganization))
    # stated too, for readers without the ontology's subclass axiom (queries, the site's index)
    graph.add((node, RDF.type, vocab.Organization))
    graph.add((node, SKOS.prefLabel, label))
    graph.add((node, RDFS.label, label))
    if org.acronym and org.acronym != org.label:
        graph.add((node, vocab.acronym, Literal(org.acronym)))
        graph.add((node, SKOS.altLabel, Literal(org.acronym)))
    for name in org.names:
        graph.add((node, SKOS.altLabel, Literal(name)))
    if org.scope == "national" and org.country:
        graph.add((node, vocab.country, URIRef(vocab.country_iri(org.country))))
    graph.add((node, vocab.needsReview, Literal(org.needs_review)))
    graph.add((node, PROV.wasDerivedFrom, iris.document(doc.slug)))
    for document, line in org.seen:
        if document == doc.name:
            graph.add((node, MENTION_LINE, Literal(max(line, 1), datatype=XSD.positiveInteger)))
