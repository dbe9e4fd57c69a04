"""axe-core over every page of the real app with data loaded (the fictional sample, and an
upload with errors, a flagged cell and an unreadable CSV), Present's screens included: no serious
or critical WCAG 2.1 A/AA violation, headings in order, named dialogs, named table headers."""

from __future__ import annotations

import pytest

from tests.e2e.axe import ensure_axe, problems
from tests.e2e.conftest import PAGES, go, open_app, settle, upload
from tests.e2e.test_browser import messy_files
from tests.e2e.test_present import wait_for_keys

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("scenario", ["sample", "messy"])
def test_every_page_passes_axe(server, browser, scenario):
    ensure_axe()
    context, page = open_app(browser, server, 1280, 900)
    found: list[str] = []
    try:
        found += problems(page, "start")
        if scenario == "messy":
            go(page, "Upload")
            upload(page, messy_files())
        for link in PAGES:
            go(page, link)
            found += problems(page, link)
        page.get_by_role("button", name="Start presenting").click()
        settle(page)
        wait_for_keys(page)
        for screen in range(6):
            found += problems(page, f"Present screen {screen + 1}")
            page.keyboard.press("ArrowRight")
            settle(page)
    finally:
        context.close()
    assert found == []


def test_loading_a_sample_says_so_without_an_unnamed_dialog(server, browser):
    ensure_axe()
    context, page = open_app(browser, server, 1280, 900)
    try:
        page.get_by_role("button", name="Lakeland", exact=False).first.click()
        settle(page)
        assert page.get_by_text("Loaded ", exact=False).first.is_visible()
        assert problems(page, "start, after loading a sample") == []
    finally:
        context.close()
