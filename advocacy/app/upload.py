"""The upload box shared by the start page and the Upload page.

Owns turning st.file_uploader files into a LoadResult once per content hash per session, and
the rule that a failed upload replaces nothing: the previous data and everything typed stay;
removing the files clears their report. Fixing starts on a district with errors.
Parsing is advocacy.load's job; this module only hands it bytes.
"""

from __future__ import annotations

import streamlit as st

from advocacy.app import sources, state
from advocacy.ingest import safety

TYPES = ["xlsx", "xlsm", "xls", "ods", "csv"]


def box(where: str) -> None:
    widget = state.key(where, "upload")

    def changed() -> None:
        if not state.widget_value(widget, None):
            state.clear_last_upload()  # every file removed: its report and mapping go too

    files = st.file_uploader(
        "Upload spreadsheets (.xlsx, .xlsm, .xls, .ods, .csv), several at once if you like",
        type=TYPES, accept_multiple_files=True, key=widget, on_change=changed,
        help="Files stay in this browser session; nothing is stored on the server.")
    # A file over the box's ceiling (server.maxUploadSize) never reaches the server: the box
    # marks it in red and says only its size, so both limits are said here, before anyone
    # tries. A file between the two reaches ingest, which refuses it with its size, located.
    st.caption(f"Up to {safety.MAX_FILE_BYTES // 2**20} MB a file: a larger one is refused "
               "with its size. The box itself takes nothing over "
               f"{st.get_option('server.maxUploadSize')} MB (such a file is only marked in "
               "red). Split a large file, or delete unused sheets, images and formatting, and "
               "upload it again.")
    if files:
        take([(file.name, file.getvalue()) for file in files])


def take(files: list[tuple[str, bytes]]) -> None:
    mapping = state.mapping()
    digest = state.upload_digest(files)
    result = state.memo(("load", digest, mapping), lambda: sources.load_uploads(files, mapping))
    if state.last_upload() is result:
        return  # same files on a rerun: already taken
    state.set_last_upload(result, tuple(files))
    if result.districts:
        state.set_loaded(result, "upload")  # summary() says what it gave, in the page
        needing = state.first_needing_fixes()
        if needing is not None:
            state.set_current(needing)


def summary() -> None:
    """What the latest upload gave, and reassurance when it gave nothing."""
    result = state.last_upload()
    if result is None:
        return
    if result.districts:
        st.success(f"Your upload gave {len(result.districts)} district(s). "
                   "The report below lists what to check.")
    else:
        st.error("No district could be read from the upload. The data shown before and "
                 "everything you typed are kept; see the problems below.")
