"""Layouts the importer recognises, each built as a real workbook or CSV and read back.

Every workbook here is written by openpyxl (CSV by the csv module) and goes through the real
``load.load_files``, so header finding, merged cells and number formats are the real thing.
All districts and numbers are fictional.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from advocacy import fictional
from advocacy.ingest.files import SourceFile
from advocacy.load import load_files
from advocacy.model import (
    COACHING,
    COURSES_WORKSHOPS,
    DISTRICT,
    STATE,
    TITLE_II_A,
    District,
    OutcomePoint,
    Profile,
    SchoolYear,
    SpendingLine,
    UseLine,
)
from tests import factories

PROFILE_LABELS = (
    ("students", "Number of students"),
    ("teachers", "Number of teachers (FTE)"),
    ("schools", "Number of schools"),
    ("per_pupil_expenditure_usd", "Per-pupil expenditure"),
    ("title_i_eligible_pct", "% Title I-eligible students"),
    ("title_i_schools", "Number of Title I schools"),
    ("english_learners_pct", "% English learners"),
    ("student_teacher_ratio", "Student-to-teacher ratio"),
    ("instructional_coaches", "Number of instructional coaches"),
    ("special_education_pct", "% students receiving special education services"),
)


def template(district: District, name: str = "upload.xlsx") -> SourceFile:
    """The template layout of docs/workbook-layout.md, filled from a District."""
    years = district.template_years()
    profile = [
        ["District profile"],
        [],
        ["Field", "Value"],
        ["District name", district.name],
        ["State", district.state],
        ["NCES district ID", district.nces_id],
    ]
    profile += [[label, getattr(district.profile, key)] for key, label in PROFILE_LABELS]

    def by_year(title, first, names, lines, attr):
        rows = [[title], [], [first, *[str(y) for y in years]]]
        for label in names:
            amounts = {
                line.school_year: line.amount_usd for line in lines if getattr(line, attr) == label
            }
            rows.append([label, *[amounts.get(year) for year in years]])
        totals = [sum(line.amount_usd for line in lines if line.school_year == y) for y in years]
        return rows + [["Total", *totals]]

    oldest = tuple(reversed(years))
    outcomes = [
        ["Outcomes"],
        [],
        ["Metric", "Group", "Unit", "Higher is better", *[str(y) for y in oldest]],
    ]
    for (metric, group), points in district.outcome_series().items():
        values = {p.school_year: p.value for p in points}
        outcomes.append(
            [
                metric,
                group,
                points[0].unit.value,
                "Yes" if points[0].higher_is_better else "No",
                *[values.get(year) for year in oldest],
            ]
        )
    story, contact = district.story, district.contact
    return factories.xlsx(
        {
            "Read me": [["Fictional sample data; instructions only."]],
            "Profile": profile,
            "Spending": by_year(
                "Spending", "Source", district.sources(), district.spending, "source"
            ),
            "Uses": by_year("Uses", "Use", district.use_names(), district.uses, "use"),
            "Outcomes": outcomes,
            "Story": [
                ["Challenge", story.challenge],
                ["Solution", story.solution],
                ["Impact", story.impact],
                ["Standards", "; ".join(district.standards)],
                ["Data sources", district.data_sources],
            ],
            "Contact": [
                ["Name", contact.name],
                ["Title", contact.title],
                ["Organization", contact.organization],
                ["Email", contact.email],
                ["Phone", contact.phone],
            ],
        },
        name=name,
    )


def long_tables(districts: tuple[District, ...], name: str = "statewide.xlsx") -> SourceFile:
    """The statewide sample's long tables: every sheet has a District column."""
    profile = [["District", "State", "NCES district ID", *[label for _, label in PROFILE_LABELS]]]
    spending = [["District", "School year", "Source", "Amount"]]
    uses = [["District", "School year", "Use", "Amount"]]
    outcomes = [["District", "Metric", "Group", "Unit", "Higher is better", "School year", "Value"]]
    story = [["District", "Challenge", "Solution", "Impact", "Standards", "Data sources"]]
    contact = [["District", "Name", "Title", "Organization", "Email", "Phone"]]
    for d in districts:
        profile.append(
            [d.name, d.state, d.nces_id, *[getattr(d.profile, key) for key, _ in PROFILE_LABELS]]
        )
        spending += [[d.name, str(x.school_year), x.source, x.amount_usd] for x in d.spending]
        uses += [[d.name, str(x.school_year), x.use, x.amount_usd] for x in d.uses]
        outcomes += [
            [
                d.name,
                p.metric,
                p.group,
                p.unit.value,
                "Yes" if p.higher_is_better else "No",
                str(p.school_year),
                p.value,
            ]
            for p in d.outcomes
        ]
        story.append(
            [
                d.name,
                d.story.challenge,
                d.story.solution,
                d.story.impact,
                "; ".join(d.standards),
                d.data_sources,
            ]
        )
        contact.append(
            [
                d.name,
                d.contact.name,
                d.contact.title,
                d.contact.organization,
                d.contact.email,
                d.contact.phone,
            ]
        )
    return factories.xlsx(
        {
            "Profile": profile,
            "Spending": spending,
            "Uses": uses,
            "Outcomes": outcomes,
            "Story": story,
            "Contact": contact,
        },
        name=name,
    )


