"""Story page widgets: the three story parts with drafts, word counts and number-check marks;
the Standards for Professional Learning; contact details; the logo upload.

Owns storing what the user types (through state, apart from loaded data) the moment it changes.
Drafts, word counts and number checks come from advocacy.narrative; logo checks from
advocacy.ingest.images. Never words the story itself.
"""

from __future__ import annotations

import streamlit as st

from advocacy import narrative, template
from advocacy.app import sources, state, story_desk
from advocacy.app.inert import md
from advocacy.exports import document
from advocacy.ingest.images import validate_logo
from advocacy.issues import Issue
from advocacy.model import STANDARDS, Contact

PARTS = template.STORY_KEYS


def part_editor(name: str, part: str) -> None:
    district = state.picked(name)
    before = getattr(district.story, part) or ""
    widget = state.key("story", part, name)
    form = template.story_part(part)
    text = st.text_area(form.prompt, key=widget, height=130,
                        **state.initial_value(widget, before))
    if text != before:
        # Typing makes the part the person's own words, so it is no longer a draft.
        state.set_story(name, story_desk.with_part(district.story, part, text.strip() or None,
                                         drafted=False))
        district = state.picked(name)
    shown = sources.one_pager(district).part(part)
    if shown.marked:
        st.warning(document.DRAFT_MARK, icon=":material/edit_note:")
        st.button("Accept this draft", key=state.key("story", "accept", part, name),
                  on_click=_accept, args=(name, part, widget, shown.text),
                  help="Say a person has read it: the draft mark leaves every export")
    count, target = narrative.word_count(text), form.word_target
    over = count > target
    st.caption(f"{'Over target: ' if over else ''}{count} of {target} words"
               + (" (the template says: keep words brief)" if over else ""))
    story_desk.part_desk(name, part, widget)
    options = sources.drafts(district).part(part)
    if options:
        # Drawn only while open: every keystroke reruns the page, and closed drafts and their
        # buttons were most of what each rerun sent.
        box = st.expander(f"Drafts from the data ({len(options)})", on_change="rerun",
                          key=state.key("story", "drafts", part, name))
        if not box.open:
            return
        with box:
            for index, option in enumerate(options):
                st.markdown(md(option))
                st.button("Use this draft", key=state.key("story", "draft", part, str(index), name),
                          on_click=_use_draft, args=(name, part, widget, option))


def _use_draft(name: str, part: str, widget: str, text: str) -> None:
    district = state.picked(name)
    state.set_story(name, story_desk.with_part(district.story, part, text, drafted=True))
    state.set_widget_value(widget, text)


def _accept(name: str, part: str, widget: str, text: str) -> None:
    """The draft shown becomes the district's own words for this part."""
    district = state.picked(name)
    state.set_story(name, story_desk.with_part(district.story, part, text, drafted=False))
    state.set_widget_value(widget, text)


def standards(name: str) -> None:
    district = state.picked(name)
    st.markdown("**Standards for Professional Learning this work reflects**")
    # Checkboxes in a wrapping row stay readable in a narrow column, unlike a multiselect.
    with st.container(horizontal=True, gap="medium"):
        chosen = [standard for standard in STANDARDS
                  if st.checkbox(standard, value=standard in district.standards, width="content",
                                 key=state.key("story", "standard", standard, name))]
    if tuple(chosen) != district.standards:
        state.set_standards(name, tuple(chosen))


def contact(name: str) -> None:
    st.markdown("**Contact information**")
    district = state.picked(name)
    values = {}
    columns = st.columns(2)
    for index, field in enumerate(template.CONTACT):
        typed = columns[index % 2].text_input(
            field.label, value=getattr(district.contact, field.key) or "",
            key=state.key("contact", field.key, name))
        values[field.key] = typed.strip() or None
    typed = Contact(**values)
    if typed != district.contact:
        state.set_contact(name, typed)


def logo(name: str) -> None:
    upload = st.file_uploader("Logo (PNG or JPEG, up to 2 MB)", type=["png", "jpg", "jpeg"],
                              key=state.key("story", "logo", name))
    if upload is not None:
        issues: list[Issue] = []
        data = state.memo(("logo", upload.file_id),
                          lambda: (validate_logo(upload.getvalue(), upload.name, issues), issues))
        if data[0] is not None:
            state.set_logo(name, data[0])
        for issue in data[1]:
            st.error(md(f"{issue.at}: {issue.message}"))
    kept = state.logo(name)
    if kept is not None:
        st.image(kept, width=160, caption="Logo on the one-pager")
        st.button("Remove the logo", key=state.key("story", "logo_remove", name),
                  on_click=state.set_logo, args=(name, None))
