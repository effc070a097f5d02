"""Search over preferred labels, alternative labels and acronyms, in both languages, ignoring
case and accents; exact acronym matches first, then exact names, then names that begin with
the words sought, then names containing them as words, then anywhere.

>>> fold("Comisión  Interamericana (CICAD)")
'comision interamericana cicad'
>>> rank("cicad", [("cicad", "acronym")]), rank("cicad", [("cicad supply reduction unit", "label")])
(0, 2)
"""

from __future__ import annotations

import re
import threading
import unicodedata
import weakref
from dataclasses import dataclass

import pyoxigraph as ox

from build_graph.web.graphview import GraphView

NAME_PROPERTIES = {
    "http://www.w3.org/2004/02/skos/core#prefLabel": "label",
    "http://www.w3.org/2000/01/rdf-schema#label": "label",
    "http://www.w3.org/2004/02/skos/core#altLabel": "alt",
    "https://w3id.org/oaskg/ontology#acronym": "acronym",
}
NO_MATCH = 9


def fold(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, single spaces."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text)
                    if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain.casefold()).split())


def rank(needle: str, names: list[tuple[str, str]]) -> int:
    """How well the folded ``needle`` matches the folded names ((name, kind) pairs): 0 an
    acronym, 1 a whole name, 2 a name's beginning, 3 whole words, 4 anywhere; NO_MATCH."""
    best = NO_MATCH
    words = needle.split()
    for name, kind in names:
        if name == needle:
            best = min(best, 0 if kind == "acronym" else 1)
        elif name.startswith(needle + " ") or (name.startswith(needle) and len(needle) > 2):
            best = min(best, 2)
        elif f" {needle} " in f" {name} ":
            best = min(best, 3)
        elif all(w in name for w in words):
            best = min(best, 4)
    return best


@dataclass(frozen=True)
class Hit:
    iri: str
    rank: int
    matched: str  # the name as written that matched best


class SearchIndex:
    """Every served resource's names, folded once."""

    def __init__(self, view: GraphView):
        self.view = view
        names: dict[str, list[tuple[str, str, str]]] = {}
        values = " ".join(f"<{p}>" for p in NAME_PROPERTIES)
        for row in view.query(f"SELECT ?s ?p ?l WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?l }}"):
            subject, literal = row["s"], row["l"]
            if not isinstance(subject, ox.NamedNode) or not isinstance(literal, ox.Literal):
                continue
            if view.path_for_iri(subject.value) is None:
                continue
            kind = NAME_PROPERTIES[row["p"].value]
            names.setdefault(subject.value, []).append((fold(literal.value), kind,
                                                        literal.value))
        self.names = {iri: sorted(set(found)) for iri, found in sorted(names.items())}

    def search(self, text: str, limit: int = 100, prefer: set[str] | None = None) -> list[Hit]:
        """The best matches of ``text``; among equal ranks, ``prefer`` (the resources taking
        part in an activity) come first, then by label."""
        needle = fold(text)
        if not needle:
            return []
        prefer = prefer or set()
        hits = []
        for iri, names in self.names.items():
            found = rank(needle, [(n, k) for n, k, _ in names])
            if found < NO_MATCH:
                matched = min(names, key=lambda n: (rank(needle, [(n[0], n[1])]), len(n[0])))
                hits.append(Hit(iri, found, matched[2]))
        hits.sort(key=lambda h: (h.rank, h.iri not in prefer,
                                 self.view.label(h.iri).casefold(), h.iri))
        return hits[:limit]

    def entries(self) -> list[tuple[str, list[str], list[str]]]:
        """(IRI, its folded names, its folded acronyms) for the static site's script."""
        return [(iri, sorted({n for n, k, _ in names if k != "acronym"}),
                 sorted({n for n, k, _ in names if k == "acronym"}))
                for iri, names in self.names.items()]


_CACHE: weakref.WeakKeyDictionary[GraphView, SearchIndex] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def index_of(view: GraphView) -> SearchIndex:
    with _LOCK:
        found = _CACHE.get(view)
        if found is None:
            found = _CACHE[view] = SearchIndex(view)
        return found


__all__ = ["Hit", "SearchIndex", "fold", "index_of", "rank"]