def unlocated(district: District) -> District:
    """The district without where its values were read, to compare with what was written."""
    return replace(
        district,
        located=(),
        spending=tuple(replace(x, at=None) for x in district.spending),
        uses=tuple(replace(x, at=None) for x in district.uses),
        outcomes=tuple(replace(x, at=None) for x in district.outcomes),
    )


def by_series(district: District) -> District:
    """Lines grouped by source/use/series, oldest year first: the order the importer returns."""

    def order(lines, series):
        names = list(dict.fromkeys(series(line) for line in lines))
        return tuple(sorted(lines, key=lambda x: (names.index(series(x)), x.school_year)))

    return replace(
        district,
        spending=order(district.spending, lambda x: x.source),
        uses=order(district.uses, lambda x: x.use),
        outcomes=order(district.outcomes, lambda x: x.series_key),
    )


def codes(result) -> list[tuple[str, str]]:
    return [(issue.code, str(issue.at)) for issue in result.issues]


@pytest.mark.parametrize("district", fictional.sample_districts(), ids=lambda d: d.name)
def test_template_workbook_reads_back_to_the_same_district(district):
    result = load_files([template(district)])
    assert [unlocated(d) for d in result.districts] == [district]
    assert codes(result) == []


def test_template_records_where_each_value_was_read():
    result = load_files([template(fictional.maple_valley())])
    district = result.districts[0]
    assert str(district.where("name")) == "upload.xlsx › Profile › B4"
    assert str(district.where("students")) == "upload.xlsx › Profile › B7"
    assert str(district.where("story.impact")) == "upload.xlsx › Story › B3"
    assert str(district.where("contact.email")) == "upload.xlsx › Contact › B4"
    first = next(x for x in district.spending if x.source == TITLE_II_A)
    assert (str(first.school_year), str(first.at)) == ("2019-20", "upload.xlsx › Spending › F4")


def test_long_tables_hold_many_districts():
    districts = fictional.statewide(4)
    result = load_files([long_tables(districts)])
    assert [unlocated(d) for d in result.districts] == [by_series(d) for d in districts]
    assert codes(result) == []


def test_one_sheet_per_district_takes_the_sheet_name():
    table = [
        ["Professional learning spending"],
        [],
        ["Source", "2023-24", "2022-23"],
        ["Title II-A", 1000, 900],
        ["Local", 500, 400],
    ]
    result = load_files([factories.xlsx({"Maple Valley": table, "Cedar Creek": table})])
    assert [d.name for d in result.districts] == ["Maple Valley", "Cedar Creek"]
    assert result.districts[1].spending[-1] == SpendingLine(
        school_year=SchoolYear(2023),
        source=DISTRICT,
        amount_usd=500,
        at=result.districts[1].spending[-1].at,
    )
    assert str(result.districts[1].spending[-1].at) == "upload.xlsx › Cedar Creek › B5"


def test_one_file_per_district_gives_one_district_each():
    maple, cedar = fictional.maple_valley(), fictional.cedar_creek()
    result = load_files([template(maple, "maple.xlsx"), template(cedar, "cedar.xlsx")])
    assert [d.name for d in result.districts] == [maple.name, cedar.name]


