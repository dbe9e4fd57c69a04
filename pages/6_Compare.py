"""Compare: every loaded district's key figures, sortable and filterable, charts across districts,
and a row selection that feeds the briefing packet on the Export page."""

import pandas as pd
import plotly.express as px
import streamlit as st

from advocacy import metrics
from advocacy.app import state, widgets

state.init()
widgets.page("Compare districts", "⚖️")

districts = state.districts()
if not districts:
    widgets.no_data()
    st.stop()
widgets.fictional_note()

rows = state.memo(("compare", districts), lambda: metrics.comparison_rows(districts))
table = pd.DataFrame(rows)
needle = st.text_input("Filter by name or state", key=state.key("compare", "filter"))
if needle:
    text = (table["District"].astype(str) + " " + table["State"].fillna("").astype(str))
    table = table[text.str.contains(needle, case=False, regex=False)]

st.caption("Click a column heading to sort. Tick rows to choose the districts for the packet; "
           "with none ticked, the packet holds every ready district.")
event = st.dataframe(
    table, hide_index=True, width="stretch", on_select="rerun", selection_mode="multi-row",
    key=state.key("compare", "table"),
    column_config={
        "PL dollars": st.column_config.NumberColumn(format="$%,d"),
        "Per teacher": st.column_config.NumberColumn(format="$%,d"),
        "Per student": st.column_config.NumberColumn(format="$%,d"),
        "Title II-A share": st.column_config.NumberColumn(format="percent"),
        "PL dollars change %": st.column_config.NumberColumn(format="%.1f%%"),
        "Students": st.column_config.NumberColumn(format="localized"),
    })
picked = tuple(table.iloc[index]["District"] for index in event.selection.rows)
state.set_selection(picked or None)
st.markdown(f"**Packet selection:** {len(state.selection())} district(s).")
st.page_link("pages/5_Export.py", label="Build the packet on the Export page",
             icon=":material/inventory_2:")

charted = table.dropna(subset=["PL dollars"])
if not charted.empty:
    left, right = st.columns(2, gap="large")
    with left:
        figure = px.bar(charted.sort_values("PL dollars"), x="PL dollars", y="District",
                        orientation="h", title="Professional-learning dollars, latest year")
        st.plotly_chart(figure, width="stretch", key=state.key("compare", "dollars"))
    with right:
        figure = px.scatter(charted, x="Per teacher", y="Title II-A share", hover_name="District",
                            title="Dollars per teacher and Title II-A share")
        figure.update_yaxes(tickformat=".0%")
        st.plotly_chart(figure, width="stretch", key=state.key("compare", "scatter"))
    st.caption("Alt text: bar chart of each district's professional-learning dollars in its "
               "latest year, and a scatter of dollars per teacher against the Title II-A share.")
