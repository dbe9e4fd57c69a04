"""AppTest helpers: run a page of the real app from a seeded session."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from advocacy.app import state
from advocacy.load import LoadResult

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("dashboard.py", "pages/1_Upload.py", "pages/2_Who_we_are.py", "pages/3_Story.py",
         "pages/4_Charts.py", "pages/5_Export.py", "pages/6_Compare.py", "pages/7_Present.py")
EMPTY = LoadResult(districts=(), issues=())


def open_page(page: str, result: LoadResult | None = None, origin: str = "upload") -> AppTest:
    """The page after its first run; ``result`` seeds the session as if it had been uploaded.

    Every run starts at dashboard.py, as a visitor's does, so page links resolve."""
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    if result is not None:
        state.seed(app.session_state, result, origin)
    app.run()
    return app if page == "dashboard.py" else app.switch_page(page).run()


def assert_clean(app: AppTest) -> None:
    assert [e.value for e in app.exception] == []


def shown(markdown: str) -> str:
    """Markdown with user text escaped (inert.md) as the reader sees it."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def open_box(app: AppTest, key: str) -> AppTest:
    """Open a keyed expander as a click on its header does (its content is drawn only open)."""
    app.session_state[key] = True
    return app.run()