def test_profile_file_and_spending_file_merge_ignoring_case_and_spacing():
    profile = factories.xlsx(
        {"Profile": [["District name", "Maple  Valley USD"], ["Number of students", 8420]]},
        name="profile.xlsx",
    )
    spending = factories.csv(
        [
            ["District", "School year", "Source", "Amount"],
            ["maple valley usd", "2023-24", "Title II-A", "$298,000"],
        ],
        name="spending.csv",
    )
    result = load_files([profile, spending])
    (district,) = result.districts
    assert district.name == "Maple  Valley USD"
    assert district.profile.students == 8420
    assert [(str(x.school_year), x.source, x.amount_usd) for x in district.spending] == [
        ("2023-24", TITLE_II_A, 298000)
    ]
    assert str(district.spending[0].at) == "spending.csv › row 2, column D"


def test_label_value_reads_first_value_right_of_the_label_past_spacers():
    sheet = [
        ["Who we are"],
        ["(fictional)"],
        [],
        [None, "District name", None, None, "Oak Bend Schools"],
        [None, "Enrollment", None, "1,150"],
        [None, "FTE teachers", None, 92.5],
        [None, "ELL %", None, "3.5%"],
    ]
    (district,) = load_files([factories.xlsx({"About us": sheet})]).districts
    assert (
        district.name,
        district.profile.students,
        district.profile.teachers,
        district.profile.english_learners_pct,
    ) == ("Oak Bend Schools", 1150, 92.5, 3.5)
    assert str(district.where("students")) == "upload.xlsx › About us › D5"


def test_years_down_the_rows_with_a_total_column_not_counted_but_checked():
    sheet = [
        ["Spending by source"],
        [],
        ["School year", "Title II-A", "State", "District", "5-yr total"],
        ["FY23", 100, 50, 25, 180],
        ["2022-2023", None, None, None, None],
        ["SY 2023-24", 110, 55, 30, 195],
        [],
        ["Source: district ledger, pulled 2024-07-01"],
    ]
    result = load_files(
        [factories.xlsx({"Profile": [["District name", "Elk Prairie"]], "Spending": sheet})]
    )
    (district,) = result.districts
    assert [(str(x.school_year), x.source, x.amount_usd) for x in district.spending] == [
        ("2022-23", TITLE_II_A, 100),
        ("2023-24", TITLE_II_A, 110),
        ("2022-23", STATE, 50),
        ("2023-24", STATE, 55),
        ("2022-23", DISTRICT, 25),
        ("2023-24", DISTRICT, 30),
    ]
    assert codes(result) == [("total.mismatch", "upload.xlsx › Spending › E4")]


def test_totals_row_is_not_counted_and_a_wrong_total_is_flagged():
    sheet = [
        ["Source", "2023-24", "2022-23"],
        ["Title II-A", 100, 90],
        ["State", 50, 40],
        ["Grand total", 150, 999],
        ["* suppressed values are blank"],
    ]
    result = load_files(
        [factories.xlsx({"Profile": [["District name", "Elk Prairie"]], "Spending": sheet})]
    )
    assert sum(x.amount_usd for x in result.districts[0].spending) == 280
    assert codes(result) == [("total.mismatch", "upload.xlsx › Spending › C4")]


def test_merged_and_stacked_headers_label_every_column():
    sheet = [
        ["Table 7. Professional learning, fictional"],
        [],
        [None, "Spending by school year", None],
        ["Use", "2022-23", "2023-24"],
        ["Coaching", 10, 20],
        ["Workshops", 5, 6],
        ["Mentoring stipends", 1, 2],
    ]
    book = factories.xlsx(
        {"Profile": [["District name", "Fox Glen"]], "How dollars are spent": sheet},
        merged={"How dollars are spent": ["B3:C3"]},
    )
    (district,) = load_files([book]).districts
    assert [(x.use, str(x.school_year), x.amount_usd) for x in district.uses][:2] == [
        (COACHING, "2022-23", 10),
        (COACHING, "2023-24", 20),
    ]
    assert {x.use for x in district.uses} == {COACHING, COURSES_WORKSHOPS, "Mentoring stipends"}


