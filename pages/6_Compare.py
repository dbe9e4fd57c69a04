"""Compare: every loaded district's key figures, sortable and filterable, charts across districts,
and a row selection that feeds the briefing packet on the Export page."""

import pandas as pd
import streamlit as st

from advocacy import compare_charts, metrics
from advocacy.app import state, widgets
from advocacy.app.inert import md
from advocacy.exports import table_csv

state.init()
widgets.page("Compare districts", "⚖️")

districts = state.districts()
if not districts:
    widgets.no_data()
    st.stop()
widgets.fictional_note()

rows = state.memo(("compare", districts), lambda: metrics.comparison_rows(districts))
table = pd.DataFrame(rows)
# The grid's "%d" truncates: $2,298.6 per teacher would show as $2,298 beside the $2,299 that
# every other page (and the PDF) rounds to.
dollars = ["PL dollars", "Per teacher", "Per student"]
table[dollars] = table[dollars].round(0)
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
# The grid's own CSV export is off (client.disableDataExport): it would write a district named
# "=HYPERLINK(…)" as a live formula. This one writes it as text.
st.download_button("Download this table (CSV)", data=table_csv.to_csv(table.to_dict("records")),
                   file_name="compare-districts.csv", mime="text/csv", on_click="ignore",
                   key=state.key("compare", "csv"), icon=":material/download:")
picked = tuple(table.iloc[index]["District"] for index in event.selection.rows)
state.set_selection(picked or None)
st.markdown(f"**Packet selection:** {len(state.selection())} district(s).")
st.page_link("pages/5_Export.py", label="Build the packet on the Export page",
             icon=":material/inventory_2:")

rows_shown = table.to_dict("records")
if len(compare_charts.charted(rows_shown)) < compare_charts.MIN_DISTRICTS:
    st.info("Charts across districts need two or more with spending figures: load the "
            "statewide sample or upload several districts.", icon=":material/bar_chart:")
else:
    left, right = st.columns(2, gap="large")
    with left:
        st.plotly_chart(compare_charts.dollars_figure(rows_shown), width="stretch", theme=None,
                        key=state.key("compare", "dollars"))
    with right:
        st.plotly_chart(compare_charts.share_figure(rows_shown), width="stretch", theme=None,
                        key=state.key("compare", "scatter"))
    st.caption(f"**Alt text:** {md(compare_charts.alt_text(rows_shown))}")
