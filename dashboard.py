"""Start page: what the tool does, fictional samples in one click, the template, an upload box.

A sample is loaded by default so a demo never starts empty. Reads and writes state only through
advocacy.app.state; parsing happens in advocacy.load, never here.
"""

import streamlit as st

from advocacy.app import shared, state, upload, widgets
from advocacy.app.inert import md

state.init()
widgets.page("Make Your Case", "📣")

st.markdown(
    "**Turn the spreadsheets your district already has into a two-page advocacy one-pager.** "
    "Upload them, fix what the checks flag, pick a drafted story, and download a print-ready "
    "PDF, slides or a briefing packet for policymakers.")

left, right = st.columns(2, gap="large")
with left:
    st.subheader("Try it with sample data")
    st.caption("Every sample district is fictional: made-up numbers, people and places.")
    choices = shared.sample_choices()
    for choice in choices:
        if st.button(choice.title, key=state.key("start", "sample", choice.key),
                     icon=":material/map:" if choice.statewide else ":material/school:",
                     width="stretch"):
            state.set_loaded(shared.sample(choice.key), "sample")
            st.toast(f"Loaded {choice.title} (fictional)")
    st.download_button("Download the blank template workbook", data=shared.template(),
                       file_name="make-your-case-template.xlsx", on_click="ignore",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key=state.key("start", "template"), icon=":material/download:")

with right:
    st.subheader("Or use your own spreadsheets")
    upload.box("start")

st.divider()
loaded = state.districts()
origin = "fictional sample" if state.origin() == "sample" else "your upload"
st.subheader(f"Loaded now: {len(loaded)} district{'s' * (len(loaded) != 1)} from {origin}")
widgets.fictional_note()
for district in loaded[:8]:
    st.markdown(f"- **{md(district.name)}**: {widgets.status_line(district.name)}")
if len(loaded) > 8:
    st.caption(f"…and {len(loaded) - 8} more; see Compare.")
st.page_link("pages/3_Story.py", label="Next: write the story", icon=":material/edit_note:")
