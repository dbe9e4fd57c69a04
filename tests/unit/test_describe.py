"""Chart descriptions: alt text states each trend with its numbers; one takeaway sentence."""

from __future__ import annotations

import math

import pytest

from advocacy import metrics
from advocacy.fictional import maple_valley
from advocacy.model import SchoolYear, Unit
from advocacy.narrative import ChartText, describe_series
from advocacy.narrative.describe import growth_words

Y = [SchoolYear(2019 + offset) for offset in range(5)]


def _points(*values):
    return list(zip(Y, values, strict=False))


def _maple_series(kind: str):
    district = maple_valley()
    figures = metrics.compute(district)
    if kind == "source":
        return [(name, [(y.school_year, y.by_source.get(name)) for y in figures.years])
                for name in district.sources()]
    return [(name, [(y.school_year, y.by_use.get(name)) for y in figures.years])
            for name in district.use_names()]


def test_single_dollar_series_states_both_ends():
    text = describe_series("Title II-A funding",
                           [("Title II-A funding", _points(340100, 332400, 318900, 305600,
                                                           298000))], Unit.USD)
    assert text == ChartText(
        alt_text="Title II-A funding fell from $340,100 in 2019-20 to $298,000 in 2023-24.",
        takeaway="Title II-A funding fell 12% from 2019-20 to 2023-24, to $298,000.")


def test_multi_series_names_every_series_with_its_numbers():
    text = describe_series("Professional-learning dollars by source", _maple_series("source"),
                           Unit.USD)
    assert text.alt_text == (
        "Professional-learning dollars by source, 2019-20 to 2023-24: Title II-A fell from "
        "$340,100 in 2019-20 to $298,000 in 2023-24, while State rose from $210,000 to "
        "$240,000; and District rose from $450,000 to $640,000.")


def test_dollar_parts_takeaway_is_the_biggest_shift_in_share():
    text = describe_series("How professional-learning dollars are spent", _maple_series("use"),
                           Unit.USD)
    assert text.takeaway == "Coaching grew to 58% of the total in 2023-24, from 26% in 2019-20."
    assert "with a low of $77,400 in 2020-21" in text.alt_text  # induction dipped, then rose


@pytest.mark.parametrize("values,unit,alt_text,takeaway", [
    ((71, 74, 79, 84, 88), Unit.PERCENT,
     "Retention rose from 71% in 2019-20 to 88% in 2023-24.",
     "Retention rose 17 points, from 71% to 88%."),
    ((83, 82, 83, 84, 83.5), Unit.PERCENT,
     "Retention held steady at 83.5% from 2019-20 to 2023-24.",
     "Retention held steady at about 83.5% from 2019-20 to 2023-24."),
    ((140, 210, 305, 390, 460), Unit.COUNT,
     "Retention rose from 140 in 2019-20 to 460 in 2023-24.",
     "Retention more than tripled from 2019-20 to 2023-24, to 460."),
    ((60, 75, 90, 70, 62), Unit.PERCENT,
     "Retention rose from 60% in 2019-20 to 62% in 2023-24, peaking at 90% in 2021-22.",
     "Retention rose 2 points, from 60% to 62%."),
    ((9, 8, 6, 4, 3), Unit.COUNT,
     "Retention fell from 9 in 2019-20 to 3 in 2023-24.",
     "Retention fell 67% from 2019-20 to 2023-24, to 3."),
])
def test_one_series_trend_wording(values, unit, alt_text, takeaway):
    text = describe_series("Retention", [("Retention", _points(*values))], unit)
    assert (text.alt_text, text.takeaway) == (alt_text, takeaway)


def test_gaps_are_skipped_not_read_as_zero():
    points = [(Y[0], 50.0), (Y[1], None), (Y[2], math.nan), (Y[4], 60.0)]
    text = describe_series("Survey", [("Agree", points)], Unit.PERCENT)
    assert text.alt_text == ("Survey, 2019-20 to 2023-24: Agree rose from 50% in 2019-20 "
                             "to 60% in 2023-24.")


def test_series_with_other_years_keeps_its_own_years():
    text = describe_series("Retention", [
        ("Coached", _points(84, 85, 88, 90, 91)),
        ("All", [(Y[2], 83.0), (Y[4], 86.0)]),
    ], Unit.PERCENT)
    assert text.alt_text.endswith("while All rose from 83% in 2021-22 to 86% in 2023-24.")


def test_one_point_and_no_points():
    one = describe_series("Coaches", [("Coaches", [(Y[4], 18.0)])], Unit.COUNT)
    assert one == ChartText(alt_text="Coaches was 18 in 2023-24.",
                            takeaway="Coaches was 18 in 2023-24.")
    empty = describe_series("Coaches", [("Coaches", [])], Unit.COUNT)
    assert empty == ChartText(alt_text="Coaches: no data to show.", takeaway="No data to show yet.")


@pytest.mark.parametrize("ratio,words", [
    (1.0, "rose 0%"), (1.24, "rose 24%"), (2.0, "doubled"), (2.99, "tripled"),
    (3.29, "more than tripled"), (4.0, "quadrupled"), (5.5, "grew more than 5-fold"),
    (0.5, "halved"), (0.88, "fell 12%"),
])
def test_growth_words(ratio, words):
    assert growth_words(ratio) == words