@pytest.mark.parametrize(
    "sheet",
    [
        [["", "2021-22", "2022-23"], ["Coaching", 3000, 3500], ["Class-size reduction", 1000, 0]],
        [
            ["Year", "Coaching", "Class-size reduction"],
            ["2021-22", 3000, 1000],
            ["2022-23", 3500, 0],
        ],
    ],
    ids=["years-across", "years-down"],
)
def test_title_ii_a_sheet_holds_years_by_uses(sheet):
    (district,) = load_files(
        [factories.xlsx({"Profile": [["District name", "Granite"]], "Title II-A": sheet})]
    ).districts
    assert [(x.use, str(x.school_year), x.amount_usd) for x in district.uses] == [
        (COACHING, "2021-22", 3000),
        (COACHING, "2022-23", 3500),
        ("Class size reduction", "2021-22", 1000),
        ("Class size reduction", "2022-23", 0),
    ]


def test_sheets_and_columns_in_any_order_and_case():
    sheet = [
        ["AMOUNT", "source", "DISTRICT", "school YEAR"],
        ["$1,000", "title iia", "Juniper", "2020-21"],
    ]
    (district,) = load_files([factories.xlsx({"data": sheet})]).districts
    assert district.spending[0].source == TITLE_II_A
    assert district.spending[0].amount_usd == 1000


AGENCY = [
    ["Fictional state report, school year 2023-24"],
    [],
    [
        "Agency Name",
        "School Year",
        "Total Students",
        "FTE Teachers",
        "Pupil/Teacher Ratio",
        "Number of Schools",
        "English Learners",
        "Special Education",
    ],
    ["COUNTIES"],
    ["Alder County Schools", "20232024", "1,000", "62.5", "16.0", "4", "100", "*"],
    ["Birch Hollow Schools", "2023-2024", "2,000", "120", "16.7", "6", "500", "250"],
    ["State Average", "20232024", "1,500", "91", "16.4", "5", "300", "200"],
    ["CITIES"],
    ["Bluff City Schools", "20232024", "4,000", "250", "16", "9", "–", "400"],
    [],
    ["", "", "7,000", "432.5", "", "19", "", ""],
    ["Source: fictional agency data for tests."],
]


def test_agency_table_skips_state_section_and_unlabelled_total_rows():
    result = load_files([factories.csv(AGENCY, name="agency.csv")])
    assert [d.name for d in result.districts] == [
        "Alder County Schools",
        "Birch Hollow Schools",
        "Bluff City Schools",
    ]
    alder, birch, bluff = result.districts
    assert alder.profile == Profile(
        students=1000,
        teachers=62.5,
        student_teacher_ratio=16.0,
        schools=4,
        english_learners_pct=10.0,
    )
    assert birch.profile.special_education_pct == 12.5
    assert bluff.profile.english_learners_pct is None
    assert ("value.masked", "agency.csv › row 5, column H") in codes(result)


def test_schools_mixed_with_districts_keep_the_all_schools_rows():
    rows = [
        ["School Year", "District Name", "School Name", "Teacher Count"],
        ["20232024", "All Districts", "All Schools", "49,691"],
        ["20232024", "Adair Fictional", "All Schools", "203"],
        ["20232024", "Adair Fictional", "Adair High", "61"],
        ["20232024", "Allen Fictional", "All Schools", "1,196"],
    ]
    result = load_files([factories.csv(rows, name="turnover.csv")])
    assert [(d.name, d.profile.teachers) for d in result.districts] == [
        ("Adair Fictional", 203),
        ("Allen Fictional", 1196),
    ]


@pytest.mark.parametrize(
    "values,expected",
    [
        ((0.12, 0.3), (12.0, 30.0)),
        ((12, 30), (12.0, 30.0)),
        (("12%", "30%"), (12.0, 30.0)),
    ],
    ids=["fractions", "points", "with-percent-sign"],
)
def test_percent_column_scale_is_decided_per_column(values, expected):
    rows = [["District", "ELL %"], ["Alder", values[0]], ["Birch", values[1]]]
    result = load_files([factories.xlsx({"Profile": rows})])
    assert tuple(d.profile.english_learners_pct for d in result.districts) == expected


