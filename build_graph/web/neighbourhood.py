"""Which nodes the picture of a profile shows: the programs of the activities the resource
takes part in, their donors (and funding channels), the OAS bodies that implement them and the
countries whose sheets report them; the resource itself is marked."""

from __future__ import annotations

from build_graph.web.activities import ActivityFacts
from build_graph.web.layout import PageContext
from build_graph.web.svg import Node, Picture

ROLE_KIND = {"funds": "Donor", "channels": "Donor", "implements": "OAS body",
             "partner": "Partner", "counterpart": "National counterpart"}


def picture_of(ctx: PageContext, focal: str, activities: list[ActivityFacts],
               focal_role: str | None = None, with_covers: bool = False) -> Picture:
    """The neighbourhood of ``focal`` through ``activities``; ``focal_role`` puts it in its
    column when it is neither a donor nor a body (a partner, a counterpart)."""
    left: dict[str, Node] = {}
    middle: dict[str, Node] = {}
    right: dict[str, Node] = {}
    edges: set[tuple[str, str]] = set()

    def node(iri: str, kind: str) -> Node:
        return Node(iri, ctx.label(iri), kind, iri == focal)

    for a in activities:
        if a.program is None:
            continue
        p = a.program
        middle[p] = node(p, "Program")
        for role in ("funds", "channels"):
            for donor in a.with_role(role):
                left[donor] = node(donor, "Donor")
                edges.add((donor, p))
        for body in a.with_role("implements"):
            right[body] = node(body, "OAS body")
            edges.add((p, body))
        places = [a.country] if a.country else []
        places += list(a.covers) if with_covers else []
        for place in places:
            if place != focal:
                right.setdefault(place, node(place, "Country"))
                edges.add((p, place))
        if focal_role in ("partner", "counterpart") and focal in a.with_role(focal_role):
            right[focal] = node(focal, ROLE_KIND[focal_role])
            edges.add((p, focal))
    order = {"OAS body": 0, "Partner": 1, "National counterpart": 1, "Country": 2}
    return Picture(
        _sorted(left.values()),
        _sorted(middle.values()),
        sorted(right.values(), key=lambda n: (order.get(n.kind, 3), n.label.casefold())),
        edges,
    )


def _sorted(nodes) -> list[Node]:
    return sorted(nodes, key=lambda n: (n.label.casefold(), n.iri))


__all__ = ["picture_of"]
