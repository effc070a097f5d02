"""The geometry PDF reader: canonical text per program from the dev-set PDFs and tiny hand-made
PDFs (labels after values in the content stream, a label above its value, "Label: value" on one
line, a box running onto the next page, page furniture, unreadable input)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from build_graph import lexicon
from build_graph.read.documents import DocumentError, read_document
from build_graph.read.pdf_layout import pdf_to_text

DEVSET = Path(__file__).parent / "fixtures" / "devset"
SHEETS = ("trinidad_and_tobago", "colombia", "paraguay", "belize")
SPANISH = {"colombia", "paraguay"}
FIELDS = ("pillar", "name", "date", "beneficiaries", "additional_information", "donors")
LABELS = {
    "en": ("OAS Pillar", "Name of Activity", "Date", "Target Beneficiaries",
           "Additional Information", "Donor Countries"),
    "es": ("Pilar de la OEA", "Nombre de la Actividad", "Fecha", "Beneficiarios",
           "Información Adicional", "Países Donantes"),
}
HEADINGS = {"en": ("PROGRAM SUMMARY", "OBJECTIVES", "RESULTS"),
            "es": ("RESUMEN DEL PROGRAMA", "OBJETIVOS", "RESULTADOS")}

# What the sheet prints where the gold record holds a value taken from elsewhere (a name or
# donor from the prose) or nothing: Word placeholders as printed, or an empty cell.
PRINTED = {
    ("trinidad_and_tobago", 2, "name"): "Click or tap here to enter text.",
    ("trinidad_and_tobago", 2, "additional_information"): "Link to web page",
    ("trinidad_and_tobago", 4, "donors"): "Choose an item.",
    ("trinidad_and_tobago", 5, "additional_information"): "",
    ("colombia", 4, "additional_information"): "Enlace a la página web",
    ("colombia", 5, "name"): "Haga clic o pulse aquí para escribir texto.",
    ("colombia", 5, "additional_information"): "",
    ("colombia", 5, "donors"): "Elija un elemento.",
    ("paraguay", 3, "additional_information"): "Enlace a la página web",
    ("paraguay", 5, "name"): "Click here to enter text.",
    ("paraguay", 5, "additional_information"): "",
    ("paraguay", 6, "donors"): "Elija un elemento.",
    ("belize", 3, "additional_information"): "",
    ("belize", 4, "additional_information"): "Link to web page",
}


def _gold(sheet: str) -> list[dict]:
    return json.loads((DEVSET / "gold" / f"{sheet}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {s: pdf_to_text((DEVSET / f"{s}.pdf").read_bytes(), f"{s}.pdf") for s in SHEETS}


def _parse(block: str) -> tuple[dict, dict, dict, dict]:
    """A canonical block -> (field values, printed labels, box lines, printed headings)."""
    values, labels, boxes, headings, box = {}, {}, {}, {}, None
    for line in block.split("\n"):
        label, colon, value = line.partition(":")
        field = lexicon.LABELS.get(lexicon.key(label)) if colon and box is None else None
        if field:
            values[field], labels[field] = value.strip(), label
        elif lexicon.key(line) in lexicon.HEADINGS and line == line.upper():
            box = lexicon.HEADINGS[lexicon.key(line)]
            headings[box], boxes[box] = line, []
        elif line == "UNASSIGNED":
            box = "unassigned"
            boxes[box] = []
        elif box:
            boxes[box].append(line)
    return values, labels, boxes, headings


def _expected(sheet: str, gold: dict) -> dict[str, str]:
    page, spanish = gold["page"], sheet in SPANISH
    header = [d["as_written"] for d in gold["donors"] if d["source"] == "header"]
    separator = ", " if sheet == "colombia" and page == 1 else "; "
    expected = {
        "pillar": gold["pillar_raw"] or "",
        "name": gold["name"],
        "date": f"{gold['start_raw']} {'a' if spanish else 'to'} {gold['end_raw']}",
        "beneficiaries": gold["beneficiaries"],
        "additional_information": gold["url"] or "",
        "donors": separator.join(header),
    }
    for field in FIELDS:
        expected[field] = PRINTED.get((sheet, page, field), expected[field])
    return expected


@pytest.mark.parametrize("sheet", SHEETS)
def test_one_block_per_program(texts, sheet):
    assert len(texts[sheet].split("\n\f\n")) == len(_gold(sheet))


@pytest.mark.parametrize("sheet", SHEETS)
def test_every_field_as_printed(texts, sheet):
    language = "es" if sheet in SPANISH else "en"
    for block, gold in zip(texts[sheet].split("\n\f\n"), _gold(sheet), strict=True):
        values, labels, _, _ = _parse(block)
        assert values == _expected(sheet, gold), (sheet, gold["page"])
        assert tuple(labels[f] for f in FIELDS) == LABELS[language]
        printed = [f"{label}: {values[f]}" if values[f] else f"{label}:"
                   for f, label in zip(FIELDS, LABELS[language], strict=True)]
        assert block.split("\n")[:6] == printed


@pytest.mark.parametrize("sheet", SHEETS)
def test_boxes_start_with_the_gold_words(texts, sheet):
    language = "es" if sheet in SPANISH else "en"
    for block, gold in zip(texts[sheet].split("\n\f\n"), _gold(sheet), strict=True):
        _, _, boxes, headings = _parse(block)
        assert tuple(headings[b] for b in ("summary", "objectives", "results")) == \
            HEADINGS[language]
        for box in ("summary", "objectives", "results"):
            words = " ".join(boxes[box]).split()[:8]
            assert " ".join(words) == gold[f"{box}_first_words"], (sheet, gold["page"], box)
        assert "unassigned" not in boxes


def test_results_box_running_onto_the_next_page_joins_its_program(texts):
    blocks = texts["trinidad_and_tobago"].split("\n\f\n")
    assert len(blocks) == 7  # eight PDF pages
    _, _, boxes, _ = _parse(blocks[5])
    results = boxes["results"]
    at = results.index("funding ends. The protocol will also")
    assert results[at + 1] == "be submitted for inclusion in the"
    assert results[-1] == "can see delays and act on them."
    assert results.count("") == 3  # four paragraphs
    assert "be submitted for inclusion in the" not in blocks[6]


@pytest.mark.parametrize("sheet", SHEETS)
def test_page_furniture_is_left_out(texts, sheet):
    text = texts[sheet]
    assert not re.search(r"(?m)^.*(Page|Página) \d+ (of|de) \d+", text)
    assert "ORGANIZATION OF AMERICAN STATES" not in text
    assert "UNASSIGNED" not in text


def test_box_lines_are_the_printed_lines(texts):
    _, _, boxes, _ = _parse(texts["trinidad_and_tobago"].split("\n\f\n")[0])
    assert boxes["summary"][:3] == ["At the invitation of the Government,",
                                    "the Department for Electoral",
                                    "Cooperation and Observation"]
    assert boxes["results"][9:11] == ["", "A preliminary statement was issued"]


def test_same_pdf_same_text(texts):
    data = (DEVSET / "trinidad_and_tobago.pdf").read_bytes()
    assert pdf_to_text(data, "again.pdf") == texts["trinidad_and_tobago"]


def test_read_document_gives_the_canonical_lines():
    doc = read_document(DEVSET / "paraguay.pdf")
    assert doc.encoding == "pdf"
    assert doc.lines[0] == "Pilar de la OEA: Derechos Humanos"
    assert doc.lines.count("\f") == 5


# --- tiny hand-made PDFs -------------------------------------------------------------------

def _pdf(pages: list[list[tuple[float, float, str]]]) -> bytes:
    """A PDF whose pages paint Helvetica 10 pt text at (x, y from the TOP) in the given order."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for texts in pages:
        ops = []
        for x, y, text in texts:
            escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"BT /F1 10 Tf {x} {792 - y} Td ({escaped}) Tj ET")
        content = "\n".join(ops).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 FONT 0 R >> >> >>" % len(objects))
        kids.append(len(objects))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    font = str(len(objects)).encode()
    objects = [o.replace(b"FONT", font) for o in objects]
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


