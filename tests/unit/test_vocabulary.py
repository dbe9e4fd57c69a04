"""ingest.vocabulary: the labels districts, states and NCES exports use → canonical terms."""

from __future__ import annotations

import pytest

from advocacy import model
from advocacy.ingest import vocabulary
from advocacy.ingest.vocabulary import Kind, Term
from advocacy.model import Contact, Profile

SOURCE_LABELS = [
    ("Title II-A", model.TITLE_II_A), ("Title II, Part A", model.TITLE_II_A),
    ("Title IIA", model.TITLE_II_A), ("Title 2A", model.TITLE_II_A),
    ("Title II Part A", model.TITLE_II_A), ("ESSA Title II-A", model.TITLE_II_A),
    ("title ii-a", model.TITLE_II_A), ("TITLE II - A", model.TITLE_II_A),
    ("Federal (Title II-A)", model.TITLE_II_A), ("Title II-A 1", model.TITLE_II_A),
    ("Local", model.DISTRICT), ("District", model.DISTRICT), ("District funds", model.DISTRICT),
    ("Local funds", model.DISTRICT), ("Local 3", model.DISTRICT), ("LOCAL ", model.DISTRICT),
    ("District\u00a0funds", model.DISTRICT),
    ("State", model.STATE), ("State funds", model.STATE), ("State7", model.STATE),
    ("State*", model.STATE), ("State²", model.STATE),
]

USE_LABELS = [
    ("Coaching", model.COACHING), ("Instructional coaching", model.COACHING),
    ("Class-size reduction", model.CLASS_SIZE_REDUCTION),
    ("Class size reduction", model.CLASS_SIZE_REDUCTION),
    ("Reducing class size", model.CLASS_SIZE_REDUCTION),
    ("Courses/workshops", model.COURSES_WORKSHOPS), ("Workshops", model.COURSES_WORKSHOPS),
    ("Courses", model.COURSES_WORKSHOPS), ("Conferences and workshops", model.COURSES_WORKSHOPS),
    ("Conferences & workshops", model.COURSES_WORKSHOPS),
]

PROFILE_LABELS = [
    ("Enrollment", "students"), ("Total students", "students"),
    ("Number of students", "students"), ("Membership", "students"), ("ADM", "students"),
    ("Average daily membership", "students"), ("# of students", "students"),
    ("FTE teachers", "teachers"), ("Teachers", "teachers"), ("Number of teachers", "teachers"),
    ("Full-Time Equivalent (FTE) Teachers", "teachers"), ("Teacher count", "teachers"),
    ("Number of teachers (FTE)", "teachers"),
    ("# of schools", "schools"), ("Number of schools", "schools"), ("Schools", "schools"),
    ("No. of schools", "schools"), ("Number of  Schools ", "schools"),
    ("PPE", "per_pupil_expenditure_usd"), ("Per-pupil expenditure", "per_pupil_expenditure_usd"),
    ("Per pupil expenditures", "per_pupil_expenditure_usd"),
    ("Current expenditures per pupil", "per_pupil_expenditure_usd"),
    ("Title I %", "title_i_eligible_pct"), ("% Title I-eligible", "title_i_eligible_pct"),
    ("% Title I eligible students", "title_i_eligible_pct"),
    ("% Title 1 eligible students", "title_i_eligible_pct"),
    ("Title I pct", "title_i_eligible_pct"),
    ("# Title I schools", "title_i_schools"), ("Number of Title I schools", "title_i_schools"),
    ("# of Title 1 schools", "title_i_schools"),
    ("ELL %", "english_learners_pct"), ("% English learners", "english_learners_pct"),
    ("EL %", "english_learners_pct"), ("LEP %", "english_learners_pct"),
    ("% of English learners", "english_learners_pct"),
    ("English learners (percent)", "english_learners_pct"),
    ("Pupil/teacher ratio", "student_teacher_ratio"),
    ("Student-to-teacher ratio", "student_teacher_ratio"),
    ("Student/teacher ratio", "student_teacher_ratio"), ("PTR", "student_teacher_ratio"),
    ("Pupil/Teacher Ratio 2", "student_teacher_ratio"),
    ("Instructional coaches", "instructional_coaches"), ("# coaches", "instructional_coaches"),
    ("SPED %", "special_education_pct"), ("% special education", "special_education_pct"),
    ("% students with disabilities", "special_education_pct"),
    ("IEP %", "special_education_pct"),
    ("% students receiving special education services", "special_education_pct"),
]

