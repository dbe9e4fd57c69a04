"""ingest.cells: one raw value → a typed value, or None with a located issue; never a raise."""

from __future__ import annotations

import functools
import io
from datetime import date, datetime

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from advocacy import template
from advocacy.ingest import cells
from advocacy.issues import MESSAGES, Severity
from advocacy.location import in_csv, in_sheet
from advocacy.model import SchoolYear, Unit

AT = in_sheet("budget.xlsx", "Spending", 6, 2)

# A reader is given its field's bound by the caller; these tests are about reading, so they
# give the loosest bound of each kind (tests/unit/test_bounds.py tests the bounds themselves).
read_money = functools.partial(cells.read_money, most=template.LINE_MOST_USD)
read_count = functools.partial(cells.read_count, most=template.STUDENTS_MOST)
WHERE = "budget.xlsx › Spending › C7"


def read(reader, raw, **options):
    issues = []
    value = reader(raw, AT, issues, **options)
    return value, [(issue.code, str(issue.at)) for issue in issues], issues


# --- missing and masked -------------------------------------------------------------------

@pytest.mark.parametrize("raw", [None, "", "   ", "\u00a0", "—", "–", "-", "--", "n/a", "N/A",
                                 "NA", "null", "None", "#N/A", "nan", float("nan")])
def test_missing_markers_read_as_none_silently(raw):
    assert cells.is_missing(raw)
    for reader in (read_money, cells.read_percent, read_count, cells.read_number,
                   cells.read_ratio):
        assert read(reader, raw)[:2] == (None, [])


@pytest.mark.parametrize("raw", [-999, -999.0, -9, "-9", "-999", "*", "**", "<10", "< 5",
                                 ">95%", "≤5", "<=10", "†", "‡", "DS", "PS", "n<10", "n < 10",
                                 "suppressed", "Suppressed", "redacted"])
def test_masked_values_read_as_missing_with_a_warning(raw):
    assert cells.is_missing(raw)
    value, located, issues = read(read_count, raw)
    assert value is None
    assert located == [("value.masked", WHERE)]
    assert issues[0].severity is Severity.WARNING
    assert "enter the real figure" in issues[0].message


@pytest.mark.parametrize("raw", ["-12", -12, "0", 0, "12", "(12)", "N", "Nope", "-9.5", -99])
def test_numbers_and_words_are_not_missing(raw):
    assert not cells.is_missing(raw)


# --- money ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("$1,234,567", 1234567),
    ("1234567.00", 1234567),
    ("(12,000)", -12000),
    ("($12,000)", -12000),
    ("-$500", -500),
    ("-12", -12),
    ("−12", -12),
    ("12,000-", -12000),
    (" $ 12,500 ", 12500),
    ("\u00a0$12,500\u00a0", 12500),
    ("12500 USD", 12500),
    ("USD 12,500", 12500),
    ("12,500 dollars", 12500),
    ("$12,500.75", 12500.75),
    ("12 500", 12500),
    ("1.2E+06", 1200000),
    ("$48K", 48000),
    ("12,500$", 12500),
    ("$ -", 0),
    (" $  -   ", 0),
    ("$48k", 48000),
    ("1.2M", 1200000),
    ("$1.5 million", 1500000),
    (48000, 48000),
    (48000.5, 48000.5),
    (0, 0),
])
def test_money_reads_as_dollars(raw, expected):
    value, located, _ = read(read_money, raw)
    assert (value, located) == (expected, [])


@pytest.mark.parametrize(("raw", "hint"), [
    ("$1,2,3", "Use digits, with commas only between thousands"),
    ("12,50", "Use digits, with commas only between thousands"),
    ("twelve thousand", "Use digits, with commas only between thousands"),
    ("€500", "Amounts are read in US dollars"),
    ("$", "Use digits, with commas only between thousands"),
    ("$12$", "Use digits, with commas only between thousands"),
    ("inf", "Use digits, with commas only between thousands"),
    ("#DIV/0!", "The formula in this cell shows an error; fix it in the spreadsheet"),
    (True, None),
    (date(2019, 7, 1), "The cell is formatted as a date; format it as a number or as text"),
])
def test_unreadable_money_is_a_located_error(raw, hint):
    value, located, issues = read(read_money, raw)
    assert value is None
    assert located == [("money.unreadable", WHERE)]
    assert issues[0].severity is Severity.ERROR
    assert issues[0].expected == "a dollar amount such as $12,500"
    assert issues[0].hint == hint


