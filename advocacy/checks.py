"""Cross-field checks on a loaded District: numbers that cannot all be true together.

Owns the checks that need more than one cell (Title I schools vs schools, uses vs spending,
gaps in a series, the ratio vs students / teachers, future years) and which are errors
(impossible numbers, which block that district's export) or warnings (gaps, doubts). Each
Issue names its district and the best cell known. Never reads files and never changes data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace

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
    _profile(district, found)
    _uses_vs_spending(district, found)
    _gaps(district, found)
    _duplicates(district, found)
    _future(district, today or dt.date.today(), found)
    _unprintable(district, found)
    _mixed_years(district, found)
    if not district.spending:
        found.append(Issue.warning(
            "check.no_spending", at=_fallback(district),
            expected="professional-learning dollars by source for at least one school year",
            hint="Fill in the Spending sheet of the template"))
    return [issue.for_district(district.name) for issue in found] if found else found


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
            "check.title_i_schools_exceed_schools", at=_at(district, "title_i_schools"),
            found=f"{_number(p.title_i_schools)} Title I schools",
            expected=f"at most the {_number(p.schools)} schools given",
            hint="Check both the Number of schools and the Number of Title I schools"))
    if (p.instructional_coaches is not None and p.teachers is not None
            and p.instructional_coaches > p.teachers):
        found.append(Issue.error(
            "check.coaches_exceed_teachers", at=_at(district, "instructional_coaches"),
            found=f"{_number(p.instructional_coaches)} coaches",
            expected=f"at most the {_number(p.teachers)} teachers given",
            hint="A count may be in the wrong row"))
    for key in PCT_FIELDS:
        value = getattr(p, key)
        if value is not None and not 0 <= value <= 100:
            found.append(Issue.error(
                "percent.out_of_range", at=_at(district, key), found=f"{_number(value)}%",
                expected="a percentage between 0 and 100"))
    for point in district.outcomes:
        if point.unit is Unit.PERCENT and not 0 <= point.value <= 100:
            found.append(Issue.error(
                "percent.out_of_range", at=point.at or _fallback(district),
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
            "check.ratio_inconsistent", at=_at(district, "student_teacher_ratio"),
            found=f"{p.student_teacher_ratio:.1f}:1",
            expected=f"about {computed:.1f}:1 ({_number(p.students)} students / "
                     f"{_number(p.teachers)} teachers, within 10%)",
            hint="Check the ratio, the number of students and the number of teachers"))


def _uses_vs_spending(district: District, found: list[Issue]) -> None:
    if not district.uses or not district.spending:
        return  # no year has both
    # Keyed by the year's start: a statewide check asks this of every line of every district,
    # and an int hashes in C.
    totals: dict[int, float] = {}
    for line in district.spending:
        start = line.school_year.start
        totals[start] = totals.get(start, 0.0) + line.amount_usd
    by_year: dict[int, list[UseLine]] = {}
    for use in district.uses:
        start = use.school_year.start
        same = by_year.get(start)
        if same is None:
            by_year[start] = [use]
        else:
            same.append(use)
    for start in sorted(by_year):
        if start not in totals:
            continue
        lines = by_year[start]
        year, spent = lines[0].school_year, totals[start]
        spent_on_uses = sum(u.amount_usd for u in lines)
        if spent_on_uses > spent + max(1.0, USES_TOLERANCE * spent):
            found.append(Issue.error(
                "check.uses_exceed_total", at=lines[0].at or _fallback(district),
                found=f"${spent_on_uses:,.0f} spent by use in {year}",
                expected=f"at most the ${spent:,.0f} spent by source that year",
                hint="A use may be counted twice, or a funding source is missing"))


def _gaps(district: District, found: list[Issue]) -> None:
    if _has_gap(district.spending):
        _gap(district, "spending", district.spending, found)
    if _has_gap(district.uses):
        _gap(district, "uses", district.uses, found)
    if not district.outcomes:
        return
    starts: dict[tuple[str, str | None], set[int]] = {}
    for point in district.outcomes:
        key = (point.metric, point.group)
        years = starts.get(key)
        if years is None:
            starts[key] = {point.school_year.start}
        else:
            years.add(point.school_year.start)
    if all(max(years) - min(years) < len(years) for years in starts.values()):
        return  # every series has each year from its first to its last
    for (metric, group), points in district.outcome_series().items():
        _gap(district, f"“{metric}”" + (f" ({group})" if group else ""), points, found)


def _has_gap(lines: Sequence[Dated]) -> bool:
    """Some year between the first and the last has no line (distinct years span more)."""
    if len(lines) < 2:
        return False
    starts = {line.school_year.start for line in lines}
    return max(starts) - min(starts) >= len(starts)


def _gap(district: District, what: str, lines: Sequence, found: list[Issue]) -> None:
    """A missing year between the first and last makes trends and changes misleading."""
    starts = sorted({line.school_year.start for line in lines})
    for before, after in zip(starts, starts[1:], strict=False):
        if after - before <= 1:
            continue
        missing = ", ".join(str(SchoolYear(y)) for y in range(before + 1, after))
        first_after = next(line for line in lines if line.school_year.start == after)
        found.append(Issue.warning(
            "check.year_gap", at=first_after.at or _fallback(district),
            found=f"{what}: no {missing}", expected=f"every school year from "
            f"{SchoolYear(starts[0])} to {SchoolYear(starts[-1])}",
            hint="Add the missing year, or leave it if it truly had none"))


def _duplicates(district: District, found: list[Issue]) -> None:
    """Repeats in data built elsewhere (the app's tables); loading already removes its own."""
    spending, uses, outcomes = district.spending, district.uses, district.outcomes
    if (len({(s.source, s.school_year.start) for s in spending}) == len(spending)
            and len({(u.use, u.school_year.start) for u in uses}) == len(uses)
            and len({(p.metric, p.group, p.school_year.start) for p in outcomes})
            == len(outcomes)):
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
                "row.duplicate", at=line.at or _fallback(district),
                found=f"{key[0]} {line.school_year} again",
                expected=f"one row per {line.school_year}", hint="Remove the repeated row"))
        seen.add(key)


