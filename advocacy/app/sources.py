"""The app's door to the domain: samples, the template, and per-session memoised calls.

Owns which sample datasets the start page offers, the only st.cache_data in the app (fictional
samples and the blank template, shared safely because no visitor's data is in them), and thin
memoised wrappers so a rerun never recomputes figures, drafts or chart specs for a district
that has not changed. Never parses uploads itself: advocacy.load does.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import streamlit as st

from advocacy import charts, checks, metrics, narrative, samples
from advocacy.app import state
from advocacy.exports import workbook
from advocacy.ingest.files import SourceFile
from advocacy.load import LoadResult, load_files
from advocacy.metrics import Figures
from advocacy.model import Contact, District, Story


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


def load_uploads(files: list[tuple[str, bytes]], mapping) -> LoadResult:
    """Parse uploads and run the cross-field checks; callers memoise by content hash."""
    result = load_files([SourceFile(name=name, data=data) for name, data in files],
                        mapping=mapping)
    return checks.review(result)


def figures(district: District) -> Figures:
    return state.memo(("figures", district), lambda: metrics.compute(district))


def chart_specs(district: District) -> tuple[charts.ChartSpec, ...]:
    data_only = _without_story(district)
    return state.memo(("specs", data_only),
                      lambda: tuple(charts.specs(data_only, figures(data_only))))


def drafts(district: District):
    """Drafts from the data and what the person said about the program on the Story page."""
    data_only = _without_story(district)
    inputs = state.story_inputs(district.name)
    return state.memo(("drafts", data_only, inputs),
                      lambda: narrative.drafts(data_only, figures(data_only), inputs=inputs))


def facts(district: District) -> list:
    data_only = _without_story(district)
    return state.memo(("facts", data_only),
                      lambda: narrative.headline_facts(data_only, figures(data_only)))


def number_checks(district: District) -> list:
    return state.memo(("numbers", district),
                      lambda: narrative.check_story(district, figures(district), district.story))


def _without_story(district: District) -> District:
    """Charts and drafts depend on the data only, so typing does not invalidate them."""
    return replace(district, story=Story(), contact=Contact())
