"""Node types of the network views, their colours (for GEXF ``viz`` and the PNG) and sizes."""

from __future__ import annotations

import math
import zlib

# node type -> RGB; the order is the legend's
COLOURS: dict[str, tuple[int, int, int]] = {
    "Program": (228, 26, 28),
    "Activity": (253, 174, 97),
    "OAS body": (55, 126, 184),
    "Donor": (77, 175, 74),
    "Partner": (152, 78, 163),
    "National counterpart": (166, 86, 40),
    "Country": (120, 120, 120),
}
# the rdf view's node types are the classes of the resources (rdf:type, the most specific one)
CLASS_COLOURS: dict[str, tuple[int, int, int]] = {
    "oaskg:Program": COLOURS["Program"],
    "oaskg:Activity": COLOURS["Activity"],
    "oaskg:Result": (255, 217, 47),
    "oaskg:SourceDocument": (102, 194, 165),
    "org:OrganizationalUnit": COLOURS["OAS body"],
    "org:FormalOrganization": COLOURS["Partner"],
    "oaskg:MemberState": (90, 90, 90),
    "schema:Country": COLOURS["Country"],
    "oaskg:Pillar": (231, 138, 195),
    "oaskg:OrganizationRole": (141, 160, 203),
    "oaskg:ActivityStatus": (166, 216, 84),
    "oaskg:ResultStatus": (229, 196, 148),
    "skos:ConceptScheme": (179, 179, 179),
    "owl:Class": (31, 120, 180),
    "owl:ObjectProperty": (51, 160, 44),
    "owl:DatatypeProperty": (178, 223, 138),
    "owl:AnnotationProperty": (251, 154, 153),
    "rdfs:Datatype": (202, 178, 214),
    "owl:Ontology": (106, 61, 154),
    "untyped": (200, 200, 200),
}
# colours for any other class, picked by a stable hash of its name
PALETTE: tuple[tuple[int, int, int], ...] = (
    (141, 211, 199),
    (190, 186, 218),
    (251, 128, 114),
    (128, 177, 211),
    (253, 180, 98),
    (179, 222, 105),
    (252, 205, 229),
    (188, 128, 189),
    (204, 235, 197),
    (255, 237, 111),
)
ALPHA = 0.9  # Gephi once broke on a missing alpha: always write one


def colour(node_type: str) -> tuple[int, int, int]:
    """The colour of a node type or rdf class; an unknown one gets a stable palette colour."""
    if node_type in COLOURS:
        return COLOURS[node_type]
    if node_type in CLASS_COLOURS:
        return CLASS_COLOURS[node_type]
    return PALETTE[zlib.crc32(node_type.encode()) % len(PALETTE)]


def size(degree: int) -> float:
    """Node size for Gephi: grows with the square root of the degree (10 for an isolated node)."""
    return round(10.0 + 6.0 * math.sqrt(degree), 2)
