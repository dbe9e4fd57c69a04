"""Absurd and non-finite values are located errors at ingest; formatting and JSON never break."""

from __future__ import annotations

import functools
import io
import json
import math

import pytest

from advocacy import cli, formatting, template
from advocacy.ingest import cells
from advocacy.location import in_csv
from advocacy.model import Unit
from tests import factories

AT = in_csv("a.csv", 1, "D")

# A reader is given its field's bound by the caller; these tests are about reading, so they
# give the loosest bound of each kind (tests/unit/test_bounds.py tests the bounds themselves).
read_money = functools.partial(cells.read_money, most=template.LINE_MOST_USD)
read_count = functools.partial(cells.read_count, most=template.STUDENTS_MOST)


@pytest.mark.parametrize(
    ("reader", "raw", "code"),
    [
        (read_money, "$1e300B", "money.implausible"),
        (read_money, "1e306M", "money.implausible"),
        (read_money, 1.7e308, "money.implausible"),
        (read_money, 10**400, "money.unreadable"),
        (read_money, "$2,000,000,000,000", "money.implausible"),
        (read_count, 5e9, "count.implausible"),
        (read_count, "1e20", "count.implausible"),
        (cells.read_number, 1e307, "number.implausible"),
        (cells.read_number, "-1e13", "number.implausible"),
        (cells.read_ratio, "1e9:1", "ratio.implausible"),
        (cells.read_percent, "1e300%", "percent.out_of_range"),
        (read_count, "1e-300", "count.implausible"),
        (read_money, "$1e-300", "money.implausible"),
        (cells.read_number, 1e-300, "number.implausible"),
    ],
)
def test_absurd_values_are_located_errors_not_numbers(reader, raw, code):
    issues: list = []
    assert reader(raw, AT, issues) is None
    assert [(i.code, str(i.at), i.is_error) for i in issues] == [(code, "a.csv › row 2, column D",
                                                                   True)]


@pytest.mark.parametrize(
    ("reader", "raw", "value"),
    [(read_money, "$40B", 40e9), (read_count, 1_000_000, 1e6),
     (cells.read_number, -0.001, -0.001), (cells.read_ratio, "16.4:1", 16.4),
     (read_count, "0", 0.0), (read_count, 0.5, 0.5), (read_money, "$0.01", 0.01)],
)
def test_large_but_real_values_still_read(reader, raw, value):
    issues: list = []
    assert reader(raw, AT, issues) == value
    assert issues == []


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan, None])
@pytest.mark.parametrize(
    "formatter",
    [formatting.usd, formatting.usd_compact, formatting.count, formatting.pct, formatting.share,
     formatting.points, formatting.signed_pct, formatting.signed_usd, formatting.ratio,
     lambda v: formatting.value(v, Unit.SCORE), lambda v: formatting.value(v, Unit.COUNT)],
)
def test_every_formatter_shows_a_dash_for_what_it_cannot_show(formatter, bad):
    assert formatter(bad) == formatting.DASH


def test_share_of_a_huge_fraction_is_a_dash_not_an_overflow():
    assert formatting.share(1e307) == formatting.DASH


def test_strict_json_writes_null_for_non_finite_numbers():
    text = cli.strict_json({"a": [1.0, math.inf, {"b": math.nan}], "c": "x"})
    assert json.loads(text) == {"a": [1.0, None, {"b": None}], "c": "x"}
    assert "Infinity" not in text and "NaN" not in text


def test_check_json_of_overflowing_amounts_is_strict_and_located(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(factories.csv([
        ["District", "School year", "Source", "Amount"],
        ["Maple", "2021-22", "Title II-A", "1.7e308"],
        ["Maple", "2021-22", "State", "1.7e308"],
        ["Maple", "2022-23", "Title II-A", "$12,000"],
    ]).data)
    out = io.StringIO()
    assert cli.main(["check", "--json", str(path)], out=out) == 1
    report = json.loads(out.getvalue(), parse_constant=pytest.fail)
    assert [(i["code"], i["row"]) for i in report["issues"] if i["severity"] == "error"] == [
        ("money.implausible", 2), ("money.implausible", 3)]


def test_values_at_the_bounds_still_export_everywhere(tmp_path):
    from advocacy.exports import build

    lines = tmp_path / "edge.csv"
    lines.write_bytes(factories.csv([
        ["District", "School year", "Source", "Amount", "Students", "Teachers"],
        ["Maple", "2021-22", "Title II-A", f"${template.TITLE_II_A_MOST_USD:,.0f}", "0.000001",
         "0.000001"],
        ["Maple", "2022-23", "Title II-A", "$0.000001", "0.000001", "0.000001"],
    ]).data)
    outcomes = tmp_path / "outcomes.csv"
    outcomes.write_bytes(factories.csv([
        ["District", "Metric", "School year", "Value", "Unit"],
        ["Maple", "Reading", "2021-22", "0.000001", "score"],
        ["Maple", "Reading", "2022-23", "1000000000000", "score"],
    ]).data)
    out = io.StringIO()
    assert cli.main(["check", "--json", str(lines), str(outcomes)], out=out) == 0
    report = build.build([lines, outcomes], tmp_path / "out",
                         formats=("pdf", "pptx", "xlsx", "html"), packet=True)
    assert report.built == ("Maple",) and report.ok
