"""Upload & check: several files, a check report by district (errors first), inline fixing,
and a column mapping for tables the importer could not recognise on its own."""

import streamlit as st

from advocacy.app import mapping_step, state, upload, widgets
from advocacy.app.fixing import editors
from advocacy.app.inert import md

state.init()
widgets.page("Upload & check", "📤")

upload.box("upload")
upload.summary()

last = state.last_upload()
if last is not None:
    mapping_step.render(last)
    file_issues = last.for_district(None)
    if file_issues:
        st.subheader("About the files")
        widgets.issue_table(file_issues)

names = state.names()
if not names:
    widgets.no_data()
    st.stop()

st.subheader("Check report")
widgets.fictional_note()
if state.origin() == "sample":
    st.caption("Showing the fictional sample. Upload your own files above to check them.")
# Districts that need fixes come first, so the report reads top-down as a to-do list.
ordered = sorted(names, key=lambda name: state.ready(name))
for name in ordered:
    with st.container(border=True):
        st.markdown(f"#### {md(name)}\n{widgets.status_line(name)}")
        found = state.issues(name)
        if found:
            widgets.issue_table(found)

st.subheader("Fix values")
district = widgets.district_picker("upload")
if district is not None:
    editors(district.name, "upload")
