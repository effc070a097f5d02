"""What the profile pages, the program browser and the picture read: every activity with its
facts, and the organisations' hierarchy, read once per served graph.

Everything comes from a handful of SPARQL queries through :meth:`GraphView.query`, so the
embedded store and a remote SPARQL endpoint (``serve --endpoint``) give the same pages. The
graph is read-only while it is served, so the facts are read on first use and kept (as the
labels are).
"""

from __future__ import annotations

import threading
import weakref
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from build_graph import vocab
from build_graph.web.graphview import GraphView

ORG_NS = "http://www.w3.org/ns/org#"
OAS = vocab.DEFAULT_BASE + "id/org/oas"
# participation property -> role name (the keys of the interface's role headings)
ROLES: dict[str, str] = {
    str(vocab.implementedBy): "implements",
    str(vocab.funder): "funds",
    str(vocab.fundingChannel): "channels",
    str(vocab.partner): "partner",
    str(vocab.counterpart): "counterpart",
}
ROLE_ORDER = tuple(ROLES.values())
_SINGLE = {
    str(vocab.program): "program", str(vocab.country): "country",
    str(vocab.sourceDocument): "document", str(vocab.pillar): "pillar",
    str(vocab.status): "status", str(vocab.startRaw): "start_raw", str(vocab.endRaw): "end_raw",
    str(vocab.openEnded): "open_ended", "http://www.w3.org/2000/01/rdf-schema#label": "label",
}
_DATES = {str(vocab.startDate): "start", str(vocab.endDate): "end"}
_MANY = {**{p: role for p, role in ROLES.items()}, str(vocab.coversCountry): "covers",
         str(vocab.hasResult): "results"}
_RESULT_FIELDS = {str(vocab.quantity): "quantity", str(vocab.counts): "counts",
                  str(vocab.resultStatus): "status", str(vocab.women): "women",
                  str(vocab.men): "men", str(vocab.evidence): "evidence"}


@dataclass(frozen=True)
class DateValue:
    """A date as the graph states it: lexical form and datatype (``xsd:date``, ``gYearMonth``,
    ``gYear``).

    >>> DateValue("2016-07", "http://www.w3.org/2001/XMLSchema#gYearMonth").year
    2016
    """

    value: str
    datatype: str

    @property
    def year(self) -> int | None:
        head = self.value[:4]
        return int(head) if head.isdigit() else None


@dataclass(frozen=True)
class ResultFacts:
    iri: str
    quantity: int | None
    counts: str
    status: str | None
    women: int | None = None
    men: int | None = None
    evidence: str = ""


@dataclass(frozen=True)
class ActivityFacts:
    """One activity (a program on one country's sheet) and what it links to."""

    iri: str
    label: str = ""
    program: str | None = None
    country: str | None = None
    document: str | None = None
    pillar: str | None = None
    status: str | None = None
    start: DateValue | None = None
    end: DateValue | None = None
    start_raw: str | None = None
    end_raw: str | None = None
    open_ended: bool = False
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # role name -> IRIs
    covers: tuple[str, ...] = ()
    results: tuple[ResultFacts, ...] = ()

    def with_role(self, role: str) -> tuple[str, ...]:
        return self.roles.get(role, ())

    @property
    def participants(self) -> set[str]:
        """Every organisation or country taking part, the sheet's country included."""
        found = {i for iris in self.roles.values() for i in iris} | set(self.covers)
        return found | ({self.country} if self.country else set())

    @property
    def years(self) -> tuple[int | None, int | None]:
        return (self.start.year if self.start else None, self.end.year if self.end else None)


@dataclass(frozen=True)
class DocumentFacts:
    iri: str
    file_name: str
    country: str | None


