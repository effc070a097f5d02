"""The context a document graph needs for SHACL: a few dozen triples, not the whole reference.

Shapes check values with ``sh:class`` (a funder must be a ``schema:Country`` or an
``org:Organization``), which pyshacl answers by walking ``rdfs:subClassOf*`` in the data graph.
Rather than mixing the ontology and the registry (thousands of triples) into every document
graph, :class:`ValidationContext` indexes them once: each registry entity's types materialised up
the subclass chain (Spain ``a schema:Country``, AECID ``a org:Organization``), and the triples
that node shapes reached through ``sh:node`` read on a value (a counterpart's ``oaskg:country``).
:meth:`ValidationContext.triples_for` then gives a document only what its own nodes need, so a
class check is one lookup and no reference entity becomes a focus node of the document's run
unless the document itself says something about it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Set

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from build_graph import vocab

SH = vocab.SH
Triple = tuple[Node, Node, Node]


def superclasses(graph: Graph) -> dict[Node, frozenset[Node]]:
    """Each class mentioned in ``rdfs:subClassOf`` → itself and all its superclasses."""
    parents: dict[Node, set[Node]] = defaultdict(set)
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        parents[sub].add(sup)
    closed: dict[Node, frozenset[Node]] = {}
    for start in list(parents):
        seen, todo = {start}, [start]
        while todo:
            for sup in parents.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        closed[start] = frozenset(seen)
    return closed


def nested_paths(shapes: Graph) -> frozenset[Node]:
    """Predicates that shapes reached through ``sh:node`` read on a value node."""
    found = set()
    for node_shape in set(shapes.objects(None, SH.node)):
        for prop in shapes.objects(node_shape, SH.property):
            path = shapes.value(prop, SH.path)
            if isinstance(path, URIRef):
                found.add(path)
    return frozenset(found)


def referenced_shapes(shapes: Graph) -> set[Node]:
    """Named shapes other shapes use (``sh:node``…): pyshacl's ``use_shapes`` skips the named
    shapes it is not given, so they are always given."""
    found: set[Node] = set()
    for p in (SH.property, SH.node, SH["not"], SH.qualifiedValueShape):
        found.update(shapes.objects(None, p))
    for p in (SH["and"], SH["or"], SH.xone):
        for items in shapes.objects(None, p):
            found.update(shapes.items(items))
    return {s for s in found if isinstance(s, URIRef)}


def checked_classes(shapes: Graph) -> frozenset[Node]:
    """Classes that decide a SHACL result: targets and ``sh:class`` values.

    Materialising only these types gives the same results as the whole subclass closure: a node
    is a focus node of ``sh:targetClass C``, or passes ``sh:class C``, exactly when one of its
    types is a subclass of ``C``.
    """
    return frozenset(shapes.objects(None, SH.targetClass)) | frozenset(
        shapes.objects(None, SH["class"])
    )


class ValidationContext:
    """The reference and ontology, indexed for :meth:`triples_for` (built once per run)."""

    def __init__(self, context: Graph, shapes: Graph) -> None:
        self.superclasses = superclasses(context)
        self.paths = nested_paths(shapes)
        self.checked = checked_classes(shapes)
        self._by_class: dict[Node, set[Node]] = defaultdict(set)
        for shape, cls in shapes.subject_objects(SH.targetClass):
            self._by_class[cls].add(shape)
        other = (SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
        self._always = {s for t in other for s in shapes.subjects(t, None)} | referenced_shapes(
            shapes
        )
        self._described: dict[Node, list[Triple]] = defaultdict(list)
        self.labels = Graph()  # names of context nodes, for results about them
        for triple in context:
            self._described[triple[0]].append(triple)
            if triple[1] in (RDFS.label, SKOS.prefLabel):
                self.labels.add(triple)
        self._types: dict[Node, frozenset[Node]] = {}
        for subject, triples in self._described.items():
            types = {o for _s, p, o in triples if p == RDF.type}
            if types:
                self._types[subject] = self.closure(types)

    def closure(self, classes: Iterable[Node]) -> frozenset[Node]:
        """The classes and their superclasses that shapes target or check with ``sh:class``."""
        found: set[Node] = set()
        for cls in classes:
            found |= self.superclasses.get(cls, {cls})
        return frozenset(found & self.checked)

    def shapes_for(self, triples: Iterable[Triple], focus: Set[Node]) -> list[str]:
        """The shapes whose targets can reach a ``focus`` node of ``triples``, in IRI order.

        A document run leaves out the shapes of the registry's classes (countries, pillars…),
        whose only focus nodes there would be context nodes, validated in their own run.
        """
        classes = {o for s, p, o in triples if p == RDF.type and s in focus}
        found = set(self._always)
        for cls in classes:
            found |= self._by_class.get(cls, set())
        return sorted(str(s) for s in found if isinstance(s, URIRef))

    def triples_for(self, data: Iterable[Triple]) -> set[Triple]:
        """Context triples a graph with ``data`` needs to be validated alone.

        The checked types (materialised) of every node it mentions and of its subjects; the full
        description of a reference entity it says something about (so that entity is validated
        as in the whole graph); the triples ``sh:node`` shapes read on its values.
        """
        subjects: set[Node] = set()
        values: set[Node] = set()
        own_types: dict[Node, set[Node]] = defaultdict(set)
        for s, p, o in data:
            subjects.add(s)
            if p == RDF.type:
                own_types[s].add(o)
            elif isinstance(o, URIRef):
                values.add(o)
        extra: set[Triple] = set()
        for node in subjects & self._described.keys():
            extra.update(self._described[node])
        for _s, p, o in list(extra):
            if p != RDF.type and isinstance(o, URIRef):
                values.add(o)
        for node in values & self._described.keys():
            for triple in self._described[node]:
                if triple[1] in self.paths:
                    extra.add(triple)
                    values.add(triple[2])
        for node in (subjects | values) & self._types.keys():
            extra.update((node, RDF.type, c) for c in self._types[node])
        for node, classes in own_types.items():
            extra.update((node, RDF.type, c) for c in self.closure(classes) - classes)
        return extra
