"""Issue 15: the PNG as a person reads it — every node labelled, nothing overlapping, long
names cut at word boundaries and given in full in the notes, edge types told apart, arrows, and
a country that funds marked as such. (Also looked at by eye: docs in README, "Exporting".)"""

from __future__ import annotations

import itertools

import pytest

from build_graph.export import View, build_network, export_png, style
from build_graph.export.png import UNDIRECTED, render
from build_graph.export.png_layout import LIMIT, shorten, two_lines

ID = "https://w3id.org/oaskg/id/"
SPAIN, GUATEMALA = ID + "country/es", ID + "country/gt"
GREEN_RING = tuple(c / 255 for c in style.colour("Donor"))


@pytest.fixture(scope="module", params=list(View), ids=str)
def drawn(request, built_out):
    import matplotlib.pyplot as plt

    g = build_network(built_out, request.param)
    rendering = render(g, f"{request.param} view")
    rendering.figure.canvas.draw()
    yield g, rendering
    plt.close(rendering.figure)


def _boxes(rendering):
    renderer = rendering.figure.canvas.get_renderer()
    return {n: t.get_window_extent(renderer) for n, t in rendering.labels.items()}


def test_every_node_has_a_readable_label(drawn):
    g, rendering = drawn
    assert set(rendering.labels) == set(g.nodes)
    for node, text in rendering.labels.items():
        label = text.get_text()
        assert label.strip(), node
        for line in label.split("\n"):
            assert len(line.rsplit(" [", 1)[0]) <= LIMIT, line
        assert text.get_fontsize() >= 8


def test_no_label_overlaps_another_or_a_node(drawn):
    g, rendering = drawn
    boxes = _boxes(rendering)
    overlapping = [
        (a, b)
        for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2)
        if box_a.shrunk(0.98, 0.9).overlaps(box_b.shrunk(0.98, 0.9))
    ]
    assert overlapping == []
    transform = rendering.figure.axes[0].transData
    width, height = rendering.figure.canvas.get_width_height()
    for node, box in boxes.items():
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height, node
    # the legend and the notes stay clear of the drawing, and of each other
    renderer = rendering.figure.canvas.get_renderer()
    legend = rendering.figure.axes[0].get_legend().get_window_extent(renderer)
    notes = [t.get_window_extent(renderer) for t in rendering.notes]
    assert not [n for n, box in boxes.items() if box.overlaps(legend)]
    assert not [n for n, box in boxes.items() for note in notes if box.overlaps(note)]
    assert not [note for note in notes if note.overlaps(legend)]
    # no marker sits under another node's label
    from matplotlib.transforms import Bbox

    dpi = rendering.figure.dpi
    for node, (x, y, radius) in rendering.positions.items():
        cx, cy = transform.transform((x, y))
        r = radius * dpi / 72
        marker = Bbox.from_extents(cx - r, cy - r, cx + r, cy + r)
        hidden = [n for n, box in boxes.items() if n != node and box.overlaps(marker)]
        assert hidden == [], node


def test_long_names_are_cut_at_word_boundaries_and_given_in_full(drawn):
    g, rendering = drawn
    notes = dict(rendering.layout.notes)
    shown = "\n".join(t.get_text() for t in rendering.notes)
    for node, text in rendering.labels.items():
        label = text.get_text().replace("\n", " ")
        full = str(g.nodes[node].get("label", node))
        if " [" in label and label.endswith("]"):
            label, number = label.rsplit(" [", 1)
            name = notes[int(number[:-1])]
            assert name in (full, g.nodes[node].get("name"))
            assert f"[{number[:-1]}]" in shown
        if "…" in label:
            head = label.split("…")[0]
            assert full.startswith(head), (label, full)
            # cut at a word boundary (an IRI: after a path step)
            assert full[len(head)] in " ,;:–-(" or head[-1] in "/#", (label, full)
        else:
            assert label == full


def test_edge_types_are_distinguishable_and_directed(drawn):
    g, rendering = drawn
    styles = rendering.styles
    assert len(set(styles.values())) == len(styles)  # one (colour, line style) per relation
    assert len(rendering.arrows) == g.number_of_edges()
    for relation, arrow in rendering.arrows:
        head = type(arrow.get_arrowstyle()).__name__
        assert head == ("Curve" if relation in UNDIRECTED else "CurveFilledB"), relation


def test_funds_and_co_funds_look_different(built_out):
    rendering = render(build_network(built_out, View.DONORS))
    assert rendering.styles["funds activities in"] != rendering.styles["co-funds"]


@pytest.mark.parametrize("view", [View.ENTITIES, View.DONORS])
def test_a_country_that_funds_is_a_country_with_a_donor_mark(built_out, view):
    rendering = render(build_network(built_out, view))
    country = tuple(c / 255 for c in style.colour("Country"))
    donor = tuple(c / 255 for c in style.colour("Donor"))
    assert rendering.markers[GUATEMALA] == (country, GREEN_RING)
    assert rendering.markers[SPAIN] == (donor, None)


def test_png_file_is_deterministic(built_out, tmp_path):
    import numpy as np
    from matplotlib.image import imread

    g = build_network(built_out, View.ENTITIES)
    one, two = export_png(g, tmp_path / "a.png"), export_png(g, tmp_path / "b.png")
    assert one.read_bytes() == two.read_bytes()
    pixels = imread(one)
    assert pixels.shape[0] > 1500 and float(np.var(pixels[..., :3])) > 0.001


def test_shortening_rules():
    assert shorten("Multilateral Evaluation Mechanism (MEM) (Guatemala)", 40) == (
        "Multilateral Evaluation… (Guatemala)"
    )
    assert shorten("Bureau of Counterterrorism, United States Department of State") == (
        "Bureau of Counterterrorism, United States…"
    )
    assert two_lines("SIDUC Latino (Guatemala)") == "SIDUC Latino (Guatemala)"
    long = two_lines(
        "Strengthening of Institutions Specialized in the Assistance and Protection of "
        "Victims, Witnesses, and other individuals (Guatemala)"
    )
    first, second = long.split("\n")
    assert len(first) <= LIMIT and len(second) <= LIMIT and second.endswith("(Guatemala)")
