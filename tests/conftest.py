"""Fixtures shared by every test folder."""

from __future__ import annotations

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def chromium_browser():
    """One Playwright and one Debian Chromium for the whole run.

    Playwright's sync API runs an event loop on this thread while it is open, so a second
    `sync_playwright()` in the same run (tests/e2e and tests/exports both drive Chromium)
    fails with "using Playwright Sync API inside the asyncio loop". Sharing one avoids it.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
