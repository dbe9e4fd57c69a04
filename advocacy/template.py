"""The one-pager's template: every field, label, question and unit, defined once.

Owns what Learning Forward's "Make your case with data" form asks for: the district's identity,
the ten WHO WE ARE profile fields (key, the label the form and workbook print, the short label
exports show, the kind of number, the aliases districts write, the workbook's number format and
how prose names the field), the counts that become profile percentages, the funding sources and
uses with their aliases, the three story parts (label, the form's question, word target) and the
contact fields. The importer's vocabulary, the mapping targets, the workbook, formatting, the
narrative's numbers check, the editor and every export derive their labels from here, so they
cannot drift apart. Imports only the model; never formats, reads or writes anything.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from advocacy import model


class Kind(enum.Enum):
    """What sort of number a profile field holds, which decides how it is read and shown."""

    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"  # percent points 0-100
    RATIO = "ratio"  # students per teacher


# Plausibility bounds. Beyond them a value is a typo or a unit slip ("$1e300B", a total typed as
# a per-pupil figure), and sums of such values overflow downstream; ingest refuses them with a
# located `*.implausible` error. They are generous on purpose: a real figure is never refused.
# The largest U.S. district, New York City, had 1,023,674 students in 1,225 schools in 2003-04
# and 981,690 students in 1,496 schools in 2008-09 (NCES, "Characteristics of the 100 Largest
# Public Elementary and Secondary School Districts", NCES 2006-329 and NCES 2011-301).
STUDENTS_MOST = 2_000_000  # about twice the largest district's enrollment
SCHOOLS_MOST = 5_000  # over three times its schools
# No district has more teachers (or coaches) than students.
TEACHERS_MOST = STUDENTS_MOST
PER_PUPIL_MOST_USD = 1_000_000  # above it, a district's total typed as its per-pupil figure
RATIO_MOST = 1_000  # students per teacher; above it, students typed as the ratio
PERCENT_MOST = 100  # percent points
# Title II-A gives "over $2 billion per year" to all states and districts together (IES,
# "State and District Use of Title II, Part A Funds in 2019-20", NCEE 2021-011): one district's
# line is far below $5 billion.
TITLE_II_A_MOST_USD = 5e9
# Any other source or use in one year: $50,000 for each of STUDENTS_MOST students.
LINE_MOST_USD = 1e11
# Outcomes are the district's own measures (rates, scores, salaries, counts) with no field of
# their own here, so only magnitudes no measure reaches are refused.
OUTCOME_MOST = 1e12


@dataclass(frozen=True, slots=True, kw_only=True)
class Field:
    """A single-valued field of the form: identity, contact, or a story extra."""

    key: str
    label: str  # what the template workbook writes and the form prints
    aliases: tuple[str, ...] = ()
    picker: str | None = None  # the label in the column-mapping list, when it differs

    @property
    def pick_label(self) -> str:
        return self.picker or self.label


@dataclass(frozen=True, slots=True, kw_only=True)
class ProfileField:
    """One of the ten district-description fields of WHO WE ARE."""

    key: str  # the Profile attribute
    label: str  # as the form prints it: "Number of students"
    short: str  # as the one-pager's tiles show it: "Students"
    kind: Kind
    whole: bool  # held as an int in the model
    aliases: tuple[str, ...]
    number_format: str  # the workbook's cell format
    prose: str  # regular expression for how a story names it
    note: str  # what the workbook's Read me says about it
    json_key: str  # its key in ``check --json`` (the public contract drops unit suffixes)
    most: float  # the largest plausible value: above it, ingest's `*.implausible` error

    @property
    def plain_label(self) -> str:
        """The label without its bracketed unit, as a sentence names it: "Number of teachers"."""
        return self.label.split(" (")[0]


@dataclass(frozen=True, slots=True, kw_only=True)
class ProfileCount:
    """A count some files give instead of a profile percentage; read as a share of students."""

    key: str
    label: str
    becomes: str  # the ProfileField key it is turned into
    aliases: tuple[str, ...]
    most: float = STUDENTS_MOST  # a group of students is never more than the students


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryPart:
    key: str
    label: str  # "Challenge"
    question: str  # the form's question, as the form words it
    word_target: int  # "keep words brief": the most words the box is drawn for
    aliases: tuple[str, ...]

    @property
    def prompt(self) -> str:
        """The label and question as one line, as the form prints them: "Challenge: what…"."""
        return f"{self.label}: {self.question[:1].lower()}{self.question[1:]}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Named:
    """A funding source or use the template names; others keep the district's own label."""

    name: str
    aliases: tuple[str, ...]
    most_usd: float = LINE_MOST_USD  # the largest plausible line in one year


