"""Every page runs without an exception, with the default sample and with nothing loaded."""

from __future__ import annotations

import pytest

from tests.app.conftest import EMPTY, PAGES, assert_clean, open_page

pytestmark = pytest.mark.app

TITLES = {
    "dashboard.py": "Make Your Case", "pages/1_Upload.py": "Upload & check",
    "pages/2_Who_we_are.py": "Who we are", "pages/3_Story.py": "The story",
    "pages/4_Charts.py": "Charts", "pages/5_Export.py": "Export",
    "pages/6_Compare.py": "Compare districts", "pages/7_Present.py": "Present",
}


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_with_the_default_sample_labelled_fictional(page):
    app = open_page(page)
    assert_clean(app)
    assert [t.value for t in app.title] == [TITLES[page]]
    shown = " ".join(str(e.value) for e in (*app.info, *app.markdown, *app.caption))
    assert "Fictional sample data" in shown or "fictional" in shown.lower()


@pytest.mark.parametrize("page", PAGES[1:])
def test_page_without_data_says_how_to_get_some(page):
    app = open_page(page, EMPTY)
    assert_clean(app)
    assert any("No district is loaded yet" in i.value for i in app.info)


def test_start_page_without_data_still_offers_samples_and_upload():
    app = open_page("dashboard.py", EMPTY)
    assert_clean(app)
    assert app.button(key="start.sample.maple_valley").label == "Maple Valley USD (fictional)"
    assert app.file_uploader(key="start.upload").accept_multiple_files
