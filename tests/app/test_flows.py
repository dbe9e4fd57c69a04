"""Main flows through the real app: sample, upload, fix a flagged cell, story, export, mapping."""

from __future__ import annotations

import datetime
import io
from dataclasses import replace

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from advocacy import metrics
from advocacy.app import comparing, state
from advocacy.load import load_files
from tests.app.conftest import assert_clean, open_box, open_page, shown
from tests.app.workbooks import NAME, upload_tuple, workbook

pytestmark = pytest.mark.app

FLAGGED = "test-valley.xlsx › Profile › B6"


def uploaded(students: object = "lots"):
    app = open_page("pages/1_Upload.py")
    app.file_uploader(key="upload.upload").set_value(upload_tuple(workbook(students))).run()
    assert_clean(app)
    return app


def report(app) -> list[tuple[str, str]]:
    """Every row of every issue table on the page, as (where, message)."""
    frames = [t.value for t in app.table if "Where" in t.value.columns]
    return [(shown(where), shown(message)) for frame in frames
            for where, message in zip(frame["Where"], frame["What to fix"], strict=True)]



def test_statewide_sample_loads_in_one_click():
    app = open_page("dashboard.py")
    app.button(key="start.sample.lakeland_statewide").click().run()
    assert_clean(app)
    assert app.header[-1].value == "Loaded now: 30 districts from fictional sample"


def test_uploaded_workbook_shows_its_district_and_the_flagged_cell():
    app = uploaded()
    assert "Your upload gave 1 district(s)" in app.success[0].value
    assert any(f"### {NAME}" in m.value and "Needs fixes (1 error)" in m.value
               for m in app.markdown)
    [(where, message)] = report(app)
    assert where == FLAGGED
    assert message.startswith("This cell should hold a number. Found “lots”.")


def test_fixing_the_flagged_cell_in_the_editor_clears_the_error():
    app = uploaded()
    editor = state.grid_key("upload", "profile", NAME, app.session_state)
    # The flagged cell's row is marked beside the grid until it is fixed.
    assert app.data_editor(key=editor).value.iloc[0].tolist() == [
        "Number of students", "", "⚠ fix"]
    app.session_state[editor] = {"edited_rows": {0: {"Value": "6,000"}}, "added_rows": [],
                                 "deleted_rows": []}
    app.run()
    assert_clean(app)
    assert any(f"### {NAME}" in m.value and "✓ Ready" in m.value for m in app.markdown)
    fixed = state.grid_key("upload", "profile", NAME, app.session_state)
    assert app.data_editor(key=fixed).value.iloc[0].tolist() == ["Number of students", "6,000"]


def test_a_value_typed_badly_in_the_editor_is_located_in_the_grid():
    app = uploaded(students=6000)
    editor = state.grid_key("upload", "sources", NAME, app.session_state)
    app.session_state[editor] = {"edited_rows": {1: {"2023-24": "$1,2,3"}}, "added_rows": [],
                                 "deleted_rows": []}
    app.run()
    assert_clean(app)
    assert [where for where, _ in report(app)] == [
        "Edited in the app › Spending by source › B3"]


def test_a_failed_upload_keeps_the_loaded_data_and_the_typed_story():
    app = open_page("pages/3_Story.py")
    name = app.selectbox(key="pick.story").value
    app.text_area(key=f"story.challenge.{name}").input("Our new teachers left too soon.").run()
    app.switch_page("pages/1_Upload.py").run()
    broken = ("broken.xlsx", b"PK\x03\x04 not really a workbook", "application/octet-stream")
    app.file_uploader(key="upload.upload").set_value(broken).run()
    assert_clean(app)
    assert "No district could be read" in app.error[0].value
    app.switch_page("pages/3_Story.py").run()
    assert app.text_area(key=f"story.challenge.{name}").value == \
        "Our new teachers left too soon."


def test_story_word_count_is_live_and_a_draft_can_be_picked():
    app = open_page("pages/3_Story.py")
    name = app.selectbox(key="pick.story").value
    app.text_area(key=f"story.impact.{name}").input("Retention rose to 88%.").run()
    assert "4 of 60 words" in [c.value for c in app.caption]
    open_box(app, f"story.drafts.challenge.{name}")
    app.button(key=f"story.draft.challenge.0.{name}").click().run()
    assert_clean(app)
    picked = app.text_area(key=f"story.challenge.{name}").value
    assert picked and state.typed_story(app.session_state, name).challenge == picked


