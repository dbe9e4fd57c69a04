"""Outcome metrics in prose: the name a sentence uses for a metric, and what kind of result it is.

Owns two judgements about a district's own outcome labels: how a sentence names the metric
("PL is relevant to my work (survey)" reads "the share of teachers who say professional
learning is relevant to their work"), and how strong a result it is (a student or teacher
outcome outranks a perception survey, which outranks an activity count; a dollar series is
context, never a result). A person may override the prose name; nothing here reads data
values. Never formats numbers, never drafts sentences.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping

from advocacy.model import COURSES_WORKSHOPS, USES, Unit


class MetricKind(enum.Enum):
    """What an outcome series measures, strongest evidence of a result first."""

    STUDENT = "student outcome"
    TEACHER = "teacher outcome"
    OTHER = "other outcome"
    SURVEY = "perception survey"
    ACTIVITY = "activity count"
    DOLLARS = "dollar amount"  # salaries, costs: context, never an impact

    @property
    def rank(self) -> int:
        return list(MetricKind).index(self)

    @property
    def is_result(self) -> bool:
        return self is not MetricKind.DOLLARS


_SURVEY = re.compile(r"\bsurvey\b|\b(?:my|I|me)\b|\bagree\w*|\bsatisf\w*|\bperce\w*", re.I)
_DOLLARS = re.compile(r"\bsalar\w*|\bwages?\b|\bcosts?\b|\bdollars?\b|\bpay\b|\$", re.I)
_STUDENT = re.compile(r"\bstudents?\b|\bproficien\w*|\breading\b|\bmath\w*|\bELA\b|\bgraduat\w*|"
                      r"\battendance\b|\babsentee\w*|\bsuspension\w*|\bachievement\b|"
                      r"\blearners?\b|\bgrade level\b|\bliteracy\b|\bscores?\b", re.I)
_TEACHER = re.compile(r"\bteach\w*|\bretention\b|\bvacanc\w*|\bturnover\b|\battrition\b|"
                      r"\bcertif\w*|\bstaff\w*|\bprincipals?\b|\bleavers?\b", re.I)
_ACTIVITY = re.compile(r"\bcycles?\b|\bsessions?\b|\bhours?\b|\bcompleted\b|\battended\b|"
                       r"\bparticipa\w*|\bworkshops?\b|\bvisits?\b|\bobservations?\b|"
                       r"\btrainings?\b|\bcourses?\b|\bmeetings?\b|\bwalkthroughs?\b", re.I)

# Acronyms a policymaker may not know, spelled out the first (and every) time prose names them.
ACRONYMS = {"PL": "professional learning", "ELA": "English language arts",
            "ELL": "English learner", "ELLs": "English learners", "EL": "English learner",
            "ELs": "English learners", "SPED": "special education", "FTE": "full-time",
            "PLC": "professional learning community", "PLCs": "professional learning communities",
            "PD": "professional development"}
_FIRST_PERSON = ((r"\bmy\b", "their"), (r"\bI am\b", "they are"), (r"\bI'm\b", "they are"),
                 (r"\bI have\b", "they have"), (r"\bI\b", "they"), (r"\bme\b", "them"))


def metric_kind(metric: str, unit: Unit | None = None) -> MetricKind:
    if _SURVEY.search(metric):
        return MetricKind.SURVEY
    if unit is Unit.USD or _DOLLARS.search(metric):
        return MetricKind.DOLLARS
    if unit is not Unit.PERCENT and _ACTIVITY.search(metric):
        return MetricKind.ACTIVITY
    if _STUDENT.search(metric):
        return MetricKind.STUDENT
    if _TEACHER.search(metric):
        return MetricKind.TEACHER
    return MetricKind.ACTIVITY if _ACTIVITY.search(metric) else MetricKind.OTHER


def prose_name(metric: str, group: str | None = None, *, unit: Unit | None = None,
               names: Mapping[str, str] | None = None) -> str:
    """How a sentence names the series, lower-case first unless it starts with a name.

    ``names`` maps a metric label to the prose name a person typed; it wins over the default.
    """
    chosen = (names or {}).get(metric)
    base = " ".join(chosen.split()) if chosen and chosen.strip() else _default(metric, unit)
    if group:
        base += f" for {_spell_out(group)}"
    return lower_first(base)


def _default(metric: str, unit: Unit | None) -> str:
    statement = re.sub(r"\s*\((?:survey|%|percent|count|score|rate)\)\s*", " ", metric,
                       flags=re.I)
    statement = " ".join(_spell_out(statement).split()).strip(" .")
    if metric_kind(metric, unit) is MetricKind.SURVEY and _first_person(statement):
        for pattern, replacement in _FIRST_PERSON:
            statement = re.sub(pattern, replacement, statement)
        lead = "the share of teachers who say " if unit is Unit.PERCENT else "teachers saying "
        return lead + lower_first(statement)
    return statement


def _first_person(text: str) -> bool:
    return bool(re.search(r"\b(?:my|I|me|I'm)\b", text))


def _spell_out(text: str) -> str:
    for acronym, words in ACRONYMS.items():
        text = re.sub(rf"(?<![\w-]){re.escape(acronym)}(?![\w-])", words, text)
    return text


def lower_first(text: str) -> str:
    """"New-teacher retention rate" → "new-teacher …"; "English …", "Title II-A" stay."""
    first = text.split(" ", 1)[0]
    if (len(first) > 1 and (first[1].isupper() or first in ("Title", "English", "Spanish")))\
            or not first:
        return text
    return text[:1].lower() + text[1:]


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def name_in_sentence(name: str) -> str:
    """The template's spending uses read mid-sentence in lower case; the district's own keep
    their capitals."""
    if name == COURSES_WORKSHOPS:
        return "courses and workshops"
    return name.lower() if name in USES else name


def people(count: float) -> str:
    """FTE counts as prose says them: 512.5 teachers are "513 teachers"."""
    return f"{int(count + 0.5):,}"


_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen")
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def number_words(number: int) -> str | None:
    """0-99 in words ("forty-seven"), so a sentence can open on a number; None past 99."""
    if not 0 <= number < 100:
        return None
    if number < 20:
        return _ONES[number]
    tens, ones = divmod(number, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
