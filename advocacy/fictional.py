"""Fictional districts for samples, demos, tests and benchmarks. None of them is real.

Owns the made-up numbers behind ``sample_data/`` (written out by ``python -m advocacy samples``)
and the generated statewide sets. Every district here has ``fictional=True`` and says so in
its data-sources footnote. Names, people, emails (example.org) and phone numbers (555-01xx)
are invented; "Lakeland" is not a real state.
"""

from __future__ import annotations

import random

from advocacy.model import (
    CLASS_SIZE_REDUCTION,
    COACHING,
    COURSES_WORKSHOPS,
    DISTRICT,
    STATE,
    TITLE_II_A,
    Contact,
    District,
    OutcomePoint,
    Profile,
    SchoolYear,
    SpendingLine,
    Story,
    Unit,
    UseLine,
)

FICTIONAL_STATE = "Lakeland"
FICTIONAL_NOTE = "Fictional sample data for demonstration only; not a real district."
FIRST_YEAR = 2019  # samples cover 2019-20 to 2023-24
YEARS = tuple(SchoolYear(FIRST_YEAR + offset) for offset in range(5))


def _spending(rows: dict[str, tuple[float, ...]]) -> tuple[SpendingLine, ...]:
    return tuple(SpendingLine(school_year=year, source=source, amount_usd=amount)
                 for source, amounts in rows.items()
                 for year, amount in zip(YEARS, amounts, strict=True))


def _uses(rows: dict[str, tuple[float, ...]]) -> tuple[UseLine, ...]:
    return tuple(UseLine(school_year=year, use=use, amount_usd=amount)
                 for use, amounts in rows.items()
                 for year, amount in zip(YEARS, amounts, strict=True))


def _series(metric: str, values: tuple[float | None, ...], unit: Unit, *,
            group: str | None = None, higher_is_better: bool = True) -> tuple[OutcomePoint, ...]:
    return tuple(OutcomePoint(metric=metric, school_year=year, value=value, unit=unit,
                              group=group, higher_is_better=higher_is_better)
                 for year, value in zip(YEARS, values, strict=True) if value is not None)


def maple_valley() -> District:
    """Mid-sized suburban district that moved dollars from one-off workshops to coaching."""
    return District(
        name="Maple Valley Unified School District",
        state=FICTIONAL_STATE,
        nces_id=None,
        fictional=True,
        profile=Profile(students=8420, teachers=512.5, schools=14,
                        per_pupil_expenditure_usd=13250, title_i_eligible_pct=38.0,
                        title_i_schools=6, english_learners_pct=12.5,
                        student_teacher_ratio=16.4, instructional_coaches=18,
                        special_education_pct=14.0),
        spending=_spending({
            TITLE_II_A: (340100, 332400, 318900, 305600, 298000),
            STATE: (210000, 215000, 230000, 236500, 240000),
            DISTRICT: (450000, 470000, 520000, 585000, 640000),
        }),
        uses=_uses({
            COACHING: (260000, 340000, 450000, 560000, 680000),
            CLASS_SIZE_REDUCTION: (180000, 180000, 175000, 170000, 165000),
            COURSES_WORKSHOPS: (480000, 420000, 360000, 310000, 245000),
            "New-teacher induction": (80100, 77400, 83900, 87100, 88000),
        }),
        outcomes=(
            _series("New-teacher retention rate", (71, 74, 79, 84, 88), Unit.PERCENT)
            + _series("PL is relevant to my work (survey)", (52, 58, 66, 71, 77), Unit.PERCENT)
            + _series("Coaching cycles completed", (140, 210, 305, 390, 460), Unit.COUNT)
        ),
        story=Story(
            challenge=("In 2019-20, 29% of our new teachers left within a year, and one-off "
                       "workshops were not changing classroom practice."),
            solution=("We moved professional-learning dollars from workshops to instructional "
                      "coaching: 18 coaches now work with every first- and second-year teacher "
                      "in weekly cycles."),
            impact=("New-teacher retention rose from 71% to 88% in four years, and coaching "
                    "cycles grew from 140 to 460 a year."),
        ),
        contact=Contact(name="Dana Whitfield", title="Director of Professional Learning",
                        organization="Maple Valley Unified School District",
                        email="dwhitfield@maplevalley.example.org", phone="(555) 010-0142"),
        standards=("Learning Communities", "Learning Designs", "Implementation", "Outcomes"),
        data_sources=FICTIONAL_NOTE,
    )


