"""The ontology and the SKOS schemes: every file parses in two RDF parsers, every term is
documented in English and Spanish and aligned, and every ``oaskg:`` term the code, shapes and
queries use is declared (this catches typos)."""

from __future__ import annotations

import logging
import re
import warnings
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from build_graph import vocab
from build_graph.resources import data_files

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_IRI = URIRef("https://w3id.org/oaskg/ontology")
SCHEMA, ORG, OASKG = vocab.SCHEMA, vocab.ORG, vocab.OASKG
TERM_KINDS = (
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDFS.Datatype,
)


def turtle_files() -> list[Path]:
    files = (
        data_files("ontology", ".ttl")
        + data_files("reference", ".ttl")
        + data_files("shapes", ".ttl")
        + sorted((ROOT / "tests" / "fixtures" / "shapes").rglob("*.ttl"))
    )
    assert len(files) >= 10
    return files


def ontology() -> Graph:
    (path,) = [p for p in data_files("ontology", ".ttl") if p.name == "oaskg.ttl"]
    return Graph().parse(path, format="turtle")


def declared() -> set[str]:
    graph = ontology()
    return {
        str(s)[len(str(OASKG)) :]
        for kind in TERM_KINDS
        for s in graph.subjects(RDF.type, kind)
        if str(s).startswith(str(OASKG))
    }


@pytest.mark.parametrize("path", turtle_files(), ids=lambda p: p.name)
def test_turtle_parses_in_rdflib_and_pyoxigraph_alike(path: Path):
    graph = Graph().parse(path, format="turtle")
    quads = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(graph) == len(set(quads)) > 0


def test_ontology_loads_without_warnings(caplog: pytest.LogCaptureFixture):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with caplog.at_level(logging.WARNING):
            graph = ontology()
    assert len(graph) > 300
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_ontology_header():
    graph = ontology()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in graph
    for prop in (DCTERMS.title, DCTERMS.description):
        assert {o.language for o in graph.objects(ONTOLOGY_IRI, prop)} == {"en", "es"}
    assert str(graph.value(ONTOLOGY_IRI, OWL.versionInfo)) == "0.1.0"
    assert graph.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef(str(ONTOLOGY_IRI) + "/0.1.0")
    license_ = graph.value(ONTOLOGY_IRI, DCTERMS.license)
    assert license_ == URIRef("https://creativecommons.org/licenses/by/4.0/")
    for prop in (DCTERMS.creator, DCTERMS.created, DCTERMS.modified):
        assert graph.value(ONTOLOGY_IRI, prop) is not None, prop


def test_required_classes_are_declared():
    names = declared()
    for cls in ("Program", "Activity", "Result", "SourceDocument", "MemberState"):
        assert cls in names


def test_every_term_has_english_and_spanish_labels_comments_domain_and_range():
    graph = ontology()
    terms = [OASKG[name] for name in sorted(declared())]
    assert len(terms) > 50
    for term in terms:
        for prop in (RDFS.label, RDFS.comment):
            langs = sorted(o.language for o in graph.objects(term, prop) if isinstance(o, Literal))
            assert langs == ["en", "es"], (term, prop, langs)
        assert graph.value(term, RDFS.isDefinedBy) == ONTOLOGY_IRI
        if (term, RDF.type, OWL.Class) in graph or (term, RDF.type, RDFS.Datatype) in graph:
            continue
        assert graph.value(term, RDFS.domain) is not None, term
        assert graph.value(term, RDFS.range) is not None, term