@dataclass
class GraphFacts:
    """The activities of the served graph and the organisations' hierarchy."""

    activities: dict[str, ActivityFacts]
    parents: dict[str, tuple[str, ...]]  # org -> the orgs it is a unit / sub-organisation of
    documents: dict[str, DocumentFacts]
    countries: set[str]  # IRIs typed schema:Country (or a subclass)
    units: dict[str, str] = field(default_factory=dict)  # org -> the org it is org:unitOf
    programs: dict[str, tuple[str, ...]] = field(default_factory=dict)  # program -> pillars
    org_country: dict[str, str] = field(default_factory=dict)  # organisation -> its country
    _children: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        children: dict[str, set[str]] = defaultdict(set)
        for child, parents in self.parents.items():
            for parent in parents:
                children[parent].add(child)
        self._children = dict(children)

    # --- the hierarchy ---------------------------------------------------------------------
    def ancestors(self, org: str) -> list[str]:
        """The organisations ``org`` sits under, nearest first (each once)."""
        found: list[str] = []
        todo = list(self.parents.get(org, ()))
        while todo:
            parent = todo.pop(0)
            if parent not in found and parent != org:
                found.append(parent)
                todo.extend(self.parents.get(parent, ()))
        return found

    def chain(self, org: str) -> list[str]:
        """The path from the top of ``org``'s hierarchy down to its direct parent, following
        ``org:unitOf`` first (the hierarchy the registry states)."""
        path: list[str] = []
        current = org
        while self.parents.get(current):
            current = self.units.get(current) or sorted(self.parents[current])[0]
            if current in path or current == org:
                break
            path.insert(0, current)
        return path

    def descendants(self, org: str) -> set[str]:
        """Every unit under ``org``, at any depth."""
        found: set[str] = set()
        todo = list(self._children.get(org, ()))
        while todo:
            child = todo.pop()
            if child not in found and child != org:
                found.add(child)
                todo.extend(self._children.get(child, ()))
        return found

    def children(self, org: str) -> list[str]:
        return sorted(self._children.get(org, ()))

    def is_oas_body(self, org: str) -> bool:
        return org == OAS or OAS in self.ancestors(org)

    # --- who takes part --------------------------------------------------------------------
    def participants(self) -> set[str]:
        """Organisations and countries that take part in at least one activity."""
        return {i for a in self.activities.values() for i in a.participants}

    def where(self, role: str, iris: set[str]) -> list[ActivityFacts]:
        """Activities in which one of ``iris`` has ``role`` (``country``: the sheet's;
        ``covers``: a covered country)."""
        found = []
        for a in self.activities.values():
            if role == "country":
                hit = a.country in iris
            elif role == "covers":
                hit = bool(iris.intersection(a.covers))
            else:
                hit = bool(iris.intersection(a.with_role(role)))
            if hit:
                found.append(a)
        return sorted(found, key=lambda a: a.iri)

    def program_pillars(self, program: str) -> tuple[str, ...]:
        """A program's pillars: its own and those any sheet gives its activities."""
        found = set(self.programs.get(program, ()))
        found.update(a.pillar for a in self.activities.values()
                     if a.program == program and a.pillar)
        return tuple(sorted(found))

    def pillars(self, activity: ActivityFacts) -> tuple[str, ...]:
        """The activity's pillar, else its program's from any sheet (a sheet may leave it
        unset)."""
        if activity.pillar:
            return (activity.pillar,)
        return self.program_pillars(activity.program) if activity.program else ()

    def of_program(self, program: str) -> list[ActivityFacts]:
        return sorted((a for a in self.activities.values() if a.program == program),
                      key=lambda a: a.iri)

    def had_as_of(self) -> bool:
        """Whether the build was given a reference date (``--as-of``): only then does an
        activity have the status ongoing or closed."""
        derived = {vocab.activity_status_iri("ongoing"), vocab.activity_status_iri("closed")}
        return any(a.status in derived for a in self.activities.values())

    def latest_year(self) -> int | None:
        years = [y for a in self.activities.values() for y in a.years if y is not None]
        return max(years) if years else None


_PREFIX = ("PREFIX oaskg: <https://w3id.org/oaskg/ontology#> PREFIX org: <http://www.w3.org/ns/org#>"
           " PREFIX schema: <http://schema.org/> PREFIX rdfs: "
           "<http://www.w3.org/2000/01/rdf-schema#>\n")


def _values(props) -> str:
    return " ".join(f"<{p}>" for p in props)


