"""The keys that drive Present from a presentation clicker: →, Page Down and Space forward; ←
and Page Up back. Owns the browser side (a Streamlit v2 component) and reading its presses back;
never decides which screen is shown (present.py moves the step by what this returns).

Why not a button click per press (as streamlit-shortcuts does): a button's click is a trigger,
and Streamlit keeps at most one trigger per button between runs. The browser sends the clicks of
one task batch as one message, the server folds a pending trigger into the next request, and a
run stopped for a newer one before its callbacks ran drops its trigger; so two quick presses
could move one screen. Here every press gets a number, and the component's state holds the
latest presses with their numbers: any later message carries all of them, a value never repeats,
and the server applies each number once (``unseen``)."""

from __future__ import annotations

import json
from collections.abc import Sequence

import streamlit as st

FORWARD = ("ArrowRight", "PageDown", " ")  # KeyboardEvent.key values a clicker sends
BACK = ("ArrowLeft", "PageUp")
KEPT = 64  # presses the browser keeps in the value; the server reads them on its next run

Seen = tuple[str, int]  # (mount, number of the last press applied)
NONE_SEEN: Seen = ("", 0)

_MOVES = {**{key: 1 for key in FORWARD}, **{key: -1 for key in BACK}}

# The listener belongs to the component's mount: Streamlit calls the returned cleanup when the
# component leaves the page (End, another page), so no key is taken from the next page's typing,
# and a remount adds a fresh listener instead of leaving a dead one. A mount gets its own name,
# so numbering restarts safely. Keys typed into a field or with a modifier are left alone.
_LISTENER = """
export default function ({ parentElement, setStateValue }) {
  if (parentElement.__presentKeys) return parentElement.__presentKeys.stop;
  const held = { mount: Date.now().toString(36) + Math.random().toString(36).slice(2),
                 number: 0, moves: [] };
  const onKey = (event) => {
    const move = MOVES[event.key];
    const target = event.target;
    if (!move || event.ctrlKey || event.altKey || event.metaKey || event.shiftKey
        || event.isComposing || (target && (target.isContentEditable
        || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)))) return;
    event.preventDefault();  // Space and Page Down would scroll, Space would click a button
    held.number += 1;
    held.moves = [...held.moves.slice(1 - KEPT), [held.number, move]];
    setStateValue("presses", { mount: held.mount, moves: held.moves });
  };
  document.addEventListener("keydown", onKey);
  held.stop = () => {
    document.removeEventListener("keydown", onKey);
    delete parentElement.__presentKeys;
    delete parentElement.dataset.listening;
  };
  parentElement.__presentKeys = held;
  parentElement.dataset.listening = "keys";  // for the browser tests: the keys are live
  return held.stop;
}
"""
_JS = f"const MOVES = {json.dumps(_MOVES)};\nconst KEPT = {KEPT};\n{_LISTENER}"

_component = st.components.v2.component("make_your_case.present_keys", js=_JS,
                                        isolate_styles=False)


def listen(key: str) -> object:
    """Draw the listener (nothing visible) and return the presses it has reported so far."""
    return _component(key=key, on_presses_change=_ignore).get("presses")


def unseen(presses: object, seen: Seen) -> tuple[list[int], Seen]:
    """The moves (+1 or -1) of presses not applied yet, oldest first, and what is seen after
    them. A value that is not the component's shape gives no moves."""
    if not isinstance(presses, dict):
        return [], seen
    mount, moves = presses.get("mount"), presses.get("moves")
    if not isinstance(mount, str) or not isinstance(moves, list):
        return [], seen
    pairs = [pair for pair in moves if _is_press(pair)]
    if not pairs:
        return [], seen
    after = seen[1] if mount == seen[0] else 0
    return [move for number, move in pairs if number > after], (mount, max(
        after, max(number for number, _move in pairs)))


def _is_press(pair: object) -> bool:
    return (isinstance(pair, Sequence) and len(pair) == 2
            and all(type(part) is int for part in pair) and pair[1] in (1, -1))


def _ignore() -> None:
    """The component reports a state only for names with a callback; presses are read from the
    value in the run instead, next to the step they move."""
