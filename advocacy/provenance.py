"""Where and when each figure of a district came from, and the one-pager's data-sources line.

Owns ``figure_sources`` (every profile figure, Title II-A revenue and spending with its file,
sheet, cell and the school year it describes when the file said so), ``data_sources_line``
("Students: adm_22_23.csv, 2022-23; Teachers: ccd.xlsx, 2014-15"), and the years that a
derived figure would mix (``mixed_years``), which ``checks`` turns into a warning. Reads only
the model and the template; never formats money or parses files.
"""

from __future__ import annotations

from dataclasses import dataclass

from advocacy import template
from advocacy.location import Location
from advocacy.model import Dated, District, SchoolYear


@dataclass(frozen=True, slots=True, kw_only=True)
class FigureSource:
    key: str  # "students", "revenue:Title II-A", "spending"
    label: str  # "Students", as the one-pager's tiles name it
    at: Location
    school_year: SchoolYear | None  # the year the file said the figure describes
    years: tuple[SchoolYear, ...] = ()  # for series: every year given


def figure_sources(district: District) -> tuple[FigureSource, ...]:
    dated = dict(district.dated)
    found = []
    for field in template.PROFILE:
        at = district.where(field.key)
        if at is not None and getattr(district.profile, field.key) is not None:
            found.append(FigureSource(key=field.key, label=field.short, at=at,
                                      school_year=dated.get(field.key)))
    for kind, lines, label in (("revenue", district.revenue, "{} revenue"),
                               ("spending", district.spending, "Spending")):
        by_source: dict[str, list] = {}
        for line in lines:
            if line.at is not None:
                by_source.setdefault(line.source if kind == "revenue" else "", []).append(line)
        for source, group in by_source.items():
            years = tuple(sorted({line.school_year for line in group}))
            found.append(FigureSource(key=f"{kind}:{source}" if source else kind,
                                      label=label.format(source), at=group[0].at,
                                      school_year=years[-1] if len(years) == 1 else None,
                                      years=years))
    return tuple(found)


def data_sources_line(district: District) -> str | None:
    """The data-sources footnote built from where each figure was read; figures from the same
    file and year share one entry. None when nothing was read from a file."""
    entries: dict[tuple[str, str], list[str]] = {}
    for source in figure_sources(district):
        when = _when(source)
        entries.setdefault((source.at.file, when), []).append(source.label)
    if not entries:
        return None
    parts = []
    for (file, when), labels in entries.items():
        parts.append(f"{', '.join(labels)}: {file}" + (f", {when}" if when else ""))
    return "; ".join(parts)


def footnote(district: District) -> str | None:
    """The one-pager's data-sources line: the district's own words, else built from where and
    when each figure was read. Every export prints this one."""
    return district.data_sources or data_sources_line(district)


def _when(source: FigureSource) -> str:
    if source.school_year is not None:
        return str(source.school_year)
    if len(source.years) > 1:
        return f"{source.years[0]} to {source.years[-1]}"
    return ""


def profile_years(district: District) -> dict[str, SchoolYear]:
    """The school year of each profile figure whose file said so."""
    present = {field.key for field in template.PROFILE
               if getattr(district.profile, field.key) is not None}
    return {key: year for key, year in district.dated if key in present}


def mixed_years(district: District) -> list[tuple[str, str, SchoolYear, str, SchoolYear]]:
    """(derived figure, figure, its year, other figure, its year) for each derived figure the
    one-pager shows whose parts come from different school years."""
    years = profile_years(district)
    mixed = []
    students = years.get("students")
    teachers = years.get("teachers")
    if students and teachers and students != teachers:
        mixed.append(("student-to-teacher ratio", "students", students, "teachers", teachers))
    dollars: tuple[Dated, ...] = (*district.spending, *district.revenue)
    spent = [line.school_year for line in dollars]
    if students and spent and max(spent) != students:
        mixed.append(("dollars per student", "students", students, "dollars", max(spent)))
    return mixed