def test_unreadable_money_message_names_what_was_found():
    _, _, issues = read(read_money, "$1,2,3")
    assert issues[0].message == (
        "This cell should hold a dollar amount. Found “$1,2,3”. Expected a dollar amount such "
        "as $12,500. Use digits, with commas only between thousands.")


# --- percent --------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "options", "expected"), [
    ("12%", {}, 12),
    ("12.5 %", {}, 12.5),
    ("12,5%", {}, 12.5),
    ("0.5%", {}, 0.5),
    ("12 percent", {}, 12),
    ("12 pct", {}, 12),
    (12, {}, 12),
    ("12", {}, 12),
    (12.5, {}, 12.5),
    (0, {}, 0),
    (1, {}, 1),
    (1.0, {}, 1),
    (100, {}, 100),
    (0.12, {"number_format": "0%"}, 12),
    (0.125, {"number_format": "0.0%"}, 12.5),
    (1, {"number_format": "0%"}, 100),
    (12, {"number_format": '0"%"'}, 12),  # a literal % sign after points, not a % format
    (12.5, {"number_format": "0.0\\%"}, 12.5),
    (0.12, {"scale": "fraction"}, 12),
    ("0.12", {"scale": "fraction"}, 12),
    ("12%", {"scale": "fraction"}, 12),
    (0.5, {"scale": "points"}, 0.5),
    ("12", {"number_format": "0%"}, 12),  # text keeps its own reading whatever the format
    (0.07, {"scale": "fraction"}, 7),
])
def test_percent_reads_as_points(raw, options, expected):
    value, located, _ = read(cells.read_percent, raw, **options)
    assert located == []
    assert value == pytest.approx(expected)


@pytest.mark.parametrize(("raw", "expected", "hint"), [
    (0.5, 50, "0.5 was read as 50%; write 0.5% if you meant less than one percent"),
    (0.12, 12, "0.12 was read as 12%; write 0.12% if you meant less than one percent"),
    ("0.075", 7.5, "0.075 was read as 7.5%; write 0.075% if you meant less than one percent"),
])
def test_bare_fraction_reads_as_percent_with_a_warning(raw, expected, hint):
    value, located, issues = read(cells.read_percent, raw)
    assert value == pytest.approx(expected)
    assert located == [("percent.ambiguous", WHERE)]
    assert issues[0].severity is Severity.WARNING
    assert issues[0].hint == hint


@pytest.mark.parametrize(("raw", "options", "code"), [
    (150, {}, "percent.out_of_range"),
    ("101%", {}, "percent.out_of_range"),
    ("-3%", {}, "percent.out_of_range"),
    (-0.5, {}, "percent.out_of_range"),
    (12, {"scale": "fraction"}, "percent.out_of_range"),
    ("twelve", {}, "percent.unreadable"),
    ("12%%", {}, "percent.unreadable"),
    (datetime(2020, 1, 1), {}, "percent.unreadable"),
])
def test_bad_percent_is_a_located_error(raw, options, code):
    value, located, issues = read(cells.read_percent, raw, **options)
    assert (value, located) == (None, [(code, WHERE)])
    assert issues[0].severity is Severity.ERROR


def test_out_of_range_percent_says_how_it_was_read():
    _, _, issues = read(cells.read_percent, 12, scale="fraction")
    assert issues[0].hint == "It was read as 1200%"


