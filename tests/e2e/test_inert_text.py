"""Markdown in uploaded names and story stays text in the real page: no request leaves
localhost, and no link or image is made from user text, on any page."""

from __future__ import annotations

from urllib.parse import urlparse

from tests import factories
from tests.e2e.conftest import PAGES, go, open_app, settle, upload

HOST = "example.invalid"
NAMES = [f"![pixel](http://{HOST}/p.png) Unified",
         f"[click me](http://{HOST}/) Schools",
         f":red[alarm] **bold** &amp; <img src=http://{HOST}/i.png> www.{HOST} County"]


def _files():
    rows = [["District", "School year", "Source", "Amount", "Students", "Teachers"]]
    for name in NAMES:
        rows += [[name, "2021-22", "Title II-A", "$120,000", "4,000", "250"],
                 [name, "2022-23", "Title II-A", "$130,000", "4,000", "250"]]
    story = [["District", "Challenge", "Impact"]] + [
        [name, f"See ![chart](http://{HOST}/c.png) and [this](http://{HOST}/x)",
         f"Read more at www.{HOST} or mail a@{HOST}"] for name in NAMES]
    return [factories.csv(rows, name=f"[x](http://{HOST}).csv"),
            factories.csv(story, name="story.csv")]


def test_markdown_laden_names_render_as_text_and_fetch_nothing(server, browser):
    context, page = open_app(browser, server)
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url)
            if urlparse(request.url).hostname not in ("127.0.0.1", "localhost") else None)
    try:
        go(page, "Upload")
        upload(page, [(source.name, source.data) for source in _files()])
        page.get_by_text("Your upload gave 3 district(s)").wait_for()
        text = page.get_by_test_id("stMain").inner_text().replace("\u2060", "")
        assert "![pixel](http://example.invalid/p.png) Unified" in text
        # Present last: it hides the sidebar the others are reached by.
        for link in [*(name for name in PAGES if name != "Present"), "Present"]:
            go(page, link)
            if link == "Story":
                page.get_by_text("Drafts from the data").first.click()
                settle(page)  # an open box is drawn by the rerun its opening starts
                page.get_by_role("button", name="Use this draft").first.wait_for()
            main = page.get_by_test_id("stMain")
            hrefs = main.locator("a").evaluate_all("links => links.map(a => a.href)")
            sources = main.locator("img").evaluate_all("images => images.map(i => i.src)")
            assert [h for h in hrefs if HOST in h] == [], link
            assert [s for s in sources if HOST in s] == [], link
            assert main.locator(f"[src*='{HOST}'], [href*='{HOST}'], [srcset*='{HOST}']"
                                ).count() == 0, link
        assert outside == []
    finally:
        context.close()