def test_logo_that_is_not_png_or_jpeg_is_refused_with_a_message():
    app = open_page("pages/3_Story.py")
    name = app.selectbox(key="pick.story").value
    gif = ("logo.png", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/png")
    app.file_uploader(key=f"story.logo.{name}").set_value(gif).run()
    assert_clean(app)
    assert shown(app.error[0].value).startswith("logo.png: The logo must be a PNG or JPEG image.")


def test_export_builds_the_workbook_on_click_and_it_reimports_to_the_same_district():
    app = uploaded(students=6000).switch_page("pages/5_Export.py").run()
    app.button_group(key="export.formats").set_value(["Workbook (.xlsx)"]).run()
    assert not state.kept_exports(app.session_state)
    app.button(key="export.build").click().run()
    assert_clean(app)
    result = state.kept_exports(app.session_state)[f"workbook:{NAME}"]
    assert result.filename == "test-valley-district.xlsx"
    assert "Profile" in load_workbook(io.BytesIO(result.data)).sheetnames
    again = load_files([workbook(6000)])
    assert again.districts[0].profile.students == 6000


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _pptx_text(data: bytes) -> str:
    deck = Presentation(io.BytesIO(data))
    return " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                    if shape.has_text_frame)


@pytest.mark.parametrize(("label", "kind", "read"), [
    ("PDF one-pager", "pdf", _pdf_text),
    ("Slides (.pptx)", "slides", _pptx_text),
    ("Web page (.html)", "html", lambda data: data.decode("utf-8")),
])
def test_export_carries_the_typed_story(label, kind, read):
    app = uploaded(students=6000).switch_page("pages/3_Story.py").run()
    app.text_area(key=f"story.challenge.{NAME}").input("Coaches reached every new teacher.").run()
    app.switch_page("pages/5_Export.py").run()
    app.button_group(key="export.formats").set_value([label]).run()
    app.button(key="export.build").click().run()
    assert_clean(app)
    text = " ".join(read(state.kept_exports(app.session_state)[f"{kind}:{NAME}"].data).split())
    assert NAME in text
    assert "Coaches reached every new teacher." in text


def test_packet_holds_every_ready_district_by_default():
    app = open_page("pages/5_Export.py")
    app.switch_page("dashboard.py").run()
    app.button(key="start.sample.lakeland_statewide").click().run()
    app.switch_page("pages/5_Export.py").run()
    app.button(key="export.packet").click().run()
    assert_clean(app)
    text = _pdf_text(state.kept_exports(app.session_state)["packet"].data)
    assert "Alder School District" in text


def test_unrecognised_columns_can_be_mapped_and_the_files_read_again():
    app = open_page("pages/1_Upload.py")
    csv = b"LEA,Kids,Grown ups\nFoo District,1000,60\nBar District,2000,120\n"
    app.file_uploader(key="upload.upload").set_value(("odd.csv", csv, "text/csv")).run()
    app.selectbox(key="mapping.0.0").set_value("District name")
    app.selectbox(key="mapping.0.1").set_value("Number of students")
    app.selectbox(key="mapping.0.2").set_value("Number of teachers (FTE)")
    app.button(key="mapping.apply").click().run()
    assert_clean(app)
    assert app.header[0].value == "Your column mapping"  # nothing is left unrecognised
    assert sorted(m.value.split("\n")[0] for m in app.markdown if m.value.startswith("### ")) \
        == ["### Bar District", "### Foo District"]
    assert app.get("download_button")  # the mapping, to reuse next time


def test_a_saved_mapping_uploaded_again_reads_the_files():
    app = open_page("pages/1_Upload.py")
    csv = b"LEA,Kids,Grown ups\nFoo District,1000,60\n"
    app.file_uploader(key="upload.upload").set_value(("odd.csv", csv, "text/csv")).run()
    saved = (b'{"columns": [["LEA", "district"], ["Kids", "students"], '
             b'["Grown ups", "nonsense"]]}')
    app.file_uploader(key="mapping.upload").set_value(("map.json", saved, "application/json"))
    app.run()
    assert_clean(app)
    assert [shown(e.value).split(". ")[0] for e in app.error] == [
        "column mapping: This column mapping could not be used"]
    assert any(m.value.startswith("### Foo District") for m in app.markdown)


def _statewide(page: str):
    from advocacy import samples

    return open_page(page, samples.load_sample("lakeland_statewide"), "sample")


def _packet_reader(app) -> PdfReader:
    return PdfReader(io.BytesIO(state.kept_exports(app.session_state)["packet"].data))


def _bookmarks(reader: PdfReader) -> list[str]:
    return [item.title for item in reader.outline if not isinstance(item, list)][3:]


def test_rows_ticked_on_compare_become_the_packet():
    app = _statewide("pages/6_Compare.py")
    [editor] = app.data_editor
    shown = list(editor.value["District"])
    # AppTest cannot click a grid cell; a tick reaches the page as this editor state.
    app.session_state[comparing.table_key(shown)] = {
        "edited_rows": {0: {"Packet": True}, 2: {"Packet": True}}, "added_rows": [],
        "deleted_rows": []}
    app.run()
    assert_clean(app)
    assert "**Packet selection:** 2 districts." in [m.value for m in app.markdown]
    assert list(app.data_editor[0].value["Packet"][:3]) == [True, False, True]
    app.switch_page("pages/5_Export.py").run()
    app.button(key="export.packet").click().run()
    assert_clean(app)
    reader = _packet_reader(app)
    assert _bookmarks(reader) == [shown[0], shown[2]]
    assert shown[1] not in " ".join(page.extract_text() for page in reader.pages)


def test_the_filtered_sorted_table_is_the_packet_in_its_order():
    from advocacy import samples

    result = samples.load_sample("lakeland_statewide")
    districts = list(result.districts)
    # Three in Kansas, two in Arkansas: a state filter that matched "Kansas" inside
    # "Arkansas" would give five.
    moved = [replace(d, state="Kansas") for d in districts[:3]] + [
        replace(d, state="Arkansas") for d in districts[3:5]] + districts[5:]
    app = open_page("pages/6_Compare.py", replace(result, districts=tuple(moved)), "sample")
    app.selectbox(key="compare.state").set_value("Kansas").run()
    app.selectbox(key="compare.sort").set_value("PL dollars").run()
    app.toggle(key="compare.descending").set_value(True).run()
    assert_clean(app)
    table = app.data_editor[0].value
    kansas = sorted(metrics.comparison_rows(moved[:3]), key=lambda row: -row["PL dollars"])
    assert list(table["District"]) == [row["District"] for row in kansas]
    assert "**Packet selection:** 3 districts." in [m.value for m in app.markdown]
    app.switch_page("pages/5_Export.py").run()
    app.button(key="export.packet").click().run()
    assert_clean(app)
    assert _bookmarks(_packet_reader(app)) == [row["District"] for row in kansas]


def test_compare_offers_all_ten_profile_fields_each_at_one_precision():
    from advocacy.formatting import PROFILE_FIELDS

    app = _statewide("pages/6_Compare.py")
    options = app.multiselect(key="compare.columns").options
    assert all(label in options for _, label, _ in PROFILE_FIELDS)
    app.multiselect(key="compare.columns").set_value(
        [label for _, label, _ in PROFILE_FIELDS] + ["Title II-A share"]).run()
    assert_clean(app)
    table = app.data_editor[0].value
    assert list(table.columns) == ["Packet", "District",
                                   *(label for _, label, _ in PROFILE_FIELDS
                                     if label != "District"), "Title II-A share"]
    for column, decimals in (("English learners", 1), ("Per-pupil expenditure", 0),
                             ("Title II-A share", 0), ("Student-to-teacher ratio", 1)):
        values = table[column].dropna()
        assert all(round(v, decimals) == v for v in values), column
    assert table["Title II-A share"].max() > 1  # percent points, as the column shows them


def test_compare_pages_a_long_table():
    from advocacy import fictional
    from advocacy.load import LoadResult

    many = LoadResult(districts=tuple(fictional.statewide(120)), issues=())
    app = open_page("pages/6_Compare.py", many)
    assert_clean(app)
    assert len(app.data_editor[0].value) == 50
    app.get("pagination")[0].set_value(3).run()
    assert_clean(app)
    assert len(app.data_editor[0].value) == 20
    assert any(c.value.startswith("Page 3 of 3: rows 101–120 of 120") for c in app.caption)


def test_compare_charts_need_two_districts_and_state_their_extremes():
    from advocacy import samples

    app = open_page("pages/6_Compare.py", samples.load_sample("lakeland_statewide"), "sample")
    assert_clean(app)
    [caption] = [c.value for c in app.caption if c.value.startswith("**Alt text:**")]
    assert "across 30 districts, from $62,900 (North Shore Public Schools)" in shown(caption)
    single = open_page("pages/6_Compare.py")  # the default single sample district
    assert_clean(single)
    assert [i.value for i in single.info][-1].startswith("Charts across districts need two")


def test_compare_rounds_dollars_as_every_other_page_does():
    from advocacy import samples

    app = open_page("pages/6_Compare.py", samples.load_sample("maple_valley"), "sample")
    [row] = app.data_editor[0].value.to_dict("records")
    figures = metrics.compute(samples.load_sample("maple_valley").districts[0]).latest
    assert row["Per teacher"] == round(figures.per_teacher_usd)  # 2,298.6 shows as $2,299
    assert row["Per teacher"] != int(figures.per_teacher_usd)


def test_packet_cover_fields_typed_on_export_reach_the_pdf_and_left_out_are_named():
    from advocacy import samples
    from advocacy.issues import Issue
    from advocacy.location import Location

    result = samples.load_sample("lakeland_statewide")
    blocked = result.districts[1].name
    error = Issue.error("count.unreadable", at=Location(file="state.xlsx", sheet="Profile",
                                                        cell="B7"), district=blocked)
    app = open_page("pages/5_Export.py", replace(result, issues=(*result.issues, error)))
    for field, value in (("title", "Capitol Hill briefing"), ("subtitle", "Title II-A at work"),
                         ("event", "House Education Committee"), ("presenter", "Dana Ortiz"),
                         ("organization", "Lakeland Forward")):
        app.text_input(key=f"export.packet.{field}").input(value).run()
    app.text_area(key="export.packet.note").input("Coaching keeps new teachers.").run()
    app.date_input(key="export.packet.date").set_value(datetime.date(2026, 3, 4)).run()
    assert_clean(app)
    [left_out] = [frame.value for frame in app.dataframe if "Why it is left out" in frame.value]
    assert left_out.to_dict("records") == [{
        "District": blocked, "Why it is left out": "1 error to fix: first, this cell should "
        "hold a number at state.xlsx › Profile › B7."}]
    app.button(key="export.packet").click().run()
    assert_clean(app)
    reader = _packet_reader(app)
    cover = " ".join(reader.pages[0].extract_text().split())
    for expected in ("Capitol Hill briefing", "Title II-A at work",
                     "House Education Committee · March 4, 2026",
                     "Presented by Dana Ortiz · Lakeland Forward",
                     "Coaching keeps new teachers."):
        assert expected in cover
    assert blocked not in _bookmarks(reader) and len(_bookmarks(reader)) == 29
    assert f"Not in this packet • {blocked}: 1 error to fix" in " ".join(
        reader.pages[3].extract_text().split() + reader.pages[2].extract_text().split())
    # The typed cover survives a visit to another page.
    app.switch_page("pages/6_Compare.py").run()
    app.switch_page("pages/5_Export.py").run()
    assert app.text_input(key="export.packet.title").value == "Capitol Hill briefing"
    notes = [frame.value for frame in app.dataframe if "Notes" in frame.value]
    assert notes and len(notes[0]) == len(set(notes[0]["District"]))  # one line per district


def test_check_report_is_grouped_by_code_with_counts_and_paged():
    from advocacy import fictional
    from advocacy.issues import Issue
    from advocacy.load import LoadResult
    from advocacy.location import Location

    districts = tuple(fictional.statewide(45))
    errors = tuple(Issue.error("count.unreadable", district=d.name,
                               at=Location(file="state.xlsx", sheet="Profile", cell=f"B{i + 2}"))
                   for i, d in enumerate(districts[:5]))
    warnings = tuple(Issue.warning("year.missing", district=d.name,
                                   at=Location(file="state.xlsx", sheet=f"Sheet {j}"))
                     for d in districts for j in range(2))
    app = open_page("pages/1_Upload.py", LoadResult(districts=districts,
                                                     issues=errors + warnings))
    assert_clean(app)
    [codes] = [frame.value for frame in app.dataframe if "Code" in frame.value]
    assert codes[["Code", "Issues", "Districts"]].values.tolist() == [
        ["count.unreadable", 5, 5], ["year.missing", 90, 45]]
    reports = [m.value for m in app.markdown if m.value.startswith("### ")]
    assert len(reports) == 20  # one page of districts, needing fixes first
    assert all("Needs fixes" in report for report in reports[:5])
    page = app.get("pagination")[0]
    assert page.num_pages == 3
    page.set_value(3).run()
    assert_clean(app)
    assert len([m for m in app.markdown if m.value.startswith("### ")]) == 5
    assert any(c.value == "Districts 41–45 of 45." for c in app.caption)
