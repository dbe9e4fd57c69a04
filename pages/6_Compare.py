"""Compare: every loaded district's key figures, filtered by state or name, sorted, paged, with
charts across the districts on the page; the filtered, sorted rows (or the ticked ones) are the
briefing packet on the Export page."""

import streamlit as st

from advocacy import compare, compare_charts, metrics
from advocacy.app import comparing, exporting, packet_form, state, widgets
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
kept, labels = comparing.view(rows)
st.caption("Tick “Packet” on rows to choose the packet's districts; with none ticked, the packet "
           "holds every row the filter leaves, in the order shown.")
shown = comparing.table(kept, labels)
# The grid's own CSV export is off (client.disableDataExport): it would write a district named
# "=HYPERLINK(…)" as a live formula. This one writes it as text.
st.download_button("Download these rows (CSV)", on_click="ignore", mime="text/csv",
                   data=table_csv.to_csv([compare.shown(row, labels) for row in kept]),
                   file_name="compare-districts.csv", key=state.key("compare", "csv"),
                   icon=":material/download:")
chosen = comparing.selection(kept)
state.set_selection(chosen)
# The count and the left-out names come from the packet's own front matter, as on Export, so
# the two pages never disagree about what the packet holds.
front = exporting.packet_front(exporting.packet_request())
held = front.count
st.markdown(f"**Packet selection:** {held:,} district{'s' * (held != 1)}.")
if front.excluded:
    left = len(front.excluded)
    named = ", ".join(md(item.name) for item in front.excluded[:5])
    more = f" and {left - 5:,} more" if left > 5 else ""
    st.caption(f"{left:,} more in the selection {'is' if left == 1 else 'are'} left out "
               f"{packet_form.until_fixed(left)}: {named}{more}.")
st.page_link("pages/5_Export.py", label="Build the packet on the Export page",
             icon=":material/inventory_2:")

if len(compare_charts.charted(shown)) < compare_charts.MIN_DISTRICTS:
    st.info("Charts across districts need two or more with spending figures: load the "
            "statewide sample or upload several districts.", icon=":material/bar_chart:")
else:
    st.caption(f"Charts show the {len(shown):,} districts on this page of the table.")
    left, right = st.columns(2, gap="large")
    with left:
        st.plotly_chart(compare_charts.dollars_figure(shown), width="stretch", theme=None,
                        key=state.key("compare", "dollars"))
    with right:
        st.plotly_chart(compare_charts.per_teacher_figure(shown), width="stretch", theme=None,
                        key=state.key("compare", "per_teacher"))
    st.plotly_chart(compare_charts.share_figure(shown), width="stretch", theme=None,
                    key=state.key("compare", "scatter"))
    st.caption(f"**Alt text:** {md(compare_charts.alt_text(shown))}")
