"""Run saved queries with typed parameters, on the embedded store or a SPARQL 1.1 endpoint.

Parameter values never become query text. On the embedded store they are passed to
pyoxigraph as ``substitutions`` (typed terms, SEP-0007). On a remote endpoint a ``VALUES``
block of N-Triples-serialised terms is put first in the query's outermost group, so the
parameters are bound before anything else is evaluated, as with substitutions: a quote or a
brace in a value is escaped by the term serialiser and cannot change the query.

Queries read the union of all named graphs: embedded with ``use_default_graph_as_union``; a
server must be configured so its default graph is that union (Oxigraph
``--union-default-graph``, Fuseki ``tdb2:unionDefaultGraph true``, GraphDB and Virtuoso do it
by default for the default graph of a query without FROM).
"""

from __future__ import annotations

import difflib
import re
from datetime import date

import pyoxigraph as ox

from build_graph.query.answer import (
    Answer,
    ParamError,
    QueryFailed,
    Term,
    answer_from,
)
from build_graph.query.catalogue import ANY, REQUIRED, Param, SavedQuery, find_query
from build_graph.query.remote import run_remote

XSD = "http://www.w3.org/2001/XMLSchema#"


# --- parameters ------------------------------------------------------------------------------
def bind_params(saved: SavedQuery, given: dict[str, str]) -> dict[str, Term]:
    """The typed RDF term of every bound parameter (defaults applied, ``any`` left unbound)."""
    unknown = sorted(set(given) - {p.name for p in saved.params})
    if unknown:
        raise ParamError(f"unknown parameter {', '.join(unknown)}\n{saved.usage()}")
    bound: dict[str, Term] = {}
    for param in saved.params:
        raw = given.get(param.name, param.default)
        if raw == REQUIRED:
            raise ParamError(f"missing parameter {param.name!r}\n{saved.usage()}")
        if raw == ANY and param.default == ANY:
            continue
        try:
            bound[param.name] = to_term(param, raw)
        except ParamError as exc:
            raise ParamError(f"{exc}\n{saved.usage()}") from None
    return bound


def to_term(param: Param, raw: str) -> Term:
    """One parameter value as the RDF term its type asks for."""
    value = raw.strip()
    if param.type == "string":
        return ox.Literal(raw)
    if param.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise ParamError(f"{param.name}={raw!r} is not an integer")
        return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
    if param.type == "date":
        try:
            parsed = date.fromisoformat(value) if len(value) == 10 else None
        except ValueError:
            parsed = None
        if parsed is None:
            raise ParamError(f"{param.name}={raw!r} is not a date; write YYYY-MM-DD")
        return ox.Literal(parsed.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if param.type == "iri" or re.match(r"https?://", value):
        return _iri(param, value)
    return _registry_term(param, value)


def _iri(param: Param, value: str) -> ox.NamedNode:
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value):
        raise ParamError(f"{param.name}={value!r} is not an absolute IRI")
    try:
        return ox.NamedNode(value)
    except ValueError as exc:
        raise ParamError(f"{param.name}={value!r} is not a valid IRI: {exc}") from None


def _registry_term(param: Param, value: str) -> ox.NamedNode:
    """A country / organisation / either, by name, acronym or ISO code, from the registry."""
    from build_graph.registry.index import EntityKind, Registry

    registry = Registry.load()
    wanted = {
        "country": {EntityKind.COUNTRY},
        "org": set(EntityKind) - {EntityKind.COUNTRY},
        "entity": set(EntityKind),
    }[param.type]
    tries = [value] + ([value.upper()] if value.isalpha() and len(value) <= 3 else [])
    for attempt in tries:
        entity = registry.lookup(attempt)
        if entity is not None and entity.kind in wanted:
            return ox.NamedNode(entity.iri)
    names = sorted(
        {n for e in registry.entities if e.kind in wanted for n in (e.label, e.acronym) if n}
    )
    close = difflib.get_close_matches(value, names, n=3, cutoff=0.6)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    accepted = {
        "country": "a country of the registry by ISO code (UY, URY) or English/Spanish name",
        "org": "an organisation of the registry by name or acronym (AECID, CICAD, IOM)",
        "entity": "a country (ISO code or name) or an organisation (name or acronym)",
    }[param.type]
    raise ParamError(
        f"{param.name}={value!r} is not known.{hint} Accepted: {accepted}, or a full IRI."
    )


