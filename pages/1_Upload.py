"""Upload & check: several files, a check report by district (errors first) with fixes on each
issue's row, inline grids, and a column mapping for tables the importer could not recognise.
Each part renders on its own, so one failure never hides the check report."""

import streamlit as st

from advocacy.app import fixing, mapping_step, state, upload, widgets
from advocacy.app.inert import md

state.init()
widgets.page("Upload & check", "📤")
REPORT_PAGE = 20  # districts' reports per page


def files_part() -> None:
    upload.box("upload")
    upload.summary()


def mapping_part() -> None:
    last = state.last_upload()
    if last is not None:
        mapping_step.render(last)


def file_issues_part() -> None:
    last = state.last_upload()
    file_issues = last.for_district(None) if last is not None else ()
    if file_issues:
        st.header("About the files")
        widgets.issue_table(file_issues)


def unapplied_part() -> None:
    kept = state.unapplied_edits()
    if kept:
        st.header("Your edits not applied")
        st.caption("These values were typed for a district that is not in the files now "
                   "loaded. They are kept: upload its file again and they apply once more.")
        widgets.issue_table(kept)


def district_report(name: str) -> None:
    with st.container(border=True):
        st.markdown(f"### {md(state.display_name(name))}\n{widgets.status_line(name)}")
        found = state.issues(name)
        if found:
            widgets.issue_table(found, key=state.key("upload", "issues", name))
            fixing.issue_actions(name, found)
        widgets.provisional_note(name)


def fix_part() -> None:
    st.header("Fix values")
    district = widgets.district_picker("upload")
    if district is not None:
        fixing.rename(state.current())
        fixing.editors(state.current(), "upload")


widgets.section(files_part)
widgets.section(mapping_part)
widgets.section(file_issues_part)
widgets.section(unapplied_part)

names = state.names()
if not names:
    widgets.no_data()
    st.stop()

st.header("Check report")
widgets.fictional_note()
if state.origin() == "sample":
    st.caption("Showing the fictional sample. Upload your own files above to check them.")
lists = state.issue_lists(names)
widgets.code_summary([issue for found in lists for issue in found])
ready = state.ready_names(names)
# Districts that need fixes come first, so the report reads top-down as a to-do list; a
# statewide or national table is paged, never thousands of districts drawn at once.
for name in widgets.paged(sorted(names, key=lambda name: name in ready),
                          key=state.key("upload", "report", "page"), size=REPORT_PAGE,
                          noun="districts"):
    widgets.section(district_report, name)

widgets.section(fix_part)
