"""The text ``check --json`` prints, written straight from the model.

Owns ``check_text``: the bytes of ``strict_json(check_json(result))`` (``report_json``, the
reference) in half the time. A statewide check prints some 40,000 records; building a dict for
each and walking them all again in json's encoder cost as much as the cross-field checks. Here
each field is fetched for every record at once (``attrgetter`` over ``map``, in C), all the
numbers and texts of a kind go through one json call, each distinct school year and label is
written once, and the pieces are joined in C. A value of a type the model never holds there
sends the whole report to ``report_json``, so the two never differ. Never reads files.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Hashable, Iterable, Sequence
from itertools import chain, islice, repeat
from json.encoder import encode_basestring  # the function json.dumps(ensure_ascii=False) uses
from operator import add, attrgetter

from advocacy import template
from advocacy.issues import Issue
from advocacy.load import LoadResult
from advocacy.model import District, SchoolYear, Unit
from advocacy.report_json import PROFILE_KEYS, SUBJECT_KEYS, check_json, finite, strict_json

__all__ = ["check_text"]


def check_text(result: LoadResult) -> str:
    """``strict_json(check_json(result))``, byte for byte, without building the dicts."""
    try:
        districts = _districts(result.districts)
        issues = _issues(result.issues)
    # TypeError or AttributeError: a value the model never holds (an unhashable label, a
    # year that is not a SchoolYear); the dicts take any value, and fail where they fail.
    except (_Unusual, TypeError, AttributeError):
        return strict_json(check_json(result))
    return f'{{"districts": [{", ".join(districts)}], "issues": [{", ".join(issues)}]}}'


class _Unusual(Exception):
    """A value of a type the model never holds there; the reference writes it."""


# json escapes a line feed inside a string and writes none in a number, so with it as the item
# separator one encoding of many values parts cleanly into each value's own text.
_EACH = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=("\n", ": "))


def _scalars(values: list) -> list[str]:
    """Each value's JSON text exactly as ``strict_json`` writes it, from one encoding in C."""
    if not values:
        return []
    try:
        text = _EACH.encode(values)
    except ValueError:  # a NaN or an infinity: null, as strict_json writes it
        text = _EACH.encode(finite(values))
    texts = text[1:-1].split("\n")
    if len(texts) != len(values):  # a list or dict of several items among them
        raise _Unusual
    return texts


_NONE = type(None)


def _texts(values: list) -> list[str]:
    """Each value's JSON text as ``strict_json`` writes it. A field's values are mostly of one
    type, and then one ``map`` in C writes them: ``repr`` is what json writes for an int or a
    finite float, ``encode_basestring`` what it writes for text."""
    kinds = set(map(type, values))
    if kinds == {str}:
        return list(map(encode_basestring, values))
    if kinds == {_NONE}:
        return ["null"] * len(values)
    if kinds == {str, _NONE}:
        return ["null" if value is None else encode_basestring(value) for value in values]
    # A non-finite value makes the sum non-finite (as an overflowing sum does: then the
    # encoder looks at each value, and writes each finite one as it is).
    if kinds == {int} or (kinds == {float} and math.isfinite(sum(values))):
        return list(map(repr, values))
    return _scalars(values)


def _columns(records: Sequence, getter: attrgetter, width: int) -> list[list[str]]:
    """The JSON texts of the ``width`` fields ``getter`` fetches, one list per field."""
    if not records:
        return [[] for _ in range(width)]
    return [_texts(list(field)) for field in zip(*map(getter, records), strict=True)]


# The fields of a district that are one value each, in the order ``_district`` takes them.
_IDENTITY = ("name", "state", "nces_id", "state_id", "county", "congressional_district")
_FIXED = attrgetter(*_IDENTITY, *(f"profile.{field}" for field in PROFILE_KEYS.values()),
                    *(f"story.{key}" for key in template.STORY_KEYS),
                    *(f"contact.{key}" for key in template.CONTACT_KEYS))
