"""A file over the importer's 20 MB limit but under the box's ceiling reaches our code and is
refused in our words, with its size and the limit, located; what was loaded before stays."""

from __future__ import annotations

import tomllib

import pytest

from advocacy.app import state
from advocacy.ingest import safety
from tests.app.conftest import ROOT, assert_clean, open_page, shown

pytestmark = pytest.mark.app


def test_the_boxs_ceiling_is_above_the_importers_limit():
    # Otherwise a file just over 20 MB would get the box's red mark and nothing from us.
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 2**20 >= 5 * safety.MAX_FILE_BYTES


def test_an_over_limit_file_is_refused_with_its_size_and_the_limit():
    app = open_page("pages/1_Upload.py", origin="sample")
    before = state.loaded_in(app.session_state)
    size = 30 * 2**20
    app.file_uploader(key="upload.upload").set_value(
        ("state-export.csv", b"District,Students\n" + b"x" * size, "text/csv")).run()
    assert_clean(app)
    assert "No district could be read" in app.error[0].value
    [table] = [t.value for t in app.table if "What to fix" in t.value.columns]
    row = {column: shown(value) for column, value in table.iloc[0].items()}
    assert row["Where"] == "state-export.csv"
    assert "larger than the upload limit" in row["What to fix"]
    assert f"30.0 MB ({size + 18:,} bytes)" in row["What to fix"]
    assert "at most 20 MB" in row["What to fix"]
    assert state.loaded_in(app.session_state) is before and before.districts
    captions = " ".join(c.value for c in app.caption)
    assert "Up to 20 MB a file" in captions and "200 MB" in captions