def test_percent_format_from_a_real_workbook_reads_fraction_as_points():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["B2"], sheet["B3"] = 0.125, 0.125
    sheet["B2"].number_format = "0.0%"
    buffer = io.BytesIO()
    book.save(buffer)
    saved = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))["Sheet"]
    formatted, plain = [], []
    assert cells.read_percent(saved["B2"].value, AT, formatted,
                              number_format=saved["B2"].number_format) == pytest.approx(12.5)
    assert cells.read_percent(saved["B3"].value, AT, plain,
                              number_format=saved["B3"].number_format) == pytest.approx(12.5)
    assert formatted == []
    assert [issue.code for issue in plain] == ["percent.ambiguous"]


# --- counts, numbers, ratios ----------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("8,420", 8420), ("8420.0", 8420), (8420.0, 8420), (8420, 8420), (" 8,420 ", 8420),
    ("512.5", 512.5), (512.5, 512.5), (0, 0), ("1,234,567", 1234567),
])
def test_count_reads_numbers_as_written(raw, expected):
    assert read(read_count, raw)[:2] == (expected, [])


@pytest.mark.parametrize(("raw", "code"), [
    ("-12", "count.negative"), (-3, "count.negative"), ("(12)", "count.negative"),
    ("8,42,0", "count.unreadable"), ("about 300", "count.unreadable"), (True, "count.unreadable"),
    ("12%", "count.unreadable"),
])
def test_bad_count_is_a_located_error(raw, code):
    value, located, issues = read(read_count, raw)
    assert (value, located) == (None, [(code, WHERE)])
    assert issues[0].severity is Severity.ERROR


@pytest.mark.parametrize(("raw", "expected"), [
    ("-12", -12), ("(3.5)", -3.5), ("1,872.119", 1872.119), (17.2, 17.2), ("+4", 4),
    ("$1,200", 1200), ("88%", 88), ("88.5 %", 88.5),
])
def test_number_keeps_sign_and_fraction(raw, expected):
    assert read(cells.read_number, raw)[:2] == (pytest.approx(expected), [])


@pytest.mark.parametrize(("raw", "expected"), [
    ("16.4:1", 16.4), ("16.4 : 1", 16.4), ("16.4", 16.4), (16.4, 16.4), ("16.4 to 1", 16.4),
    ("1:16.4", 16.4), ("33:2", 16.5), ("16.4/1", 16.4), (" 16 ", 16),
])
def test_ratio_reads_students_per_teacher(raw, expected):
    assert read(cells.read_ratio, raw)[:2] == (pytest.approx(expected), [])


@pytest.mark.parametrize("raw", ["16.4:0", "a:b", "16:4:1", -2, "high"])
def test_bad_ratio_is_a_located_error(raw):
    value, located, issues = read(cells.read_ratio, raw)
    assert (value, located) == (None, [("ratio.unreadable", WHERE)])
    assert issues[0].expected == "a ratio such as 16.4:1"


@pytest.mark.parametrize("raw", ["0", 0, 0.0, "0:1"])
def test_a_zero_ratio_is_a_warning_and_missing_never_an_error(raw):
    value, located, issues = read(cells.read_ratio, raw)
    assert (value, located) == (None, [("ratio.zero", WHERE)])
    assert not issues[0].is_error


# --- school years ---------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "start"), [
    ("2018-19", 2018), ("2018-2019", 2018), ("2018–19", 2018), ("2018—19", 2018),
    ("2018/19", 2018), ("2018 - 19", 2018), ("SY2018-19", 2018), ("SY 18-19", 2018),
    ("SY18-19", 2018), ("sy 2018-2019", 2018), ("18-19", 2018), ("1999-00", 1999),
    ("1999-2000", 1999), ("FY19", 2018), ("FY 2019", 2018), ("FY2019", 2018), ("fy19", 2018),
    ("FY 2018-19", 2018), ("FY 18", 2017), (201920, 2019), ("201920", 2019),
    (20232024, 2023), ("20232024", 2023), (20232024.0, 2023), ("Fiscal year 2019", 2018),
    ("2018 to 2019", 2018), ("Spring 2023", 2022), ("Fall 2022", 2022), ("summer 2023", 2022),
    ("2021-22*", 2021), ("2021-22 †", 2021), ("\ufeff2018-19", 2018),
    ("2023-2024 School Year", 2023), ("School year 2023-24", 2023), (" 2018-19 ", 2018),
])
def test_school_year_forms_read_as_their_start_year(raw, start):
    assert read(cells.read_school_year, raw)[:2] == (SchoolYear(start), [])