def _future(district: District, today: dt.date, found: list[Issue]) -> None:
    # A school year starts in July (the federal fiscal convention), so in March 2025 the
    # current year is 2024-25; budgets for next year are planned, so that is a warning too.
    current = today.year if today.month >= 7 else today.year - 1
    lines: tuple[Dated, ...] = (*district.spending, *district.uses, *district.outcomes)
    if not lines or max(line.school_year.start for line in lines) <= current:
        return
    reported: set[int] = set()
    for line in lines:
        year = line.school_year
        if year.start > current and year.start not in reported:
            reported.add(year.start)
            found.append(Issue.warning(
                "check.future_year", at=line.at or _fallback(district), found=str(year),
                expected=f"{SchoolYear(current)} or earlier",
                hint="If these are planned figures, say so in the data sources"))


def _unprintable(district: District, found: list[Issue]) -> None:
    """Text the PDF's fonts cannot draw: said before a build, which leaves it out."""
    story, contact = district.story, district.contact
    # Letters are judged one by one, so a district whose texts, run together, are all
    # printable has none to report: one look at its distinct texts instead of one per line.
    together = "".join(filter(None, (
        district.name, district.state, district.data_sources,
        story.challenge, story.solution, story.impact,
        contact.name, contact.title, contact.organization, contact.email, contact.phone,
        *{line.source for line in district.spending}, *{line.use for line in district.uses},
        *{point.metric for point in district.outcomes},
        *{point.group for point in district.outcomes})))
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
            "text.not_printable", at=at or _at(district, key),
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
            "check.mixed_years", at=_at(district, first),
            found=f"{first} in {first_year}, {second} in {second_year}",
            expected=f"one school year for the {derived}",
            hint=f"The {derived} would mix two years; use figures from one year"))
    years = provenance.profile_years(district)
    if len(set(years.values())) > 1 and not mixed:
        listed = ", ".join(f"{key} {year}" for key, year in years.items())
        found.append(Issue.warning(
            "check.mixed_years", at=_fallback(district), found=listed,
            expected="profile figures from one school year",
            hint="The one-pager's data-sources line says which year each figure is from"))
