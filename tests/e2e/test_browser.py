"""The real app in headless Chromium: upload, see the district, edit text, download the PDF;
sessions never see each other's data; screenshots of every page for review."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests import factories
from tests.app.workbooks import NAME, profile, table, workbook
from tests.e2e.conftest import PAGES, go, open_app, settle, upload

pytestmark = pytest.mark.e2e

CHALLENGE = "Half of our new teachers left within three years of starting."


def test_upload_edit_story_and_download_the_pdf(server, browser):
    context, page = open_app(browser, server)
    try:
        go(page, "Upload")
        source = workbook(6000)
        upload(page, [(source.name, source.data)])
        page.get_by_text(f"{NAME}", exact=False).first.wait_for()
        assert page.get_by_text("Your upload gave 1 district(s)").is_visible()
        go(page, "Story")
        box = page.get_by_label("Challenge: what problem are you solving?")
        box.fill(CHALLENGE)
        box.press("Control+Enter")
        settle(page)
        go(page, "Export")
        page.get_by_role("button", name="Build files").click()
        settle(page)
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name="Download PDF one-pager").click()
        data = Path(info.value.path()).read_bytes()
    finally:
        context.close()
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert NAME in text
    assert "Half of our new teachers left" in " ".join(text.split())


def test_two_sessions_never_see_each_others_data(server, browser):
    first, first_page = open_app(browser, server)
    second, second_page = open_app(browser, server)
    try:
        go(first_page, "Upload")
        source = workbook(6000, name="Private Hollow District", file="private.xlsx")
        upload(first_page, [(source.name, source.data)])
        first_page.get_by_text("Private Hollow District").first.wait_for()
        go(second_page, "Who we are")  # a fresh run of the second session, after the upload
        html = second_page.content()  # attribute values too: a selectbox keeps its choice there
        assert "Private Hollow" not in html
        assert "Maple Valley" in html
        assert "Private Hollow" in first_page.content()
    finally:
        first.close()
        second.close()


def messy_files() -> list[tuple[str, bytes]]:
    """A district with a flagged count, a bad percent, bad dollars, and an unknown CSV."""
    rows = profile("lots", "Messy Flats District")
    rows[9] = ["% Title I-eligible students", "about half"]
    spending = table("Source", ("Title II-A", "State", "District"))
    spending[4][1] = "$1,2,3"
    book = factories.xlsx({"Profile": rows, "Spending": spending,
                           "Notes": [["Budget notes"], ["see the board minutes"]]},
                          name="messy.xlsx")
    odd = b"LEA,Kids,Grown ups\nFoo District,1000,60\n"
    return [(book.name, book.data), ("odd.csv", odd)]


@pytest.mark.parametrize("width", [1400, 1024])
@pytest.mark.parametrize("scenario", ["sample", "messy"])
def test_screenshot_every_page(server, browser, shots, width, scenario):
    context, page = open_app(browser, server, width, height=2000)
    try:
        if scenario == "messy":
            go(page, "Upload")
            upload(page, messy_files())
        page.screenshot(path=shots / f"{scenario}-{width}-0-start.png", full_page=True)
        for index, link in enumerate(PAGES, start=1):
            go(page, link)
            page.wait_for_timeout(800)  # charts draw after the run ends
            assert page.get_by_test_id("stException").count() == 0
            name = link.lower().replace(" ", "-")
            page.screenshot(path=shots / f"{scenario}-{width}-{index}-{name}.png",
                            full_page=True)
    finally:
        context.close()