def test_fy19_reads_as_2018_19():
    assert str(read(cells.read_school_year, "FY19")[0]) == "2018-19"


@pytest.mark.parametrize(("raw", "found"), [
    (2019, "2019"), (2019.0, "2019"), ("2019", "2019"), (" 2019 ", "2019"), ("2019.0", "2019.0"),
])
def test_bare_year_reads_as_the_year_ending_then_with_a_warning(raw, found):
    value, located, issues = read(cells.read_school_year, raw)
    assert (value, located) == (SchoolYear(2018), [("year.ambiguous", WHERE)])
    assert issues[0].severity is Severity.WARNING
    assert issues[0].message == (
        f"A bare year was read as a school year. Found “{found}”. Expected a school year such as "
        "2018-19. 2019 was read as 2018-19, the school year ending in 2019; write 2019-20 if "
        "you meant the one starting in 2019.")


def test_unreadable_year_reports_the_text_as_typed():
    _, _, issues = read(cells.read_school_year, "2018—20")
    assert issues[0].found == "2018—20"


@pytest.mark.parametrize(("raw", "hint"), [
    ("2018-20", "A school year spans two years in a row, such as 2018-19"),
    ("2018-2020", "A school year spans two years in a row, such as 2018-19"),
    ("20182020", "A school year spans two years in a row, such as 2018-19"),
    ("SY 18-20", "A school year spans two years in a row, such as 2018-19"),
    ("201921", "A school year spans two years in a row, such as 2018-19"),
    ("next year", None),
    ("FY", None),
    (19, None),
    (2019.5, None),
    (True, None),
    ("1850", None),
])
def test_bad_school_year_is_a_located_error(raw, hint):
    value, located, issues = read(cells.read_school_year, raw)
    assert (value, located) == (None, [("year.unreadable", WHERE)])
    assert issues[0].severity is Severity.ERROR
    assert issues[0].hint == hint


@pytest.mark.parametrize(("raw", "start"), [
    (date(2019, 6, 30), 2018), (datetime(2019, 7, 1), 2019), (datetime(2018, 9, 1, 0, 0), 2018),
])
def test_date_reads_as_the_school_year_it_falls_in_with_a_warning(raw, start):
    value, located, issues = read(cells.read_school_year, raw)
    assert (value, located) == (SchoolYear(start), [("year.from_date", WHERE)])
    assert issues[0].severity is Severity.WARNING


def test_school_year_typed_into_a_real_csv_row_is_located_by_row():
    issues = []
    at = in_csv("spending.csv", 4, "School year")
    assert cells.read_school_year("2019", at, issues) == SchoolYear(2018)
    assert [(i.code, str(i.at)) for i in issues] == [
        ("year.ambiguous", "spending.csv › row 5, column School year")]


def test_school_years_from_a_real_workbook(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["2018-19", 2019, 20232024, "FY19", datetime(2019, 6, 30)])
    path = tmp_path / "years.xlsx"
    book.save(path)
    row = next(CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).iter_rows())
    issues = []
    years = [cells.read_school_year(value, AT, issues) for value in row]
    assert [str(year) for year in years] == ["2018-19", "2018-19", "2023-24", "2018-19",
                                             "2018-19"]
    assert [issue.code for issue in issues] == ["year.ambiguous", "year.from_date"]


