"""The Pennsylvania worked example in the real app (docs/agency-files.md): two agency files and
the saved mapping give 481 school districts with 2022-23 Title II-A revenue and students, in
three steps. Reads ../shared/real-data; skipped with the reason where it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from advocacy.app import state
from tests.app.conftest import ROOT, assert_clean, open_page

REAL = ROOT.parent / "shared" / "real-data"
MAPPING = ROOT / "docs" / "examples" / "pennsylvania-title-ii-a.json"

pytestmark = [
    pytest.mark.app,
    pytest.mark.realdata,
    pytest.mark.skipif(not REAL.is_dir(), reason=f"real agency data not present at {REAL}"),
]


def _upload(name: str, mime: str = "text/csv") -> tuple[str, bytes, str]:
    path = REAL / name if name.endswith(".csv") else Path(name)
    return (path.name, path.read_bytes(), mime)


def test_pennsylvania_revenue_and_adm_reach_481_districts_in_three_steps():
    app = open_page("pages/1_Upload.py")  # step 1: open Upload
    app.file_uploader(key="upload.upload").set_value(  # step 2: both agency files
        [_upload("revenue_22_23.csv"), _upload("adm_22_23.csv")]).run()
    assert_clean(app)
    assert app.subheader and any(
        s.value == "Map columns the importer did not recognise" for s in app.subheader)
    app.file_uploader(key="mapping.upload").set_value(  # step 3: the saved mapping
        _upload(str(MAPPING), "application/json"))
    app.run()
    assert_clean(app)
    result = state.loaded_in(app.session_state)
    funded = [d for d in result.districts if d.revenue]
    assert len(result.districts) == 500
    assert len(funded) == 481
    assert all(d.profile.students and d.state == "PA" for d in funded)
    assert all(str(d.revenue[0].school_year) == "2022-23" for d in funded)
    assert not any(d.spending for d in result.districts)  # revenue is never spending
