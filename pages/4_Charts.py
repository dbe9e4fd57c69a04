"""Charts: every chart for one district, interactive, with its alt text beneath and PNG (from the
chart's toolbar) and SVG downloads."""

import streamlit as st

from advocacy.app import sources, state, widgets
from advocacy.app.inert import md

state.init()
widgets.page("Charts", "📊")

district = widgets.district_picker("charts")
if district is None:
    st.stop()
widgets.fictional_note(district)

specs = sources.chart_specs(district)
if not specs:
    st.info("This district has no figures to chart yet. Add spending or outcomes on Upload.")
st.caption("Hover for values. The camera button on a chart downloads it as PNG.")
columns = st.columns(2, gap="large")
for index, spec in enumerate(specs):
    with columns[index % 2], st.container(border=True):
        if spec.takeaway:
            st.markdown(f"**{md(spec.takeaway)}**")
        widgets.chart(spec, key_prefix="charts.chart")
