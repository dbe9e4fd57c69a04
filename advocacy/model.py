"""The story model: frozen records for a district and everything a one-pager holds.

Owns the shape of validated data. Never parses, never formats, never imports pandas.
Units live in names: ``amount_usd``; ``*_pct`` holds percent points 0-100 as people read
them (7.5 means 7.5%); ``*_share`` holds fractions 0-1.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields, replace
from functools import cache, lru_cache, total_ordering

from advocacy.location import Location

# The template's own names. Other sources and uses keep the district's label.
TITLE_II_A = "Title II-A"
STATE = "State"
DISTRICT = "District"
FUNDING_SOURCES: tuple[str, ...] = (TITLE_II_A, STATE, DISTRICT)

COACHING = "Coaching"
CLASS_SIZE_REDUCTION = "Class size reduction"
COURSES_WORKSHOPS = "Courses/workshops"
USES: tuple[str, ...] = (COACHING, CLASS_SIZE_REDUCTION, COURSES_WORKSHOPS)

# Learning Forward's Standards for Professional Learning (2011 edition names, as the brief lists).
STANDARDS: tuple[str, ...] = (
    "Learning Communities",
    "Leadership",
    "Resources",
    "Data",
    "Learning Designs",
    "Implementation",
    "Outcomes",
)

TEMPLATE_YEARS = 5  # the paper form shows five school years


@total_ordering
@dataclass(frozen=True, slots=True)
class SchoolYear:
    """A school year named by the calendar year it starts in: SchoolYear(2018) is "2018-19"."""

    start: int

    def __str__(self) -> str:
        return _year_label(self.start)

    def __lt__(self, other: SchoolYear) -> bool:
        return self.start < other.start

    @property
    def end(self) -> int:
        return self.start + 1

    @property
    def label(self) -> str:
        return str(self)

    def next(self) -> SchoolYear:
        return SchoolYear(self.start + 1)

    @classmethod
    def from_label(cls, label: str) -> SchoolYear:
        """Strict inverse of ``str``: "2018-19" only. User input goes through ingest.cells."""
        start, _, end = label.partition("-")
        year = cls(int(start))
        if len(end) != 2 or int(end) != year.end % 100:
            raise ValueError(f"not a canonical school year label: {label!r}")
        return year


@lru_cache(maxsize=1024)  # every line of a statewide check prints its year; there are few
def _year_label(start: int) -> str:
    return f"{start}-{(start + 1) % 100:02d}"


class Unit(enum.Enum):
    PERCENT = "%"
    COUNT = "count"
    USD = "$"
    SCORE = "score"


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile:
    """WHO WE ARE: the ten district-description fields of the template; None means missing."""

    students: int | None = None
    teachers: float | None = None  # FTE, so may be fractional
    schools: int | None = None
    per_pupil_expenditure_usd: float | None = None
    title_i_eligible_pct: float | None = None
    title_i_schools: int | None = None
    english_learners_pct: float | None = None
    student_teacher_ratio: float | None = None  # students per teacher: 16.4 means 16.4:1
    instructional_coaches: float | None = None
    special_education_pct: float | None = None

    def __init__(self, *, students: int | None = None, teachers: float | None = None,
                 schools: int | None = None, per_pupil_expenditure_usd: float | None = None,
                 title_i_eligible_pct: float | None = None, title_i_schools: int | None = None,
                 english_learners_pct: float | None = None,
                 student_teacher_ratio: float | None = None,
                 instructional_coaches: float | None = None,
                 special_education_pct: float | None = None) -> None:
        # One per district of a national table: the slots are set directly, since a frozen
        # dataclass's own __init__ goes through object.__setattr__ at twice the cost.
        _set = _PROFILE_SLOTS
        _set[0](self, students)
        _set[1](self, teachers)
        _set[2](self, schools)
        _set[3](self, per_pupil_expenditure_usd)
        _set[4](self, title_i_eligible_pct)
        _set[5](self, title_i_schools)
        _set[6](self, english_learners_pct)
        _set[7](self, student_teacher_ratio)
        _set[8](self, instructional_coaches)
        _set[9](self, special_education_pct)

    @classmethod
    @cache  # asked once per district; a statewide table has thousands
    def field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    def is_empty(self) -> bool:
        return all(getattr(self, name) is None for name in self.field_names())


@dataclass(frozen=True, slots=True, kw_only=True)
class SpendingLine:
    """Professional-learning dollars from one funding source in one school year."""

    school_year: SchoolYear
    source: str  # one of FUNDING_SOURCES, or the district's own label
    amount_usd: float
    at: Location | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RevenueLine:
    """Dollars a district received or was allocated from one source in one school year.

    Revenue is not spending: a Title II-A allocation says what the district had, never what it
    spent on professional learning, so it is kept apart from ``SpendingLine``."""

    school_year: SchoolYear
    source: str  # TITLE_II_A, or the file's own label
    amount_usd: float
    at: Location | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class UseLine:
    """Professional-learning dollars spent on one use in one school year."""

    school_year: SchoolYear
    use: str  # one of USES, or the district's own "other" label
    amount_usd: float
    at: Location | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OutcomePoint:
    """One value of a named outcome series, e.g. new-teacher retention rate in 2019-20."""

    metric: str
    school_year: SchoolYear
    value: float
    unit: Unit | None = None
    group: str | None = None  # e.g. "coached teachers" vs "all teachers"
    higher_is_better: bool | None = None
    at: Location | None = None

    @property
    def series_key(self) -> tuple[str, str | None]:
        return (self.metric, self.group)


# Any record of one school year read from one place: what a check or an export walks when it
# needs only `school_year` and `at`, whichever table the record came from.
Dated = SpendingLine | RevenueLine | UseLine | OutcomePoint


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    challenge: str | None = None
    solution: str | None = None
    impact: str | None = None
    # Parts whose text the app drafted and no person has accepted yet ("challenge", …). Text
    # read from a district's file is the district's own unless the file lists it here.
    drafted: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not any((self.challenge, self.solution, self.impact))

    def reviewed(self, part: str) -> bool:
        """A person wrote this part, or accepted the draft in it."""
        return bool(getattr(self, part)) and part not in self.drafted


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact:
    name: str | None = None
    title: str | None = None
    organization: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class District:
    """Everything one district's one-pager holds, as validated data."""

    name: str  # unique among the districts loaded together: same-named ones get a qualifier
    state: str | None = None
    nces_id: str | None = None  # the NCES LEA ID
    state_id: str | None = None  # the state's own number: PA AUN, KY district number, …
    county: str | None = None
    congressional_district: str | None = None  # as the file gives it: "4", "2004" (CDCODE)
    profile: Profile = field(default_factory=Profile)
    spending: tuple[SpendingLine, ...] = ()
    revenue: tuple[RevenueLine, ...] = ()  # received or allocated, never spending
    uses: tuple[UseLine, ...] = ()
    outcomes: tuple[OutcomePoint, ...] = ()
    story: Story = field(default_factory=Story)
    contact: Contact = field(default_factory=Contact)
    standards: tuple[str, ...] = ()  # subset of STANDARDS
    data_sources: str | None = None  # the one-pager's footnote
    fictional: bool = False  # sample data is marked fictional wherever it is shown
    # Where single values were read, as (key, location) pairs, so checks and the story's
    # numbers check can point at a cell. Keys: "name", "state", "nces_id", "state_id",
    # "county", profile field names
    # ("students"), "story.challenge", "contact.email", "standards", "data_sources".
    located: tuple[tuple[str, Location], ...] = ()
    # The school year each profile figure describes, where its file said so (a year in the
    # heading or the row, a title such as "Fiscal Year 2023", a mapping's constant).
    dated: tuple[tuple[str, SchoolYear], ...] = ()
    # Values a person marked as "not applicable" or "unknown" in the app, as (subject, reason):
    # subjects as ``issues.Issue.subject`` names them. A marked value stays missing, never 0.
    marked: tuple[tuple[str, str], ...] = ()

    def __init__(self, *, name: str, state: str | None = None, nces_id: str | None = None,
                 state_id: str | None = None, county: str | None = None,
                 congressional_district: str | None = None, profile: Profile | None = None,
                 spending: tuple[SpendingLine, ...] = (), revenue: tuple[RevenueLine, ...] = (),
                 uses: tuple[UseLine, ...] = (), outcomes: tuple[OutcomePoint, ...] = (),
                 story: Story | None = None, contact: Contact | None = None,
                 standards: tuple[str, ...] = (), data_sources: str | None = None,
                 fictional: bool = False, located: tuple[tuple[str, Location], ...] = (),
                 dated: tuple[tuple[str, SchoolYear], ...] = (),
                 marked: tuple[tuple[str, str], ...] = ()) -> None:
        # One per row of a national table: the slots are set directly (see Profile); a record
        # not given is a new empty one, as the fields' default factories say.
        _set = _DISTRICT_SLOTS
        _set[0](self, name)
        _set[1](self, state)
        _set[2](self, nces_id)
        _set[3](self, state_id)
        _set[4](self, county)
        _set[5](self, congressional_district)
        _set[6](self, Profile() if profile is None else profile)
        _set[7](self, spending)
        _set[8](self, revenue)
        _set[9](self, uses)
        _set[10](self, outcomes)
        _set[11](self, Story() if story is None else story)
        _set[12](self, Contact() if contact is None else contact)
        _set[13](self, standards)
        _set[14](self, data_sources)
        _set[15](self, fictional)
        _set[16](self, located)
        _set[17](self, dated)
        _set[18](self, marked)

    def where(self, key: str) -> Location | None:
        return next((at for name, at in self.located if name == key), None)

    def years(self) -> tuple[SchoolYear, ...]:
        """Every school year with spending or use data, oldest first."""
        found = {line.school_year for line in self.spending} | {u.school_year for u in self.uses}
        return tuple(sorted(found))

    def template_years(self) -> tuple[SchoolYear, ...]:
        """The latest five school years, newest first, as the paper form shows them."""
        return tuple(reversed(self.years()[-TEMPLATE_YEARS:]))

    def sources(self) -> tuple[str, ...]:
        """Funding sources in template order, then the district's own in first-seen order."""
        return _ordered({line.source for line in self.spending}, FUNDING_SOURCES, self.spending,
                        lambda line: line.source)

    def use_names(self) -> tuple[str, ...]:
        return _ordered({line.use for line in self.uses}, USES, self.uses, lambda line: line.use)

    def outcome_series(self) -> dict[tuple[str, str | None], tuple[OutcomePoint, ...]]:
        """Outcome points grouped by (metric, group), each series oldest first."""
        series: dict[tuple[str, str | None], list[OutcomePoint]] = {}
        for point in self.outcomes:
            series.setdefault(point.series_key, []).append(point)
        return {key: tuple(sorted(points, key=lambda p: p.school_year))
                for key, points in series.items()}

    def with_story(self, story: Story) -> District:
        return replace(self, story=story)

    def with_contact(self, contact: Contact) -> District:
        return replace(self, contact=contact)


