"""The narrative stage: headline facts, story drafts, the numbers check, chart descriptions.

Owns every sentence the app writes about a district's data, deterministically (no network,
no language model). Reads a District and its metrics.Figures; never parses files, never
draws charts, never imports streamlit.
"""

from __future__ import annotations

from advocacy.narrative.describe import ChartText, describe_series
from advocacy.narrative.drafts import (
    WORD_TARGETS,
    Drafts,
    StoryInputs,
    default_story,
    drafts,
    word_count,
)
from advocacy.narrative.facts import (
    Fact,
    Number,
    Refusal,
    facts_for,
    headline_facts,
    refused_facts,
)
from advocacy.narrative.numbers import (
    CONTRADICTS,
    UNVERIFIED,
    VERIFIED,
    NumberCheck,
    check_story,
    corrected,
    number_index,
    story_issues,
)

__all__ = [
    "CONTRADICTS", "UNVERIFIED", "VERIFIED", "WORD_TARGETS", "ChartText", "Drafts", "Fact",
    "Number", "NumberCheck", "Refusal", "check_story", "default_story", "describe_series",
    "StoryInputs", "corrected", "drafts", "facts_for", "headline_facts", "number_index",
    "refused_facts", "story_issues", "word_count",
]