IDENTITY = (
    Field(key="name", label="District name", aliases=(
        "District", "Name of district", "Agency name", "LEA name", "LEA", "School district",
        "School district name", "Division", "Division name", "School division",
        "School division name", "District/Division", "Local education agency",
        "Local education agency name", "School system", "School system name")),
    Field(key="state", label="State", aliases=("State name", "State abbreviation", "State abbr")),
    Field(key="nces_id", label="NCES district ID", aliases=(
        "NCES ID", "NCES LEA ID", "NCES agency ID", "Agency ID - NCES Assigned", "LEA ID",
        "NCESID", "LEAID", "NCES district ID number", "NCES LEAID")),
    # A state's own district number (PA AUN, TX district number, KY district number, VA division
    # number): an identity within its state, never an NCES ID.
    Field(key="state_id", label="State district ID",
          picker="State's own district ID (AUN, district number…)", aliases=(
              "District ID", "District number", "District no", "Dist no", "District code",
              "District #", "AUN", "Administrative unit number", "Division number",
              "Division no", "Div no", "Division code", "Agency ID", "Agency number",
              "State LEA ID", "State agency ID", "State district number",
              "County-district number", "CDN", "County district number", "State ID",
              "State district code", "LEA number", "LEA code")),
    Field(key="county", label="County", aliases=("County name", "CountyName")),
    # The U.S. House district a district lies in, as NCES (CDCODE: state FIPS + district) and
    # state files give it; a briefing packet groups its districts by it. Never an identity.
    Field(key="congressional_district", label="Congressional district", aliases=(
        "Congressional district code", "Congressional District [District]", "Congressional code",
        "CDCODE", "CD", "CONGDIST", "Cong district", "U.S. congressional district",
        "US congressional district", "House district")),
)
# The identity rows the form and the template workbook print; the state's ID and the county are
# read from agency files to tell districts apart, not asked of a district filling the form.
FORM_IDENTITY = IDENTITY[:3]

_PCT_FORMAT = "0.0\\%"  # percent points shown with a % sign, so 7.5 stays 7.5 and reads 7.5%
_PCT_NOTE = "Percent points, 0 to 100."

