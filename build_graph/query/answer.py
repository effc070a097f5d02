"""A query's answer: its terms, the answer itself, what can go wrong, and a term as read."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal
REMOTE_TIMEOUT = 60  # seconds


class ParamError(ValueError):
    """A missing, unknown or ill-typed parameter (a usage error); the message lists them."""


class QueryFailed(RuntimeError):
    """The query could not be run: store or endpoint error (a runtime error)."""


@dataclass(frozen=True)
class Answer:
    """A SELECT answer: variable names and rows of terms (``None`` where unbound)."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]


def answer_from(solutions: ox.QuerySolutions) -> Answer:
    variables = tuple(v.value for v in solutions.variables)
    rows = tuple(tuple(s[i] for i in range(len(variables))) for s in solutions)
    return Answer(variables, rows)


SHORT = (
    ("https://w3id.org/oaskg/id/", "id:"),
    ("https://w3id.org/oaskg/ontology#", "oaskg:"),
)


def display(term: Term | None) -> str:
    """A term as a person reads it: short IRI, literal text, empty when unbound."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for long, short in SHORT:
            if term.value.startswith(long):
                return short + term.value[len(long) :]
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value
