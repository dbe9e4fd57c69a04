"""Cross-field checks on a loaded District: numbers that cannot all be true together.

Owns the checks that need more than one cell (Title I schools vs schools, uses vs spending,
gaps in a series, the ratio vs students / teachers, future years) and which are errors
(impossible numbers, which block that district's export) or warnings (gaps, doubts). Each
Issue names its district and the best cell known. Never reads files and never changes data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from advocacy import print_fonts, provenance, template
from advocacy.issues import Issue
from advocacy.load import LoadResult
from advocacy.location import Location
from advocacy.model import Dated, District, SchoolYear, Unit, UseLine

PCT_FIELDS = template.profile_keys(template.Kind.PERCENT)
# Published ratios often count teachers differently (classroom vs all FTE), so only a gap
# larger than 10% of students / teachers is worth a warning.
RATIO_TOLERANCE = 0.10
# Uses may be rounded to the nearest thousand while spending is not: allow 0.5% or $1.
USES_TOLERANCE = 0.005


def check_district(district: District, *, today: dt.date | None = None) -> list[Issue]:
    """Every cross-field problem in one district, each located and naming the district."""
    found: list[Issue] = []
    years = _Years.of(district)
    _profile(district, found)
    _uses_vs_spending(district, years, found)
    _gaps(district, years, found)
    _duplicates(district, found)
    _future(district, years, today or dt.date.today(), found)
    _unprintable(district, found)
    _mixed_years(district, found)
    if not district.spending:
        found.append(Issue.warning(
            "check.no_spending", district=district.name,
            at=_fallback(district),
            expected="professional-learning dollars by source for at least one school year",
            hint="Fill in the Spending sheet of the template"))
    return found


def review(result: LoadResult, *, today: dt.date | None = None) -> LoadResult:
    """``result`` with every district's check issues added (none repeated from loading)."""
    today = today or dt.date.today()
    found = [issue for district in result.districts
             for issue in check_district(district, today=today)]
    # Only an issue whose code loading also gave can repeat one: the rest need no look-up (a
    # Location hashes in Python, and a national table has a warning per district).
    loaded = {i.code for i in result.issues}
    seen = {(i.code, i.at, i.district) for i in result.issues}
    added = [issue for issue in found
             if issue.code not in loaded or (issue.code, issue.at, issue.district) not in seen]
    return replace(result, issues=result.issues + tuple(added))


def _fallback(district: District) -> Location:
    """The first file this district was read from, or its name when it was built in code."""
    if district.located:
        return Location(file=district.located[0][1].file)
    for lines in (district.spending, district.uses, district.outcomes):
        for line in lines:
            if line.at is not None:
                return Location(file=line.at.file)
    return Location(file=district.name)


def _at(district: District, key: str) -> Location:
    return district.where(key) or _fallback(district)


def _number(value: float) -> str:
    return f"{value:,.1f}".removesuffix(".0")


def _profile(district: District, found: list[Issue]) -> None:
    p = district.profile
    if p.title_i_schools is not None and p.schools is not None and p.title_i_schools > p.schools:
        found.append(Issue.error(
            "check.title_i_schools_exceed_schools", district=district.name,
            at=_at(district, "title_i_schools"),
            found=f"{_number(p.title_i_schools)} Title I schools",
            expected=f"at most the {_number(p.schools)} schools given",
            hint="Check both the Number of schools and the Number of Title I schools"))
    if (p.instructional_coaches is not None and p.teachers is not None
            and p.instructional_coaches > p.teachers):
        found.append(Issue.error(
            "check.coaches_exceed_teachers", district=district.name,
            at=_at(district, "instructional_coaches"),
            found=f"{_number(p.instructional_coaches)} coaches",
            expected=f"at most the {_number(p.teachers)} teachers given",
            hint="A count may be in the wrong row"))
    for key in PCT_FIELDS:
        value = getattr(p, key)
        if value is not None and not 0 <= value <= 100:
            found.append(Issue.error(
                "percent.out_of_range", district=district.name,
                at=_at(district, key), found=f"{_number(value)}%",
                expected="a percentage between 0 and 100"))
    for point in district.outcomes:
        if point.unit is Unit.PERCENT and not 0 <= point.value <= 100:
            found.append(Issue.error(
                "percent.out_of_range", district=district.name,
                at=point.at or _fallback(district),
                found=f"{point.metric} {point.school_year}: {_number(point.value)}%",
                expected="a percentage between 0 and 100"))
    _ratio(district, found)