PROFILE = (
    ProfileField(
        key="students", label="Number of students", short="Students", kind=Kind.COUNT,
        most=STUDENTS_MOST,
        whole=True, number_format="#,##0", note="Enrolled students, all grades.",
        json_key="students", prose=r"\bstudents?\b|\benrol\w*", aliases=(
            "Enrollment", "Enrolment", "Total enrollment", "Student enrollment",
            "Total students", "Students", "Number of pupils", "Pupils", "Membership",
            "Total membership", "Fall membership", "ADM", "Average daily membership",
            "Student count", "Average daily membership (ADM)",
            "Total Students All Grades (Excludes AE)",
            "Total Students, All Grades (Includes AE)", "Total number of students")),
    ProfileField(
        key="teachers", label="Number of teachers (FTE)", short="Teachers (FTE)",
        most=TEACHERS_MOST,
        kind=Kind.COUNT, whole=False, number_format="#,##0.0",
        note="Full-time-equivalent teachers; may be fractional.", json_key="teachers",
        prose=r"\bteach(?:ers?|ing staff)\b|\beducators\b", aliases=(
            "FTE teachers", "Teachers", "Number of teachers",
            "Full-Time Equivalent (FTE) Teachers", "Teacher count", "Teachers (FTE)",
            "Teacher FTE", "Classroom teachers", "Total teachers", "Total FTE teachers",
            "Number of FTE teachers", "Classroom teachers (FTE)")),
    ProfileField(
        key="schools", label="Number of schools", short="Schools", kind=Kind.COUNT,
        most=SCHOOLS_MOST,
        whole=True, number_format="#,##0", note="Schools the district runs.",
        json_key="schools", prose=r"\bschools?\b|\bcampus(?:es)?\b", aliases=(
            "# of schools", "Schools", "Total schools", "School count",
            "Number of operational schools", "Total Number Operational Schools")),
    ProfileField(
        key="per_pupil_expenditure_usd", label="Per-pupil expenditure",
        most=PER_PUPIL_MOST_USD,
        short="Per-pupil expenditure", kind=Kind.MONEY, whole=False, number_format="$#,##0",
        note="Dollars spent per student a year.", json_key="per_pupil_expenditure",
        prose=r"\bper[- ](?:pupil|student)\b|\bexpenditure\b", aliases=(
            "PPE", "Per pupil expenditure", "Per-pupil expenditures", "Per pupil expenditures",
            "Current expenditures per pupil", "Total current expenditures per pupil",
            "Expenditure per pupil", "Expenditures per pupil", "Per-pupil spending",
            "Spending per pupil", "Spending per student", "Per-student spending",
            "Per-student expenditure", "Cost per pupil",
            "Total Current Expenditures - El-Sec Education (TCURELSC) per Pupil (V33)")),
    ProfileField(
        key="title_i_eligible_pct", label="% Title I-eligible students",
        most=PERCENT_MOST,
        short="Title I-eligible students", kind=Kind.PERCENT, whole=False,
        number_format=_PCT_FORMAT, note=_PCT_NOTE, json_key="title_i_eligible_pct",
        prose=r"\bTitle I\b(?! schools)|\blow[- ]income\b|\bpoverty\b", aliases=(
            "Title I %", "% Title I-eligible", "% Title I eligible students", "% Title I",
            "Title I eligible %", "Percent Title I eligible", "Title I-eligible students (%)",
            "% students Title I eligible", "Title I eligibility %")),
    ProfileField(
        key="title_i_schools", label="Number of Title I schools", short="Title I schools",
        most=SCHOOLS_MOST,
        kind=Kind.COUNT, whole=True, number_format="#,##0",
        note="At most the number of schools.", json_key="title_i_schools",
        prose=r"\bTitle I schools\b", aliases=(
            "# Title I schools", "Title I schools", "Title I school count")),
    ProfileField(
        key="english_learners_pct", label="% English learners", short="English learners",
        most=PERCENT_MOST,
        kind=Kind.PERCENT, whole=False, number_format=_PCT_FORMAT, note=_PCT_NOTE,
        json_key="english_learners_pct",
        prose=r"\bEnglish(?: language)? learners?\b|\blearning English\b|\bELLs?\b|\bELs\b",
        aliases=(
            "ELL %", "EL %", "LEP %", "% EL", "% ELL", "% LEP", "English learners %",
            "% English language learners", "English learners (%)",
            "% students who are English learners", "% English learner students")),
    ProfileField(
        key="student_teacher_ratio", label="Student-to-teacher ratio",
        most=RATIO_MOST,
        short="Student-to-teacher ratio", kind=Kind.RATIO, whole=False, number_format="0.0",
        note="Students per teacher: 16.4 means 16.4:1.", json_key="student_teacher_ratio",
        prose=r"\bstudent[- ]to[- ]teacher\b|\bstudents per teacher\b|\bratio\b"
              r"|\bclass(?:es)? of\b",
        aliases=(
            "Pupil/teacher ratio", "Student/teacher ratio", "PTR", "Pupil-teacher ratio",
            "Student teacher ratio", "Student:teacher ratio", "Students per teacher",
            "Pupil to teacher ratio")),
    ProfileField(
        key="instructional_coaches", label="Number of instructional coaches",
        most=TEACHERS_MOST,
        short="Instructional coaches", kind=Kind.COUNT, whole=False, number_format="#,##0.0",
        note="At most the number of teachers.", json_key="instructional_coaches",
        prose=r"\b(?:instructional )?coach(?:es)?\b", aliases=(
            "Instructional coaches", "# coaches", "Coaches", "Number of coaches",
            "# of instructional coaches", "Instructional coaches (FTE)", "Coach FTE")),
    ProfileField(
        key="special_education_pct", label="% students receiving special education services",
        most=PERCENT_MOST,
        short="Special education", kind=Kind.PERCENT, whole=False, number_format=_PCT_FORMAT,
        note=_PCT_NOTE, json_key="special_education_pct",
        prose=r"\bspecial[- ]education\b|\bSPED\b|\bIEPs?\b|\bdisabilit\w*", aliases=(
            "SPED %", "% special education", "% students with disabilities", "IEP %", "% SPED",
            "% SWD", "SWD %", "% IEP", "Special education %", "Special education (%)",
            "% students receiving special education", "% special education students",
            "% students in special education")),
)

