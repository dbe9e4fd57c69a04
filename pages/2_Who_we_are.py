"""Who we are: the district description and both spending tables as on the template (newest
year first), the derived figures and the charts; values editable with the same checks as upload."""

import pandas as pd
import streamlit as st

from advocacy import edit, formatting
from advocacy.app import sources, state, widgets
from advocacy.app.fixing import editors
from advocacy.app.inert import md

state.init()
widgets.page("Who we are", "🏫")

district = widgets.district_picker("who")
if district is None:
    st.stop()
widgets.fictional_note(district)
st.markdown(f"{widgets.status_line(district.name)}")
widgets.provisional_note(district.name)
figures = sources.figures(district)

st.subheader("District description")
# A wrapping row of fixed-width cards, so big numbers are never cut off on narrow screens.
with st.container(horizontal=True, gap="medium"):
    for row in edit.profile_rows(district):
        st.metric(md(row[edit.FIELD]), row[edit.VALUE] or formatting.DASH, width=210, border=True)

latest = figures.latest
# A year with open errors gives figures that may change once the errors are fixed.
provisional = latest is not None and latest.school_year in edit.provisional_years(
    state.issues(district.name))
st.subheader("Derived figures" + (f", {latest.school_year}" if latest else "")
             + (" (provisional)" if provisional else ""))
change = figures.total_change
derived = (
    ("Professional-learning dollars", formatting.usd(latest and latest.total_usd)),
    ("Title II-A share", formatting.share(latest and latest.title_ii_a_share)),
    ("Per teacher", formatting.usd(latest and latest.per_teacher_usd)),
    ("Per student", formatting.usd(latest and latest.per_student_usd)),
    (f"Change since {change.first_year}" if change else "Change over the years",
     formatting.signed_pct(change.relative_pct) if change else formatting.DASH),
)
with st.container(horizontal=True, gap="medium"):
    for label, value in derived:
        st.metric(label, value, width=250, border=True)

left, right = st.columns(2, gap="large")
for column, title, table in ((left, "Spending on professional learning, by source",
                              edit.spending_rows(district)),
                             (right, "How these dollars are spent", edit.use_rows(district))):
    with column:
        st.subheader(title)
        if table:
            st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")
        else:
            st.caption("No figures yet. Add them below.")

specs = [spec for spec in sources.chart_specs(district)
         if spec.id in ("spending_by_source", "spending_by_use")]
if specs:
    chart_columns = st.columns(len(specs))
    for column, spec in zip(chart_columns, specs, strict=True):
        with column:
            widgets.chart(spec, key_prefix="who.chart")

with st.expander("Edit these values", icon=":material/edit:"):
    editors(district.name, "who")
    issues = state.issues(district.name)
    widgets.issue_table(issues)
