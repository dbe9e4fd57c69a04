"""Facts from every sheet and file → District records, merged by name.

Owns which district a value belongs to (the file's or sheet's district when no District column
says), building each district ``identity`` merged (one district spread over several files, by
ID, then name and state), conflicting values (`district.conflict`), repeated rows
(`row.duplicate`), counts of students that become percentages, and ``District.located``. Never
reads cells.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, cast

from advocacy import template
from advocacy.ingest import folding, identity, vocabulary
from advocacy.ingest.fields import CONTACT_KEYS, COUNT_TO_PCT, STORY_KEYS, Fact
from advocacy.issues import Issue
from advocacy.location import Location
from advocacy.model import (
    STANDARDS,
    Contact,
    Dated,
    District,
    Profile,
    Story,
    district_key,
)

# Sheet names that name a topic, not a district ("FY24 spending", "Sheet2", "Title II-A").
_GENERIC_SHEETS = re.compile(
    r"\b(sheet\s*\d*|data|profile|districts?|spend\w*|uses?|outcomes?|story|contact|budget|"
    r"summary|tables?|title|report|export|results?|fund\w*|expenditures?|revenue|staff\w*|"
    r"enrol\w*|totals?|pl|fy\s?\d+|sy|(19|20)\d\d|spent|how|dollars?|costs?|allocations?|"
    r"sources?|notes?|overview|info\w*|description)\b",
    re.IGNORECASE,
)
# Words only a district's own name carries ("Maple Valley USD", "Cedar County Schools").
_DISTRICT_WORDS = re.compile(
    r"\b(school district|schools|usd|isd|cusd|unified|county|city|parish|borough|township|"
    r"public schools|academy|charter|regional)\b",
    re.IGNORECASE,
)
LINE_KEYS = ("spending", "revenue", "uses", "outcomes")
_PROFILE_KEYS = set(Profile.field_names())


@dataclass(slots=True)
class SheetFacts:
    """What one sheet yielded, as ``layouts`` read it."""

    file: str
    sheet: str | None
    facts: list[Fact]


def assemble(
    sheets: list[SheetFacts], issues: list[Issue]
) -> tuple[tuple[District, ...], Iterator[Fact]]:
    """Every district the sheets describe, in the order first seen, and the facts, each now
    naming its district's display name (so the caller can tell which district an issue's cell
    belongs to), district by district. The facts are named as the caller reads them: a clean
    workbook has no issue to place, and its tens of thousands of facts are never walked again."""
    named = _name_anonymous(sheets, issues)
    groups = identity.merge(identity.units(named), issues)
    return tuple(_district(group, issues) for group in groups), _placed(groups)


def _placed(groups: list[identity.Group]) -> Iterator[Fact]:
    for group in groups:
        display = group.display
        for unit in group.units:
            facts = unit.facts
            if facts and facts[0].district != display:
                yield from (_named(fact, display) for fact in facts)
            else:
                yield from facts


def _name_anonymous(sheets: list[SheetFacts], issues: list[Issue]) -> list[Fact]:
    """Give every fact a district: its own, its sheet's, its file's, or the only one there is."""
    done: list[Fact] = []
    pending: dict[str, list[Fact]] = {}
    files: dict[str, list[SheetFacts]] = {}
    for sheet in sheets:
        files.setdefault(sheet.file, []).append(sheet)
    for file, file_sheets in files.items():
        anonymous = [s for s in file_sheets if _has_anonymous(s.facts)]
        # Only facts without a district name one; a sheet with a District column has none.
        default = _first_name(fact for s in anonymous for fact in s.facts)
        for sheet in file_sheets:
            if sheet not in anonymous:
                done.extend(sheet.facts)  # every fact names its district already
                continue
            name = _first_name(sheet.facts) or default
            extra: list[Fact] = []
            if name is None and _names_district(sheet, anonymous, default):
                name = sheet.sheet
                extra.append(Fact("name", name, Location(file=file, sheet=sheet.sheet)))
            for fact in extra + sheet.facts:
                if fact.district is not None:
                    done.append(fact)
                elif name is not None:
                    done.append(_named(fact, name))
                else:
                    pending.setdefault(file, []).append(fact)
    if not pending:
        return done  # the usual case; the set below is a pass over every fact
    known = {district_key(f.district) for f in done if f.district}
    for file, facts in pending.items():
        if len(known) == 1:
            only = next(f.district for f in done if f.district)
            done.extend(_named(fact, only) for fact in facts)
            continue
        stem = PurePath(file).stem
        issues.append(
            Issue.warning(
                "district.missing_name",
                at=Location(file=file),
                found=None,
                expected="a District name row in the Profile sheet, or a District column",
                hint=f"The file name “{stem}” was used as the district's name",
            )
        )
        done.append(Fact("name", stem, Location(file=file), district=stem))
        done.extend(_named(fact, stem) for fact in facts)
    return done


def _has_anonymous(facts: list[Fact]) -> bool:
    for fact in facts:  # noqa: SIM110 - a generator resumed per fact costs twice this loop
        if fact.district is None:
            return True
    return False


def _named(fact: Fact, district: str | None) -> Fact:
    # dataclasses.replace is a fifth of a million-row check; the constructor is not
    return Fact(fact.key, fact.value, fact.at, district, fact.year, fact.unit)


def _first_name(facts: Iterable[Fact]) -> str | None:
    return next((str(f.value) for f in facts if f.key == "name" and f.district is None), None)


def _names_district(sheet: SheetFacts, anonymous: list[SheetFacts], default: str | None) -> bool:
    """A sheet named "Maple Valley" beside "Cedar Ridge" is one sheet per district."""
    if default is not None or not sheet.sheet or sheet not in anonymous:
        return False
    title = " ".join(sheet.sheet.split())
    if _GENERIC_SHEETS.search(title) or vocabulary.lookup(title) is not None:
        return False
    if len(anonymous) < 2:
        return False  # a lone sheet's name is more often a topic than a district
    if _DISTRICT_WORDS.search(title):
        return True
    # Otherwise only sheets laid out alike (the same fields, one sheet per district) say their
    # names are districts; a topic sheet beside a profile sheet holds other things.
    return all(_shape(other) == _shape(sheet) for other in anonymous)


def _shape(sheet: SheetFacts) -> frozenset:
    return frozenset(
        (fact.key, getattr(fact.value, "source", None) or getattr(fact.value, "use", None))
        for fact in sheet.facts
    )


def _district(group: identity.Group, issues: list[Issue]) -> District:
    name = group.display
    name_fact: Fact | None = None
    chosen: dict[str, Fact] = {}  # each key's value, keys in the order first seen
    several: dict[str, list[Fact]] = {}  # keys given more than once, to choose between
    lines: dict[str, list[Fact]] = {}
    for unit in group.units:
        for key, facts in unit.by_key.items():
            if key in _LINE_KEYS:
                before = lines.get(key)
                lines[key] = facts if before is None else before + facts
            elif key == "name":
                name_fact = name_fact or facts[0]  # the name is the group's (``identity``)
            elif key in chosen:
                several[key] = several.get(key, [chosen[key]]) + facts
            else:
                chosen[key] = facts[0]
                if len(facts) > 1:
                    several[key] = facts
    if several:  # chosen in the order the keys were first seen, as their issues are listed
        for key in [key for key in chosen if key in several]:
            chosen[key] = _choose(name, key, several[key], issues)
    _counts_to_percent(name, chosen, issues)
    # Each value was read for its key's field (ingest.records), so its key tells its type.
    values: dict[str, Any] = {}
    located = [("name", name_fact.at)] if name_fact else []
    dated = []
    for key, fact in chosen.items():  # one walk for the values, their cells and their years
        values[key] = fact.value
        if not key.endswith("_count"):
            located.append((key, fact.at))
        if fact.year is not None and key in _PROFILE_KEYS:
            dated.append((key, fact.year))
    data_sources = values.get("data_sources")
    return District(
        name=name,
        state=values.get("state"),
        nces_id=values.get("nces_id"),
        state_id=values.get("state_id"),
        county=values.get("county"),
        congressional_district=values.get("congressional_district"),
        profile=Profile(**{k: values[k] for k in Profile.field_names() if k in values}),
        spending=_lines(name, lines.get("spending"), _SOURCE, issues),
        revenue=_lines(name, lines.get("revenue"), _SOURCE, issues),
        uses=_lines(name, lines.get("uses"), _USE, issues),
        outcomes=_lines(name, lines.get("outcomes"), _SERIES, issues),
        story=_story(values),
        contact=_contact(values),
        standards=_standards(name, chosen.get("standards"), issues),
        data_sources=data_sources,
        fictional=bool(data_sources and "fictional" in str(data_sources).casefold()),
        located=tuple(located),
        dated=tuple(dated),
    )


_LINE_KEYS = frozenset(LINE_KEYS)


_STORY_FACTS = tuple((key, f"story.{key}") for key in STORY_KEYS)
_CONTACT_FACTS = tuple((key, f"contact.{key}") for key in CONTACT_KEYS)
# Most districts of a statewide table have no story or contact: they share one empty record
# (frozen, so safe to share) instead of building their own.
_NO_STORY, _NO_CONTACT = Story(drafted=template.parts_named(None)), Contact()


_STORY_KEYS = frozenset(("drafted", *(fact for _, fact in _STORY_FACTS)))
_CONTACT_KEYS = frozenset(fact for _, fact in _CONTACT_FACTS)


def _story(values: dict[str, Any]) -> Story:
    if values.keys().isdisjoint(_STORY_KEYS):
        return _NO_STORY
    return Story(**{key: values.get(fact) for key, fact in _STORY_FACTS},
                 drafted=template.parts_named(values.get("drafted")))


def _contact(values: dict[str, Any]) -> Contact:
    if values.keys().isdisjoint(_CONTACT_KEYS):
        return _NO_CONTACT
    return Contact(**{key: values.get(fact) for key, fact in _CONTACT_FACTS})


def _choose(district: str, key: str, facts: list[Fact], issues: list[Issue]) -> Fact:
    """The newest value; a value with no year is the district's own statement and wins."""
    if len(facts) == 1:
        return facts[0]  # one row per district: nothing to choose between
    newest = max(facts, key=lambda f: (f.year is None, f.year.start if f.year else 0))
    differing = [
        other for other in facts
        if other is not newest and other.year == newest.year and other.value != newest.value
    ]
    for other in differing[:folding.SHOWN_PER_GROUP]:
        issues.append(
            Issue.warning(
                "district.conflict",
                at=other.at,
                district=district,
                found=f"{other.value} in {other.at}",
                expected=f"the same value as {newest.value} in {newest.at}",
                hint=f"The value in {newest.at} was kept",
            )
        )
    if differing:
        folding.add_more(issues, len(differing) - folding.SHOWN_PER_GROUP, like=issues[-1])
    return newest