def test_outcomes_with_groups_and_units():
    sheet = [
        ["Metric", "Group", "Unit", "Higher is better", "2022-23", "2023-24"],
        ["Teacher retention", "coached teachers", "%", "Yes", 0.84, 0.9],
        ["Vacancies in August", None, "count", "No", 9, None],
    ]
    (district,) = load_files(
        [factories.xlsx({"Profile": [["District name", "Heron Bay"]], "Outcomes": sheet})]
    ).districts
    assert [replace(p, at=None) for p in district.outcomes] == [
        OutcomePoint(
            metric="Teacher retention",
            school_year=SchoolYear(2022),
            value=84.0,
            unit=fictional.Unit.PERCENT,
            group="coached teachers",
            higher_is_better=True,
        ),
        OutcomePoint(
            metric="Teacher retention",
            school_year=SchoolYear(2023),
            value=90.0,
            unit=fictional.Unit.PERCENT,
            group="coached teachers",
            higher_is_better=True,
        ),
        OutcomePoint(
            metric="Vacancies in August",
            school_year=SchoolYear(2022),
            value=9,
            unit=fictional.Unit.COUNT,
            higher_is_better=False,
        ),
    ]


def test_paper_form_sheet_holds_profile_and_tables_together():
    sheet = [
        ["Make your case with data (fictional)"],
        ["District name", "Pinecrest Area Schools"],
        ["Number of students", 2400],
        [],
        ["Source", "2023-24", "2022-23"],
        ["Title II-A", 50000, 48000],
        [],
        ["Use", "2023-24", "2022-23"],
        ["Coaching", 30000, 28000],
    ]
    (district,) = load_files([factories.xlsx({"Form": sheet})]).districts
    assert district.profile.students == 2400
    assert [x.amount_usd for x in district.spending] == [48000, 50000]
    assert [x.amount_usd for x in district.uses] == [28000, 30000]
    assert isinstance(district.uses[0], UseLine)


def test_nces_export_headings_carry_the_year_and_the_newest_year_wins():
    rows = [
        [
            "Agency Name",
            "State Name [District] Latest available year",
            "Total Students All Grades (Excludes AE) [District] 2021-22",
            "Total Students All Grades (Excludes AE) [District] 2022-23",
            "Full-Time Equivalent (FTE) Teachers [District] 2022-23",
        ],
        ["Alder Fictional District", "Lakeland", "1,010", "1,020", "†"],
        ["Birch Fictional District", "Lakeland", "2,000", "–", "120.5"],
    ]
    result = load_files([factories.csv(rows, name="elsi.csv")])
    alder, birch = result.districts
    assert (alder.state, alder.profile.students, alder.profile.teachers) == ("Lakeland", 1020, None)
    assert str(alder.where("students")) == "elsi.csv › row 2, column D"
    assert (birch.profile.students, birch.profile.teachers) == (2000, 120.5)
    assert ("value.masked", "elsi.csv › row 2, column E") in codes(result)


def test_header_stacked_over_three_rows_with_merged_cells():
    sheet = [
        ["Table 3. Fictional staffing report"],
        [],
        [None, None, "Number of", None],
        [None, None, "teachers", "instructional"],
        ["No.", "School division", "(FTE) 2", "coaches"],
        [None, "COUNTIES"],
        [1, "Yarrow", 120.5, 4],
        [2, "Upland", 80, 2],
        [None, "State1", 200.5, 6],
        [],
        ["1 Full-time equivalent teachers, as reported by each fictional division."],
    ]
    book = factories.xlsx({"Table 3": sheet}, merged={"Table 3": ["C3:D3"]})
    result = load_files([book])
    assert [
        (d.name, d.profile.teachers, d.profile.instructional_coaches) for d in result.districts
    ] == [("Yarrow", 120.5, 4), ("Upland", 80, 2)]


@pytest.mark.parametrize(
    "build", [factories.xlsx, factories.xls, factories.ods], ids=["xlsx", "xls", "ods"]
)
def test_long_spending_table_reads_the_same_from_every_workbook_format(build):
    sheet = [
        ["District", "School year", "Source", "Amount"],
        ["Thistle Fictional", "2022-23", "Title IIA", 1200.5],
        ["Thistle Fictional", "FY 2024", "Local", "$300"],
    ]
    (district,) = load_files([build({"Spending": sheet})]).districts
    assert [(str(x.school_year), x.source, x.amount_usd) for x in district.spending] == [
        ("2022-23", TITLE_II_A, 1200.5),
        ("2023-24", DISTRICT, 300),
    ]