def _slot_setters(cls: type, names: tuple[str, ...]) -> tuple:
    """Each field's slot setter, in ``names`` order, which must be the class's field order (so
    an __init__ that sets them one by one cannot miss a new field)."""
    if tuple(f.name for f in fields(cls)) != names:
        raise TypeError(f"{cls.__name__}.__init__ sets its fields one by one; give it the new "
                        "field too")
    return tuple(cls.__dict__[name].__set__ for name in names)


_PROFILE_SLOTS = _slot_setters(Profile, (
    "students", "teachers", "schools", "per_pupil_expenditure_usd", "title_i_eligible_pct",
    "title_i_schools", "english_learners_pct", "student_teacher_ratio", "instructional_coaches",
    "special_education_pct"))
_DISTRICT_SLOTS = _slot_setters(District, (
    "name", "state", "nces_id", "state_id", "county", "congressional_district", "profile",
    "spending", "revenue", "uses", "outcomes", "story", "contact", "standards", "data_sources",
    "fictional", "located", "dated", "marked"))


def _ordered(present, canonical, lines, key) -> tuple[str, ...]:
    ordered = [name for name in canonical if name in present]
    for line in lines:
        name = key(line)
        if name not in ordered:
            ordered.append(name)
    return tuple(ordered)


@lru_cache(maxsize=65536)  # asked for every fact of a long table; names repeat
def district_key(name: str, state: str | None = None) -> tuple[str, str]:
    """How districts from several files are matched: case and spacing do not matter."""
    return (" ".join(name.split()).casefold(), (state or "").strip().casefold())