def cedar_creek() -> District:
    """Small rural district that leans on Title II-A; no story written yet."""
    return District(
        name="Cedar Creek Schools",
        state=FICTIONAL_STATE,
        fictional=True,
        profile=Profile(students=1150, teachers=92, schools=4, per_pupil_expenditure_usd=15890,
                        title_i_eligible_pct=61.0, title_i_schools=4, english_learners_pct=3.5,
                        student_teacher_ratio=12.5, instructional_coaches=2,
                        special_education_pct=17.5),
        spending=_spending({
            TITLE_II_A: (61200, 60400, 58800, 57900, 57100),
            STATE: (12000, 12000, 14500, 15000, 15000),
            DISTRICT: (9000, 9500, 9500, 10000, 11000),
        }),
        uses=_uses({
            COACHING: (8000, 9000, 24000, 30000, 34000),
            CLASS_SIZE_REDUCTION: (41000, 41000, 36000, 34000, 32000),
            COURSES_WORKSHOPS: (33200, 31900, 22800, 18900, 17100),
        }),
        outcomes=(
            _series("PL is relevant to my work (survey)", (54, 57, 66, 73, 79), Unit.PERCENT)
            + _series("Teacher vacancies in August", (9, 8, 6, 4, 3), Unit.COUNT,
                      higher_is_better=False)
        ),
        story=Story(),
        contact=Contact(name="Luis Ortega", title="Superintendent",
                        organization="Cedar Creek Schools",
                        email="lortega@cedarcreek.example.org", phone="(555) 010-0177"),
        standards=("Resources", "Learning Communities"),
        data_sources=FICTIONAL_NOTE,
    )


def harbor_city() -> District:
    """Large urban district: coaching for teachers of English learners; story half written."""
    return District(
        name="Harbor City Public Schools",
        state=FICTIONAL_STATE,
        nces_id=None,
        fictional=True,
        profile=Profile(students=48300, teachers=3020, schools=71,
                        per_pupil_expenditure_usd=16740, title_i_eligible_pct=72.0,
                        title_i_schools=58, english_learners_pct=28.0,
                        student_teacher_ratio=16.0, instructional_coaches=95,
                        special_education_pct=15.5),
        spending=_spending({
            TITLE_II_A: (2950000, 2890000, 2810000, 2760000, 2700000),
            STATE: (1400000, 1450000, 1600000, 1650000, 1700000),
            DISTRICT: (2100000, 2250000, 2400000, 2650000, 2900000),
        }),
        uses=_uses({
            COACHING: (2300000, 2600000, 2950000, 3300000, 3650000),
            CLASS_SIZE_REDUCTION: (1900000, 1850000, 1800000, 1750000, 1700000),
            COURSES_WORKSHOPS: (1650000, 1550000, 1450000, 1400000, 1350000),
            "Summer EL institute": (600000, 590000, 610000, 610000, 600000),
        }),
        outcomes=(
            _series("ELA proficiency of English learners", (22, 23, 26, 29, 31), Unit.PERCENT)
            + _series("Teacher retention", (84, 85, 88, 90, 91), Unit.PERCENT,
                      group="coached teachers")
            + _series("Teacher retention", (83, 82, 83, 84, 84), Unit.PERCENT,
                      group="all teachers")
        ),
        story=Story(
            challenge=("More than one in four of our 48,300 students is learning English, and "
                       "only 22% of them read at grade level."),
        ),
        contact=Contact(name="Priya Raman", title="Chief Academic Officer",
                        organization="Harbor City Public Schools",
                        email="praman@harborcity.example.org", phone="(555) 010-0163"),
        standards=("Data", "Learning Designs", "Outcomes"),
        data_sources=FICTIONAL_NOTE,
    )


def sample_districts() -> tuple[District, ...]:
    return (maple_valley(), cedar_creek(), harbor_city())