PROFILE_COUNT_LABELS = [
    ("English Language Learners", "english_learners_count"),
    ("Limited English Proficient (LEP) / English Language Learners (ELL)",
     "english_learners_count"),
    ("EL students", "english_learners_count"),
    ("Students with disabilities", "special_education_count"),
    ("IEP students", "special_education_count"),
    ("Individualized Education Program Students", "special_education_count"),
    ("Title I students", "title_i_participants_count"),  # served, not eligible
    ("Total LEP students", "english_learners_count"),
    ("Title I Eligible students", "title_i_students_count"),
]

IDENTITY_LABELS = [
    ("District", "name"), ("District name", "name"), ("Agency Name", "name"),
    ("LEA Name", "name"), ("School district", "name"), ("Division", "name"),
    ("Division name", "name"), ("State", "state"), ("State Name", "state"),
    ("NCES ID", "nces_id"), ("NCES district ID", "nces_id"),
    ("Agency ID - NCES Assigned", "nces_id"), ("LEA ID", "nces_id"),
]

STORY_CONTACT_LABELS = [
    ("Challenge", Kind.STORY, "challenge"), ("CHALLENGE:", Kind.STORY, "challenge"),
    ("Solution", Kind.STORY, "solution"), ("Impact", Kind.STORY, "impact"),
    ("Standards", Kind.STORY, "standards"), ("Data sources", Kind.STORY, "data_sources"),
    ("Name", Kind.CONTACT, "name"), ("Contact name", Kind.CONTACT, "name"),
    ("Title", Kind.CONTACT, "title"), ("Job title", Kind.CONTACT, "title"),
    ("Organization", Kind.CONTACT, "organization"),
    ("Organisation", Kind.CONTACT, "organization"),
    ("Email", Kind.CONTACT, "email"), ("E-mail", Kind.CONTACT, "email"),
    ("Phone", Kind.CONTACT, "phone"), ("Telephone", Kind.CONTACT, "phone"),
]

COLUMN_LABELS = [
    ("Metric", Kind.OUTCOME, "metric"), ("Measure", Kind.OUTCOME, "metric"),
    ("Outcome", Kind.OUTCOME, "metric"), ("Group", Kind.OUTCOME, "group"),
    ("Subgroup", Kind.OUTCOME, "group"), ("Unit", Kind.OUTCOME, "unit"),
    ("Higher is better", Kind.OUTCOME, "higher_is_better"),
    ("Higher is better?", Kind.OUTCOME, "higher_is_better"),
    ("Value", Kind.OUTCOME, "value"),
    ("District", Kind.COLUMN, "district"), ("School year", Kind.COLUMN, "school_year"),
    ("Year", Kind.COLUMN, "school_year"), ("SY", Kind.COLUMN, "school_year"),
    ("Fiscal year", Kind.COLUMN, "school_year"), ("Source", Kind.COLUMN, "source"),
    ("Funding source", Kind.COLUMN, "source"), ("Fund", Kind.COLUMN, "source"),
    ("Use", Kind.COLUMN, "use"), ("Category", Kind.COLUMN, "use"),
    ("Amount", Kind.COLUMN, "amount"), ("Dollars", Kind.COLUMN, "amount"),
    ("Expenditure", Kind.COLUMN, "amount"), ("Amount ($)", Kind.COLUMN, "amount"),
]


@pytest.mark.parametrize(("label", "name"), SOURCE_LABELS)
def test_funding_source_labels_read_as_template_sources(label, name):
    assert vocabulary.lookup(label, kinds=(Kind.SOURCE,)) == Term(Kind.SOURCE, name)


@pytest.mark.parametrize(("label", "name"), USE_LABELS)
def test_use_labels_read_as_template_uses(label, name):
    assert vocabulary.lookup(label, kinds=(Kind.USE,)) == Term(Kind.USE, name)
    assert vocabulary.lookup(label) == Term(Kind.USE, name)


@pytest.mark.parametrize(("label", "key"), PROFILE_LABELS)
def test_profile_labels_read_as_profile_fields(label, key):
    assert vocabulary.lookup(label) == Term(Kind.PROFILE, key)


@pytest.mark.parametrize(("label", "key"), PROFILE_COUNT_LABELS)
def test_group_count_columns_read_as_profile_counts(label, key):
    assert vocabulary.lookup(label) == Term(Kind.PROFILE_COUNT, key)


@pytest.mark.parametrize(("label", "key"), IDENTITY_LABELS)
def test_identity_labels_read_as_identity_fields(label, key):
    assert vocabulary.lookup(label, kinds=(Kind.IDENTITY,)) == Term(Kind.IDENTITY, key)


@pytest.mark.parametrize(("label", "kind", "key"), STORY_CONTACT_LABELS + COLUMN_LABELS)
def test_story_contact_and_column_labels(label, kind, key):
    assert vocabulary.lookup(label, kinds=(kind,)) == Term(kind, key)