PROFILE_COUNTS = (
    ProfileCount(key="english_learners_count", label="Number of English learners",
                 becomes="english_learners_pct", aliases=(
                     "English Language Learners", "English learners", "EL students",
                     "ELL students", "LEP students", "English learner students", "ELL count",
                     "EL count",
                     "Limited English Proficient (LEP) / English Language Learners (ELL)",
                     "Number of ELL students", "Number of EL students", "Total LEP students",
                     "Total ELL students", "Total English learners", "LEP count")),
    ProfileCount(key="special_education_count",
                 label="Number of students receiving special education services",
                 becomes="special_education_pct", aliases=(
                     "Number of students with disabilities", "Students with disabilities",
                     "IEP students", "Students with IEPs",
                     "Individualized Education Program Students", "Special education students",
                     "SPED students", "SWD", "Number of special education students",
                     "Special education count")),
    ProfileCount(key="title_i_students_count", label="Number of Title I-eligible students",
                 becomes="title_i_eligible_pct", aliases=(
                     "Title I eligible students", "Title I-eligible students")),
    # "Title I students" are those Title I serves (participants), which is not the template's
    # "eligible": read as that share with a warning that says so.
    ProfileCount(key="title_i_participants_count", label="Number of Title I students (served)",
                 becomes="title_i_eligible_pct", aliases=(
                     "Number of Title I students", "Title I students", "Title I participants",
                     "Students served by Title I", "Title I served")),
)

# "Federal" alone is not an alias: agency tables use it for every federal dollar (Title I,
# IDEA…), so it stays the district's own source label rather than being passed off as Title II-A.
SOURCES = (
    Named(name=model.TITLE_II_A, most_usd=TITLE_II_A_MOST_USD, aliases=(
        "Title II, Part A", "Title IIA", "Title 2A", "Title II Part A", "ESSA Title II-A",
        "ESEA Title II-A", "Title II", "Title 2", "Title 2-A", "Title 2 Part A",
        "Federal (Title II-A)", "Federal Title II-A", "Title II-A (federal)")),
    Named(name=model.STATE, aliases=(
        "State funds", "State funding", "State grants", "State dollars", "State sources")),
    Named(name=model.DISTRICT, aliases=(
        "Local", "District funds", "Local funds", "District funding", "Local funding",
        "Local sources", "District dollars", "Local dollars", "General fund",
        "District general fund", "Local/district", "District (local)")),
)
# The paper form's own row labels where they say more than the canonical name.
FORM_LABELS = {model.TITLE_II_A: "Federal (Title II-A)"}


def form_label(name: str) -> str:
    """A source or use as the paper form labels its row: "Federal (Title II-A)"."""
    return FORM_LABELS.get(name, name)


USES = (
    Named(name=model.COACHING, aliases=("Instructional coaching",)),
    Named(name=model.CLASS_SIZE_REDUCTION, aliases=(
        "Class-size reduction", "Reducing class size", "Reduce class size", "Class size", "CSR",
        "Class-size reduction (CSR)")),
    Named(name=model.COURSES_WORKSHOPS, aliases=(
        "Workshops", "Courses", "Conferences and workshops", "Courses and workshops",
        "Workshops and courses", "Workshops/conferences", "Conferences/workshops", "Conferences",
        "Courses, workshops")),
)

