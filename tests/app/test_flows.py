"""Main flows through the real app: sample, upload, fix a flagged cell, story, export, mapping."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from advocacy import metrics
from advocacy.app import state
from advocacy.load import load_files
from tests.app.conftest import assert_clean, open_page
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


def shown(markdown: str) -> str:
    """Table cells are Markdown with user text escaped (inert.md): the text a reader sees."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def test_statewide_sample_loads_in_one_click():
    app = open_page("dashboard.py")
    app.button(key="start.sample.lakeland_statewide").click().run()
    assert_clean(app)
    assert app.subheader[-1].value == "Loaded now: 30 districts from fictional sample"


def test_uploaded_workbook_shows_its_district_and_the_flagged_cell():
    app = uploaded()
    assert "Your upload gave 1 district(s)" in app.success[0].value
    assert any(f"#### {NAME}" in m.value and "Needs fixes (1 error)" in m.value
               for m in app.markdown)
    [(where, message)] = report(app)
    assert where == FLAGGED
    assert message.startswith("This cell should hold a number. Found “lots”.")


def test_fixing_the_flagged_cell_in_the_editor_clears_the_error():
    app = uploaded()
    editor = state.key("upload", "fix", "profile", NAME, "0")
    # The flagged cell's row is marked beside the grid until it is fixed.
    assert app.data_editor(key=editor).value.iloc[0].tolist() == [
        "Number of students", "", "⚠ fix"]
    app.session_state[editor] = {"edited_rows": {0: {"Value": "6,000"}}, "added_rows": [],
                                 "deleted_rows": []}
    app.run()
    assert_clean(app)
    assert any(f"#### {NAME}" in m.value and "✓ Ready" in m.value for m in app.markdown)
    fixed = state.key("upload", "fix", "profile", NAME, "1")
    assert app.data_editor(key=fixed).value.iloc[0].tolist() == ["Number of students", "6,000"]


def test_a_value_typed_badly_in_the_editor_is_located_in_the_grid():
    app = uploaded(students=6000)
    editor = state.key("upload", "fix", "sources", NAME, "0")
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
    assert app.subheader[0].value == "Map columns the importer did not recognise"
    assert sorted(m.value.split("\n")[0] for m in app.markdown if m.value.startswith("####")) \
        == ["#### Bar District", "#### Foo District"]
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
    assert any(m.value.startswith("#### Foo District") for m in app.markdown)


def test_present_mode_clicks_through_screens():
    app = open_page("pages/7_Present.py")
    assert app.header[0].value == "Who we are"
    app.button(key="present.next").click().run()
    assert_clean(app)
    assert app.header[0].value == "Our district"


def test_rows_ticked_on_compare_become_the_packet():
    from advocacy import samples

    app = open_page("pages/6_Compare.py", samples.load_sample("lakeland_statewide"), "sample")
    shown = list(app.dataframe[0].value["District"])
    # AppTest cannot click a grid row; a ticked row reaches the page as this selection state.
    app.session_state[state.key("compare", "table")] = {
        "selection": {"rows": [0, 2], "columns": [], "cells": []}}
    app.run()
    assert_clean(app)
    assert "**Packet selection:** 2 district(s)." in [m.value for m in app.markdown]
    app.switch_page("pages/5_Export.py").run()
    app.button(key="export.packet").click().run()
    assert_clean(app)
    reader = PdfReader(io.BytesIO(state.kept_exports(app.session_state)["packet"].data))
    bookmarks = [item.title for item in reader.outline if not isinstance(item, list)]
    assert shown[0] in bookmarks and shown[2] in bookmarks
    assert shown[1] not in " ".join(page.extract_text() for page in reader.pages)


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
    [row] = app.dataframe[0].value.to_dict("records")
    figures = metrics.compute(samples.load_sample("maple_valley").districts[0]).latest
    assert row["Per teacher"] == round(figures.per_teacher_usd)  # 2,298.6 shows as $2,299
    assert row["Per teacher"] != int(figures.per_teacher_usd)