def ridgeway_falls() -> District:
    """Outcomes that all got worse while coaching dollars fell and workshops grew: the drafts
    must not claim a gain or a move "to coaching"."""
    return District(
        name="Ridgeway Falls School District", state=FICTIONAL_STATE, fictional=True,
        profile=Profile(students=5230, teachers=341.5, schools=9, per_pupil_expenditure_usd=12480,
                        title_i_eligible_pct=47.0, title_i_schools=5, english_learners_pct=9.0,
                        student_teacher_ratio=15.3, instructional_coaches=6,
                        special_education_pct=13.0),
        spending=_spending({TITLE_II_A: (262000, 251000, 240500, 231000, 224000),
                            STATE: (150000, 155000, 160000, 168000, 172000),
                            DISTRICT: (330000, 345000, 352000, 368000, 392000)}),
        uses=_uses({COACHING: (310000, 290000, 260000, 230000, 198000),
                    COURSES_WORKSHOPS: (280000, 310000, 340000, 380000, 430000),
                    CLASS_SIZE_REDUCTION: (152000, 151000, 152500, 157000, 160000)}),
        outcomes=(
            _series("New-teacher retention rate", (86, 83, 80, 77, 74), Unit.PERCENT)
            + _series("ELA proficiency, grades 3-8", (41, 40, 38, 36, 35), Unit.PERCENT)
            + _series("Chronic absenteeism", (12, 13, 15, 16, 17), Unit.PERCENT,
                      higher_is_better=False)
            + _series("Average teacher salary", (58200, 59900, 61400, 63100, 64800), Unit.USD)
        ),
        contact=Contact(organization="Ridgeway Falls School District"),
        data_sources=FICTIONAL_NOTE,
    )


def pine_hollow() -> District:
    """Outcomes that move only within noise (24, 25, 25, 26, 25): nothing to call a gain."""
    return District(
        name="Pine Hollow Schools", state=FICTIONAL_STATE, fictional=True,
        profile=Profile(students=2780, teachers=188.0, schools=5, per_pupil_expenditure_usd=14100,
                        title_i_eligible_pct=33.0, title_i_schools=2, english_learners_pct=6.0,
                        student_teacher_ratio=14.8, instructional_coaches=4,
                        special_education_pct=15.0),
        spending=_spending({TITLE_II_A: (98000, 97000, 99500, 98800, 98200),
                            STATE: (40000, 41000, 41000, 42000, 42500),
                            DISTRICT: (61000, 60500, 62000, 61500, 62500)}),
        uses=_uses({COACHING: (90000, 91000, 92000, 92500, 93000),
                    COURSES_WORKSHOPS: (70000, 69000, 70500, 70000, 70200),
                    CLASS_SIZE_REDUCTION: (39000, 38500, 40000, 39800, 40000)}),
        outcomes=(
            _series("Math proficiency", (24, 25, 25, 26, 25), Unit.PERCENT)
            + _series("Teacher retention rate", (88, 88.5, 87.8, 88.2, 88.4), Unit.PERCENT)
            + _series("I feel supported by my coach (survey)", (61, 60, 61, 61, 61.5),
                      Unit.PERCENT)
        ),
        contact=Contact(organization="Pine Hollow Schools"),
        data_sources=FICTIONAL_NOTE,
    )


def stoneford() -> District:
    """No outcome series (one survey year only) and a fractional FTE count: the impact is left
    to the person, with the reason."""
    return District(
        name="Stoneford Area Schools", state=FICTIONAL_STATE, fictional=True,
        profile=Profile(students=480, teachers=34.6, schools=2, per_pupil_expenditure_usd=17250,
                        title_i_eligible_pct=58.0, title_i_schools=2, english_learners_pct=2.0,
                        student_teacher_ratio=13.9, instructional_coaches=1,
                        special_education_pct=16.0),
        spending=_spending({TITLE_II_A: (30500, 29800, 29000, 28100, 27400),
                            STATE: (6000, 6000, 6500, 6500, 7000),
                            DISTRICT: (4000, 4200, 4200, 4500, 4600)}),
        uses=_uses({COACHING: (12000, 12500, 16000, 17500, 19000),
                    COURSES_WORKSHOPS: (28500, 27500, 23700, 21600, 20000)}),
        outcomes=_series("PL is relevant to my work (survey)", (None, None, None, None, 64),
                         Unit.PERCENT),
        contact=Contact(organization="Stoneford Area Schools"),
        data_sources=FICTIONAL_NOTE,
    )