@pytest.mark.parametrize(("label", "kinds", "expected"), [
    ("District", None, Term(Kind.IDENTITY, "name")),
    ("District", (Kind.SOURCE, Kind.USE), Term(Kind.SOURCE, model.DISTRICT)),
    ("District", (Kind.COLUMN, Kind.IDENTITY), Term(Kind.COLUMN, "district")),
    ("State", (Kind.SOURCE,), Term(Kind.SOURCE, model.STATE)),
    ("State", None, Term(Kind.IDENTITY, "state")),
    ("Title", None, Term(Kind.CONTACT, "title")),
    ("Coaching", (Kind.SOURCE,), None),
    ("Enrollment", (Kind.SOURCE, Kind.USE), None),
    ("Enrollment", Kind.PROFILE, Term(Kind.PROFILE, "students")),
    ("Federal", (Kind.SOURCE,), None),  # all federal dollars, not only Title II-A
    ("State Retail Sales And Use Tax 4", (Kind.SOURCE,), None),
])
def test_kinds_limit_and_order_the_readings(label, kinds, expected):
    assert vocabulary.lookup(label, kinds=kinds) == expected


@pytest.mark.parametrize(("label", "expected"), [
    ("Title II-A", "title ii a"),
    ("Title 2A", "title iia"),
    ("Title 2", "title ii"),
    ("Grade 3", "grade 3"),
    ("Local 3", "local"),
    ("State7", "state"),
    ("Pupil 2", "pupil"),
    ("Local 1, 2", "local"),
    ("Enrollment 2019", "enrollment 2019"),
    ("Courses & Workshops", "courses and workshops"),
    ("# of schools", "number of schools"),
    ("No. of schools", "number of schools"),
    ("ELL %", "ell percent"),
    ("ELL pct", "ell percent"),
    ("Percentage of English learners", "percent english learners"),
    ("  Number\u00a0of   teachers  ", "number of teachers"),
    ("Teachers' count", "teachers count"),
    ("Students†", "students"),
])
def test_normalise_ignores_case_spacing_punctuation_and_footnotes(label, expected):
    assert vocabulary.normalise(label) == expected


ELSI_HEADERS = [
    ("Total Students All Grades (Excludes AE) [District] 2022-23",
     Term(Kind.PROFILE, "students"), "2022-23"),
    ("Agency Name [District] 2022-23", Term(Kind.IDENTITY, "name"), "2022-23"),
    ("Full-Time Equivalent (FTE) Teachers [District] 2022-23",
     Term(Kind.PROFILE, "teachers"), "2022-23"),
    ("Pupil/Teacher Ratio [District] 2021-22", Term(Kind.PROFILE, "student_teacher_ratio"),
     "2021-22"),
    ("Limited English Proficient (LEP) / English Language Learners (ELL) [District] 2022-23",
     Term(Kind.PROFILE_COUNT, "english_learners_count"), "2022-23"),
    ("State Name [District] Latest available year", Term(Kind.IDENTITY, "state"),
     "Latest available year"),
    ("Agency ID - NCES Assigned [District] Latest available year",
     Term(Kind.IDENTITY, "nces_id"), "Latest available year"),
    ("Enrollment 2019-20", Term(Kind.PROFILE, "students"), "2019-20"),
    ("2022-23\nAverage Daily Membership (ADM)", Term(Kind.PROFILE, "students"), "2022-23"),
    ("FY2019 Per-pupil expenditure", Term(Kind.PROFILE, "per_pupil_expenditure_usd"), "FY2019"),
    ("Total Current Expenditures - El-Sec Education (TCURELSC) per Pupil (V33) "
     "[District Finance] 2019-20", Term(Kind.PROFILE, "per_pupil_expenditure_usd"), "2019-20"),
    ("State Abbr [District] Latest available year", Term(Kind.IDENTITY, "state"),
     "Latest available year"),
    ("Enrollment (FY2019)", Term(Kind.PROFILE, "students"), "FY2019"),
    ("Enrollment", Term(Kind.PROFILE, "students"), None),
]


@pytest.mark.parametrize(("header", "term", "year"), ELSI_HEADERS)
def test_export_headers_read_with_their_year(header, term, year):
    assert vocabulary.lookup_with_year(header) == (term, year)
    assert vocabulary.lookup(header) == term


@pytest.mark.parametrize("header", [
    "2022-23 Weighted Average Daily Membership", "Grades 9-12 Students [District] 2022-23",
    "2019-20", "ADM Kindergarten FT5",
])
def test_qualified_or_bare_headers_are_not_fields(header):
    assert vocabulary.lookup(header) is None


def test_unknown_export_header_reads_as_none():
    assert vocabulary.lookup_with_year("Bus routes [District] 2022-23") is None
    assert vocabulary.split_year("Bus routes [District] 2022-23") == ("Bus routes", "2022-23")


