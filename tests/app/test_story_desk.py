"""The Story page as an editor's desk: program fields the drafts use, a reason for every part
with no draft, facts inserted as sentences, and a one-click fix for a wrong number."""

from __future__ import annotations

import pytest

from advocacy.app import state
from advocacy.fictional import maple_valley, ridgeway_falls
from advocacy.load import LoadResult
from tests.app.conftest import assert_clean, open_box, open_page, shown

pytestmark = pytest.mark.app


def _story_page(district):
    app = open_page("pages/3_Story.py", LoadResult(districts=(district,), issues=()))
    return app, app.selectbox(key="pick.story").value


def test_a_wrong_number_is_fixed_with_one_click():
    app, name = _story_page(maple_valley())
    app.text_area(key=f"story.impact.{name}").input("New-teacher retention rose to 91%.").run()
    assert any("not 91%" in shown(c.value) for c in app.caption)
    app.button(key=f"story.fix.impact.0.{name}").click().run()
    assert app.text_area(key=f"story.impact.{name}").value == "New-teacher retention rose to 88%."
    assert state.typed_story(app.session_state, name).impact == (
        "New-teacher retention rose to 88%.")
    assert any(shown(c.value).startswith("✓ “88%”") for c in app.caption)
    assert_clean(app)


def test_program_fields_shape_the_drafts():
    app, name = _story_page(maple_valley())
    app.text_input(key=f"story.program.{name}").input("weekly coaching cycles").run()
    app.selectbox(key=f"story.started.{name}").select("2021-22").run()
    app.text_input(key=f"story.paid_for.{name}").input("instructional coaches").run()
    open_box(app, f"story.drafts.solution.{name}")
    app.button(key=f"story.draft.solution.0.{name}").click().run()
    solution = app.text_area(key=f"story.solution.{name}").value
    assert solution.startswith("In 2021-22, we began weekly coaching cycles.")
    assert "Title II-A paid for instructional coaches." in solution
    assert_clean(app)


def test_a_part_with_no_draft_shows_why_and_facts_insert_as_sentences():
    app, name = _story_page(ridgeway_falls())
    reasons = [shown(box.value) for box in app.info]
    assert any(r.startswith("No draft: the outcome got worse: English language arts "
                            "proficiency, grades 3-8 fell from 41%") for r in reasons), reasons
    app.text_area(key=f"story.challenge.{name}").input("Our results slipped.").run()
    open_box(app, f"story.facts.challenge.{name}")
    app.button(key=f"story.fact.challenge.0.{name}").click().run()
    challenge = app.text_area(key=f"story.challenge.{name}").value
    assert challenge.startswith("Our results slipped. ") and len(challenge) > 30
    assert_clean(app)


def test_inserting_a_fact_into_a_picked_draft_makes_it_the_persons_words():
    app, name = _story_page(maple_valley())
    open_box(app, f"story.drafts.solution.{name}")
    app.button(key=f"story.draft.solution.0.{name}").click().run()
    picked = state.typed_story(app.session_state, name)
    assert "solution" in picked.drafted
    open_box(app, f"story.facts.solution.{name}")
    app.button(key=f"story.fact.solution.0.{name}").click().run()
    story = state.typed_story(app.session_state, name)
    assert story.solution.startswith(picked.solution + " ") and "solution" not in story.drafted
    assert_clean(app)


def test_drafts_and_facts_are_drawn_only_while_their_box_is_open():
    """Each keystroke reruns the page; closed boxes send no drafts, facts or buttons."""
    app, name = _story_page(maple_valley())
    keys = [b.key for b in app.button]
    assert not [k for k in keys if k.startswith(("story.draft.", "story.fact."))]
    open_box(app, f"story.facts.solution.{name}")
    keys = [b.key for b in app.button]
    assert f"story.fact.solution.0.{name}" in keys
    assert not [k for k in keys if k.startswith("story.draft.")]