# Page 2 gives each part about a third of a letter page beside the contact box. At a readable
# 11-12 pt that holds 60-80 words, and the template's advice is "keep words brief and make
# numbers prominent", so the targets aim under it; the impact gets a little more room.
STORY = (
    StoryPart(key="challenge", label="Challenge", question="What problem are you solving?",
              word_target=50, aliases=(
                  "The challenge", "Problem", "What problem are you solving?",
                  "Challenge: what problem are you solving?")),
    StoryPart(key="solution", label="Solution",
              question="How did you address it through professional learning?",
              word_target=50, aliases=(
                  "The solution", "How did you address it through professional learning?",
                  "Solution: how did you address it through professional learning?")),
    StoryPart(key="impact", label="Impact",
              question="Most importantly, what was the result?", word_target=60, aliases=(
                  "The impact", "Results", "What was the result?", "Impact: what was the result?",
                  "Impact: most importantly, what was the result?")),
)
# The story sheet's other rows: one-pager extras beyond the paper form.
STANDARDS_FIELD = Field(key="standards", label="Standards", aliases=(
    "Standards for Professional Learning", "Standards for PL", "PL standards"))
DATA_SOURCES_FIELD = Field(key="data_sources", label="Data sources", aliases=(
    "Data source", "Sources", "Sources of data", "Source notes"))
# Which parts are still the app's drafts, so a workbook round trip keeps the draft marks.
DRAFTED_FIELD = Field(key="drafted", label="Drafts not yet reviewed", aliases=(
    "Unreviewed drafts", "Drafts to review"))

CONTACT = (
    Field(key="name", label="Name", picker="Contact name", aliases=(
        "Contact name", "Contact", "Contact person", "Full name")),
    Field(key="title", label="Title", picker="Contact title", aliases=(
        "Job title", "Position", "Role", "Contact title")),
    Field(key="organization", label="Organization", picker="Contact organization", aliases=(
        "Organisation", "Organization name", "Contact organization")),
    Field(key="email", label="Email", picker="Contact email", aliases=(
        "E-mail", "Email address", "E-mail address", "Contact email")),
    Field(key="phone", label="Phone", picker="Contact phone", aliases=(
        "Telephone", "Phone number", "Telephone number", "Tel", "Contact phone")),
)

STORY_KEYS = tuple(part.key for part in STORY)
CONTACT_KEYS = tuple(field.key for field in CONTACT)
WORD_TARGETS: dict[str, int] = {part.key: part.word_target for part in STORY}

_PROFILE_BY_KEY = {field.key: field for field in PROFILE}
_MOST = {**{field.key: field.most for field in PROFILE},
         **{count.key: count.most for count in PROFILE_COUNTS}}
_LINE_MOST_USD = {named.name: named.most_usd for named in (*SOURCES, *USES)}
_STORY_BY_KEY = {part.key: part for part in STORY}


def profile_field(key: str) -> ProfileField:
    """The profile field named by its Profile attribute; KeyError for anything else."""
    return _PROFILE_BY_KEY[key]


def most(key: str) -> float:
    """The largest plausible value of a profile field or count; KeyError for anything else."""
    return _MOST[key]


def line_most_usd(name: str) -> float:
    """The largest plausible spending, use or revenue line in a year for a source or use named
    by its canonical name; a district's own label gets LINE_MOST_USD."""
    return _LINE_MOST_USD.get(name, LINE_MOST_USD)


def story_part(key: str) -> StoryPart:
    return _STORY_BY_KEY[key]


def profile_keys(kind: Kind) -> tuple[str, ...]:
    """The profile fields holding one kind of number, in the form's order."""
    return tuple(field.key for field in PROFILE if field.kind is kind)


_DRAFT_SUFFIX = " (draft)"  # a bare "Impact" in a value cell would read as a table's heading


def part_labels(keys: tuple[str, ...]) -> str | None:
    """Story parts as the workbook lists them: ("challenge",) → "Challenge (draft)"."""
    return "; ".join(story_part(key).label + _DRAFT_SUFFIX
                     for key in STORY_KEYS if key in keys) or None


def parts_named(text: object) -> tuple[str, ...]:
    """The inverse of ``part_labels``: "Impact (draft); challenge" → ("challenge", "impact")."""
    named = {word.strip().casefold().removesuffix(_DRAFT_SUFFIX).strip()
             for word in str(text or "").replace(",", ";").split(";")}
    return tuple(part.key for part in STORY if part.label.casefold() in named)