FORM = [(40, 40, "OAS Pillar"), (40, 70, "Name of Activity"), (40, 100, "Date"),
        (40, 130, "Target Beneficiaries"), (40, 160, "Additional Information"),
        (40, 190, "Donor Countries")]


def test_values_painted_before_their_labels_and_stacked_boxes():
    values = [(200, 190, "Canada; Italy"), (200, 100, "6/13/2025"), (160, 100, "to"),
              (100, 100, "3/3/2025"), (200, 40, "Democracy"), (200, 70, "Electoral Mission"),
              (200, 130, "Voters"), (200, 160, "http://www.oas.org/eom"),
              (200, 172, "/info.asp")]
    boxes = [(40, 300, "OBJECTIVES"), (40, 320, "Observe the elections."),
             (40, 230, "PROGRAM SUMMARY"), (40, 250, "The Mission observed."),
             (40, 262, "It reported."), (40, 370, "RESULTS"), (40, 390, "A report."),
             (500, 760, "Page 1 of 1")]
    text = pdf_to_text(_pdf([values + boxes + FORM[::-1]]), "t.pdf")
    assert text == "\n".join([
        "OAS Pillar: Democracy", "Name of Activity: Electoral Mission",
        "Date: 3/3/2025 to 6/13/2025", "Target Beneficiaries: Voters",
        "Additional Information: http://www.oas.org/eom/info.asp",
        "Donor Countries: Canada; Italy",
        "PROGRAM SUMMARY", "The Mission observed.", "It reported.",
        "OBJECTIVES", "Observe the elections.", "RESULTS", "A report."])


