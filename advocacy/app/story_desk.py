"""Story page, the editor's desk: what the drafts need to know about the program, the reason a
part has no draft, facts from the data to insert as sentences, and each number's check with a
one-click fix when the right figure is known.

Owns these widgets and storing what they change through ``state`` (typed text apart from
loaded data). The reasons, facts, checks and corrected text come from ``advocacy.narrative``;
never words the story itself.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from advocacy import narrative
from advocacy.app import sources, state
from advocacy.app.inert import md
from advocacy.model import SchoolYear, Story
from advocacy.narrative.names import prose_name

# Plain symbols: emoji fonts are missing on some projector and kiosk machines.
_MARKS = {narrative.VERIFIED: "✓", narrative.CONTRADICTS: "✗", narrative.UNVERIFIED: "?"}
_NO_YEAR = "Not set"


def program_fields(name: str) -> None:
    """The program's name, its first school year and what Title II-A paid for; the drafts
    use them, and the outcomes' prose names, which a person may reword."""
    district = state.picked(name)
    inputs = state.story_inputs(name)
    with st.expander("About your program (the drafts use this)", expanded=not inputs.program):
        left, right = st.columns([3, 2])
        program = left.text_input("Program name", value=inputs.program or "",
                                  placeholder="weekly coaching cycles for every new teacher",
                                  key=state.key("story", "program", name))
        years = sorted({*district.years(), *(p.school_year for p in district.outcomes)})
        labels = [_NO_YEAR, *(str(year) for year in years)]
        chosen = str(inputs.started) if inputs.started in years else _NO_YEAR
        started = right.selectbox("First school year", labels, index=labels.index(chosen),
                                  key=state.key("story", "started", name))
        paid_for = st.text_input("What Title II-A paid for", value=inputs.paid_for or "",
                                 placeholder="instructional coaches, mentors, release time",
                                 key=state.key("story", "paid_for", name))
        names = dict(inputs.names)
        series = district.outcome_series()
        metrics_named = list(dict.fromkeys(metric for metric, _ in series))
        if metrics_named:
            st.caption("How the story names each outcome")
        for metric in metrics_named:
            unit = next(p.unit for (m, _), points in series.items() if m == metric
                        for p in points)
            default = prose_name(metric, unit=unit)
            said = st.text_input(md(metric) or " ", value=names.get(metric) or default,
                                 key=state.key("story", "prose", metric, name))
            if said.strip() and said.strip() != default:
                names[metric] = said.strip()
            else:
                names.pop(metric, None)
    start_year: SchoolYear | None = next((y for y in years if str(y) == started), None)
    typed = narrative.StoryInputs(program=program.strip() or None, started=start_year,
                                  paid_for=paid_for.strip() or None,
                                  names=tuple(sorted(names.items())))
    if typed != inputs:
        state.set_story_inputs(name, typed)


def part_desk(name: str, part: str, widget: str) -> None:
    """Below one part's text: its number checks (with a fix), why it has no draft, and the
    facts the data supports, each insertable as a sentence."""
    district = state.picked(name)
    text = getattr(district.story, part) or ""
    checks = [c for c in sources.number_checks(district) if c.part == part]
    for index, check in enumerate(checks):
        fixed = narrative.corrected(text, check)
        line = f"{_MARKS.get(check.status, '?')} “{check.text}”: {check.message}"
        if check.at:
            line += f" ({check.at})"
        if fixed is None:
            st.caption(md(line))
            continue
        words, button = st.columns([4, 1], vertical_alignment="center")
        words.caption(md(line))
        button.button(f"Use {md(check.fix)}", key=state.key("story", "fix", part, str(index), name),
                      on_click=_set_text, args=(name, part, widget, fixed),
                      help="Put the data's figure in place of this number")
    drafted = sources.drafts(district)
    reason = drafted.reason(part)
    if reason:
        lead = "No draft: " if not drafted.part(part) else "Note: "
        st.info(lead + md(reason), icon=":material/info:")
    facts = narrative.facts_for(part, sources.facts(district))
    if facts:
        box = st.expander(f"Facts from the data to insert ({len(facts)})", on_change="rerun",
                          key=state.key("story", "facts", part, name))
        if not box.open:
            return  # drawn only while open, as the drafts are (story_editor.part_editor)
        with box:
            for index, fact in enumerate(facts):
                sentence, button = st.columns([4, 1], vertical_alignment="center")
                sentence.markdown(md(fact.text))
                button.button("Insert", key=state.key("story", "fact", part, str(index), name),
                              on_click=_insert, args=(name, part, widget, fact.text),
                              help="Add this sentence at the end of the part")


def _set_text(name: str, part: str, widget: str, text: str) -> None:
    """A fix or an inserted fact is the person's own edit, as typing is: no longer a draft."""
    district = state.picked(name)
    state.set_story(name, with_part(district.story, part, text, drafted=False))
    state.set_widget_value(widget, text)


def _insert(name: str, part: str, widget: str, sentence: str) -> None:
    district = state.picked(name)
    before = (getattr(district.story, part) or "").rstrip()
    _set_text(name, part, widget, f"{before} {sentence}".strip())


def with_part(story: Story, part: str, text: str | None, *, drafted: bool) -> Story:
    """``story`` with ``part`` set; the part is marked as a draft only when ``drafted``."""
    others = tuple(key for key in story.drafted if key != part)
    return replace(story, **{part: text},
                   drafted=(*others, part) if drafted and text else others)
