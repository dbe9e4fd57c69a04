"""The one door for "load and check": files in, every district with every issue found.

Owns the order of the checks every caller gets: reading (``load``), the cross-field checks
(``checks``), then each district's story numbers (``narrative.story_issues``), so ``check``,
``build``, the app's Upload page and the samples all report the same findings. Never renders,
never prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from advocacy import checks, metrics, narrative
from advocacy.ingest.mapping import ColumnMapping
from advocacy.load import LoadResult, load_files


def load_checked(files: Sequence[object], *, mapping: ColumnMapping | None = None
                 ) -> LoadResult:
    """Load ``files`` together, run the cross-field checks, then check each story's numbers."""
    return review(load_files(files, mapping=mapping))


def review(result: LoadResult) -> LoadResult:
    """A loaded result with the cross-field checks and every story's number findings added."""
    result = checks.review(result)
    # An empty story has no numbers to trace; skipping it saves a quarter of a statewide check.
    story = [issue for district in result.districts if not district.story.is_empty()
             for issue in narrative.story_issues(district, metrics.compute(district))]
    if not story:
        return result
    seen = {(i.code, i.at, i.district, i.found) for i in result.issues}
    added = tuple(i for i in story if (i.code, i.at, i.district, i.found) not in seen)
    # replace, not a new LoadResult: every other field the loader filled is kept.
    return replace(result, issues=result.issues + added)
