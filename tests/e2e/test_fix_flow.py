"""The fix flow in headless Chromium: a workbook with merged titles uploads with its district's
name, the flagged value is fixed from its issue's row, and the district is ready at once while
its honest blanks stay blank; a value typed before a "did you mean" is accepted is still there
after the files are re-read. Screenshots at 1400×900 and 1280×720 for review."""

from __future__ import annotations

import pytest

from tests.app.workbooks import pretty_workbook, typo_workbook
from tests.e2e.conftest import go, open_app, settle, upload

pytestmark = pytest.mark.e2e

NAME = "Birch Hollow"


def type_fix(page, value: str, before_saving=None) -> None:
    """The issue row's own fix: open its box, type the value, save it (as a person would)."""
    page.get_by_role("button", name="Fix this value").click()
    settle(page)
    box = page.get_by_label("New value")
    box.wait_for(timeout=60_000)
    box.fill(value)
    box.press("Enter")
    settle(page)
    if before_saving is not None:
        page.screenshot(path=before_saving)
    page.get_by_role("button", name="Save this value").click()
    settle(page)


@pytest.mark.parametrize(("width", "height"), [(1400, 900), (1280, 720)])
def test_upload_a_pretty_workbook_and_fix_the_flagged_cell(server, browser, shots, width,
                                                          height):
    context, page = open_app(browser, server, width, height)
    try:
        go(page, "Upload")
        source = pretty_workbook()
        upload(page, [(source.name, source.data)])
        report = page.get_by_role("heading", name=NAME, exact=True)
        report.wait_for(timeout=60_000)
        # wait_for, not is_visible: on a busy machine the report can draw a moment later.
        page.get_by_text("Needs fixes (1 error)").wait_for(timeout=60_000)
        page.get_by_text("birch.xlsx › District profile › B5").first.wait_for(timeout=60_000)
        assert page.get_by_test_id("stException").count() == 0
        report.scroll_into_view_if_needed()
        page.screenshot(path=shots / f"fix-{width}x{height}-1-flagged.png")
        page.get_by_role("heading", name="Fix values").evaluate(
            "node => node.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        page.screenshot(path=shots / f"fix-{width}x{height}-1-grids.png")
        type_fix(page, "6,000", before_saving=shots / f"fix-{width}x{height}-2-typed.png")
        page.get_by_text("✓ Ready").first.wait_for(timeout=60_000)
        assert page.get_by_text("Needs fixes").count() == 0
        assert page.get_by_test_id("stException").count() == 0
        page.get_by_role("heading", name=NAME, exact=True).scroll_into_view_if_needed()
        page.screenshot(path=shots / f"fix-{width}x{height}-3-ready.png")
        go(page, "Export")
        build = page.get_by_role("button", name="Build files")
        build.wait_for(timeout=60_000)
        assert build.is_enabled()
        page.screenshot(path=shots / f"fix-{width}x{height}-4-export.png")
    finally:
        context.close()


@pytest.mark.parametrize(("width", "height"), [(1400, 900), (1280, 720)])
def test_a_fix_typed_then_a_did_you_mean_accepted_keeps_the_fix(server, browser, shots, width,
                                                               height):
    """Accepting the suggestion re-reads the file; the value typed before is applied again, so
    the district stays ready (it lost the fix, and was blocked again, before overrides)."""
    context, page = open_app(browser, server, width, height)
    try:
        go(page, "Upload")
        source = typo_workbook()
        upload(page, [(source.name, source.data)])
        page.get_by_role("heading", name=NAME, exact=True).wait_for(timeout=60_000)
        page.get_by_text("Needs fixes (1 error), 1 warning").wait_for(timeout=60_000)
        type_fix(page, "1,200")
        page.get_by_text("✓ Ready, 1 warning").first.wait_for(timeout=60_000)
        page.get_by_role("heading", name=NAME, exact=True).scroll_into_view_if_needed()
        page.screenshot(path=shots / f"accept-{width}x{height}-1-typed.png")
        page.get_by_role("button", name="Use “Number of students”").click()
        settle(page)
        # the accepted suggestion is kept as a mapping, and nothing is left to map
        page.get_by_role("heading", name="Your column mapping").wait_for(timeout=60_000)
        assert page.get_by_role("heading", name="Map columns the importer did not recognise"
                                ).count() == 0
        page.get_by_text("✓ Ready").first.wait_for(timeout=60_000)
        assert page.get_by_text("Needs fixes").count() == 0
        assert page.get_by_role("button", name="Use “Number of students”").count() == 0
        assert page.get_by_text("Your edits not applied").count() == 0
        assert page.get_by_test_id("stException").count() == 0
        page.get_by_role("heading", name=NAME, exact=True).scroll_into_view_if_needed()
        page.screenshot(path=shots / f"accept-{width}x{height}-2-accepted.png")
        page.get_by_role("heading", name="Fix values").evaluate(
            "node => node.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        page.screenshot(path=shots / f"accept-{width}x{height}-3-grids.png")
    finally:
        context.close()
