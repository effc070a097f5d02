"""Issue 16, text hygiene: every common encoding of a sheet is read (and named), control
characters are removed with one warning per file, and nothing XML 1.0 forbids reaches an
output (the rdf-view GEXF and GraphML, SPARQL XML results, the graph files)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import URUGUAY
from rdflib import Dataset, Literal, URIRef

from build_graph.build.outputs import serialise
from build_graph.extract import extract_paths
from build_graph.read.documents import DocumentError, read_document, read_sheet

TEXT = URUGUAY.read_text(encoding="utf-8")
ASCII = TEXT.replace("’", "'").replace("“", '"').replace("”", '"').replace("ã", "a")
# what XML 1.0 allows: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _records(path: Path) -> list[dict]:
    [extraction] = extract_paths([path])
    return [r.as_dict() for r in extraction.records]


@pytest.fixture(scope="module")
def clean_records(tmp_path_factory) -> list[dict]:
    path = tmp_path_factory.mktemp("clean") / URUGUAY.name
    path.write_text(TEXT, encoding="utf-8")
    return _records(path)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),  # no byte-order mark: detected
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("cp1252"), "cp1252"),
        (ASCII.encode("latin-1") + "\nSão Paulo, Gestión \x90\n".encode("latin-1"), "latin-1"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le", "utf-16-be",
         "cp1252", "latin-1"],
)
def test_every_common_encoding_is_read_and_named(tmp_path, data, encoding):
    path = tmp_path / URUGUAY.name
    path.write_bytes(data)
    doc = read_document(path)
    assert doc.encoding == encoding
    assert "\ufeff" not in doc.lines[0]


def test_utf16_sheets_give_the_same_records_as_utf8(tmp_path, clean_records):
    """Issue 16: a UTF-16 sheet (what Windows tools often save) was rejected as 'binary'."""
    for codec, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b""), ("cp1252", b"")):
        path = tmp_path / codec / URUGUAY.name
        path.parent.mkdir()
        path.write_bytes(bom + TEXT.encode(codec))
        records = _records(path)
        assert [r["name"] for r in records] == [r["name"] for r in clean_records]
        assert records[0]["summary"] == clean_records[0]["summary"]


def test_the_encoding_is_said(tmp_path):
    path = tmp_path / URUGUAY.name
    path.write_bytes(b"\xff\xfe" + TEXT.encode("utf-16-le"))
    read = read_sheet(path)
    notes = [f for f in read.notes if f.code == "encoding"]
    assert len(notes) == 1 and "UTF-16" in notes[0].message and "byte-order mark" in (
        notes[0].message)
    plain = tmp_path / "plain.txt"
    plain.write_text(TEXT, encoding="utf-8")
    assert not [f for f in read_sheet(plain).notes if f.code == "encoding"]


@pytest.mark.parametrize("where", [100, 9000], ids=["first-8k", "after-8k"])
def test_nul_bytes_are_removed_with_one_warning(tmp_path, clean_records, where):
    """Issue 16: a NUL in the first 8 KiB rejected the whole sheet as binary; one after it
    reached the graph."""
    at = TEXT.index(" ", where)
    text = TEXT[:at] + "\x00" + TEXT[at:]
    text = text.replace("Member States", "Member\x00 States\x1b").replace("OAS 34", "OAS\x0b 34")
    path = tmp_path / URUGUAY.name
    path.write_bytes(text.encode("utf-8"))
    read = read_sheet(path)
    warnings = [f for f in read.notes if f.code == "control-characters"]
    assert len(warnings) == 1, read.notes
    [warning] = warnings
    first_line = text[:re.search("[\x00\x0b\x1b]", text).start()].count("\n") + 1
    assert warning.line == first_line and warning.severity.value == "warning"
    count = text.count("\x00") + text.count("\x1b") + text.count("\x0b")
    assert f"{count} control characters" in warning.message and "NUL" in warning.message
    assert not any(XML_ILLEGAL.search(line.replace("\f", "")) for line in read.document.lines)
    assert len(read.document.lines) == len(TEXT.split("\n"))  # line numbers unchanged
    records = _records(path)
    assert [r["name"] for r in records] == [r["name"] for r in clean_records]
    [extraction] = extract_paths([path])
    assert sum(f.code == "control-characters" for f in extraction.findings) == 1


def test_c1_controls_of_a_latin1_sheet_are_removed(tmp_path):
    path = tmp_path / URUGUAY.name
    path.write_bytes(ASCII.encode("latin-1").replace(b"Network", b"Net\x85work\x81", 1))
    read = read_sheet(path)
    assert read.document.encoding == "latin-1"
    assert not any("\x85" in line or "\x81" in line for line in read.document.lines)
    assert [f.code for f in read.notes].count("control-characters") == 1


def test_a_form_feed_stays_a_page_break(tmp_path):
    path = tmp_path / URUGUAY.name
    path.write_text(TEXT.replace("\n PROGRAM SUMMARY", "\n\f\n PROGRAM SUMMARY"),
                    encoding="utf-8")
    read = read_sheet(path)
    assert "\f" in read.document.lines
    assert not [f for f in read.notes if f.code == "control-characters"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"PK\x03\x04" + bytes(range(256)) * 4, "zip archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4, "Office 97"),
        (bytes(range(256)) * 8, "binary"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "image"),
    ],
    ids=["docx", "doc", "binary", "png"],
)
def test_binary_files_are_still_refused_with_the_remedy(tmp_path, data, expected):
    path = tmp_path / "sheet.txt"
    path.write_bytes(data)
    with pytest.raises(DocumentError) as err:
        read_document(path)
    assert expected in err.value.message and ".txt" in err.value.message


def test_serialise_drops_characters_xml_forbids():
    """Whatever reaches the dataset, the graph files carry nothing XML 1.0 forbids."""
    dataset = Dataset()
    graph = dataset.graph(URIRef("https://w3id.org/oaskg/graph/document/x"))
    graph.add((URIRef("https://w3id.org/oaskg/id/x"), URIRef("http://schema.org/name"),
               Literal("a\x00b\x0cc\x1bd\ufffe")))
    for name, data in serialise(dataset).items():
        text = data.decode("utf-8")
        assert "abcd" in text, name
        for char in ("\x00", "\x0c", "\x1b", "\ufffe", "\\u0000", "\\u000C", "\\f"):
            assert char not in text, (name, char)


@pytest.fixture(scope="module")
def nul_build(tmp_path_factory):
    from build_graph.build.pipeline import build

    root = tmp_path_factory.mktemp("nul")
    docs = root / "documents"
    docs.mkdir()
    at = TEXT.index(" ", 9000)
    text = TEXT[:at] + "\x00\x01" + TEXT[at:]
    text = text.replace("OAS 34 Member States", "OAS 34\x00 Member\x1f States")
    (docs / URUGUAY.name).write_bytes(text.encode("utf-8"))
    return build([docs], root / "out", run_validation=False)


def test_no_output_of_a_nul_sheet_holds_what_xml_forbids(nul_build):
    out = nul_build.out_dir
    assert nul_build.summary["activities"] == 5
    for path in sorted(out.iterdir()):
        if path.is_file():
            text = path.read_bytes().decode("utf-8")
            assert not XML_ILLEGAL.search(text), path.name
            assert "\\u0000" not in text and "\\u0001" not in text, path.name


def test_rdf_view_gexf_graphml_and_sparql_xml_stay_well_formed(nul_build, tmp_path):
    from build_graph.export import View, build_network, export_gexf, export_graphml
    from build_graph.rdf.store import open_store

    g = build_network(nul_build.out_dir, View.RDF)
    for path in (export_gexf(g, tmp_path / "rdf.gexf", View.RDF),
                 export_graphml(g, tmp_path / "rdf.graphml")):
        ET.parse(path)  # raises on a character XML forbids
    store = open_store(nul_build.out_dir)
    results = store.query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    xml = results.serialize(format=ox.QueryResultsFormat.XML)
    assert ET.fromstring(xml) is not None
    assert b"Member States" in xml