def _ratio(district: District, found: list[Issue]) -> None:
    p = district.profile
    if not (p.student_teacher_ratio and p.students and p.teachers):
        return
    computed = p.students / p.teachers
    if abs(p.student_teacher_ratio - computed) > RATIO_TOLERANCE * computed:
        found.append(Issue.warning(
            "check.ratio_inconsistent", district=district.name,
            at=_at(district, "student_teacher_ratio"),
            found=f"{p.student_teacher_ratio:.1f}:1",
            expected=f"about {computed:.1f}:1 ({_number(p.students)} students / "
                     f"{_number(p.teachers)} teachers, within 10%)",
            hint="Check the ratio, the number of students and the number of teachers"))


@dataclass(slots=True)
class _Years:
    """A district's lines by the start of their school year, walked once for the checks that
    ask about years (uses vs spending, gaps, the future): a statewide check asks them of every
    line of every district, and an int hashes in C."""

    spent: dict[int, float]  # spending by source, summed in the order listed
    uses: dict[int, list[UseLine]]
    outcomes: dict[tuple[str, str | None], set[int]]  # each series' years

    @classmethod
    def of(cls, district: District) -> _Years:
        spent: dict[int, float] = {}
        for line in district.spending:
            start = line.school_year.start
            spent[start] = spent.get(start, 0.0) + line.amount_usd
        uses: dict[int, list[UseLine]] = {}
        for use in district.uses:
            start = use.school_year.start
            same = uses.get(start)
            if same is None:
                uses[start] = [use]
            else:
                same.append(use)
        outcomes: dict[tuple[str, str | None], set[int]] = {}
        for point in district.outcomes:
            key = (point.metric, point.group)
            starts = outcomes.get(key)
            if starts is None:
                outcomes[key] = {point.school_year.start}
            else:
                starts.add(point.school_year.start)
        return cls(spent, uses, outcomes)

    def latest(self) -> int | None:
        starts = [*self.spent, *self.uses, *(max(s) for s in self.outcomes.values())]
        return max(starts) if starts else None


def _uses_vs_spending(district: District, years: _Years, found: list[Issue]) -> None:
    totals = years.spent
    if not totals:
        return  # no year has both
    for start in sorted(years.uses):
        if start not in totals:
            continue
        lines = years.uses[start]
        year, spent = lines[0].school_year, totals[start]
        spent_on_uses = sum(u.amount_usd for u in lines)
        if spent_on_uses > spent + max(1.0, USES_TOLERANCE * spent):
            found.append(Issue.error(
                "check.uses_exceed_total", district=district.name,
                at=lines[0].at or _fallback(district),
                found=f"${spent_on_uses:,.0f} spent by use in {year}",
                expected=f"at most the ${spent:,.0f} spent by source that year",
                hint="A use may be counted twice, or a funding source is missing"))


def _gaps(district: District, years: _Years, found: list[Issue]) -> None:
    if _has_gap(years.spent):
        _gap(district, "spending", district.spending, found)
    if _has_gap(years.uses):
        _gap(district, "uses", district.uses, found)
    if not any(_has_gap(starts) for starts in years.outcomes.values()):
        return  # every series has each year from its first to its last
    for (metric, group), points in district.outcome_series().items():
        _gap(district, f"“{metric}”" + (f" ({group})" if group else ""), points, found)


def _has_gap(starts: Collection[int]) -> bool:
    """Some year between the first and the last is missing: distinct years span more."""
    return len(starts) > 1 and max(starts) - min(starts) >= len(starts)


def _gap(district: District, what: str, lines: Sequence, found: list[Issue]) -> None:
    """A missing year between the first and last makes trends and changes misleading."""
    starts = sorted({line.school_year.start for line in lines})
    for before, after in zip(starts, starts[1:], strict=False):
        if after - before <= 1:
            continue
        missing = ", ".join(str(SchoolYear(y)) for y in range(before + 1, after))
        first_after = next(line for line in lines if line.school_year.start == after)
        found.append(Issue.warning(
            "check.year_gap", district=district.name,
            at=first_after.at or _fallback(district),
            found=f"{what}: no {missing}", expected=f"every school year from "
            f"{SchoolYear(starts[0])} to {SchoolYear(starts[-1])}",
            hint="Add the missing year, or leave it if it truly had none"))


def _duplicates(district: District, found: list[Issue]) -> None:
    """Repeats in data built elsewhere (the app's tables); loading already removes its own."""
    spending, uses, outcomes = district.spending, district.uses, district.outcomes
    if ((len(spending) < 2
         or len({(s.source, s.school_year.start) for s in spending}) == len(spending))
            and (len(uses) < 2 or len({(u.use, u.school_year.start) for u in uses}) == len(uses))
            and (len(outcomes) < 2
                 or len({(p.metric, p.group, p.school_year.start) for p in outcomes})
                 == len(outcomes))):
        return  # nothing repeats: the usual case, and always so for loaded lines
    keyed: Iterable[tuple[tuple, Dated]] = (
        *(((s.source, s.school_year.start), s) for s in spending),
        *(((u.use, u.school_year.start, "use"), u) for u in uses),
        *(((p.metric, p.group, p.school_year.start, "outcome"), p) for p in outcomes),
    )
    seen: set[tuple] = set()
    for key, line in keyed:
        if key in seen:
            found.append(Issue.warning(
                "row.duplicate", district=district.name,
                at=line.at or _fallback(district),
                found=f"{key[0]} {line.school_year} again",
                expected=f"one row per {line.school_year}", hint="Remove the repeated row"))
        seen.add(key)