def test_alignments():
    graph = ontology()
    expected = [
        (OASKG.Program, RDFS.subClassOf, SCHEMA.Project),
        (OASKG.MemberState, RDFS.subClassOf, SCHEMA.Country),
        (OASKG.SourceDocument, RDFS.subClassOf, PROV.Entity),
        (OASKG.Activity, RDFS.subClassOf, PROV.Entity),
        (OASKG.Pillar, RDFS.subClassOf, SKOS.Concept),
        (OASKG.funder, RDFS.subPropertyOf, SCHEMA.funder),
        (OASKG.sourceDocument, RDFS.subPropertyOf, PROV.wasDerivedFrom),
        (OASKG.acronym, RDFS.subPropertyOf, SKOS.altLabel),
        (OASKG.contextualLabel, RDFS.subPropertyOf, SKOS.hiddenLabel),
        (OASKG.summary, RDFS.subPropertyOf, SCHEMA.description),
        # restated so that sh:class org:Organization accepts formal organisations and units
        (ORG.FormalOrganization, RDFS.subClassOf, ORG.Organization),
        (ORG.OrganizationalUnit, RDFS.subClassOf, ORG.Organization),
    ]
    for triple in expected:
        assert triple in graph, triple
    frapo = Namespace("http://purl.org/cerif/frapo/")
    assert (OASKG.funder, SKOS.closeMatch, frapo.isFundedBy) in graph
    # schema.org is http, never https
    assert not [t for t in graph if any(str(x).startswith("https://schema.org/") for x in t)]


def test_participation_properties_carry_their_iati_role():
    graph = ontology()
    schemes = Graph()
    for path in data_files("reference", ".ttl"):
        schemes.parse(path, format="turtle")
    expected = {
        "funder": "1",
        "fundingChannel": "3",
        "counterpart": "2",
        "implementedBy": "4",
        "partner": "4",
    }
    for name, code in expected.items():
        role = graph.value(OASKG[name], OASKG.iatiRole)
        assert role is not None, name
        assert str(schemes.value(role, SKOS.notation)) == code, name
        assert (role, RDF.type, OASKG.OrganizationRole) in schemes


