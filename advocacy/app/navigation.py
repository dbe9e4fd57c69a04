"""The sidebar's list of pages, with the labels a visitor reads.

Streamlit's own list names the start page after its file ("dashboard"), which is what a
projector showed first on every page; it is switched off (client.showSidebarNavigation in
.streamlit/config.toml) and drawn here instead, with Streamlit's page links, in page order.
"""

from __future__ import annotations

import streamlit as st

# (script, label, icon): the labels are those the pages' files gave before, but "Start".
PAGES = (
    ("dashboard.py", "Start", ":material/home:"),
    ("pages/1_Upload.py", "Upload", ":material/upload_file:"),
    ("pages/2_Who_we_are.py", "Who we are", ":material/groups:"),
    ("pages/3_Story.py", "Story", ":material/edit_note:"),
    ("pages/4_Charts.py", "Charts", ":material/bar_chart:"),
    ("pages/5_Export.py", "Export", ":material/download:"),
    ("pages/6_Compare.py", "Compare", ":material/compare_arrows:"),
    ("pages/7_Present.py", "Present", ":material/slideshow:"),
)


def sidebar() -> None:
    with st.sidebar.container(key="site_nav"):
        for script, label, icon in PAGES:
            st.page_link(script, label=label, icon=icon)
