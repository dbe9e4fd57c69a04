"""Live preview of the one-pager beside the story editor.

Shows the HTML export, which is built by advocacy.exports.html without a browser or system
library, in a sandboxed iframe: it is loaded from a data: URL, so it gets an opaque origin and
cannot reach the app. A PDF preview would need a rasteriser (pdftoppm, pdfium) that a bare
machine may lack. The HTML is rebuilt only when the district, story or logo changed.
"""

from __future__ import annotations

import base64

import streamlit as st

from advocacy.app import sources, state
from advocacy.exports import html

HEIGHT = 900
ZOOM = 0.6  # the page is print-sized; shrunk, both pages fit beside the editor


def render(name: str) -> None:
    district = state.district(name)
    if district is None:
        return
    doc = sources.one_pager(district)
    result = state.memo(("preview", doc), lambda: html.render_document(doc))
    encoded = base64.b64encode(_zoomed(result.data)).decode("ascii")
    st.iframe(f"data:text/html;base64,{encoded}", height=HEIGHT)
    st.caption("The printed PDF follows the same layout on two US-letter pages.")


def _zoomed(page: bytes) -> bytes:
    """The export with a zoom rule added after <head>, so the doctype still comes first."""
    rule = f"<style>html {{ zoom: {ZOOM}; }}</style>".encode()
    head = page.find(b"<head>")
    return page if head < 0 else page[:head + 6] + rule + page[head + 6:]