def used_terms() -> dict[str, set[str]]:
    """oaskg terms used anywhere in code, shapes, queries and the registry, by file."""
    pattern = re.compile(r"(?:\boaskg:|OASKG\.|ontology#)([A-Za-z_]\w*)")
    used: dict[str, set[str]] = {}
    files = sorted((ROOT / "build_graph").rglob("*.py"))
    files += data_files("shapes", ".ttl") + data_files("reference", ".ttl")
    files += sorted((ROOT / "queries").glob("*.rq"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        for name in pattern.findall(text):
            used.setdefault(name, set()).add(path.name)
    for value in vars(vocab).values():
        if isinstance(value, URIRef) and str(value).startswith(str(OASKG)):
            used.setdefault(str(value)[len(str(OASKG)) :], set()).add("vocab.py")
    return used


def test_every_oaskg_term_used_is_declared():
    used = used_terms()
    assert {"Activity", "funder", "contextualLabel", "isoAlpha2"} <= set(used)
    missing = {name: sorted(files) for name, files in used.items() if name not in declared()}
    assert missing == {}


def test_schemes_use_the_vocab_iris_with_english_and_spanish_labels():
    graph = Graph()
    for path in data_files("reference", ".ttl"):
        graph.parse(path, format="turtle")
    concepts = {vocab.pillar_iri(label): OASKG.Pillar for label in vocab.PILLARS} | {
        vocab.role_iri(name): OASKG.OrganizationRole for name in vocab.ROLES
    }
    concepts |= {
        vocab.activity_status_iri(n): OASKG.ActivityStatus for n in vocab.ACTIVITY_STATUSES
    }
    concepts |= {vocab.result_status_iri(n): OASKG.ResultStatus for n in vocab.RESULT_STATUSES}
    assert len(concepts) == 14
    for iri, cls in concepts.items():
        node = URIRef(iri)
        assert (node, RDF.type, cls) in graph, iri
        assert (node, RDF.type, SKOS.Concept) in graph, iri
        labels = {o.language: str(o) for o in graph.objects(node, SKOS.prefLabel)}
        assert set(labels) == {"en", "es"}, iri
        assert graph.value(node, SKOS.inScheme) is not None
    pillars = {
        label: {
            o.language: str(o)
            for o in graph.objects(URIRef(vocab.pillar_iri(label)), SKOS.prefLabel)
        }
        for label in vocab.PILLARS
    }
    assert {p["es"] for p in pillars.values()} == {
        "Democracia",
        "Derechos Humanos",
        "Desarrollo Integral",
        "Seguridad",
    }
    assert all(p["en"] == label for label, p in pillars.items())
    for name, code in vocab.ROLES.items():
        assert str(graph.value(URIRef(vocab.role_iri(name)), SKOS.notation)) == code


# --- OWL 2 DL (issue 15) --------------------------------------------------------------------
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
# the OWL 2 datatype map (OWL 2 Structural Specification, section 4), with RDF 1.1's
# rdf:langString for language-tagged text (which the OWL API, and so HermiT, accept)
DATATYPE_MAP = {
    XSD_NS + t
    for t in (
        "decimal",
        "integer",
        "nonNegativeInteger",
        "nonPositiveInteger",
        "positiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
        "double",
        "float",
        "string",
        "normalizedString",
        "token",
        "language",
        "Name",
        "NCName",
        "NMTOKEN",
        "boolean",
        "hexBinary",
        "base64Binary",
        "anyURI",
        "dateTime",
        "dateTimeStamp",
    )
} | {
    str(OWL.real),
    str(OWL.rational),
    str(RDF.XMLLiteral),
    str(RDF.PlainLiteral),
    str(RDFS.Literal),
    str(RDF.langString),
}
BUILT_IN = (str(RDF), str(RDFS), str(OWL), XSD_NS)
PROPERTY_KINDS = (OWL.AnnotationProperty, OWL.ObjectProperty, OWL.DatatypeProperty)


def test_every_property_used_is_declared_as_one_kind():
    """OWL 2 DL: each property the ontology uses (dcterms:title on the header, skos:closeMatch
    on terms, super-properties) is declared, as exactly one of annotation, object or data."""
    graph = ontology()
    used = {str(p) for p in graph.predicates()} | {
        str(o) for o in graph.objects(None, RDFS.subPropertyOf)
    }
    for prop in sorted(p for p in used if not p.startswith(BUILT_IN)):
        kinds = [k for k in PROPERTY_KINDS if (URIRef(prop), RDF.type, k) in graph]
        assert len(kinds) == 1, (prop, kinds)
    for sub, sup in graph.subject_objects(RDFS.subPropertyOf):
        kind = {k for k in PROPERTY_KINDS if (sub, RDF.type, k) in graph}
        assert kind == {k for k in PROPERTY_KINDS if (sup, RDF.type, k) in graph}, (sub, sup)


def test_data_ranges_are_in_the_owl2_datatype_map():
    """HermiT refused ``rdfs:range xsd:date``; xsd:date stays a SHACL rule (shape:Activity-
    startBound / endBound), the ontology says rdfs:Literal."""
    graph = ontology()
    custom = {str(d) for d in graph.subjects(RDF.type, RDFS.Datatype)}
    for prop in graph.subjects(RDF.type, OWL.DatatypeProperty):
        for datatype in graph.objects(prop, RDFS.range):
            assert str(datatype) in DATATYPE_MAP | custom, (prop, datatype)
    shapes = Graph()
    for path in data_files("shapes", ".ttl"):
        shapes.parse(path, format="turtle")
    sh = Namespace("http://www.w3.org/ns/shacl#")
    for bound in (OASKG.startBound, OASKG.endBound):
        (shape,) = shapes.subjects(sh.path, bound)
        assert shapes.value(shape, sh.datatype) == URIRef(XSD_NS + "date")


@pytest.fixture(scope="module")
def hermit_world(tmp_path_factory):
    """The ontology loaded by owlready2 and classified by HermiT (Java)."""
    import shutil

    owlready2 = pytest.importorskip("owlready2", reason="pip install owlready2 (the test extra)")
    if shutil.which("java") is None:
        pytest.skip("HermiT needs Java (apt-get install default-jre-headless)")
    path = tmp_path_factory.mktemp("owl") / "oaskg.nt"
    ontology().serialize(path, format="nt", encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(path.as_uri()).load()
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return world, onto


def test_owlready2_loads_it_and_hermit_finds_no_unsatisfiable_class(hermit_world):
    world, onto = hermit_world
    names = {c.name for c in onto.classes()}
    assert {"Program", "Activity", "Result", "SourceDocument", "MemberState"} <= names
    assert list(world.inconsistent_classes()) == []