def _counts_to_percent(name: str, chosen: dict[str, Fact], issues: list[Issue]) -> None:
    if chosen.keys().isdisjoint(COUNT_TO_PCT):
        return  # no counts given: the usual case of a profile sheet
    students = chosen.get("students")
    for count_key, pct_key in COUNT_TO_PCT.items():
        count = chosen.pop(count_key, None)
        if count is None or pct_key in chosen or not students or not students.value:
            continue
        if count_key == "title_i_participants_count":
            issues.append(Issue.warning(
                "percent.title_i_participants", at=count.at, district=name,
                found=f"{count.value:,.0f} Title I students",
                expected="the number of Title I-eligible students",
                hint="Students Title I serves are not all who are eligible; the share was shown "
                "as % Title I-eligible, so check it or give the eligible count"))
        if count.year and students.year and count.year != students.year:
            issues.append(Issue.warning(
                "district.mixed_years", at=count.at, district=name,
                found=f"{count.value:,.0f} in {count.year} over {students.value:,} students in "
                f"{students.year}",
                expected="a count and enrollment from the same school year",
                hint=f"The percentage mixes two years; give {students.year} counts to fix it"))
        pct = round(cast(float, count.value) / cast(float, students.value) * 100, 1)
        chosen[pct_key] = Fact(pct_key, pct, count.at, count.district, count.year)


