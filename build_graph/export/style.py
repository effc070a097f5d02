"""Node types of the network views, their colours (for GEXF ``viz`` and the PNG) and sizes."""

from __future__ import annotations

import math

# node type -> RGB; the order is the legend's
COLOURS: dict[str, tuple[int, int, int]] = {
    "Program": (228, 26, 28),
    "Activity": (253, 174, 97),
    "OAS body": (55, 126, 184),
    "Donor": (77, 175, 74),
    "Partner": (152, 78, 163),
    "National counterpart": (166, 86, 40),
    "Country": (120, 120, 120),
    "Resource": (100, 149, 237),  # rdf view: any IRI or blank node
}
ALPHA = 0.9  # Gephi once broke on a missing alpha: always write one
OTHER = (60, 60, 60)


def colour(node_type: str) -> tuple[int, int, int]:
    return COLOURS.get(node_type, OTHER)


def size(degree: int) -> float:
    """Node size for Gephi: grows with the square root of the degree (10 for an isolated node)."""
    return round(10.0 + 6.0 * math.sqrt(degree), 2)
