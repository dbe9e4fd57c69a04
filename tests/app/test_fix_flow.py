"""The Upload page's fix flow in the real app (AppTest): a merged-title workbook reads with the
right district name, a value typed over a flagged cell settles that issue at once while honest
blanks stay blank, blanks can be marked, "did you mean" is one click, districts can be renamed,
and one broken part of the page never hides the check report. Fictional data."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from advocacy.app import state
from tests import factories
from tests.app.conftest import assert_clean, open_page, shown
from tests.app.workbooks import XLSX_MIME, pretty_workbook, typo_workbook

pytestmark = pytest.mark.app

NAME = "Birch Hollow"  # pretty_workbook's district


def uploaded(*sources):
    app = open_page("pages/1_Upload.py")
    app.file_uploader(key="upload.upload").set_value(
        [(s.name, s.data, XLSX_MIME) for s in sources]).run()
    assert_clean(app)
    return app


def headings(app) -> list[str]:
    return [m.value.split("\n") for m in app.markdown if m.value.startswith("### ")]


def report(app) -> list[tuple[str, str]]:
    frames = [t.value for t in app.table if "Where" in t.value.columns]
    return [(shown(where), kind) for frame in frames
            for where, kind in zip(frame["Where"], frame["Severity"], strict=True)]


def test_merged_title_workbook_uploads_with_the_right_district_name():
    app = uploaded(pretty_workbook())
    assert headings(app) == [[f"### {NAME}", "✗ Needs fixes (1 error)"]]
    assert report(app) == [("birch.xlsx › District profile › B5", "✗ Error")]
    assert app.selectbox(key="pick.upload").value == NAME


def test_fixing_the_flagged_cell_from_its_row_settles_it_and_blanks_stay_blank():
    app = uploaded(pretty_workbook())
    app.button(key=state.fix_key("open", NAME, "students")).click().run()
    app.text_input(key=state.fix_key("value", NAME, "students")).input("6,000")
    app.button(key=state.fix_key("save", NAME, "students")).click().run()
    assert_clean(app)
    assert headings(app) == [[f"### {NAME}", "✓ Ready"]]
    assert report(app) == []
    fixed = state.edited_in(app.session_state, NAME)
    assert fixed.profile.students == 6000
    assert fixed.profile.schools is None  # the honest blank stays blank, never 0
    assert ("State", "2022-23") not in {(s.source, str(s.school_year)) for s in fixed.spending}
    app.switch_page("pages/5_Export.py").run()
    assert_clean(app)
    assert app.error == [] or not [e for e in app.error if NAME in e.value]
    assert not app.button(key="export.build").disabled
    app.button(key="export.build").click().run()
    assert_clean(app)
    assert f"pdf:{NAME}" in state.kept_exports(app.session_state)


def test_typing_in_the_grid_settles_the_cell_at_once():
    app = uploaded(pretty_workbook())
    editor = state.grid_key("upload", "profile", NAME, app.session_state)
    app.session_state[editor] = {"edited_rows": {0: {"Value": "6000"}}, "added_rows": [],
                                 "deleted_rows": []}
    app.run()
    assert_clean(app)
    assert headings(app) == [[f"### {NAME}", "✓ Ready"]]
    fixed = state.edited_in(app.session_state, NAME)
    assert (fixed.profile.students, fixed.profile.schools) == (6000, None)


def test_a_flagged_blank_can_be_marked_unknown():
    app = uploaded(pretty_workbook())
    app.button(key=state.fix_key("mark-unknown", NAME, "students")).click().run()
    assert_clean(app)
    assert headings(app) == [[f"### {NAME}", "✓ Ready"]]
    fixed = state.edited_in(app.session_state, NAME)
    assert fixed.profile.students is None and dict(fixed.marked) == {"students": "unknown"}
    editor = state.grid_key("upload", "profile", NAME, app.session_state)
    assert app.data_editor(key=editor).value.iloc[0].tolist() == ["Number of students", "unknown"]


def test_the_grid_shows_five_years_and_flags_the_cell():
    bad = factories.xlsx({"Spending": [
        ["District name", NAME], [],
        ["Source", "2023-24", "2021-22"], ["Title II-A", "$1,2,3", 900]]}, name="birch.xlsx")
    app = uploaded(bad)
    editor = app.data_editor(key=state.grid_key("upload", "sources", NAME, app.session_state))
    assert list(editor.value.columns) == [
        "Source", "2023-24", "2022-23", "2021-22", "2020-21", "2019-20", "Needs a fix"]
    assert editor.value.iloc[0].tolist() == ["Title II-A", "", "", "$900", "", "", "⚠ 2023-24"]
    assert any("Flagged: Title II-A (2023-24)" in shown(c.value) for c in app.caption)
    assert any("Figures for 2023-24 are provisional" in w.value for w in app.warning)


def test_the_picker_starts_on_a_district_with_errors():
    good = pretty_workbook(6000, name="Aspen Grove", file="aspen.xlsx")
    app = uploaded(good, pretty_workbook())
    assert app.selectbox(key="pick.upload").value == NAME


def test_did_you_mean_is_accepted_in_one_click():
    source = factories.xlsx({"Profile": [["District name", NAME], ["Nmber of studnts", 5000]]},
                            name="birch.xlsx")
    app = uploaded(source)
    accept = [b for b in app.button if b.label == "Use “Number of students”"]
    assert len(accept) == 1
    accept[0].click().run()
    assert_clean(app)
    assert app.session_state["data.loaded"].districts[0].profile.students == 5000
    assert report(app) == [("birch.xlsx", "! Warning")]  # no spending yet; the label is read
    assert not [b for b in app.button if b.label.startswith("Use “")]


def test_a_district_can_be_renamed_and_stays_blocked_until_fixed():
    app = uploaded(pretty_workbook())
    app.text_input(key=state.fix_key("rename", NAME)).input("Birch Hollow USD").run()
    assert_clean(app)
    assert headings(app)[0][0] == "### Birch Hollow USD"
    assert app.selectbox(key="pick.upload").options == ["Birch Hollow USD"]
    app.switch_page("pages/5_Export.py").run()
    assert_clean(app)
    assert [e.value.split(" has errors")[0] for e in app.error] == ["Birch Hollow USD"]
    assert app.button(key="export.build").disabled


def test_repeated_header_text_never_shares_a_widget_key_and_removing_clears_it():
    odd = b"Amount,Amount,Notes\n1,2,x\n3,4,y\n"
    app = open_page("pages/1_Upload.py")
    app.file_uploader(key="upload.upload").set_value(("odd.csv", odd, "text/csv")).run()
    assert_clean(app)
    assert [s.key for s in app.selectbox if s.key.startswith("mapping.0.")] == [
        "mapping.0.0", "mapping.0.1", "mapping.0.2"]
    app.file_uploader(key="upload.upload").set_value([]).run()
    assert_clean(app)
    assert not [s for s in app.selectbox if s.key.startswith("mapping.")]
    assert not [s for s in app.header if s.value.startswith("Map columns")]


def test_one_broken_part_never_hides_the_check_report(monkeypatch):
    from advocacy.app import mapping_step

    def broken(result):
        raise RuntimeError("a bug in the mapping step")

    monkeypatch.setattr(mapping_step, "render", broken)
    app = uploaded(pretty_workbook())
    assert any("could not be shown (RuntimeError)" in e.value for e in app.error)
    assert headings(app) == [[f"### {NAME}", "✗ Needs fixes (1 error)"]]


def test_figures_from_a_year_with_open_errors_are_provisional():
    bad = factories.xlsx({"Spending": [
        ["District name", NAME], ["Number of teachers", 10], [],
        ["Source", "2023-24", "2022-23"], ["Title II-A", 1000, 900], ["State", "$1,2,3", 400]]},
        name="birch.xlsx")
    app = uploaded(bad)
    app.switch_page("pages/2_Who_we_are.py").run()
    assert_clean(app)
    assert [s.value for s in app.header if s.value.startswith("Derived")] == [
        "Derived figures, 2023-24 (provisional)"]
    assert any("Figures for 2023-24 are provisional" in w.value for w in app.warning)
    app.switch_page("pages/1_Upload.py").run()
    editor = state.grid_key("upload", "sources", NAME, app.session_state)
    app.session_state[editor] = {"edited_rows": {1: {"2023-24": "$1,200"}}, "added_rows": [],
                                 "deleted_rows": []}
    app.run()
    app.switch_page("pages/2_Who_we_are.py").run()
    assert [s.value for s in app.header if s.value.startswith("Derived")] == [
        "Derived figures, 2023-24"]


def test_a_fix_typed_before_accepting_a_did_you_mean_is_still_there():
    app = uploaded(typo_workbook())
    assert headings(app) == [[f"### {NAME}", "✗ Needs fixes (1 error), 1 warning"]]
    editor = state.grid_key("upload", "sources", NAME, app.session_state)
    app.session_state[editor] = {"edited_rows": {0: {"2023-24": "$1,200"}}, "added_rows": [],
                                 "deleted_rows": []}
    app.run()
    app.text_input(key=state.fix_key("rename", NAME)).input("Birch Hollow USD").run()
    assert headings(app)[0] == ["### Birch Hollow USD", "✓ Ready, 1 warning"]
    [accept] = [b for b in app.button if b.label == "Use “Number of students”"]
    accept.click().run()
    assert_clean(app)
    # The files were read again with the label mapped; everything typed is applied on top.
    assert app.session_state["data.loaded"].districts[0].profile.students == 5000
    fixed = state.edited_in(app.session_state, NAME)
    assert {str(s.school_year): s.amount_usd for s in fixed.spending
            if s.source == "Title II-A"} == {"2023-24": 1200, "2022-23": 900}
    assert (fixed.name, fixed.profile.students, fixed.profile.schools) == (
        "Birch Hollow USD", 5000, None)
    assert headings(app)[0] == ["### Birch Hollow USD", "✓ Ready"]
    grid = app.data_editor(key=state.grid_key("upload", "sources", NAME, app.session_state))
    assert grid.value.iloc[0].tolist()[:3] == ["Title II-A", "$1,200", "$900"]
    assert not [h for h in app.header if h.value == "Your edits not applied"]


def test_a_misspelt_source_is_accepted_in_one_click_and_fixes_survive():
    source = factories.xlsx({"Spending": [
        ["District name", NAME], ["Number of students", 5000], [],
        ["Source", "2023-24", "2022-23"], ["Titel 2", 1200, "$1,2,3"], ["State", 500, 400]]},
        name="birch.xlsx")
    app = uploaded(source)
    assert ("birch.xlsx › Spending › A5", "! Warning") in report(app)
    editor = state.grid_key("upload", "sources", NAME, app.session_state)
    # State first (template order), then the district's own "Titel 2" row.
    app.session_state[editor] = {"edited_rows": {0: {"2023-24": "$550"}}, "added_rows": [],
                                 "deleted_rows": []}
    app.run()
    [accept] = [b for b in app.button if shown(b.label) == "Use “Title II-A”"]
    accept.click().run()
    assert_clean(app)
    fixed = state.edited_in(app.session_state, NAME)
    assert {(s.source, str(s.school_year)): s.amount_usd for s in fixed.spending} == {
        ("Title II-A", "2023-24"): 1200, ("State", "2023-24"): 550, ("State", "2022-23"): 400}
    assert not [where for where, _ in report(app) if where.endswith("A5")]


def test_edits_for_a_district_no_longer_loaded_are_said_and_come_back_with_its_file():
    app = uploaded(pretty_workbook())
    app.button(key=state.fix_key("mark-unknown", NAME, "students")).click().run()
    other = pretty_workbook(6000, name="Aspen Grove", file="aspen.xlsx")
    app.file_uploader(key="upload.upload").set_value(
        [(other.name, other.data, XLSX_MIME)]).run()
    assert_clean(app)
    assert [h.value for h in app.header if h.value == "Your edits not applied"] == [
        "Your edits not applied"]
    birch = pretty_workbook()
    app.file_uploader(key="upload.upload").set_value(
        [(s.name, s.data, XLSX_MIME) for s in (other, birch)]).run()
    assert_clean(app)
    assert not [h for h in app.header if h.value == "Your edits not applied"]
    assert dict(state.edited_in(app.session_state, NAME).marked) == {"students": "unknown"}


def png_logo() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (20, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_renamed_district_keeps_its_story_logo_and_follows_on_every_page():
    app = uploaded(pretty_workbook(6000))
    app.switch_page("pages/3_Story.py").run()
    challenge = "Half of our new teachers left within three years."
    app.text_area(key=f"story.challenge.{NAME}").input(challenge).run()
    app.file_uploader(key=f"story.logo.{NAME}").set_value(
        ("logo.png", png_logo(), "image/png")).run()
    assert_clean(app)
    app.switch_page("pages/1_Upload.py").run()
    app.text_input(key=state.fix_key("rename", NAME)).input("Birch Hollow USD").run()
    assert_clean(app)

    app.switch_page("pages/3_Story.py").run()
    assert_clean(app)
    assert app.selectbox(key="pick.story").value == "Birch Hollow USD"
    assert app.text_area(key=f"story.challenge.{NAME}").value == challenge
    assert state.typed_story(app.session_state, NAME).challenge == challenge
    assert [b for b in app.button if b.key == f"story.logo_remove.{NAME}"]  # the logo stayed

    app.switch_page("pages/6_Compare.py").run()
    assert_clean(app)
    assert app.dataframe[0].value["District"].tolist() == ["Birch Hollow USD"]

    app.switch_page("pages/7_Present.py").run()
    assert_clean(app)
    app.button(key="present.start").click().run()
    assert any(m.value.startswith("Birch Hollow USD · screen 1") for m in app.markdown)

    app.switch_page("pages/5_Export.py").run()
    assert_clean(app)
    app.button(key="export.build").click().run()
    assert_clean(app)
    pdf = PdfReader(io.BytesIO(state.kept_exports(app.session_state)["pdf:Birch Hollow USD"].data))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Birch Hollow USD" in text and "new teachers left" in text
    assert pdf.pages[0].images  # the logo printed under the new name
