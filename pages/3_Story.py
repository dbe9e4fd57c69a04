"""The story: challenge, solution and impact with drafts to pick, live word counts and number
checks; the Standards for Professional Learning; contact details; logo; a live preview."""

import streamlit as st

from advocacy.app import preview, state, story_desk, story_editor, widgets

state.init()
widgets.page("The story", "✍️")

district = widgets.district_picker("story")
if district is None:
    st.stop()
widgets.fictional_note(district)
st.caption("Keep words brief and make numbers prominent so they are easy to see at a glance.")

edit_column, preview_column = st.columns(2, gap="large")
with edit_column:
    story_desk.program_fields(district.name)
    for part in story_editor.PARTS:
        story_editor.part_editor(district.name, part)
    story_editor.standards(district.name)
    story_editor.contact(district.name)
    story_editor.logo(district.name)
with preview_column:
    st.subheader("Preview")
    preview.render(district.name)
