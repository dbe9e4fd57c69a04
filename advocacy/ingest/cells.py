"""One raw cell value → money, percent, count, number, ratio, school year, yes/no, unit or text.

Owns how one value is read, whoever wrote it: python-calamine/openpyxl values (str, int, float,
bool, datetime/date, None) or CSV text. A reader returns the typed value or None, appending one
located Issue (found, expected, what to try) when a value is present but wrong. Never raises on
user data, never looks at neighbouring cells, never decides which field a cell holds.

Decisions: "none" is missing, not zero (a made-up 0 would reach the charts; a gap is flagged).
Masked values (-999, -9, "*", "<10", ">95%", "†", "DS", "n<10", "suppressed") are missing with a
``value.masked`` warning, never numbers. "$48K" and "1.2M" are read as 48,000 and 1,200,000;
commas must group thousands ("$1,2,3" fails); negative dollars are returned and the caller
decides. "12,5%" is 12.5 (a comma before one or two digits is decimal). "1:16.4" is 16.4
students per teacher, since nobody reports fewer than one. A date in a year cell is the school
year it falls in (July starts one), with a ``year.from_date`` warning.
"""

from __future__ import annotations

import functools
import math
import re
from datetime import date, datetime

from advocacy import template
from advocacy.issues import Issue
from advocacy.location import Location
from advocacy.model import SchoolYear, Unit

MONEY_EXPECTED = "a dollar amount such as $12,500"
PERCENT_EXPECTED = "a percentage such as 12% or 12"
NUMBER_EXPECTED = "a number such as 8,420"
RATIO_EXPECTED = "a ratio such as 16.4:1"
YEAR_EXPECTED = "a school year such as 2018-19"

# fmt: off
_MISSING = {"", "-", "--", "—", "–", "−", ".", "..", "n/a", "na", "n.a.", "#n/a", "null", "none",
            "nan", "not available", "not applicable", "not reported", "missing"}
_MASKED = {"*", "**", "***", "†", "‡", "ds", "ps", "suppressed", "masked", "redacted", "s",
           "-999", "-9"}
MASKED_NUMBERS = frozenset({-999.0, -9.0})  # what agencies write for a suppressed number
_MASKED_PATTERN = re.compile(r"^(n\s*)?(<|>|≤|≥|<=|>=)\s*\d+(\.\d+)?\s*%?$", re.I | re.A)
_EXCEL_ERRORS = {"#div/0!", "#ref!", "#value!", "#name?", "#num!", "#null!", "#spill!", "#calc!"}

_DASHES = str.maketrans({"–": "-", "—": "-", "−": "-", "\u00a0": " ", "\u2009": " ",
                         "\u202f": " ", "\u200b": None, "\ufeff": None})
# A plain decimal, optionally with thousands grouped by commas (or single spaces). ASCII digits
# only, so nothing reaches float() that it would read differently from a person.
_NUMBER = re.compile(r"^(?:(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+)(?:\.\d*)?|\.\d+)"
                     r"(?:e[+-]?\d+)?$", re.I | re.A)
_MONEY_SUFFIX = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "million": 1e6, "b": 1e9,
                 "bn": 1e9, "billion": 1e9}
_MASKED_HINT = ("Agencies hide small or sensitive numbers; enter the real figure if you have it, "
                "or leave the cell blank")
_UNIT_HINT = ("Use % for rates, count for numbers of people, $ for money and score for test "
              "scores or survey ratings")
# Plausibility bounds are per field and defined beside each field in advocacy.template; a
# reader is told its field's bound ("most") by the caller, which knows the field.
# Below a millionth a non-zero figure is a typo too ("1e-300" teachers), and dividing by it
# overflows every ratio built on it.
MIN_MAGNITUDE = 1e-6
# For isinstance in per-cell code: a tuple is checked in C; `int | float` builds a union each time.
NUMBER_TYPES = (int, float)
_BOUND_HINT = "Check the cell for a typo or a misplaced unit such as K, M or B"
_SPAN_HINT = "A school year spans two years in a row, such as 2018-19"
_DIGITS_HINT = "Use digits, with commas only between thousands"
# fmt: on