# --- running ---------------------------------------------------------------------------------
def execute(
    saved: SavedQuery,
    params: dict[str, str],
    *,
    store: ox.Store | None = None,
    endpoint: str | None = None,
) -> Answer:
    """Bind ``params`` and run the query on exactly one of ``store`` or ``endpoint``."""
    if (store is None) == (endpoint is None):
        raise TypeError("give exactly one of store= or endpoint=")
    if query_form(saved.text) != "SELECT":
        raise ParamError(f"{saved.name}: only SELECT queries can be run and formatted")
    bound = bind_params(saved, params)
    if store is not None:
        return _run_embedded(saved.text, bound, store)
    return run_remote(with_values(saved.text, bound), endpoint)  # type: ignore[arg-type]


def _run_embedded(text: str, bound: dict[str, Term], store: ox.Store) -> Answer:
    try:
        solutions = store.query(
            text,
            use_default_graph_as_union=True,
            substitutions={ox.Variable(k): v for k, v in bound.items()},
        )
    except SyntaxError as exc:
        raise ParamError(f"the query is not valid SPARQL: {exc}") from None
    except (OSError, RuntimeError) as exc:
        raise QueryFailed(f"the store could not answer the query: {exc}") from None
    return answer_from(solutions)


# --- query text ------------------------------------------------------------------------------
_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
      | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                  |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<word>[A-Za-z_][\w-]*)
      | (?P<punct>[{}()])
      | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)


def _tokens(text: str):
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind not in ("comment", "string", "iri", "other"):
            yield kind, match.group(), match.start()


def query_form(text: str) -> str | None:
    """SELECT, CONSTRUCT, ASK or DESCRIBE: the first query-form keyword outside comments."""
    for kind, value, _ in _tokens(text):
        if kind == "word" and value.upper() in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"):
            return value.upper()
    return None


def outer_group_start(text: str) -> int:
    """The offset just after the ``{`` that opens a SELECT/ASK query's WHERE group."""
    parens = 0
    for _kind, value, start in _tokens(text):
        if value == "(":
            parens += 1
        elif value == ")":
            parens -= 1
        elif value == "{" and parens == 0:
            return start + 1
    raise ParamError("the query has no WHERE group")


def with_values(text: str, bound: dict[str, Term]) -> str:
    """The query with a VALUES block of the bound terms first in its outermost group."""
    if not bound:
        return text
    names = sorted(bound)
    variables = " ".join(f"?{n}" for n in names)
    terms = " ".join(str(bound[n]) for n in names)
    block = f"\n  VALUES ({variables}) {{ ({terms}) }}\n"
    at = outer_group_start(text)
    return text[:at] + block + text[at:]


# --- saved queries by name, with labels --------------------------------------------------
def run_query(query: SavedQuery | str, params: dict[str, str] | None = None, **target):
    """Run a saved query (or its name) with string parameters on a store or an endpoint.

    ``target`` is ``store=`` a pyoxigraph Store or ``endpoint=`` a SPARQL 1.1 URL; the
    answer is a :class:`build_graph.query.run.Answer`. See :func:`build_graph.query.run.execute`.
    """
    saved = find_query(query) if isinstance(query, str) else query
    return execute(saved, params or {}, **target)


LABELS_QUERY = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?label WHERE {
  VALUES ?s { %s }
  { ?s skos:prefLabel ?label } UNION { ?s rdfs:label ?label }
}"""
_LANGUAGE_ORDER = {"en": 0, "": 1, "es": 2}


def labels_for(answer, **target) -> dict[str, str]:
    """A label for every IRI of an answer that has one (English first, then untagged, then
    Spanish), read from the same ``store=`` or ``endpoint=`` the answer came from."""
    import pyoxigraph as ox

    iris = sorted({t.value for row in answer.rows for t in row if isinstance(t, ox.NamedNode)})
    if not iris:
        return {}
    text = LABELS_QUERY % " ".join(f"<{iri}>" for iri in iris)
    if target.get("store") is not None:
        found = answer_from(target["store"].query(text, use_default_graph_as_union=True))
    else:
        found = run_remote(text, target["endpoint"])
    best: dict[str, tuple[int, str]] = {}
    for subject, label in found.rows:
        if subject is None or label is None:
            continue
        rank = (_LANGUAGE_ORDER.get(getattr(label, "language", None) or "", 3), label.value)
        if subject.value not in best or rank < best[subject.value]:
            best[subject.value] = rank
    return {iri: label for iri, (_, label) in best.items()}