_BEFORE_LINES = len(_IDENTITY) + len(PROFILE_KEYS)
_FIXED_WIDTH = _BEFORE_LINES + len(template.STORY_KEYS) + len(template.CONTACT_KEYS)


def _districts(districts: Sequence[District]) -> list[str]:
    fixed = _columns(districts, _FIXED, _FIXED_WIDTH)
    spending_heads: dict[Hashable, str] = {}  # a revenue line reads as a spending line does
    lines = (_lines(districts, _SPENDING, _SPENDING_KEY, spending_heads, _spending_head),
             _lines(districts, _USES, _USE_KEY, {}, _use_head),
             _lines(districts, _REVENUE, _SPENDING_KEY, spending_heads, _spending_head),
             _outcomes(districts))
    return list(map(_district, *fixed[:_BEFORE_LINES], *lines, *fixed[_BEFORE_LINES:]))


def _district(name, state, nces_id, state_id, county, congressional_district,
              students, teachers, schools, per_pupil_expenditure, title_i_eligible_pct,
              title_i_schools, english_learners_pct, student_teacher_ratio,
              instructional_coaches, special_education_pct, spending, uses, revenue, outcomes,
              challenge, solution, impact, contact_name, title, organization, email, phone
              ) -> str:
    """One district's object from its values' JSON texts: an f-string, three times quicker
    than ``str.format``, so the shape is spelled out (``report_json.district_json``)."""
    return (
        f'{{"name": {name}, "state": {state}, "nces_id": {nces_id}, "state_id": {state_id}, '
        f'"county": {county}, "congressional_district": {congressional_district}, '
        f'"profile": {{"students": {students}, "teachers": {teachers}, "schools": {schools}, '
        f'"per_pupil_expenditure": {per_pupil_expenditure}, '
        f'"title_i_eligible_pct": {title_i_eligible_pct}, "title_i_schools": {title_i_schools}, '
        f'"english_learners_pct": {english_learners_pct}, '
        f'"student_teacher_ratio": {student_teacher_ratio}, '
        f'"instructional_coaches": {instructional_coaches}, '
        f'"special_education_pct": {special_education_pct}}}, '
        f'"spending": {spending}, "uses": {uses}, "revenue": {revenue}, "outcomes": {outcomes}, '
        f'"story": {{"challenge": {challenge}, "solution": {solution}, "impact": {impact}}}, '
        f'"contact": {{"name": {contact_name}, "title": {title}, '
        f'"organization": {organization}, "email": {email}, "phone": {phone}}}}}')


_SPENDING, _USES = attrgetter("spending"), attrgetter("uses")
_REVENUE, _OUTCOMES = attrgetter("revenue"), attrgetter("outcomes")
# All a line's text holds besides its number; lines that share it share one text.
_SPENDING_KEY = attrgetter("school_year.start", "source")
_USE_KEY = attrgetter("school_year.start", "use")
_OUTCOME_HEAD = attrgetter("metric", "school_year.start")
_OUTCOME_TAIL = attrgetter("unit", "group")
_AMOUNT, _VALUE = attrgetter("amount_usd"), attrgetter("value")


def _lines(districts: Sequence[District], lines_of: attrgetter, key: attrgetter,
           heads: dict[Hashable, str], head: Callable[[object], str]) -> list[str]:
    """Each district's lines of one kind as a JSON array; a line ends in its number, so its
    closing brace goes in with the comma after it."""
    lines = list(chain.from_iterable(map(lines_of, districts)))
    texts = map(add, _memoised(lines, list(map(key, lines)), heads, head),
                _texts(list(map(_AMOUNT, lines))))
    return _grouped(districts, lines_of, texts, "}, ", "}]")


