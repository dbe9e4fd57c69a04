"""Plausibility bounds are per field, defined in advocacy.template beside each field, and ingest
refuses a value just past its field's bound with a located error that names the bound, while
the bound itself still reads."""

from __future__ import annotations

import pytest

from advocacy import edit, template
from advocacy.fictional import maple_valley
from advocacy.ingest.fields import read_field
from advocacy.ingest.files import SourceFile
from advocacy.load import load_files
from advocacy.location import in_csv
from tests.app.conftest import ROOT

AT = in_csv("district.csv", 1, "B")
CODES = {template.Kind.MONEY: "money.implausible", template.Kind.RATIO: "ratio.implausible",
         template.Kind.PERCENT: "percent.out_of_range"}


def _code(key: str) -> str:
    kind = template.profile_field(key).kind if key in {f.key for f in template.PROFILE} \
        else template.Kind.COUNT
    if kind is template.Kind.COUNT:
        return "count.implausible"
    return CODES[kind]


def _read(key: str, raw: str):
    issues: list = []
    return read_field(key, raw, AT, issues), [(i.code, str(i.at), i.expected) for i in issues]


FIELDS = [field.key for field in template.PROFILE] + [count.key for count in
                                                      template.PROFILE_COUNTS]


@pytest.mark.parametrize("key", FIELDS)
def test_each_field_reads_its_bound(key):
    most = template.most(key)
    value, issues = _read(key, f"{most:,.0f}")
    assert issues == []
    assert value == pytest.approx(most)


@pytest.mark.parametrize("key", FIELDS)
def test_each_field_refuses_a_value_just_past_its_bound(key):
    most = template.most(key)
    past = most + 1 if most > 1_000 else most + 0.5
    value, issues = _read(key, f"{past:,.1f}")
    assert value is None
    [(code, where, expected)] = issues
    assert (code, where) == (_code(key), "district.csv › row 2, column B")
    assert f"{most:,.0f}" in expected  # the message says the bound it was held to


def test_the_bounds_differ_per_field_not_per_kind():
    # Two counts, two dollar figures: each has its own bound.
    assert template.most("schools") < template.most("students")
    assert template.most("per_pupil_expenditure_usd") < template.line_most_usd(
        template.SOURCES[0].name)
    value, issues = _read("schools", "6,000")  # a plausible number of students, not of schools
    assert value is None and issues[0][0] == "count.implausible"
    assert _read("students", "6,000") == (6000, [])


@pytest.mark.parametrize(("source", "most"), [
    ("Title II-A", template.TITLE_II_A_MOST_USD), ("State", template.LINE_MOST_USD),
    ("District", template.LINE_MOST_USD), ("Federal", template.LINE_MOST_USD),  # own label
])
def test_spending_lines_are_held_to_their_sources_bound(source, most):
    rows = [f"Maple,2021-22,{source},\"${most:,.0f}\",1200",
            f"Maple,2022-23,{source},\"${most + 1:,.0f}\",1200"]
    data = ("District,School year,Source,Amount,Students\n" + "\n".join(rows) + "\n").encode()
    result = load_files([SourceFile("spend.csv", data)])
    errors = [(i.code, str(i.at), i.expected) for i in result.issues if i.is_error]
    assert errors == [("money.implausible", "spend.csv › row 3, column D",
                       f"zero, or a value from 1e-06 to {most:,.0f}")]
    [district] = result.districts
    assert [line.amount_usd for line in district.spending] == [most]


def test_an_edit_in_the_app_is_held_to_the_same_bound():
    district = maple_valley()
    rows = edit.profile_rows(district)
    label = edit.profile_label("schools")
    rows = [{**row, edit.VALUE: "5,001"} if row[edit.FIELD] == label else row for row in rows]
    issues: list = []
    edited = edit.apply_profile(district, rows, issues)
    assert [(i.code, i.expected) for i in issues] == [
        ("count.implausible", "zero, or a value from 1e-06 to 5,000")]
    assert edited.profile.schools == district.profile.schools


def test_the_contract_doc_states_the_templates_bounds():
    doc = (ROOT / "docs" / "check-json.md").read_text(encoding="utf-8")
    stated = {"students and teachers at most ": template.STUDENTS_MOST,
              "schools ": template.SCHOOLS_MOST,
              "per-pupil expenditure $": template.PER_PUPIL_MOST_USD,
              "student-to-teacher ratio ": template.RATIO_MOST}
    flat = " ".join(doc.split())
    for words, bound in stated.items():
        assert f"{words}{bound:,}" in flat, words
    assert template.most("teachers") == template.STUDENTS_MOST
    assert f"Title II-A line ${template.TITLE_II_A_MOST_USD / 1e9:g} billion" in flat
    assert f"other dollar lines ${template.LINE_MOST_USD / 1e9:g} billion" in flat
    assert template.OUTCOME_MOST == 10**12 and "outcome values 10^12" in flat


@pytest.mark.parametrize("key", [f.key for f in template.PROFILE
                                 if f.kind is template.Kind.COUNT])
def test_no_count_is_below_zero(key):
    assert _read(key, "-5")[1] == [("count.negative", "district.csv › row 2, column B",
                                    "zero or more")]