def _future(district: District, years: _Years, today: dt.date, found: list[Issue]) -> None:
    # A school year starts in July (the federal fiscal convention), so in March 2025 the
    # current year is 2024-25; budgets for next year are planned, so that is a warning too.
    current = today.year if today.month >= 7 else today.year - 1
    latest = years.latest()
    if latest is None or latest <= current:
        return
    lines: tuple[Dated, ...] = (*district.spending, *district.uses, *district.outcomes)
    reported: set[int] = set()
    for line in lines:
        year = line.school_year
        if year.start > current and year.start not in reported:
            reported.add(year.start)
            found.append(Issue.warning(
                "check.future_year", district=district.name,
                at=line.at or _fallback(district), found=str(year),
                expected=f"{SchoolYear(current)} or earlier",
                hint="If these are planned figures, say so in the data sources"))


def _unprintable(district: District, found: list[Issue]) -> None:
    """Text the PDF's fonts cannot draw: said before a build, which leaves it out."""
    story, contact = district.story, district.contact
    # Letters are judged one by one, so a district whose texts, run together, are all
    # printable has none to report: one look at its distinct texts instead of one per line.
    given: list[str | None] = [
        district.name, district.state, district.data_sources,
        story.challenge, story.solution, story.impact,
        contact.name, contact.title, contact.organization, contact.email, contact.phone]
    if district.spending:
        given += {line.source for line in district.spending}
    if district.uses:
        given += {line.use for line in district.uses}
    if district.outcomes:
        given += {point.metric for point in district.outcomes}
        given += {point.group for point in district.outcomes}
    together = "".join(filter(None, given))
    if not print_fonts.unprintable(together):
        return
    texts: list[tuple[str, str | None, Location | None]] = [
        ("name", district.name, None), ("state", district.state, None),
        ("data_sources", district.data_sources, None),
        *((f"story.{key}", getattr(district.story, key), None)
          for key in ("challenge", "solution", "impact")),
        *((f"contact.{key}", getattr(district.contact, key), None)
          for key in ("name", "title", "organization", "email", "phone")),
        *((line.source, line.source, line.at) for line in district.spending),
        *((line.use, line.use, line.at) for line in district.uses),
        *((point.metric, point.metric, point.at) for point in district.outcomes),
        *((point.group, point.group, point.at) for point in district.outcomes if point.group),
    ]
    looked: set[str] = set()  # a source's name comes once a year: its letters are looked at once
    for key, text, at in texts:
        if not text or text in looked:
            continue
        looked.add(text)
        dropped = print_fonts.unprintable(text)
        if not dropped:
            continue
        found.append(Issue.warning(
            "text.not_printable", district=district.name,
            at=at or _at(district, key),
            found="".join(dict.fromkeys(ch for ch in text if ch in dropped)),
            expected="letters the PDF's fonts can print (Latin, Arabic, Hebrew)",
            hint=f"The PDF will leave out {print_fonts.describe(dropped)}"
                 + (" and head the page with a placeholder name" if key == "name" and
                    not "".join(ch for ch in text if ch not in dropped).strip() else "")
                 + "; other exports keep them"))


def _mixed_years(district: District, found: list[Issue]) -> None:
    """Figures from different school years are said so, above all where one is divided by the
    other (students per teacher, dollars per student)."""
    if not district.dated:
        return  # no figure's year is known, so none can differ
    mixed = provenance.mixed_years(district)
    for derived, first, first_year, second, second_year in mixed:
        found.append(Issue.warning(
            "check.mixed_years", district=district.name,
            at=_at(district, first),
            found=f"{first} in {first_year}, {second} in {second_year}",
            expected=f"one school year for the {derived}",
            hint=f"The {derived} would mix two years; use figures from one year"))
    years = provenance.profile_years(district)
    if len(set(years.values())) > 1 and not mixed:
        listed = ", ".join(f"{key} {year}" for key, year in years.items())
        found.append(Issue.warning(
            "check.mixed_years", district=district.name,
            at=_fallback(district), found=listed,
            expected="profile figures from one school year",
            hint="The one-pager's data-sources line says which year each figure is from"))
