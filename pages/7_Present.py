"""Presentation mode for meetings: large type, no editing chrome, one district's story as
screens to click through."""

import streamlit as st

from advocacy.app import present, state, widgets

state.init()
widgets.page("Present", "🎤")
present.style()

district = widgets.district_picker("present")
if district is None:
    st.stop()
present.show(district)