def read_facts(view: GraphView) -> GraphFacts:
    """Every activity's facts, the hierarchy, the documents and the programs, in seven
    queries."""
    fields: dict[str, dict] = defaultdict(lambda: defaultdict(list))
    wanted = list(_SINGLE) + list(_DATES) + list(_MANY)
    rows = view.query(_PREFIX + "SELECT ?a ?p ?o WHERE { ?a a oaskg:Activity ; ?p ?o . "
                      f"VALUES ?p {{ {_values(wanted)} }} }}")
    for row in rows:
        a, p, o = row["a"], row["p"].value, row["o"]
        if isinstance(a, ox.NamedNode):
            fields[a.value][p].append(o)
    results = _read_results(view)
    activities = {iri: _activity(iri, f, results) for iri, f in fields.items()}
    parents: dict[str, set[str]] = defaultdict(set)
    units: dict[str, str] = {}
    for row in view.query(_PREFIX + "SELECT ?o ?r ?p WHERE { ?o ?r ?p VALUES ?r { org:unitOf "
                                    "org:subOrganizationOf } FILTER(isIRI(?o) && isIRI(?p)) }"):
        child, parent = row["o"].value, row["p"].value
        parents[child].add(parent)
        if row["r"].value == ORG_NS + "unitOf":
            units[child] = min(parent, units.get(child, parent))
    documents = {}
    for row in view.query(_PREFIX + "SELECT ?d ?f ?c WHERE { ?d a oaskg:SourceDocument . "
                                    "OPTIONAL { ?d oaskg:fileName ?f } "
                                    "OPTIONAL { ?d oaskg:country ?c } }"):
        d = row["d"].value
        documents[d] = DocumentFacts(d, row["f"].value if row["f"] else d.rsplit("/", 1)[-1],
                                     row["c"].value if row["c"] else None)
    countries = {row["c"].value for row in view.query(
        _PREFIX + "SELECT DISTINCT ?c WHERE { ?c a/rdfs:subClassOf* schema:Country "
                  "FILTER(isIRI(?c)) }")}
    programs: dict[str, set[str]] = defaultdict(set)
    for row in view.query(_PREFIX + "SELECT ?p ?x WHERE { ?p a oaskg:Program "
                                    "OPTIONAL { ?p oaskg:pillar ?x } }"):
        programs[row["p"].value].update([row["x"].value] if row["x"] else [])
    org_country = {row["o"].value: row["c"].value for row in view.query(
        _PREFIX + "SELECT ?o ?c WHERE { ?o a/rdfs:subClassOf* org:Organization ; "
                  "oaskg:country ?c FILTER(isIRI(?o) && isIRI(?c)) }")}
    return GraphFacts(activities, {k: tuple(sorted(v)) for k, v in parents.items()},
                      documents, countries, units,
                      {k: tuple(sorted(v)) for k, v in programs.items()}, org_country)


def _read_results(view: GraphView) -> dict[str, ResultFacts]:
    found: dict[str, dict[str, ox.Literal | ox.NamedNode]] = defaultdict(dict)
    rows = view.query(_PREFIX + "SELECT ?r ?p ?o WHERE { ?a oaskg:hasResult ?r . ?r ?p ?o . "
                      f"VALUES ?p {{ {_values(_RESULT_FIELDS)} }} }}")
    for row in rows:
        found[row["r"].value][_RESULT_FIELDS[row["p"].value]] = row["o"]
    return {iri: ResultFacts(iri, _int(f.get("quantity")), _str(f.get("counts")) or "",
                             _str(f.get("status")), _int(f.get("women")), _int(f.get("men")),
                             _str(f.get("evidence")) or "")
            for iri, f in found.items()}


def _activity(iri: str, f: dict[str, list], results: dict[str, ResultFacts]) -> ActivityFacts:
    single = {name: _str(min(f[p], key=str)) if f.get(p) else None for p, name in _SINGLE.items()}
    dates = {}
    for p, name in _DATES.items():
        if f.get(p):
            literal = min(f[p], key=str)
            dates[name] = DateValue(literal.value, literal.datatype.value)
    roles = {role: tuple(sorted(o.value for o in f.get(p, ()) if isinstance(o, ox.NamedNode)))
             for p, role in ROLES.items()}
    covers = tuple(sorted(o.value for o in f.get(str(vocab.coversCountry), ())))
    found = sorted((results[o.value] for o in f.get(str(vocab.hasResult), ())
                    if o.value in results), key=lambda r: _natural(r.iri))
    return ActivityFacts(
        iri, single["label"] or "", single["program"], single["country"], single["document"],
        single["pillar"], single["status"], dates.get("start"), dates.get("end"),
        single["start_raw"], single["end_raw"], single["open_ended"] == "true",
        {k: v for k, v in roles.items() if v}, covers, tuple(found))


def _str(term) -> str | None:
    return None if term is None else term.value


def _int(term) -> int | None:
    try:
        return None if term is None else int(term.value)
    except ValueError:
        return None


def _natural(iri: str) -> tuple[str, int]:
    stem, _, last = iri.rpartition("/")
    return (stem, int(last)) if last.isdigit() else (iri, 0)


_CACHE: weakref.WeakKeyDictionary[GraphView, GraphFacts] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def facts(view: GraphView) -> GraphFacts:
    """The facts of ``view``'s graph, read on first use and kept with the view."""
    with _LOCK:
        found = _CACHE.get(view)
        if found is None:
            found = read_facts(view)
            _CACHE[view] = found
        return found


__all__ = ["ActivityFacts", "DateValue", "GraphFacts", "ResultFacts", "ROLES", "facts",
           "read_facts"]
