"""Namespaces and the ontology terms the code uses.

Every ``OASKG`` term named here must be declared in ``ontology/oaskg.ttl`` (a test checks it).
schema.org is ``http://schema.org/`` (http): rdflib's ``SDO`` binds https, so it is declared here.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD

DEFAULT_BASE = "https://w3id.org/oaskg/"

OASKG = Namespace("https://w3id.org/oaskg/ontology#")
SCHEMA = Namespace("http://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
WD = Namespace("http://www.wikidata.org/entity/")
SH = Namespace("http://www.w3.org/ns/shacl#")

# Reference individuals (pillars, roles, statuses, countries, organisations) always live under
# the default base, so the registry files are the same whatever base a build mints data under.
REF = Namespace(DEFAULT_BASE + "id/")

PREFIXES: dict[str, str] = {
    "oaskg": str(OASKG),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "void": str(VOID),
    "foaf": str(FOAF),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "wd": str(WD),
    "sh": str(SH),
}


def curie(iri: str) -> str:
    """``oaskg:pillar`` for an IRI under one of :data:`PREFIXES`, else the IRI itself.

    >>> curie("https://w3id.org/oaskg/ontology#pillar"), curie("urn:x")
    ('oaskg:pillar', 'urn:x')
    """
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri

# --- classes -------------------------------------------------------------------------------------
Program = OASKG.Program  # one real-world OAS program, merged across sheets
Activity = OASKG.Activity  # a program as reported on one country sheet
Result = OASKG.Result  # a quantity reported in the RESULTS prose
SourceDocument = OASKG.SourceDocument  # a country sheet file (prov:Entity)
MemberState = OASKG.MemberState  # subclass of schema:Country
Pillar = OASKG.Pillar  # skos:Concept of the OAS pillars scheme
OrganizationRole = OASKG.OrganizationRole  # skos:Concept of IATI OrganisationRole
ActivityStatus = OASKG.ActivityStatus  # skos:Concept: ongoing, closed, open-ended, unknown
ResultStatus = OASKG.ResultStatus  # skos:Concept: achieved, target

# --- activity -> program / places ----------------------------------------------------------------
program = OASKG.program  # Activity -> Program
country = OASKG.country  # Activity or SourceDocument or national org -> MemberState / Country
coversCountry = OASKG.coversCountry  # Activity -> schema:Country (beyond the sheet's own)
pillar = OASKG.pillar  # Activity or Program -> Pillar concept
status = OASKG.status  # Activity -> ActivityStatus concept

# --- participation (each carries oaskg:iatiRole in the ontology) ---------------------------------
funder = OASKG.funder  # Activity -> Country or Organization (rdfs:subPropertyOf schema:funder)
fundingChannel = OASKG.fundingChannel  # Activity -> Organization (Spain funds through AECID)
implementedBy = OASKG.implementedBy  # Activity -> OAS body (org:Organization)
partner = OASKG.partner  # Activity -> Organization
counterpart = OASKG.counterpart  # Activity -> national institution
iatiRole = OASKG.iatiRole  # annotation: participation property -> OrganizationRole concept

# --- dates ---------------------------------------------------------------------------------------
startDate = SCHEMA.startDate  # xsd:date, xsd:gYearMonth or xsd:gYear by the sheet's precision
endDate = SCHEMA.endDate
startBound = OASKG.startBound  # xsd:date: first day the start date allows (for comparisons)
endBound = OASKG.endBound  # xsd:date: last day the end date allows
openEnded = OASKG.openEnded  # xsd:boolean: "Ongoing", "Continuous Program", "Continuo"
startRaw = OASKG.startRaw  # the header text as written, kept where parsing lost something
endRaw = OASKG.endRaw

# --- descriptive fields --------------------------------------------------------------------------
targetBeneficiaries = OASKG.targetBeneficiaries
additionalInformation = OASKG.additionalInformation
summary = OASKG.summary  # PROGRAM SUMMARY prose (IATI description type 1)
objectives = OASKG.objectives  # OBJECTIVES prose (IATI description type 2)
resultsText = OASKG.resultsText  # RESULTS prose
url = SCHEMA.url
nameSource = OASKG.nameSource  # "header" or "prose"
unassignedText = OASKG.unassignedText  # page text no field claimed
pageNumber = OASKG.pageNumber  # 1-based program page within the document

# --- results -------------------------------------------------------------------------------------
hasResult = OASKG.hasResult  # Activity -> Result
quantity = OASKG.quantity  # xsd:integer
counts = OASKG.counts  # what the quantity counts ("police officers trained")
resultStatus = OASKG.resultStatus  # Result -> ResultStatus concept
women = OASKG.women  # xsd:integer
men = OASKG.men  # xsd:integer
evidence = OASKG.evidence  # the verbatim sentence

# --- provenance ----------------------------------------------------------------------------------
sourceDocument = (
    OASKG.sourceDocument
)  # Activity -> SourceDocument (subPropertyOf prov:wasDerivedFrom)
firstLine = OASKG.firstLine  # xsd:positiveInteger, on Activity and Result
lastLine = OASKG.lastLine
sha256 = OASKG.sha256  # on SourceDocument
fileName = OASKG.fileName  # on SourceDocument

# --- organisations and countries -----------------------------------------------------------------
needsReview = OASKG.needsReview  # xsd:boolean: minted from a name the registry did not know
acronym = OASKG.acronym  # subPropertyOf skos:altLabel
participationStatus = OASKG.participationStatus  # MemberState -> literal ("active", …)
isoAlpha2 = OASKG.isoAlpha2  # datatype of skos:notation (ISO 3166-1 alpha-2)
isoAlpha3 = OASKG.isoAlpha3  # datatype of skos:notation (ISO 3166-1 alpha-3)
unitOf = ORG.unitOf
subOrganizationOf = ORG.subOrganizationOf
FormalOrganization = ORG.FormalOrganization
OrganizationalUnit = ORG.OrganizationalUnit
Organization = ORG.Organization
Country = SCHEMA.Country

# --- reference individuals (IRIs under REF) ------------------------------------------------------
PILLARS = {  # English preferred label -> slug under id/pillar/
    "Democracy": "democracy",
    "Human Rights": "human-rights",
    "Integral Development": "integral-development",
    "Security": "security",
}
ROLES = {"funding": "1", "accountable": "2", "extending": "3", "implementing": "4"}
ACTIVITY_STATUSES = ("ongoing", "closed", "open-ended", "unknown")
RESULT_STATUSES = ("achieved", "target")


def pillar_iri(label: str) -> str:
    return str(REF[f"pillar/{PILLARS[label]}"])


def role_iri(name: str) -> str:
    return str(REF[f"role/{name}"])


def activity_status_iri(name: str) -> str:
    return str(REF[f"status/{name}"])


def result_status_iri(name: str) -> str:
    return str(REF[f"result-status/{name}"])


def country_iri(iso2: str) -> str:
    return str(REF[f"country/{iso2.lower()}"])


def org_iri(slug: str) -> str:
    return str(REF[f"org/{slug}"])
