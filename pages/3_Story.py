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

# Widgets and typed text are kept by the district's loaded name, never the name it is shown
# under: a rename on the Upload page keeps its story, accepted drafts, contact and logo.
name = state.key_of(district.name)
edit_column, preview_column = st.columns(2, gap="large")
with edit_column:
    story_desk.program_fields(name)
    for part in story_editor.PARTS:
        story_editor.part_editor(name, part)
    story_editor.standards(name)
    story_editor.contact(name)
    story_editor.logo(name)
with preview_column:
    st.header("Preview")
    preview.render(name)
