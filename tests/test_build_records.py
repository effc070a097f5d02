"""Hand-built records for the stage tests, and the tests of ``resolve``."""

from __future__ import annotations

from dataclasses import replace

from build_graph.model import (
    Donor,
    EntityRef,
    Extraction,
    LineSpan,
    ProgramRecord,
    Quantity,
    Severity,
    SourceDocument,
)
from build_graph.resolve.mint import NEW_KIND, resolve

REF = "https://w3id.org/oaskg/id/"
SPAIN = EntityRef(REF + "country/es", "Spain", "country")
AECID = EntityRef(REF + "org/aecid", "AECID", "international")
DPS = EntityRef(REF + "org/dps", "DPS", "oas_body")


def make_document(name: str = "sheet-a.txt", lines: int = 40) -> SourceDocument:
    return SourceDocument(name, name, "0" * 64, tuple(f"line {i}" for i in range(1, lines + 1)))


def make_record(
    name: str | None = "Program One",
    *,
    document: str = "sheet-a.txt",
    page: int = 1,
    country: str = "UY",
    first: int = 1,
    **changes,
) -> ProgramRecord:
    record = ProgramRecord(
        document=document,
        page=page,
        country=country,
        name=name,
        name_source="header" if name else None,
        pillar="Security",
        start="2020-07-01",
        end="2021",
        end_open=False,
        start_raw="7/1/2020 to",
        end_raw=None,
        beneficiaries="Police officers",
        additional_information=None,
        url="http://www.oas.org/x",
        donors=(
            Donor("Spain (AECID)", (SPAIN,), (AECID,), "header", LineSpan(first + 2, first + 2)),
        ),
        agencies=(DPS,),
        partners=(),
        national_counterparts=(),
        countries_covered=(),
        results_quantities=(
            Quantity(
                31, "officials trained", "achieved", 3, 28, "31 officials trained.", first + 9
            ),
        ),
        summary="A summary.",
        objectives=None,
        results=None,
        lines=(
            ("page", LineSpan(first, first + 19)),
            ("name", LineSpan(first, first)),
            ("start", LineSpan(first + 1, first + 1)),
            ("end", LineSpan(first + 1, first + 1)),
            ("donors", LineSpan(first + 2, first + 2)),
            ("url", LineSpan(first + 3, first + 3)),
        ),
        unassigned=(),
    )
    return replace(record, **changes)


def make_extraction(*records: ProgramRecord, name: str = "sheet-a.txt") -> Extraction:
    return Extraction(make_document(name), tuple(records), ())


def test_unresolved_donor_becomes_flagged_new_organisation():
    donor = Donor("Fundación Ejemplo", (), (), "header", LineSpan(7, 7))
    resolved = resolve([make_extraction(make_record(donors=(donor,)))])
    (record,) = resolved.records
    assert record.donors[0].funders == (
        EntityRef("fundacion-ejemplo", "Fundación Ejemplo", NEW_KIND),
    )
    (org,) = resolved.new_organisations
    assert (org.slug, org.label, org.seen) == (
        "fundacion-ejemplo",
        "Fundación Ejemplo",
        (("sheet-a.txt", 7),),
    )
    (finding,) = resolved.findings
    assert finding.severity is Severity.WARNING and finding.line == 7
    assert "Fundación Ejemplo" in finding.message


def test_resolved_donors_are_kept_as_they_are():
    resolved = resolve([make_extraction(make_record())])
    assert resolved.records[0].donors[0].funders == (SPAIN,)
    assert resolved.new_organisations == () and resolved.findings == ()


def test_unreadable_document_keeps_its_finding_and_others_continue():
    from build_graph.model import Finding

    bad = Extraction(None, (), (Finding(Severity.ERROR, "bad.pdf", None, "cannot be read"),))
    resolved = resolve([bad, make_extraction(make_record())])
    assert len(resolved.records) == 1 and len(resolved.documents) == 1
    assert [f.document for f in resolved.findings] == ["bad.pdf"]
