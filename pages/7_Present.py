"""Presentation mode for meetings: large type, no editing chrome, one district's story as
screens to click through. Once presenting, the page title and district picker step aside."""

import streamlit as st

from advocacy.app import present, state, widgets

state.init()
presenting = state.presenting() and state.district(state.current()) is not None
widgets.page("Present", "🎤", heading=not presenting)

if presenting:
    present.show(state.district(state.current()))
    st.stop()
district = widgets.district_picker("present")
if district is None:
    st.stop()
present.setup(district)
