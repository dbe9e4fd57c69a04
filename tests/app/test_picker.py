"""The district picker at state and national scale: past PICK_LIMIT districts a search and a
state narrow the list, which never holds more than PICK_LIMIT names; the choice is shared by
every page."""

from __future__ import annotations

from dataclasses import replace

import pytest

from advocacy import fictional
from advocacy.app.widgets import PICK_LIMIT
from advocacy.load import LoadResult
from tests.app.conftest import assert_clean, open_page

pytestmark = pytest.mark.app

STATES = ("KS", "AR", "OH")


def many(count: int = 3 * PICK_LIMIT) -> LoadResult:
    districts = tuple(
        replace(d, state=STATES[i % len(STATES)], nces_id=f"{2000000 + i:07d}",
                state_id=f"D-{i:04d}")
        for i, d in enumerate(fictional.statewide(count)))
    return LoadResult(districts=districts, issues=())


def picker(app):
    return app.selectbox(key="pick.story")


def test_a_small_load_is_one_list_with_no_search():
    app = open_page("pages/3_Story.py", many(PICK_LIMIT))
    assert_clean(app)
    assert len(picker(app).options) == PICK_LIMIT
    assert [t.key for t in app.text_input if t.key.startswith("pick.")] == []


def test_a_large_load_offers_at_most_the_limit_and_says_how_many_match():
    result = many()
    app = open_page("pages/3_Story.py", result)
    assert_clean(app)
    options = picker(app).options
    assert len(options) == PICK_LIMIT
    assert options[0] == picker(app).value == result.districts[0].name
    assert any(f"{len(result.districts):,} of {len(result.districts):,} districts match" in c.value
               for c in app.caption)


def test_typing_part_of_a_name_narrows_the_list_and_choosing_one_is_shared_by_every_page():
    result = many()
    wanted = result.districts[100]
    app = open_page("pages/3_Story.py", result)
    app.text_input(key="pick.story.find").input(wanted.name.upper()).run()
    assert_clean(app)
    assert picker(app).options == [result.districts[0].name, wanted.name]  # current stays first
    picker(app).select(wanted.name).run()
    assert picker(app).value == wanted.name
    app.switch_page("pages/7_Present.py").run()
    assert app.selectbox(key="pick.present").value == wanted.name


@pytest.mark.parametrize("typed", ["2000101", "d-0101"])
def test_an_nces_or_state_id_finds_its_district(typed):
    result = many()
    app = open_page("pages/3_Story.py", result)
    app.text_input(key="pick.story.find").input(typed).run()
    assert picker(app).options[1:] == [result.districts[101].name]


def test_the_state_filter_is_exact_kansas_is_not_arkansas():
    result = many()
    app = open_page("pages/3_Story.py", result)
    assert app.selectbox(key="pick.story.state").options == ["All states", "AR", "KS", "OH"]
    app.selectbox(key="pick.story.state").select("KS").run()
    assert_clean(app)
    kansas = [d.name for d in result.districts if d.state == "KS"]
    assert picker(app).options == kansas[:PICK_LIMIT]
    assert any(f"{len(kansas)} of {len(result.districts)} districts match" in c.value
               for c in app.caption)


def export_list(app):
    return app.multiselect(key="export.districts")


def test_the_export_list_offers_the_chosen_and_a_search_never_every_district():
    """The Export page's district list sent all 18,620 names of a national table; it now
    offers what is chosen plus the first matches of a search, and keeps every choice."""
    result = many()
    first, wanted, other = result.districts[0], result.districts[100], result.districts[120]
    app = open_page("pages/5_Export.py", result)
    assert_clean(app)
    assert len(export_list(app).options) == PICK_LIMIT
    assert export_list(app).value == [first.name]
    app.text_input(key="pick.export.find").input(wanted.name).run()
    assert export_list(app).options == [first.name, wanted.name]
    export_list(app).select(wanted.name).run()
    app.text_input(key="pick.export.find").input(other.name).run()
    assert_clean(app)
    assert export_list(app).options == [first.name, wanted.name, other.name]
    assert export_list(app).value == [first.name, wanted.name]


def test_a_small_load_lists_every_district_for_export():
    result = many(PICK_LIMIT)
    app = open_page("pages/5_Export.py", result)
    assert_clean(app)
    assert export_list(app).options == [d.name for d in result.districts]
    assert [t.key for t in app.text_input if t.key.startswith("pick.")] == []