# --- text, yes/no, units --------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "expected"), [
    ("  Example Unified  ", "Example Unified"),
    ("<b>bold</b> &amp; more", "<b>bold</b> &amp; more"),
    ("=SUM(A1:A3)", "=SUM(A1:A3)"),
    ("+1 555 0100", "+1 555 0100"),
    ("-not a number", "-not a number"),
    ("@handle", "@handle"),
    ("line one\nline two", "line one\nline two"),
    ("   ", None), ("", None), (None, None), ("\u200b", None), ("\ufeffName", "Name"),
    (12, "12"), (12.0, "12"), (12.5, "12.5"),
    (date(2020, 1, 2), "2020-01-02"), (datetime(2020, 1, 2), "2020-01-02"),
    ("n/a", "n/a"),
])
def test_text_is_kept_exactly_as_written(raw, expected):
    assert cells.read_text(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("Yes", True), ("yes", True), ("Y", True), ("TRUE", True), (True, True), (1, True),
    ("1", True), ("Higher", True), ("higher is better", True),
    ("No", False), ("n", False), ("False", False), (False, False), (0, False), (0.0, False),
    ("Lower", False), (None, None), ("", None), ("—", None),
])
def test_yes_no_reads_higher_is_better_answers(raw, expected):
    assert read(cells.read_yes_no, raw)[:2] == (expected, [])


def test_unreadable_yes_no_is_a_located_error():
    assert read(cells.read_yes_no, "maybe")[:2] == (None, [("yes_no.unreadable", WHERE)])


@pytest.mark.parametrize(("raw", "expected"), [
    ("%", Unit.PERCENT), ("percent", Unit.PERCENT), ("Percent", Unit.PERCENT),
    ("count", Unit.COUNT), ("#", Unit.COUNT), ("Number", Unit.COUNT),
    ("$", Unit.USD), ("dollars", Unit.USD), ("USD", Unit.USD),
    ("score", Unit.SCORE), ("points", Unit.SCORE), (None, None), ("", None),
])
def test_unit_reads_the_template_words(raw, expected):
    assert read(cells.read_unit, raw)[:2] == (expected, [])


def test_unknown_unit_is_a_located_error():
    assert read(cells.read_unit, "furlongs")[:2] == (None, [("unit.unreadable", WHERE)])


def test_every_code_the_readers_use_has_a_message():
    used = {"value.masked", "money.unreadable", "percent.unreadable", "percent.ambiguous",
            "percent.out_of_range", "count.unreadable", "count.negative", "ratio.unreadable",
            "year.unreadable", "year.ambiguous", "year.from_date", "yes_no.unreadable",
            "unit.unreadable"}
    assert used <= set(MESSAGES)


READERS = (read_money, cells.read_percent, read_count, cells.read_number,
           cells.read_ratio, cells.read_school_year, cells.read_yes_no, cells.read_unit)
ODD_TEXT = ["e5", "1e", "1e999", "-1e999", ".", "()", "(-)", "--5", "+-5", "$", "$$5", "5$",
            "1.", ".5", "1_000", "١٢", "²", "12\u200b", "\x00", "%", "%%", "(%)", "FY", "SY",
            "2019-", "-2019", "20192020", "99-00", "0:0", "::", "to", "1 to", "K", "$K", "1,",
            ",1", "1,,000", "0x1F", "inf", "NaN", "-nan", "1e-400", "9" * 400, "é", "<", "<>"]


@pytest.mark.parametrize("raw", ODD_TEXT + [float("inf"), -float("inf"), 10**400, object()])
def test_odd_values_give_a_value_or_one_located_issue_never_a_raise(raw):
    for reader in READERS:
        issues = []
        value = reader(raw, AT, issues)
        assert len(issues) <= 1
        assert all(issue.at == AT and issue.code in MESSAGES for issue in issues)
        if value is None and issues:
            assert issues[0].found is not None
    assert cells.read_text(raw) is None or isinstance(cells.read_text(raw), str)


@pytest.mark.parametrize(("raw", "expected"), [
    ("1.", 1), (".5", 0.5), ("1e-400", 0), ("1e3", 1000),
])
def test_edge_numbers_read_as_a_person_would(raw, expected):
    assert read(cells.read_number, raw)[:2] == (expected, [])


@pytest.mark.parametrize("raw", ["1e999", "١٢", "1_000", "0x1F", "inf", "e5"])
def test_text_python_would_parse_is_still_not_a_number(raw):
    assert read(cells.read_number, raw)[:2] == (None, [("count.unreadable", WHERE)])
