"""What every session may share: the fictional samples and the blank template.

Owns the only st.cache_data in the app (server memory shared by all sessions), which is safe
because no visitor's data is in these: which sample datasets the start page offers, each sample
loaded and checked as an upload would be, and the blank template workbook. Imports nothing else
of the app, so ``state`` can load the default sample without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from advocacy import samples
from advocacy.exports import workbook
from advocacy.load import LoadResult


@dataclass(frozen=True, slots=True)
class Choice:
    key: str
    title: str
    statewide: bool = False


def sample_choices() -> tuple[Choice, ...]:
    return tuple(Choice(s.key, s.title, "statewide" in s.key) for s in samples.list_samples())


@st.cache_data(max_entries=8, show_spinner=False)
def sample(key: str) -> LoadResult:
    """A fictional sample, loaded and checked as an upload would be; shared across sessions
    because it is nobody's data."""
    return samples.load_sample(key)


def default_sample() -> LoadResult:
    return sample(sample_choices()[0].key)


@st.cache_data(max_entries=1, show_spinner=False)
def template() -> bytes:
    return workbook.template()
