"""A renderer that fails shows a located issue on the Export page, never a traceback."""

from __future__ import annotations

import re

from advocacy.app import state
from advocacy.exports import html, packet
from tests.app.conftest import assert_clean, open_page


def _broken(*_, **__):
    raise RuntimeError("renderer bug")


def _shown(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def test_a_failing_export_is_an_issue_for_that_file(monkeypatch):
    monkeypatch.setattr(html, "render", _broken)
    app = open_page("pages/5_Export.py")
    app.button_group(key="export.formats").set_value(["Web page (.html)"]).run()
    app.button(key="export.build").click().run()
    assert_clean(app)
    [(kind, result)] = state.kept_exports(app.session_state).items()
    assert kind.startswith("html:") and result.data == b""
    [issue] = result.warnings
    assert (issue.code, issue.found) == ("export.failed", "RuntimeError")
    cells = [_shown(m) for t in app.table for m in t.value["What to fix"]]
    assert any(m.startswith("This district's file could not be built") for m in cells)


def test_a_failing_packet_is_an_issue_not_a_traceback(monkeypatch):
    monkeypatch.setattr(packet, "render", _broken)
    app = open_page("pages/5_Export.py")
    app.button(key="export.packet").click().run()
    assert_clean(app)
    assert state.kept_exports(app.session_state)["packet"].warnings[0].code == "export.failed"
