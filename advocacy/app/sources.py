"""The app's door to the domain: uploads, the one-pager, and per-session memoised calls.

Owns thin memoised wrappers so a rerun never recomputes figures, drafts, chart specs or the
one-pager for a district that has not changed. Never parses uploads itself: advocacy.load does.
"""

from __future__ import annotations

from dataclasses import replace

from advocacy import charts, metrics, narrative
from advocacy.app import state
from advocacy.checked import load_checked
from advocacy.exports import document
from advocacy.ingest.files import SourceFile
from advocacy.load import LoadResult
from advocacy.metrics import Figures
from advocacy.model import Contact, District, Story


def load_uploads(files: list[tuple[str, bytes]], mapping) -> LoadResult:
    """Parse uploads and run the cross-field checks; callers memoise by content hash."""
    return load_checked([SourceFile(name=name, data=data) for name, data in files],
                        mapping=mapping)


def figures(district: District) -> Figures:
    """The district's derived figures; they rest on its data alone, so typing keeps them."""
    data_only = _without_story(district)
    return state.memo(("figures", data_only), lambda: metrics.compute(data_only))


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


def one_pager(district: District) -> document.OnePager:
    """The district's one-pager as every export shows it, built once per change."""
    logo = state.logo(district.name)
    return state.memo(("onepager", district, logo),
                      lambda: document.build(district, logo=logo))


def number_checks(district: District) -> list:
    """The story's numbers checked against the data; each keystroke re-reads the story but
    keeps the index of the data's numbers, which typing cannot change."""
    data_only = _without_story(district)
    index = state.memo(("number_index", data_only),
                       lambda: narrative.number_index(data_only, figures(data_only)))
    return state.memo(("numbers", district), lambda: narrative.check_story(
        district, figures(district), district.story, index=index))


def _without_story(district: District) -> District:
    """Charts and drafts depend on the data only, so typing does not invalidate them."""
    return replace(district, story=Story(), contact=Contact())