@pytest.mark.parametrize(("label", "kinds", "suggestion"), [
    ("Numbr of teachers", None, "Number of teachers (FTE)"),
    ("Enrollmnt", None, "Number of students"),
    ("Coachng", None, model.COACHING),
    ("Titel II-A", (Kind.SOURCE,), model.TITLE_II_A),
    ("Phone numbr", (Kind.CONTACT,), "Phone"),
    ("Enrollment", None, "Number of students"),  # a known label suggests its canonical form
    ("number of students", None, None),  # but never just what was typed
    ("Coaching", (Kind.PROFILE,), None),
    ("Bus routes", None, None),
    ("Weighted average daily membership", None, None),  # a qualifier, not a typo
    ("District Number", None, "State district ID"),  # a state's own number, not a name
    ("District Nunber", (Kind.PROFILE,), None),  # never a misspelt profile field
    ("Class sise reduction", None, model.CLASS_SIZE_REDUCTION),
    ("Instructional coahces", None, "Number of instructional coaches"),
    ("Number teachers", None, "Number of teachers (FTE)"),
    ("Adjusted ADM", None, None),
    ("Cafeteria revenue", None, None),
    ("", None, None),
    ("Coachng", (Kind.SOURCE,), None),
    ("Titel 2", (Kind.SOURCE,), model.TITLE_II_A),  # the program number kept, not a footnote
    ("Stat", (Kind.SOURCE,), model.STATE),
    ("Distrcit", (Kind.SOURCE,), model.DISTRICT),
    ("Title I", (Kind.SOURCE,), None),  # another program, never a typo of Title II
    ("Title 1", (Kind.SOURCE,), None),
    ("Title IV", (Kind.SOURCE,), None),
    ("Foundation grant", (Kind.SOURCE,), None),
    ("xq", None, None),
])
def test_suggest_names_the_canonical_label_or_nothing(label, kinds, suggestion):
    assert vocabulary.suggest(label, kinds=kinds) == suggestion


@pytest.mark.parametrize("label", ["Bus routes", "Cafeteria revenue", "Titel", "", "2019-20"])
def test_unknown_labels_read_as_none(label):
    assert vocabulary.lookup(label) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("Total", True), ("TOTAL:", True), ("Totals", True), ("Grand total", True),
    ("Grand Total*", True), ("5-yr total", True), ("5-year total", True),
    ("Five-year total", True), ("Total spending", True), ("Total PL spending", True),
    ("Subtotal", True), ("Total all sources", True), ("Total 2019-20", True),
    ("FY2019 Total", True), ("Total (2018-19)", True),
    ("Total students", False), ("Total teachers", False), ("Total enrollment", False),
    ("Title II-A", False), ("District", False), ("", False), (None, False), ("2019-20", False),
])
def test_total_labels_are_recognised_but_not_total_fields(text, expected):
    assert vocabulary.is_total_label(text) is expected


def test_every_field_has_a_canonical_label_that_reads_back():
    terms = ([Term(Kind.PROFILE, name) for name in Profile.field_names()]
             + [Term(Kind.CONTACT, name) for name in Contact.__dataclass_fields__]
             + [Term(Kind.SOURCE, name) for name in model.FUNDING_SOURCES]
             + [Term(Kind.USE, name) for name in model.USES]
             + [Term(Kind.STORY, key) for key in
                ("challenge", "solution", "impact", "standards", "data_sources")]
             + [Term(Kind.IDENTITY, key) for key in
                ("name", "state", "nces_id", "state_id", "county")]
             + [Term(Kind.PROFILE_COUNT, key) for key in
                ("english_learners_count", "special_education_count", "title_i_students_count",
                 "title_i_participants_count")]
             + [Term(Kind.OUTCOME, key) for key in
                ("metric", "group", "unit", "higher_is_better", "value")]
             + [Term(Kind.COLUMN, key) for key in
                ("district", "school_year", "source", "use", "amount")])
    for term in terms:
        assert vocabulary.lookup(vocabulary.label_for(term), kinds=(term.kind,)) == term


@pytest.mark.parametrize(("term", "label"), [
    (Term(Kind.PROFILE, "teachers"), "Number of teachers (FTE)"),
    (Term(Kind.PROFILE, "title_i_eligible_pct"), "% Title I-eligible students"),
    (Term(Kind.SOURCE, model.TITLE_II_A), "Title II-A"),
    (Term(Kind.USE, model.CLASS_SIZE_REDUCTION), "Class size reduction"),
    (Term(Kind.IDENTITY, "nces_id"), "NCES district ID"),
    (Term(Kind.COLUMN, "school_year"), "School year"),
])
def test_label_for_gives_the_template_label(term, label):
    assert vocabulary.label_for(term) == label
