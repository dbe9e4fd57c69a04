"""The packet's cover fields on the Export page, and the packet's one line of notes per district.

Owns the widgets for the title, subtitle, event, date, presenter, organization and cover note,
kept in ``state`` as a PacketOptions (typed text survives page changes and uploads), and how
what the packet holds (its count, the districts left out: the packet's own front matter) and
the build notes are listed. Wording of reasons and notes is advocacy.exports'; this module
only shows them.
"""

from __future__ import annotations

import datetime
from dataclasses import replace

import pandas as pd
import streamlit as st

from advocacy.app import state
from advocacy.exports.briefing import DEFAULT_TITLE, FIELD_LIMIT, NOTE_LIMIT, Front, PacketOptions
from advocacy.exports.packet import notes
from advocacy.issues import Issue

TEXT_FIELDS = (  # PacketOptions field, label, placeholder
    ("title", "Title", DEFAULT_TITLE),
    ("subtitle", "Subtitle", "Left empty: how many districts and what the packet shows"),
    ("event", "Event", "e.g. House Education Committee briefing"),
    ("presenter", "Presenter", "e.g. Dana Ortiz, Policy Director"),
    ("organization", "Organization", "e.g. Learning Forward Lakeland"),
)


def widget_key(field: str) -> str:
    return state.key("export", "packet", field)


def cover_fields() -> PacketOptions:
    """The cover's fields; each change is kept at once in the session's PacketOptions."""
    options = state.packet_options()

    def keep(field: str) -> None:
        value = state.widget_value(widget_key(field), None)
        state.set_packet_options(replace(state.packet_options(), **{field: value or None}))

    left, right = st.columns(2)
    for index, (field, label, placeholder) in enumerate(TEXT_FIELDS):
        with left if index % 2 == 0 else right:
            key = widget_key(field)
            st.text_input(label, placeholder=placeholder, max_chars=FIELD_LIMIT, key=key,
                          on_change=keep, args=(field,),
                          **state.initial_value(key, getattr(options, field) or ""))
    with right:
        key = widget_key("date")
        st.date_input("Date", format="MM/DD/YYYY", key=key, on_change=keep, args=("date",),
                      **state.initial_value(key, options.date or datetime.date.today()))
    key = widget_key("note")
    st.text_area("Cover note", max_chars=NOTE_LIMIT, height=90, key=key, on_change=keep,
                 args=("note",), placeholder="A few sentences for the cover (optional)",
                 **state.initial_value(key, options.note or ""))
    return state.packet_options()


def holds(front: Front) -> None:
    """How many districts the packet holds and every district of the selection it leaves out,
    with its reason: both read from the packet's own front matter."""
    count = front.count
    st.caption(f"{count:,} district{'s' * (count != 1)} from the Compare page's selection, in "
               "its order and grouped by state (or by congressional district when the data "
               "gives one): a cover, contents, a summary page and one one-pager each. With "
               "nothing chosen on Compare, every ready district.")
    excluded = front.excluded
    if not excluded:
        return
    left = len(excluded)
    st.warning(f"{left} district{'s' * (left != 1)} of the selection cannot go in the packet "
               f"{until_fixed(left)}:", icon=":material/block:")
    st.dataframe(pd.DataFrame({"District": [item.name for item in excluded],
                               "Why it is left out": [item.reason for item in excluded]}),
                 hide_index=True, width="stretch", key=state.key("export", "left_out"))


def until_fixed(left: int) -> str:
    """How long ``left`` districts stay out of the packet, worded for one or several: Export's
    warning and Compare's caption say it alike."""
    return f"until {'its' if left == 1 else 'their'} errors are fixed on the Upload page"


def build_notes(warnings: tuple[Issue, ...]) -> None:
    """One line per district, shown once for the packet and the ZIP (they share their notes)."""
    lines = notes(warnings)
    if not lines:
        return
    with st.container(border=True):
        st.caption("Notes from building the packet, one line per district")
        st.dataframe(pd.DataFrame(lines, columns=["District", "Notes"]), hide_index=True,
                     width="stretch", key=state.key("export", "packet_notes"))
