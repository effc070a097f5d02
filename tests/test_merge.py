"""Merge: one Program per real program, one Activity per sheet that reports it."""

from __future__ import annotations

from test_build_records import make_extraction, make_record

from build_graph.merge import merge, name_key, similarity
from build_graph.resolve.mint import resolve


def _merge(*extractions):
    return merge(resolve(list(extractions)))


def test_name_key_folds_case_accents_punctuation_and_leading_articles():
    assert name_key("The Inter-American Network for Police Development") == name_key(
        "inter-american network for police development."
    )
    assert name_key("La Red Interamericana de Prevención") == "red interamericana de prevencion"
    assert name_key("Inter American network") != name_key("Interamerican network")


def test_same_program_on_two_sheets_is_one_program_with_two_activities():
    a = make_extraction(make_record("The UNSCR 1540 Program"), name="sheet-a.txt")
    b = make_extraction(
        make_record("UNSCR 1540 program", document="sheet-b.txt", country="GT"),
        make_record("Other Program", document="sheet-b.txt", country="GT", page=2),
        name="sheet-b.txt",
    )
    merged = _merge(a, b)
    assert len(merged.programs) == 2 and len(merged.activities) == 3
    (both,) = merged.on_several_sheets()
    assert both.slug == "unscr-1540-program"
    assert both.documents == ("sheet-a.txt", "sheet-b.txt")


def test_near_identical_names_match_but_different_programs_do_not():
    assert similarity("network for police development", "network for police developments") >= 0.9
    a = make_extraction(make_record("Network for Police Development"))
    b = make_extraction(
        make_record("Network for Police Developments", document="sheet-b.txt"),
        make_record("Network for Violence Prevention", document="sheet-b.txt", page=2),
        name="sheet-b.txt",
    )
    merged = _merge(a, b)
    assert [len(p.activities) for p in merged.programs] == [2, 1]


def test_page_named_from_prose_joins_the_program_its_prose_names():
    header = make_record("Inter-American Network for the Prevention of Violence and Crime")
    prose = make_record(
        "Network created following Resolution 2866",
        document="sheet-b.txt",
        name_source="prose",
        summary="The Inter-American Network for the Prevention of Violence and Crime was created.",
    )
    merged = _merge(make_extraction(header), make_extraction(prose, name="sheet-b.txt"))
    (program,) = merged.programs
    assert program.name == "Inter-American Network for the Prevention of Violence and Crime"
    assert len(program.activities) == 2


def test_page_without_any_name_still_lands_as_a_program_and_is_reported():
    merged = _merge(make_extraction(make_record(None, page=3)))
    (program,) = merged.programs
    assert program.name == "Unnamed program, sheet-a page 3"
    assert [f.code for f in merged.findings] == ["no-program-name"]


def test_same_program_twice_on_one_sheet_gets_a_suffixed_activity():
    merged = _merge(make_extraction(make_record("Program One"), make_record("Program One", page=2)))
    assert [a.slug for a in merged.activities] == ["program-one", "program-one-2"]
    assert [f.code for f in merged.findings] == ["duplicate-program-page"]
