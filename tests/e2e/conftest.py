"""A real `streamlit run dashboard.py` (bench/serving.py) and Debian Chromium, for browser tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.serving import serving

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
PAGES = {"Upload": "Upload & check", "Who we are": "Who we are", "Story": "The story",
         "Charts": "Charts", "Export": "Export", "Compare": "Compare districts",
         "Present": "Present"}


@pytest.fixture(scope="session")
def server():
    with serving() as (url, _process):
        yield url


@pytest.fixture(scope="session")
def browser(chromium_browser):
    return chromium_browser


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    """Where screenshots go: $SCREENSHOT_DIR when set (to look at them), else a temp dir."""
    chosen = os.environ.get("SCREENSHOT_DIR")
    path = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def open_app(browser, url: str, width: int = 1400, height: int = 1000):
    context = browser.new_context(viewport={"width": width, "height": height},
                                  accept_downloads=True)
    page = context.new_page()
    page.goto(url)
    page.get_by_role("heading", name="Make Your Case").wait_for(timeout=60_000)
    settle(page)
    return context, page


def go(page, link: str) -> None:
    """Navigate inside the session with the sidebar, as a visitor does (a URL load would start
    a new session)."""
    page.get_by_test_id("stSidebar").get_by_role("link", name=link, exact=True).click()
    page.get_by_role("heading", name=PAGES[link]).first.wait_for(timeout=60_000)
    settle(page)


def settle(page) -> None:
    """Wait until the script run finishes (the running indicator disappears)."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        timeout=60_000)
    page.wait_for_function("!document.querySelector('[data-testid=\"stSkeleton\"]')",
                           timeout=60_000)


def upload(page, files: list[tuple[str, bytes]]) -> None:
    page.locator("input[type=file]").first.set_input_files([
        {"name": name, "mimeType": "application/octet-stream", "buffer": data}
        for name, data in files])
    settle(page)
