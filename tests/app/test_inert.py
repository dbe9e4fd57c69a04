"""User text passed through inert.md reads as itself in Streamlit's Markdown: no links,
images, directives, LaTeX or entities."""

from __future__ import annotations

import re

import pytest

from advocacy.app.inert import md

_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")


@pytest.mark.parametrize("text", [
    "![x](http://example.invalid/p.png)", "[text](http://example.invalid/)", "<http://a.invalid>",
    "**bold** _it_ `code` ~~gone~~", "# heading", "- item", "1. first", "> quote", "| a | b |",
    "&amp; &#65;", "<b>raw</b>", "\\*already escaped\\*",
])
def test_markdown_in_user_text_renders_as_the_text_itself(text):
    escaped = md(text)
    # with every escaped pair removed, no mark is left for Markdown to act on
    assert _PUNCTUATION.findall(re.sub(r"\\.", "", escaped)) == []
    assert re.sub(r"\\(.)", r"\1", escaped).replace("\u2060", "") == text


def test_streamlit_directives_and_latex_are_escaped():
    escaped = md(":red[alarm] :smile: $x^2$")
    assert escaped == "\\:red\\[alarm\\] \\:smile\\: \\$x\\^2\\$"


def test_bare_addresses_cannot_become_links():
    escaped = md("see www.example.invalid or a@b.invalid at http://x.invalid")
    assert "www." not in escaped and "a@b" not in escaped and "http:/" not in escaped


def test_line_breaks_stay_breaks_not_blocks():
    assert md("one\n# two") == "one  \n\\# two"
    assert md(None) == ""
