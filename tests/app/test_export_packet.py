"""Export page: what it says the packet holds is the packet's own front matter."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from advocacy import exports, samples
from advocacy.app import packet_form
from advocacy.exports import document
from advocacy.issues import Issue
from advocacy.location import Location
from tests.app.conftest import assert_clean, open_page

pytestmark = pytest.mark.app


def test_export_page_count_and_left_out_are_the_packets():
    result = samples.load_sample("lakeland_statewide")
    blocked = [result.districts[1].name, result.districts[4].name]
    errors = tuple(Issue.error("count.unreadable", district=name,
                               at=Location(file="state.xlsx", sheet="Profile", cell=f"B{row}"))
                   for row, name in enumerate(blocked, start=7))
    app = open_page("pages/5_Export.py", replace(result, issues=(*result.issues, *errors)))
    assert_clean(app)
    ready = [d for d in result.districts if d.name not in blocked]
    model = document.packet(ready, excluded=[
        exports.left_out(error.district, [error]) for error in errors if error.district])
    [left_out] = [frame.value for frame in app.dataframe if "Why it is left out" in frame.value]
    assert list(left_out["District"]) == [item.name for item in model.front.excluded] == blocked
    assert list(left_out["Why it is left out"]) == [item.reason for item in model.front.excluded]
    [holds] = [c.value for c in app.caption if "from the Compare page's selection" in c.value]
    assert int(re.match(r"([\d,]+) districts? ", holds).group(1)) == len(model.pages) == 28
    assert [w.value for w in app.warning if "cannot go in the packet" in w.value] == [
        "2 districts of the selection cannot go in the packet until their errors are fixed on "
        "the Upload page:"]


def test_compare_names_the_districts_the_packet_leaves_out_as_export_does():
    """Compare and Export say the same: Compare used to count a district errors keep out."""
    result = samples.load_sample("lakeland_statewide")
    blocked = result.districts[2].name
    error = Issue.error("count.unreadable", district=blocked,
                        at=Location(file="state.xlsx", sheet="Profile", cell="B9"))
    app = open_page("pages/6_Compare.py", replace(result, issues=(*result.issues, error)))
    assert_clean(app)
    held = len(result.districts) - 1
    assert f"**Packet selection:** {held:,} districts." in [m.value for m in app.markdown]
    [left] = [c.value for c in app.caption if "left out until" in c.value]
    assert left == (f"1 more in the selection is left out until its errors are fixed on the "
                    f"Upload page: {blocked}.")
    app.switch_page("pages/5_Export.py").run()
    [holds] = [c.value for c in app.caption if "from the Compare page's selection" in c.value]
    assert holds.startswith(f"{held:,} districts ")


@pytest.mark.parametrize(("left", "until"), [
    (1, "until its errors are fixed on the Upload page"),
    (2, "until their errors are fixed on the Upload page"),
    (18_620, "until their errors are fixed on the Upload page"),
])
def test_one_wording_says_how_long_districts_stay_out_of_the_packet(left, until):
    assert packet_form.until_fixed(left) == until


def test_compare_and_export_word_one_and_several_left_out_alike():
    """Compare says "are … their" for two, Export "district … its" for one: one helper."""
    result = samples.load_sample("lakeland_statewide")
    blocked = [result.districts[2].name, result.districts[3].name]

    def blocking(names):
        return replace(result, issues=(*result.issues, *(
            Issue.error("count.unreadable", district=name,
                        at=Location(file="state.xlsx", sheet="Profile", cell="B9"))
            for name in names)))

    app = open_page("pages/6_Compare.py", blocking(blocked))
    assert_clean(app)
    [left] = [c.value for c in app.caption if "left out until" in c.value]
    assert left == (f"2 more in the selection are left out until their errors are fixed on the "
                    f"Upload page: {blocked[0]}, {blocked[1]}.")
    app = open_page("pages/5_Export.py", blocking(blocked[:1]))
    assert_clean(app)
    assert [w.value for w in app.warning if "cannot go in the packet" in w.value] == [
        "1 district of the selection cannot go in the packet until its errors are fixed on "
        "the Upload page:"]
