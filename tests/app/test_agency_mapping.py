"""The Pennsylvania worked example in the real app (docs/agency-files.md): two agency files and
the saved mapping give 481 school districts with 2022-23 Title II-A revenue and students, in
three steps (reads ../shared/real-data; skipped with the reason where it is absent); and the
agency rules typed on the Upload page, on a fictional file."""

from __future__ import annotations

from pathlib import Path

import pytest

from advocacy.app import state
from advocacy.ingest.mapping import TARGETS
from tests.app.conftest import ROOT, assert_clean, open_page

REAL = ROOT.parent / "shared" / "real-data"
MAPPING = ROOT / "docs" / "examples" / "pennsylvania-title-ii-a.json"

pytestmark = pytest.mark.app
REAL_DATA = [
    pytest.mark.realdata,
    pytest.mark.skipif(not REAL.is_dir(), reason=f"real agency data not present at {REAL}"),
]


def _upload(name: str, mime: str = "text/csv") -> tuple[str, bytes, str]:
    path = REAL / name if name.endswith(".csv") else Path(name)
    return (path.name, path.read_bytes(), mime)


@REAL_DATA[0]
@REAL_DATA[1]
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


def test_agency_rules_typed_in_the_app_read_one_account_code_as_revenue():
    """Runs everywhere: a fictional long revenue file, its rules typed on the Upload page."""
    csv = (b"Cat,LEA number,LEA,Account,Amount\r\n01,111,Alder Fictional SD,8515,1000\r\n"
           b"01,111,Alder Fictional SD,8514,5000\r\n04,222,Birch Fictional Charter,8515,300\r\n"
           b"01,333,Cedar Fictional SD,8515,2000\r\n")
    app = open_page("pages/1_Upload.py")
    app.file_uploader(key="upload.upload").set_value(("afr.csv", csv, "text/csv")).run()
    assert app.selectbox(key="mapping.0.1").value == TARGETS["state_id"]  # read as on its own
    app.selectbox(key="mapping.0.3").set_value(TARGETS["revenue_source"])
    app.text_input(key="mapping.rules.year").set_value("2022-23")
    app.selectbox(key="mapping.rules.code_column").set_value("Account")
    app.text_area(key="mapping.rules.codes").set_value("8515 = Title II-A")
    app.selectbox(key="mapping.rules.keep_column").set_value("Cat")
    app.text_input(key="mapping.rules.keep").set_value("01")
    app.button(key="mapping.apply").click().run()
    assert_clean(app)
    result = state.loaded_in(app.session_state)
    assert [(d.name, d.state_id, [(str(r.school_year), r.source, r.amount_usd) for r in d.revenue])
            for d in result.districts] == [
        ("Alder Fictional SD", "111", [("2022-23", "Title II-A", 1000.0)]),
        ("Cedar Fictional SD", "333", [("2022-23", "Title II-A", 2000.0)])]
    assert not any(d.spending for d in result.districts)
