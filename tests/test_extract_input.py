"""Bad and unusual input: a clear message naming the file, the other files still processed,
exit 3 only when nothing at all could be extracted; PDFs through the same path."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import GUATEMALA, URUGUAY

from build_graph.cli import cli
from build_graph.extract import extract_paths, extract_text
from build_graph.read.documents import DocumentError, read_document

JSON_KEYS = {"document", "page", "country", "name", "name_source", "pillar", "start", "end",
             "end_open", "start_raw", "end_raw", "beneficiaries", "url", "donors", "agencies",
             "partners", "national_counterparts", "countries_covered", "results_quantities",
             "summary", "objectives", "results", "lines", "unassigned"}


def _pdf(page_text_lines: list[str] | None) -> bytes:
    """A minimal one-page PDF; with text lines, a real text layer in Helvetica."""
    content = b""
    if page_text_lines:
        ops = ["BT", "/F1 10 Tf", "12 TL", "40 800 Td"]
        for line in page_text_lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        content = "\n".join(ops).encode("latin-1", errors="replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def test_missing_file_is_reported_and_the_others_go_on(tmp_path):
    results = extract_paths([tmp_path / "nope.txt", URUGUAY])
    assert results[0].records == () and "no such file" in results[0].findings[0].message
    assert len(results[1].records) == 5


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"   \n\n  ", "is empty"),
        (bytes(range(256)) * 8, "binary"),
    ],
    ids=["empty", "blank", "binary"],
)
def test_unreadable_files_say_what_is_wrong(tmp_path, content, expected):
    path = tmp_path / "sheet.txt"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as err:
        read_document(path)
    assert expected in err.value.message and str(path) in str(err.value)


def test_latin1_file_is_decoded(tmp_path):
    text = URUGUAY.read_text(encoding="utf-8").replace("São Paulo", "São Paulo – Gestión")
    path = tmp_path / "oas-country-sheet-uruguay-latin1.txt"
    path.write_bytes(text.encode("cp1252"))
    doc = read_document(path)
    assert doc.encoding == "cp1252"
    [extraction] = extract_paths([path])
    assert len(extraction.records) == 5
    assert "São Paulo – Gestión" in (extraction.records[1].summary or "")


def test_text_with_no_program_page(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("Dear colleagues,\n\nPlease find attached the minutes.\n")
    [extraction] = extract_paths([path])
    assert extraction.records == ()
    assert any("no program page" in f.message for f in extraction.findings)


def test_truncated_page_keeps_what_is_there():
    lines = GUATEMALA.read_text(encoding="utf-8").split("\n")[:330]  # cut inside page 3's header
    extraction = extract_text("\n".join(lines), "oas-country-sheet-guatemala-cut.txt")
    assert len(extraction.records) == 3
    third = extraction.records[2]
    assert third.name == "Program for the prevention of irregular Migration in Mesoamerica"
    assert third.start == "2014-06-23" and third.end is None
    assert third.objectives and third.results and third.summary


def test_unplaced_text_is_reported_not_dropped():
    text = URUGUAY.read_text(encoding="utf-8").replace(
        "network/ \n", "network/ \n\nSee annex 4 \n", 1)
    extraction = extract_text(text, "oas-country-sheet-uruguay.txt")
    first = extraction.records[0]
    assert first.beneficiaries == "OAS 34 Member States"
    texts = [u.text for u in first.unassigned]
    assert "See annex 4" in texts
    assert any(f.code == "unassigned" and f.line for f in extraction.findings)


def test_pdf_goes_through_the_same_path(tmp_path):
    lines = [ln for ln in URUGUAY.read_text(encoding="utf-8").split("\n")[:48]]
    path = tmp_path / "oas-country-sheet-uruguay.pdf"
    path.write_bytes(_pdf([ln.strip() or " " for ln in lines]))
    [extraction] = extract_paths([path])
    assert extraction.document is not None and extraction.document.encoding == "pdf"
    [record] = extraction.records
    assert record.country == "UY"
    assert record.name == "Inter-American Network for the Prevention of Violence and Crime"


def test_image_only_pdf_says_it_has_no_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf(None))
    with pytest.raises(DocumentError) as err:
        read_document(path)
    assert "no text layer" in err.value.message


def test_cli_json_contract_and_exit_codes(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["extract", str(URUGUAY), "--format", "json"])
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert len(records) == 5 and JSON_KEYS <= set(records[0])
    assert records[0]["lines"]["page"] == [1, 48]
    missing = runner.invoke(cli, ["extract", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 3 and "no such file" in missing.stderr
    both = runner.invoke(cli, ["extract", str(tmp_path / "nope.txt"), str(URUGUAY),
                               "--format", "csv"])
    assert both.exit_code == 0 and both.stdout.count("\n") == 6


def test_country_override():
    runner = CliRunner()
    result = runner.invoke(cli, ["extract", str(URUGUAY), "--format", "json", "--country", "AR"])
    assert {r["country"] for r in json.loads(result.stdout)} == {"AR"}


def test_no_traceback_for_expected_errors(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "build_graph", "extract",
                           str(tmp_path / "missing.txt")], capture_output=True, text=True)
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr and "missing.txt" in proc.stderr