def test_paper_form_finds_a_table_above_a_better_scoring_one():
    sheet = [
        ["District name", "Sunfield Fictional"],
        [],
        ["Source", "2023-24"],
        ["Title II-A", 700],
        [],
        ["Metric", "Group", "Unit", "Higher is better", "2022-23", "2023-24"],
        ["Retention", None, "%", "Yes", 80, 85],
    ]
    (district,) = load_files([factories.xlsx({"Form": sheet})]).districts
    assert [x.amount_usd for x in district.spending] == [700]
    assert [p.value for p in district.outcomes] == [80, 85]


@pytest.mark.parametrize(
    "saved,expected",
    [
        (190, []),  # Excel saved the formula's result
        (0, []),  # written without a result: 0 says nothing about the rows above
        (999, [("total.mismatch", "upload.xlsx › Spending › B5")]),
    ],
)
def test_formula_totals_use_the_saved_value(saved, expected):
    sheet = [
        ["Source", "2023-24"],
        ["Title II-A", 100],
        ["State", 90],
        [],
        ["Total", factories.Formula("=SUM(B2:B3)", saved)],
    ]
    book = factories.xlsx_xlsxwriter(
        {"Profile": [["District name", "Oak Bend"]], "Spending": sheet}
    )
    result = load_files([book])
    assert [x.amount_usd for x in result.districts[0].spending] == [100, 90]
    assert codes(result) == expected


@pytest.mark.parametrize(
    "value,number_format,expected",
    [
        (0.075, "0.0%", 7.5),
        (7.5, '0.0"%"', 7.5),  # a literal "%" after the number: the cell holds points
        (7.5, "General", 7.5),
    ],
)
def test_percent_cell_number_format_decides_fraction_or_points(value, number_format, expected):
    book = factories.xlsx(
        {"Profile": [["District name", "Linden"], ["% English learners", value]]},
        number_formats={"Profile": {"B2": number_format}},
    )
    result = load_files([book])
    assert result.districts[0].profile.english_learners_pct == pytest.approx(expected)
    assert codes(result) == []


def test_template_with_empty_sheets_reads_without_warnings():
    district = replace(
        fictional.cedar_creek(), outcomes=(), uses=(), standards=(), data_sources=None
    )
    result = load_files([template(district)])
    assert [unlocated(d) for d in result.districts] == [replace(district, fictional=False)]
    assert codes(result) == []


def test_sheets_named_for_topics_are_not_districts():
    spending = [["Source", "2023-24"], ["Title II-A", 1000]]
    uses = [["Use", "2023-24"], ["Coaching", 1000]]
    book = factories.xlsx({"FY24 spending": spending, "FY24 uses": uses}, name="pl.xlsx")
    profile = factories.xlsx({"Profile": [["District name", "Wolf Creek"]]}, name="p.xlsx")
    (district,) = load_files([profile, book]).districts
    assert (district.name, len(district.spending), len(district.uses)) == ("Wolf Creek", 1, 1)


def test_bare_year_headings_read_as_the_school_year_ending_then_with_a_warning():
    sheet = [["Source", 2024, 2023], ["Title II-A", 10, 9]]
    result = load_files([factories.xlsx({"Profile": [["District name", "Redwing"]], "PL": sheet})])
    assert [str(x.school_year) for x in result.districts[0].spending] == ["2022-23", "2023-24"]
    assert codes(result) == [
        ("year.ambiguous", "upload.xlsx › PL › B1"),
        ("year.ambiguous", "upload.xlsx › PL › C1"),
    ]


def test_exported_workbooks_read_back_to_the_same_districts():
    from advocacy.exports import workbook

    districts = fictional.sample_districts() + fictional.statewide(3)
    singles = [workbook.render(district) for district in districts]
    many = workbook.render_many(districts)
    for export in (*singles, many):
        result = load_files([SourceFile(export.filename, export.data)])
        assert codes(result) == [], export.filename
    result = load_files([SourceFile(many.filename, many.data)])
    assert [unlocated(d) for d in result.districts] == [by_series(d) for d in districts]


def test_blank_template_says_no_district_data_yet():
    from advocacy.exports import workbook

    result = load_files([SourceFile("template.xlsx", workbook.template())])
    assert result.districts == ()
    assert codes(result) == [("file.no_tables", "template.xlsx")]