def test_labels_above_values_colon_labels_and_a_box_on_the_next_page():
    first = [(40, 40, "Pilar de la OEA"), (40, 52, "Democracia"),
             (300, 40, "Fecha"), (300, 52, "01/02/2024"), (360, 52, "a"), (380, 52, "Programa"),
             (380, 63, "Continuo"),
             (40, 90, "Beneficiarios: Votantes"), (40, 120, "RESUMEN DEL"),
             (40, 131, "PROGRAMA"), (160, 120, "Un resumen."), (40, 160, "OBJETIVOS"),
             (160, 160, "Objetivos."), (40, 200, "RESULTADOS"), (160, 200, "Primera linea."),
             (160, 211, "Segunda linea.")]
    second = [(160, 40, "Sigue en la pagina dos."), (40, 400, "Nota suelta al margen.")]
    text = pdf_to_text(_pdf([first, second]), "t.pdf")
    assert text.split("\n") == [
        "Pilar de la OEA: Democracia", "Fecha: 01/02/2024 a Programa Continuo",
        "Beneficiarios: Votantes",
        "RESUMEN DEL PROGRAMA", "Un resumen.", "OBJETIVOS", "Objetivos.",
        "RESULTADOS", "Primera linea.", "Segunda linea.", "Sigue en la pagina dos.",
        "UNASSIGNED", "Nota suelta al margen."]


def test_running_header_repeated_on_every_page_is_left_out():
    header = (40, 20, "OAS | Country Sheet")
    pages = [[header, *FORM[:1], (200, 40, "Security"), (40, 80, "RESULTS"), (40, 100, "Done.")],
             [header, *FORM[:1], (200, 40, "Democracy"), (40, 80, "RESULTS"), (40, 100, "x")]]
    blocks = pdf_to_text(_pdf(pages), "t.pdf").split("\n\f\n")
    assert blocks == ["OAS Pillar: Security\nRESULTS\nDone.",
                      "OAS Pillar: Democracy\nRESULTS\nx"]


def test_unreadable_and_image_only_pdfs_keep_their_messages(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\nthis is not a pdf\n")
    with pytest.raises(DocumentError, match="is not a readable PDF"):
        read_document(bad)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(_pdf([[]]))
    with pytest.raises(DocumentError, match="no text layer"):
        read_document(scan)


def test_duplicate_glyphs_dropped_as_pdfplumber_drops_them():
    """Issue 17: the reader drops a glyph painted twice (for a bold effect) without
    pdfplumber's quadratic sort, keeping the glyphs its ``dedupe_chars()`` keeps, in order."""
    import io

    import pdfplumber

    from build_graph.read.pdf_geometry import unique_chars

    painted = [(72, 100, "Donor Countries"), (72, 100, "Donor Countries"),
               (72.5, 100.4, "Donor Countries"), (200, 100, "Canada"),
               (72, 130, "OAS Pillar"), (75, 130, "OAS Pillar"), (72, 160, "Security")]
    made_up = _pdf([painted])
    for data in (made_up, (DEVSET / "belize.pdf").read_bytes()):
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                kept, expected = unique_chars(page), page.dedupe_chars()
                assert [id(c) for c in kept.chars] == [id(c) for c in expected.chars]
                assert kept.extract_words() == expected.extract_words()
    with pdfplumber.open(io.BytesIO(made_up)) as pdf:
        page = pdf.pages[0]
        words = [w["text"] for w in unique_chars(page).extract_words()]
        assert len(unique_chars(page).chars) < len(page.chars)
    assert words.count("Donor") == 1 and "Canada" in words and "Security" in words