def edge_districts() -> tuple[District, ...]:
    """Districts whose outcomes fell, stayed flat, or are missing: the hard cases for drafts."""
    return (ridgeway_falls(), pine_hollow(), stoneford())


_PLACES = (
    "Alder", "Birch Hollow", "Bluff", "Brookside", "Canyon Rim", "Clearwater", "Copper Hills",
    "Deer Run", "Eastfield", "Elk Prairie", "Fairhaven", "Fox Glen", "Granite", "Greenmoor",
    "Hawk Ridge", "Heron Bay", "Ironwood", "Juniper", "Kettle Lake", "Lark Meadow", "Linden",
    "Millbrook", "North Shore", "Oak Bend", "Pinecrest", "Quarry", "Redwing", "Riverbend",
    "Sagebrush", "Silver Lake", "Stonebridge", "Sunfield", "Thistle", "Timber Falls", "Upland",
    "Valley Forge", "Willow Run", "Windmere", "Wolf Creek", "Yarrow",
)
_KINDS = ("School District", "Unified", "Public Schools", "Consolidated Schools", "Area Schools")


def statewide(count: int = 30, *, seed: int = 2024) -> tuple[District, ...]:
    """``count`` fictional Lakeland districts with plausible, varied, deterministic numbers."""
    rng = random.Random(seed)
    districts = []
    for index in range(count):
        place = _PLACES[index % len(_PLACES)]
        suffix = "" if index < len(_PLACES) else f" {index // len(_PLACES) + 1}"
        name = f"{place}{suffix} {_KINDS[index % len(_KINDS)]}"
        districts.append(_generated(name, rng))
    return tuple(districts)


def _generated(name: str, rng: random.Random) -> District:
    students = int(rng.lognormvariate(8.3, 1.0)) + 300
    ratio = round(rng.uniform(11.5, 19.5), 1)
    teachers = round(students / ratio, 1)
    schools = max(1, round(students / rng.uniform(350, 650)))
    title_i_pct = round(rng.uniform(15, 85), 1)
    base = teachers * rng.uniform(900, 2200)
    title_share = rng.uniform(0.25, 0.7)
    trend = rng.uniform(-0.04, 0.06)
    spending, uses = [], []
    coaching_shift = rng.uniform(0.0, 0.08)
    for offset, year in enumerate(YEARS):
        total = base * (1 + trend) ** offset
        title = round(total * title_share * (0.98 ** offset), -2)
        state = round((total - title) * rng.uniform(0.3, 0.5), -2)
        district = round(total - title - state, -2)
        for source, amount in ((TITLE_II_A, title), (STATE, state), (DISTRICT, district)):
            spending.append(SpendingLine(school_year=year, source=source, amount_usd=amount))
        spent = title + state + district
        coaching = round(spent * min(0.7, 0.2 + coaching_shift * offset), -2)
        class_size = round(spent * 0.25, -2)
        workshops = spent - coaching - class_size
        for use, amount in ((COACHING, coaching), (CLASS_SIZE_REDUCTION, class_size),
                            (COURSES_WORKSHOPS, workshops)):
            uses.append(UseLine(school_year=year, use=use, amount_usd=amount))
    start = rng.uniform(65, 80)
    retention = tuple(round(min(97.0, start + rng.uniform(0, 3) * i), 1) for i in range(5))
    return District(
        name=name,
        state=FICTIONAL_STATE,
        fictional=True,
        profile=Profile(students=students, teachers=teachers, schools=schools,
                        per_pupil_expenditure_usd=round(rng.uniform(11000, 19000), -1),
                        title_i_eligible_pct=title_i_pct,
                        title_i_schools=round(schools * rng.uniform(0.2, 1.0)),
                        english_learners_pct=round(rng.uniform(1, 30), 1),
                        student_teacher_ratio=ratio,
                        instructional_coaches=max(1, round(teachers / rng.uniform(25, 60))),
                        special_education_pct=round(rng.uniform(10, 19), 1)),
        spending=tuple(spending),
        uses=tuple(uses),
        outcomes=_series("New-teacher retention rate", retention, Unit.PERCENT),
        contact=Contact(organization=name),
        data_sources=FICTIONAL_NOTE,
    )