def _outcomes(districts: Sequence[District]) -> list[str]:
    points = list(chain.from_iterable(map(_OUTCOMES, districts)))
    heads = _memoised(points, list(map(_OUTCOME_HEAD, points)), {}, _outcome_head)
    tails = _memoised(points, list(map(_OUTCOME_TAIL, points)), {}, _outcome_tail)
    texts = map(add, map(add, heads, _texts(list(map(_VALUE, points)))), tails)
    return _grouped(districts, _OUTCOMES, texts, ", ", "]")


def _grouped(districts: Sequence[District], lines_of: attrgetter, texts: Iterable[str],
             between: str, end: str) -> list[str]:
    """Each district's share of ``texts`` (taken in district order) as one array."""
    shared = iter(texts)
    joined = map(between.join, map(islice, repeat(shared), map(len, map(lines_of, districts))))
    return ["[" + text + end if text else "[]" for text in joined]


def _memoised(records: Sequence, keys: list, memo: dict[Hashable, str],
              write: Callable[[object], str]) -> list[str]:
    """``write(record)`` for each record, written once per distinct key. ``write`` refuses a
    label that is not text, so two equal keys of two types (1 and 1.0) never share one."""
    try:
        return list(map(memo.__getitem__, keys))
    except KeyError:
        for record, key in zip(records, keys, strict=True):
            if key not in memo:
                memo[key] = write(record)
        return list(map(memo.__getitem__, keys))


def _label(value: object) -> str:
    if type(value) is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    raise _Unusual


def _year(year: object) -> str:
    if type(year) is not SchoolYear:  # a line's text is memoised by its year's start
        raise _Unusual
    return encode_basestring(str(year))


def _spending_head(line) -> str:
    return (f'{{"school_year": {_year(line.school_year)}, "source": {_label(line.source)}, '
            '"amount": ')


def _use_head(line) -> str:
    return f'{{"school_year": {_year(line.school_year)}, "use": {_label(line.use)}, "amount": '


def _outcome_head(point) -> str:
    return (f'{{"metric": {_label(point.metric)}, "school_year": {_year(point.school_year)}, '
            '"value": ')


def _outcome_tail(point) -> str:
    unit = point.unit
    if unit is not None and type(unit) is not Unit:
        raise _Unusual
    return (f', "unit": {_label(unit.value) if unit else "null"}, '
            f'"group": {_label(point.group)}}}')


_ISSUE_FIXED = attrgetter("severity._value_", "code", "district", "at.file", "at.sheet",
                          "at.cell", "at.row")  # an Enum's ``value`` is its ``_value_``
_MESSAGE_KEY = attrgetter("code", "found", "expected", "hint")  # all a message depends on
_SUBJECT = attrgetter("subject")
_PLAIN = frozenset({str, type(None)})


def _issues(issues: Sequence[Issue]) -> list[str]:
    if not issues:
        return []
    if set(map(type, issues)) != {Issue}:  # a subclass may word its message otherwise
        raise _Unusual
    fixed = _columns(issues, _ISSUE_FIXED, 7)
    subjects = list(map(_SUBJECT, issues))
    subject_keys = _texts(list(map(SUBJECT_KEYS.get, subjects, subjects)))
    return list(map(_issue, *fixed, _messages(issues), subject_keys))


def _issue(severity, code, district, file, sheet, cell, row, message, subject) -> str:
    """One issue's object (``report_json.issue_json``) from its values' JSON texts."""
    return (f'{{"severity": {severity}, "code": {code}, "district": {district}, '
            f'"file": {file}, "sheet": {sheet}, "cell": {cell}, "row": {row}, '
            f'"message": {message}, "subject": {subject}}}')


def _messages(issues: Sequence[Issue]) -> list[str]:
    """Thousands of issues share one message: each distinct one is worded once."""
    keys = list(map(_MESSAGE_KEY, issues))
    if not _PLAIN.issuperset(map(type, chain.from_iterable(keys))):  # 1 and 1.0: one key
        return [encode_basestring(issue.message) for issue in issues]
    return _memoised(issues, keys, {}, _message)


def _message(issue) -> str:
    return encode_basestring(issue.message)