def _text(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return raw.strip() if isinstance(raw, str) else str(raw)


@functools.lru_cache(maxsize=4096)  # units, groups and markers repeat on every row
def _squash(raw: str) -> str:
    return " ".join(raw.translate(_DASHES).split()).casefold()


def is_masked(raw: object) -> bool:
    """A suppressed value as agencies publish it: -999, -9, "*", "<10", ">95%", "†", "DS"."""
    if isinstance(raw, bool) or raw is None:
        return False
    if isinstance(raw, NUMBER_TYPES):
        return raw in MASKED_NUMBERS
    if not isinstance(raw, str):
        return False
    text = _squash(raw)
    return text in _MASKED or bool(_MASKED_PATTERN.match(text))


def is_missing(raw: object) -> bool:
    """Blank, a missing marker ("—", "-", "n/a") or a masked value: nothing to read."""
    if raw is None:
        return True
    if isinstance(raw, float) and math.isnan(raw):
        return True
    if isinstance(raw, str) and _squash(raw) in _MISSING:
        return True
    return is_masked(raw)


def _blank(raw: object) -> bool:
    """Nothing written, for labels and years, where a masked marker means nothing either."""
    return raw is None or (isinstance(raw, str) and is_missing(raw))


def _absent(raw: object, at: Location, issues: list[Issue]) -> bool:
    """True when there is no value to read; a masked one is also reported."""
    if not is_missing(raw):
        return False
    if is_masked(raw):
        _report(issues, "value.masked", raw, at, "a number", _MASKED_HINT, warn=True)
    return True


def _report(
    issues: list[Issue],
    code: str,
    raw: object,
    at: Location,
    expected: str,
    hint: str | None = None,
    *,
    warn: bool = False,
) -> None:
    """One located issue; an error unless ``warn``. ``found`` is the value as the user sees it."""
    make = Issue.warning if warn else Issue.error
    found = raw.strftime("%Y-%m-%d") if isinstance(raw, date) else _text(raw)
    issues.append(make(code, at=at, found=found, expected=expected, hint=hint or _hint_for(raw)))


def _hint_for(raw: object) -> str | None:
    if isinstance(raw, datetime | date):
        return "The cell is formatted as a date; format it as a number or as text"
    if isinstance(raw, str) and raw.strip().casefold() in _EXCEL_ERRORS:
        return "The formula in this cell shows an error; fix it in the spreadsheet"
    return None


def _plain_number(text: str) -> float | None:
    """ "1,234.5", "-12", "(12,000)", "1 234" → float; anything else → None."""
    text = text.translate(_DASHES).strip()
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    if text.startswith(("-", "+")):
        negative, text = negative ^ (text[0] == "-"), text[1:].strip()
    elif text.endswith("-"):  # accounting exports write 12,000-
        negative, text = not negative, text[:-1].strip()
    if not _NUMBER.match(text):
        return None
    value = float(text.replace(",", "").replace(" ", ""))
    if not math.isfinite(value):  # "1e999"
        return None
    return -value if negative else value


def _plain(raw: object) -> float | None:
    """A number cell as the readers hand it over, which none of the text rules apply to; None
    for anything else, including masked numbers (-999), so the careful path reports them."""
    if raw.__class__ is float:
        return raw if raw not in MASKED_NUMBERS and math.isfinite(raw) else None
    if raw.__class__ is int:
        return float(raw) if raw not in MASKED_NUMBERS and -1e300 < raw < 1e300 else None
    return None


def _number(raw: object) -> float | None:
    """A numeric cell or numeric text; bools, dates and words → None."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return float(raw) if abs(raw) < 1e300 else None
    if isinstance(raw, float):
        return raw if math.isfinite(raw) else None
    if isinstance(raw, str):
        return _plain_number(raw)
    return None


def read_number(raw: object, at: Location, issues: list[Issue], *,
                most: float = template.OUTCOME_MOST) -> float | None:
    """Any number, sign and fraction kept: "8,420", "512.5", "(3)", 17.2; "$1,200" and "88%"
    too, because an outcome's unit column already says what the number measures. Beyond
    ±``most`` it is implausible (an outcome's bound unless the caller's field has its own)."""
    if (value := _plain(raw)) is not None and _plausible_plain(value, most):
        return value
    if _absent(raw, at, issues):
        return None
    value = _number(raw)
    if value is None and isinstance(raw, str):
        text = " ".join(raw.split())
        if text.endswith("%"):
            value = _plain_number(text[:-1])
        elif "$" in text:
            value = _money_text(text)
    if value is None:
        _report(issues, "count.unreadable", raw, at, "a number such as 512.5")
        return None
    return _within(value, most, raw, at, issues, "number.implausible")


def _plausible_plain(value: float, limit: float) -> bool:
    return -limit <= value <= limit and (value == 0 or abs(value) >= MIN_MAGNITUDE)


def _within(
    value: float, limit: float, raw: object, at: Location, issues: list[Issue], code: str
) -> float | None:
    """The value, or None and a located error when it is beyond any real district's figure."""
    if math.isfinite(value) and -limit <= value <= limit and not 0 < abs(value) < MIN_MAGNITUDE:
        return value
    expected = f"zero, or a value from {MIN_MAGNITUDE:g} to {limit:,.0f}"
    _report(issues, code, raw, at, expected, _BOUND_HINT)
    return None


def read_count(raw: object, at: Location, issues: list[Issue], *, most: float) -> float | None:
    """A count: "8,420", "8420.0", 8420.0 → 8420. Fractions stay (FTE 512.5); negatives fail,
    and so does a count above ``most``, its field's bound."""
    if (value := _plain(raw)) is not None and value >= 0 and _plausible_plain(value, most):
        return value
    if _absent(raw, at, issues):
        return None
    value = _number(raw)
    if value is None:
        _report(issues, "count.unreadable", raw, at, NUMBER_EXPECTED)
        return None
    if value < 0:
        _report(issues, "count.negative", raw, at, "zero or more")
        return None
    return _within(value, most, raw, at, issues, "count.implausible")


def read_money(raw: object, at: Location, issues: list[Issue], *, most: float) -> float | None:
    """Dollars: "$1,234,567", " $ 12,500 ", "(12,000)" → -12000, "12500 USD", "$48K"; beyond
    ±``most``, its field's bound, implausible."""
    if (value := _plain(raw)) is not None and _plausible_plain(value, most):
        return value
    if _absent(raw, at, issues):
        return None
    value = _money_text(raw) if isinstance(raw, str) else _number(raw)
    if value is None:
        hint = None
        if isinstance(raw, str) and not _hint_for(raw):
            hint = "Amounts are read in US dollars" if re.search("[€£¥]", raw) else _DIGITS_HINT
        _report(issues, "money.unreadable", raw, at, MONEY_EXPECTED, hint)
        return None
    return _within(value, most, raw, at, issues, "money.implausible")


def _money_text(raw: str) -> float | None:
    text = raw.translate(_DASHES).strip()
    if re.fullmatch(r"\$\s*-+", text):  # how Excel's accounting format shows zero
        return 0.0
    negative = text.startswith("(") and text.endswith(")")
    if negative:
        text = text[1:-1].strip()
    text = re.sub(r"^(us\s?\$|usd)\s*|\s*(usd|dollars)$", "", text, flags=re.IGNORECASE)
    if text.startswith("-") and text[1:].lstrip().startswith("$"):
        text = "-" + text[1:].lstrip()[1:]
    text = (
        text.strip("$ ") if text.count("$") == 1 and (text[0] == "$" or text[-1] == "$") else text
    )
    scale = 1.0
    match = re.match(r"^(.*?\d)\s*([a-z]+)$", text, re.IGNORECASE)
    if match and match.group(2).casefold() in _MONEY_SUFFIX:
        text, scale = match.group(1), _MONEY_SUFFIX[match.group(2).casefold()]
    value = _plain_number(text)
    if value is None:
        return None
    value = round(value * scale, 6) if scale != 1.0 else value
    return -value if negative else value


def read_percent(
    raw: object,
    at: Location,
    issues: list[Issue],
    *,
    number_format: str | None = None,
    scale: str | None = None,
) -> float | None:
    """Percent points 0-100: "12%" → 12; 12 → 12; 0.12 → 12 given a "%" format or a fraction
    scale. ``scale`` is "fraction" or "points" when the caller knows the column's convention."""
    if (
        scale == "points"
        and (value := _plain(raw)) is not None
        and 0 <= value <= template.PERCENT_MOST
    ):
        return value  # a number in a column of points: nothing below applies to it
    if _absent(raw, at, issues):
        return None
    value, explicit = _percent_value(raw)
    if value is None:
        _report(issues, "percent.unreadable", raw, at, PERCENT_EXPECTED)
        return None
    if not explicit:
        # A quoted or escaped % in a format (0"%" or 0\%) is a literal sign after points.
        bare_format = re.sub(r'"[^"]*"|\\.', "", number_format) if number_format else ""
        fraction = "%" in bare_format and not isinstance(raw, str)
        value, guessed = _points(value, fraction, scale)
        if guessed:
            hint = (
                f"{_text(raw)} was read as {round(value, 4):g}%; "
                f"write {_text(raw)}% if you meant less than one percent"
            )
            _report(issues, "percent.ambiguous", raw, at, PERCENT_EXPECTED, hint, warn=True)
    if not 0 <= value <= template.PERCENT_MOST:
        hint = f"It was read as {round(value, 4):g}%"
        _report(issues, "percent.out_of_range", raw, at,
                f"a percentage from 0 to {template.PERCENT_MOST}", hint)
        return None
    return value


def _percent_value(raw: object) -> tuple[float | None, bool]:
    """The number and whether it was written with a percent sign (so its scale is known)."""
    if not isinstance(raw, str):
        return _number(raw), False
    text = " ".join(raw.split())
    match = re.match(r"^(.*?)\s*(%|percent|pct\.?|per cent)$", text, re.IGNORECASE)
    if not match:
        return _plain_number(text), False
    number = match.group(1)
    if re.fullmatch(r"-?[0-9]+,[0-9]{1,2}", number):  # "12,5%": a decimal comma, not thousands
        number = number.replace(",", ".")
    return _plain_number(number), True


def _points(value: float, fraction: bool, scale: str | None) -> tuple[float, bool]:
    """Percent points from a bare number, and whether that reading was a guess."""
    if scale == "points":
        return value, False
    if scale == "fraction" or fraction:
        return round(value * 100, 9), False
    if value.is_integer() or not 0 < value < 1:
        return value, False
    return round(value * 100, 9), True


def read_ratio(raw: object, at: Location, issues: list[Issue], *,
               most: float = template.RATIO_MOST) -> float | None:
    """Students per teacher: "16.4:1", "16.4 : 1", "16.4 to 1", "16.4", "1:16.4" → 16.4."""
    if (value := _plain(raw)) is not None and value > 0 and _plausible_plain(value, most):
        return value
    if _absent(raw, at, issues):
        return None
    value = _ratio_value(raw)
    if value == 0:
        # Agencies print 0 (or 0:1) where a district reported no teachers: a quirk to flag, not
        # an error that blocks the district's export.
        _report(issues, "ratio.zero", raw, at, RATIO_EXPECTED,
                "It was left blank; check the number of teachers", warn=True)
        return None
    if value is None or not math.isfinite(value) or value < 0:
        _report(issues, "ratio.unreadable", raw, at, RATIO_EXPECTED)
        return None
    return _within(value, most, raw, at, issues, "ratio.implausible")


def _ratio_value(raw: object) -> float | None:
    if not isinstance(raw, str):
        return _number(raw)
    parts = re.split(r"\s*(?::|\bto\b|/)\s*", raw.strip(), flags=re.IGNORECASE)
    if len(parts) == 1:
        return _plain_number(parts[0])
    if len(parts) != 2:
        return None
    left, right = _plain_number(parts[0]), _plain_number(parts[1])
    if left is None or right is None or left < 0 or right <= 0:
        return None
    if left == 1 and right > 1:
        return right
    return left / right


_SPAN = re.compile(r"^(\d{4}|\d{2})\s*(?:[-/]|to)\s*(\d{4}|\d{2})$", re.I | re.A)
_FY = re.compile(r"^FY\s*'?(\d{4}|\d{2})$", re.A)
# 20232024 (Kentucky report cards) and 201920, written without a separator.
_JOINED = re.compile(r"^((?:19|20)\d{2})((?:19|20)\d{2}|\d{2})$", re.A)
_BARE = re.compile(r"^((?:19|20)\d{2})(?:\.0+)?$", re.A)
# Assessment files name the term: spring 2023 testing is school year 2022-23.
_TERM = re.compile(r"^(fall|autumn|spring|summer)\s+((?:19|20)\d{2})$", re.I | re.A)
_YEAR_WORDS = re.compile(
    r"^(?:SY|school year|academic year)\s*[:.]?\s*|\s*(?:school year|SY)$"
    r"|[\s*†‡]+$",
    re.IGNORECASE,
)


def read_school_year(raw: object, at: Location, issues: list[Issue]) -> SchoolYear | None:
    """ "2018-19", "2018-2019", "2018–19", "2018/19", "SY 18-19", "FY19", "FY 2019", 20232024,
    "2023-2024 School Year" → the school year; a bare 2019 → 2018-19 with a warning."""
    if _blank(raw):
        return None
    if isinstance(raw, datetime | date):
        return _year_from_date(raw, at, issues)
    if isinstance(raw, bool) or (isinstance(raw, float) and not raw.is_integer()):
        _report(issues, "year.unreadable", raw, at, YEAR_EXPECTED)
        return None
    text = re.sub(r"^fiscal year\b", "FY", _text(raw).translate(_DASHES), flags=re.IGNORECASE)
    text = _YEAR_WORDS.sub("", text).strip()
    if text.upper().startswith("FY") and not _FY.match(text.upper()):
        text = text[2:].strip()  # "FY 2018-19" names the school year itself
    year = _year_text(text)
    if year is None:
        hint = _SPAN_HINT if _SPAN.match(text) or _JOINED.match(text) else _hint_for(raw)
        _report(issues, "year.unreadable", raw, at, YEAR_EXPECTED, hint)
        return None
    if _BARE.match(text):
        hint = (
            f"{year.end} was read as {year}, the school year ending in {year.end}; "
            f"write {year.next()} if you meant the one starting in {year.end}"
        )
        _report(issues, "year.ambiguous", raw, at, YEAR_EXPECTED, hint, warn=True)
    return year


def _year_text(text: str) -> SchoolYear | None:
    """The school year a cleaned text names, or None when it names none (or an invalid span)."""
    if match := _FY.match(text.upper()):
        # FY19 is the fiscal year ending June 2019, which is school year 2018-19
        return _plausible(_full_year(match.group(1)) - 1)
    if match := _BARE.match(text):
        return _plausible(int(match.group(1)) - 1)
    if match := _TERM.match(text):
        starts = match.group(1).casefold() in ("fall", "autumn")
        return _plausible(int(match.group(2)) - (0 if starts else 1))
    match = _JOINED.match(text) or _SPAN.match(text)
    if match is None:
        return None
    first, second = match.groups()
    start = _full_year(first)
    consecutive = int(second) == start + 1 if len(second) == 4 else int(second) == (start + 1) % 100
    return _plausible(start) if consecutive else None


def _full_year(digits: str) -> int:
    year = int(digits)
    return year if len(digits) == 4 else year + (1900 if year >= 50 else 2000)


def _plausible(start: int) -> SchoolYear | None:
    return SchoolYear(start) if 1950 <= start <= 2099 else None


def _year_from_date(raw: date, at: Location, issues: list[Issue]) -> SchoolYear | None:
    # A school year runs July to June, so 2019-06-30 is in 2018-19 and 2019-07-01 in 2019-20.
    year = _plausible(raw.year if raw.month >= 7 else raw.year - 1)
    if year is None:
        _report(issues, "year.unreadable", raw, at, YEAR_EXPECTED)
        return None
    hint = (
        f"It was read as {year}, the school year that date falls in; format the cell as "
        "text and type the school year to be sure"
    )
    _report(issues, "year.from_date", raw, at, YEAR_EXPECTED, hint, warn=True)
    return year


def read_text(raw: object) -> str | None:
    """Text exactly as written, surrounding whitespace trimmed; blank → None.

    Nothing is unescaped or stripped inside: "<b>", "&amp;" and "=SUM(A1)" stay as typed, and
    exports are responsible for showing them safely.
    """
    if raw is None:
        return None
    if isinstance(raw, datetime):
        text = raw.date().isoformat() if raw.time() == datetime.min.time() else raw.isoformat()
    elif isinstance(raw, date):
        text = raw.isoformat()
    elif isinstance(raw, bool):
        text = "Yes" if raw else "No"
    else:
        text = str(raw).strip("\ufeff\u200b \t\r\n\u00a0") if isinstance(raw, str) else _text(raw)
    return text or None


# fmt: off
_YES_NO = {**dict.fromkeys(("yes", "y", "true", "t", "1", "x", "✓", "✔", "higher",
                            "higher is better", "up"), True),
           **dict.fromkeys(("no", "n", "false", "f", "0", "lower", "lower is better", "down"),
                           False)}
# fmt: on


def read_yes_no(raw: object, at: Location, issues: list[Issue]) -> bool | None:
    """Yes/No, Y/N, True/False, 1/0; "Higher"/"Lower" answer "Higher is better"."""
    if isinstance(raw, bool) or _blank(raw):
        return raw if isinstance(raw, bool) else None
    answer = _YES_NO.get(_squash(_text(raw)))
    if answer is None:
        _report(issues, "yes_no.unreadable", raw, at, "Yes or No")
    return answer


# fmt: off
_UNIT_WORDS = {
    **dict.fromkeys(("%", "percent", "percentage", "pct", "per cent", "rate", "percent points",
                     "percentage points"), Unit.PERCENT),
    **dict.fromkeys(("count", "#", "number", "no.", "people", "students", "teachers"),
                    Unit.COUNT),
    **dict.fromkeys(("$", "usd", "dollar", "dollars", "us dollars", "amount"), Unit.USD),
    **dict.fromkeys(("score", "scores", "points", "pts", "scale score", "index",
                     "average score", "rating"), Unit.SCORE),
}
# fmt: on


def read_unit(raw: object, at: Location, issues: list[Issue]) -> Unit | None:
    """ "%", "percent", "count", "#", "$", "dollars", "score", "points" → a Unit."""
    if _blank(raw):
        return None
    text = _squash(_text(raw))
    unit = _UNIT_WORDS.get(text) or _UNIT_WORDS.get(text.strip("()."))
    if unit is None:
        _report(issues, "unit.unreadable", raw, at, "%, count, $ or score", _UNIT_HINT)
    return unit
