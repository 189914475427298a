"""Footnotes numbered in reading order, from the markers in a record's prose."""

from types import SimpleNamespace

from atlas.footnotes import Footnotes, strip_markers

SECTIONS = {}


def citation(field, source, section="article", locator="", note=""):
    if (source, section) not in SECTIONS:
        SECTIONS[source, section] = SimpleNamespace(
            slug=section, source=SimpleNamespace(slug=source)
        )
    return SimpleNamespace(
        field=field, section=SECTIONS[source, section], locator=locator, note=note
    )


def numbers(html):
    import re

    return [int(n) for n in re.findall(r'href="#cite-(\d+)"', str(html))]


def test_notes_run_down_the_page_and_a_source_cited_again_keeps_its_number():
    start = citation("start_date", "un-list")
    body_a = citation("body", "wikipedia-untag")
    body_b = citation("body", "unsc-resolution-435-1978", "text")
    mandate = citation("mandate", "unsc-resolution-435-1978", "text")
    record = SimpleNamespace(
        mandate="The plan of 1978 set the tasks.[^unsc-resolution-435-1978]",
        body="Deployed in April 1989.[^wikipedia-untag] Elections followed."
        "[^unsc-resolution-435-1978] Namibia became independent.[^wikipedia-untag]",
    )
    # Listed out of page order, as the database returns them (by source title).
    notes = Footnotes(
        record,
        [body_b, mandate, body_a, start],
        ["start_date", "mandate", "body"],
        prose=("mandate", "body"),
    )
    assert numbers(notes.marks_for("start_date")) == [1]
    assert numbers(notes.texts["mandate"]) == [2]
    # The resolution's text, cited for the mandate and again in the body: one note.
    assert numbers(notes.texts["body"]) == [3, 2, 3]
    assert [n.section.source.slug for n in notes.ordered] == [
        "un-list",
        "unsc-resolution-435-1978",
        "wikipedia-untag",
    ]
    assert [n.fields for n in notes.ordered] == [["start_date"], ["mandate", "body"], ["body"]]
    assert "[^" not in str(notes.texts["body"])


def test_a_marker_without_its_citation_shows_nothing_and_an_unmarked_citation_still_shows():
    record = SimpleNamespace(body="A fact.[^nowhere] Another fact.")
    unmarked = citation("body", "wikipedia-unamsil")
    notes = Footnotes(record, [unmarked], ["body"], prose=("body",))
    html = str(notes.texts["body"])
    assert "nowhere" not in html
    assert numbers(html) == [1]


def test_a_marker_may_name_the_section_of_a_source_with_several():
    record = SimpleNamespace(body="First.[^report/part-two] Second.[^report/part-one]")
    one, two = citation("body", "report", "part-one"), citation("body", "report", "part-two")
    notes = Footnotes(record, [one, two], ["body"], prose=("body",))
    assert numbers(notes.texts["body"]) == [1, 2]
    assert [note.section for note in notes.ordered] == [two.section, one.section]


def test_markers_are_taken_out_of_text_for_search_and_downloads():
    assert strip_markers("Deployed in 1989.[^wikipedia-untag] Ended.[^a/b]") == (
        "Deployed in 1989. Ended."
    )


def test_facts_cited_to_the_same_place_share_one_note():
    record = SimpleNamespace(body="Deployed.[^wikipedia-untag]")
    name, start = (
        citation("name", "wikipedia-untag", locator="Infobox"),
        citation("start_date", "wikipedia-untag", locator="Infobox"),
    )
    body = citation("body", "wikipedia-untag")
    notes = Footnotes(record, [body, name, start], ["name", "start_date", "body"], ("body",))
    assert numbers(notes.marks_for("name")) == numbers(notes.marks_for("start_date")) == [1]
    assert numbers(notes.texts["body"]) == [2]
    assert notes.ordered[0].fields == ["name", "start_date"]


def test_check_data_names_a_footnote_without_its_citation_and_text_about_a_source(db):
    from tests.factories import cite, make_mission
    from website.data_quality import prose_problems

    mission = make_mission(
        acronym="UNTEST",
        body="Deployed in 1990.[^wikipedia-untest] The guide says it ended in 1991.",
    )
    cite(mission, field="body", note="Imported from the file.")
    problems = [problem for record, problem in prose_problems() if record == mission]
    assert problems == [
        "body: the footnote [^wikipedia-untest] names no citation of this field",
        "body describes a source (“The guide”), not the subject",
        "a citation's note describes a source (“Imported”), not the subject",
    ]


def test_a_mark_sits_against_its_statement_even_after_a_space():
    record = SimpleNamespace(body="Deployed in 1989. [^wikipedia-untag] Ended in 1990.")
    notes = Footnotes(record, [citation("body", "wikipedia-untag")], ["body"], ("body",))
    assert "1989.<sup" in str(notes.texts["body"])
