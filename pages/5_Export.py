"""Export: PDF, packet, slides, workbook and HTML for the chosen districts. Files are built on
click and kept until what they were built from changes; warnings are shown with each file."""

import streamlit as st

from advocacy.app import exporting, packet_form, state, widgets
from advocacy.app.inert import md

state.init()
widgets.page("Export", "📦")

names = state.names()
if not names:
    widgets.no_data()
    st.stop()
widgets.fictional_note()

formats = exporting.FORMATS
labels = {fmt.label: fmt for fmt in formats}
chosen_names = widgets.pick_many("Districts", state.key("export", "districts"), "export",
                                 default=[state.current()])
chosen_labels = st.pills("Files", list(labels), selection_mode="multi",
                         default=[formats[0].label], key=state.key("export", "formats"))
chosen = [state.district(name) for name in chosen_names]
blocked = [d.name for d in chosen if not state.ready(d.name)]
for name in blocked:
    st.error(f"{md(name)} has errors to fix on the Upload page before it can be exported. "
             "Other districts are not affected.")
ready = [d for d in chosen if d.name not in blocked]

if st.button("Build files", type="primary", disabled=not (ready and chosen_labels),
             key=state.key("export", "build")):
    with st.spinner("Building…"):
        for district in ready:
            for label in chosen_labels:
                exporting.build(labels[label], district)

for district in ready:
    built = [(fmt, exporting.kept(fmt.key, district)) for fmt in formats]
    built = [(fmt, result) for fmt, result in built if result is not None]
    if built:
        st.markdown(f"**{md(district.name)}**")
        columns = st.columns(len(built))
        for column, (fmt, result) in zip(columns, built, strict=True):
            with column:
                widgets.download(result, f"Download {fmt.label}",
                                 key=state.key("export", "download", fmt.key, district.name))

st.divider()
st.header("Briefing packet")
packet_form.cover_fields()
request = exporting.packet_request()
front = exporting.packet_front(request)
packet_form.holds(front)
packet_columns = st.columns(2)
built = []
for column, kind, label in ((packet_columns[0], exporting.PACKET, "one PDF packet"),
                            (packet_columns[1], exporting.ZIP, "a ZIP of PDFs")):
    with column:
        if st.button(f"Build {label}", disabled=not front.count, key=state.key("export", kind)):
            with st.spinner("Building…"):
                exporting.build_packet(kind, request)
        result = exporting.kept_packet(kind, request)
        if result is not None:
            built.append(result)
            widgets.download(result, f"Download {label}", key=state.key("export", "download",
                                                                         kind), notes=False)
if built:
    packet_form.build_notes(built[0].warnings)
