"""User text made inert for Streamlit, whose every label, caption and table cell is Markdown.

Owns the one escape applied to anything a user uploaded or typed (district, file, sheet and
heading names, story, contact, metrics, issue messages) before it reaches ``st.markdown``, a
widget label or an ``st.table`` cell: never a link, an image, a colour directive, an emoji
shortcode, LaTeX or an entity from user text. Never escapes our own wording.
"""

from __future__ import annotations

import re

# Every ASCII punctuation mark may be backslash-escaped in CommonMark and then reads as
# itself; escaping all of them covers links, images, emphasis, headings, lists, tables,
# Streamlit's :directives[] and $LaTeX$ in one rule, with no list of constructs to keep.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# GFM turns bare addresses into links; a word joiner after "www", before "@" and after the
# scheme's colon breaks the pattern while the text reads the same.
_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)(www)(?=\.)|(@)|(https?:|ftp:|mailto:|xmpp:)")


def md(text: object) -> str:
    """``text`` shown exactly as typed, on one line or with its own line breaks."""
    if text is None:
        return ""
    value = _AUTOLINK.sub(lambda match: match.group(0) + _JOINER, str(text))
    lines = (_PUNCTUATION.sub(r"\\\1", line) for line in value.splitlines())
    return "  \n".join(line.strip() for line in lines)  # a hard break, not a new block