# A line's series: its source, its use, or an outcome's metric and group.
_SOURCE, _USE, _SERIES = (operator.attrgetter("source"), operator.attrgetter("use"),
                          operator.attrgetter("metric", "group"))


def _lines(district: str, facts: list[Fact] | None, series: operator.attrgetter,
           issues: list[Issue]) -> tuple:
    """Lines without repeats, grouped by series in first-seen order, each oldest first."""
    if not facts:
        return ()  # most districts of a national table have no lines of most kinds
    by_series: dict[object, list] = {}
    for fact in facts:
        line = fact.value
        key = series(line)
        same = by_series.get(key)
        if same is None:
            by_series[key] = [line]
        else:
            same.append(line)
    ordered: list = []
    for lines in by_series.values():
        # A table lists each series' years oldest first, each once: then the lines are in
        # their order already. Otherwise repeats are sorted out and said.
        before = None
        for line in lines:
            start = line.school_year.start
            if before is not None and start <= before:
                return _lines_with_repeats(district, facts, series, issues)
            before = start
        ordered += lines
    return tuple(ordered)


def _lines_with_repeats(district: str, facts: list[Fact], series: operator.attrgetter,
                        issues: list[Issue]) -> tuple:
    """``_lines`` where a series' years are out of order or repeat: each series oldest first,
    the first of a repeated year kept and each later one said (after the first few,
    counted)."""
    kept: dict[tuple, Fact] = {}
    repeats: dict[tuple, int] = {}
    listed: dict[tuple, Issue] = {}
    for fact in facts:
        line = cast(Dated, fact.value)  # a "spending", "revenue", "uses" or "outcomes" value
        key = (series(line), line.school_year.start)
        first = kept.get(key)
        if first is None:
            kept[key] = fact
            continue
        repeats[key] = seen = repeats.get(key, 0) + 1
        if seen > folding.SHOWN_PER_GROUP:
            continue  # counted below: a million repeats are one summary, not a million issues
        amount = _amount(line)
        same = _amount(first.value) == amount
        issues.append(
            Issue.warning(
                "row.duplicate" if same else "district.conflict",
                at=fact.at,
                district=district,
                found=f"{amount:,.2f} in {fact.at}",
                expected=(
                    f"one row per {line.school_year}"
                    if same
                    else f"the same value as {_amount(first.value):,.2f} in {first.at}"
                ),
                hint=f"Only the value in {first.at} was counted",
            )
        )
        listed[key] = issues[-1]
    for key, last in listed.items():
        folding.add_more(issues, repeats[key] - folding.SHOWN_PER_GROUP, like=last)
    order: dict[object, int] = {}  # each series' place, first seen first
    for key in kept:
        order.setdefault(key[0], len(order))
    ranked = sorted(kept.items(), key=lambda item: (order[item[0][0]], item[0][1]))
    return tuple(fact.value for _key, fact in ranked)


def _amount(line) -> float:
    return float(getattr(line, "amount_usd", getattr(line, "value", 0.0)))


def _standards(district: str, fact: Fact | None, issues: list[Issue]) -> tuple[str, ...]:
    if fact is None or not fact.value:
        return ()
    canonical = {standard.casefold(): standard for standard in STANDARDS}
    found: list[str] = []
    for part in re.split(r"[;,\n]", str(fact.value)):
        text = " ".join(part.split())
        if not text:
            continue
        standard = canonical.get(text.casefold())
        if standard is None:
            issues.append(
                Issue.warning(
                    "label.unknown",
                    at=fact.at,
                    district=district,
                    found=text,
                    expected="one of the Standards for Professional Learning: "
                    + ", ".join(STANDARDS),
                )
            )
        elif standard not in found:
            found.append(standard)
    return tuple(found)
