"""ingest.identity through load_files: a district is an identity, not a name.

Statewide and national tables are generated here with repeated names across states and counties,
with and without ID columns; every row must come back as its own district with its own numbers.
All names and numbers are fictional.
"""

from __future__ import annotations

import random

import pytest

from advocacy.ingest.identity import loose_key, state_code
from advocacy.load import load_files
from tests import factories

NCES_HEADER = ["Agency Name", "State Name", "Agency ID - NCES Assigned", "County Name",
               "Total Students All Grades (Excludes AE)", "Full-Time Equivalent (FTE) Teachers"]
# Albany in three states, Springfield Local in two Ohio counties, Lincoln twice in one county.
NATIONAL = [
    ["ALBANY SCHOOL DISTRICT", "NEW HAMPSHIRE", "3300001", "Merrimack County", 89, 8.5],
    ["ALBANY SCHOOL DISTRICT", "VERMONT", "5000001", "Orleans County", 120, 12.0],
    ["ALBANY SCHOOL DISTRICT", "WISCONSIN", "5500001", "Green County", 360, 30.0],
    ["Springfield Local", "OHIO", "3900001", "Lucas County", 2100, 140.0],
    ["Springfield Local", "OHIO", "3900002", "Mahoning County", 1200, 80.0],
    ["Lincoln Elementary", "NEBRASKA", "3100001", "Lancaster County", 300, 20.0],
    ["Lincoln Elementary", "NEBRASKA", "3100002", "Lancaster County", 410, 27.0],
    ["Maple Fictional Unified", "OHIO", "3900003", "Lucas County", 5000, 300.0],
]


def _by_students(result):
    return {d.profile.students: d for d in result.districts}


@pytest.mark.parametrize("with_ids", [True, False])
def test_every_row_of_a_national_table_is_its_own_district(with_ids):
    header = NCES_HEADER if with_ids else [h for h in NCES_HEADER if "NCES" not in h]
    rows = [row if with_ids else [v for i, v in enumerate(row) if i != 2] for row in NATIONAL]
    result = load_files([factories.xlsx({"ELSI Export": [header, *rows]}, name="ccd.xlsx")])
    assert len(result.districts) == len(NATIONAL)
    assert len({d.name for d in result.districts}) == len(NATIONAL)
    students = _by_students(result)
    for name, state, nces, county, pupils, teachers in NATIONAL:
        district = students[pupils]
        assert district.profile.teachers == teachers  # its own row's teachers, never another's
        assert district.name.startswith(name)
        assert district.county == county
        assert state_code(district.state) == state_code(state)
        assert district.nces_id == (nces if with_ids else None)
    assert students[89].name == "ALBANY SCHOOL DISTRICT (Merrimack County, NH)"
    assert students[2100].name == "Springfield Local (Lucas County, OH)"
    assert students[5000].name == "Maple Fictional Unified"  # a unique name is left alone
    lincolns = {students[300].name, students[410].name}
    if with_ids:
        assert lincolns == {"Lincoln Elementary (Lancaster County, NE, NCES 3100001)",
                            "Lincoln Elementary (Lancaster County, NE, NCES 3100002)"}
    else:  # nothing but the row tells them apart
        assert lincolns == {"Lincoln Elementary (Lancaster County, NE, row 7)",
                            "Lincoln Elementary (Lancaster County, NE, row 8)"}
    assert not any(issue.code == "district.conflict" for issue in result.issues)


def test_an_issue_in_a_repeated_name_row_blocks_only_that_district():
    rows = [NCES_HEADER, *NATIONAL[:3]]
    rows[2] = [*rows[2][:4], "lots", 12.0]  # Vermont's Albany has unreadable students
    result = load_files([factories.xlsx({"ELSI Export": rows})])
    blocked = [d.name for d in result.districts if not result.ready(d.name)]
    assert blocked == ["ALBANY SCHOOL DISTRICT (Orleans County, VT)"]


def test_same_names_in_a_table_without_state_or_county_are_told_apart_by_row():
    rows = [["District", "Enrollment"], ["Springfield", 100], ["Springfield", 200],
            ["Shelby", 300]]
    result = load_files([factories.csv(rows, name="peims.csv")])
    assert [(d.name, d.profile.students) for d in result.districts] == [
        ("Springfield (row 2)", 100), ("Springfield (row 3)", 200), ("Shelby", 300)]


def test_names_differing_by_a_trailing_space_stay_apart_when_their_ids_differ():
    rows = [["Dist No", "District name", "Teachers"], ["001", "ADAIR ", 203], ["002", "ADAIR", 90]]
    result = load_files([factories.csv(rows, name="ky.csv")])
    assert [(d.state_id, d.profile.teachers) for d in result.districts] == [
        ("001", 203), ("002", 90)]
    assert len({d.name for d in result.districts}) == 2


def test_a_long_table_groups_the_rows_of_one_district_by_name_and_identifiers():
    rows = [["District", "State", "School year", "Source", "Amount"],
            ["Albany", "NH", "2022-23", "Title II-A", 100],
            ["Albany", "NH", "2023-24", "Title II-A", 110],
            ["Albany", "VT", "2022-23", "Title II-A", 900],
            ["Albany", "VT", "2023-24", "Title II-A", 950]]
    result = load_files([factories.csv(rows, name="long.csv")])
    assert [(d.name, [s.amount_usd for s in d.spending]) for d in result.districts] == [
        ("Albany (NH)", [100, 110]), ("Albany (VT)", [900, 950])]


def test_files_merge_by_id_first_even_when_names_are_spelt_differently():
    profile = factories.csv([["AUN", "School District", "County", "ADM"],
                             ["101", "Upper St. Clair SD", "Allegheny", "4,100.2"],
                             ["102", "Mt Lebanon SD", "Allegheny", "5,200"]], name="adm.csv")
    spending = factories.csv([["AUN", "District", "School year", "Title II-A"],
                              ["101", "Upper Saint Clair SD", "2022-23", 51000],
                              ["102", "Mt Lebanon SD", "2022-23", 62000]], name="spend.csv")
    result = load_files([profile, spending])
    assert [(d.name, d.state_id, d.profile.students, [s.amount_usd for s in d.spending])
            for d in result.districts] == [("Upper St. Clair SD", "101", 4100, [51000]),
                                           ("Mt Lebanon SD", "102", 5200, [62000])]


def test_files_without_ids_merge_by_exact_name_and_state_and_warn_on_near_matches():
    profile = factories.csv([["District", "State", "Enrollment"],
                             ["Upper St. Clair SD", "PA", 4100], ["Albany", "NH", 89],
                             ["Albany", "VT", 120]], name="profile.csv")
    spending = factories.csv([["District", "State", "School year", "Title II-A"],
                              ["Upper Saint Clair SD", "PA", "2022-23", 51000],
                              ["Albany", "VT", "2022-23", 7000]], name="spend.csv")
    result = load_files([profile, spending])
    by_name = {d.name: d for d in result.districts}
    assert by_name["Albany (VT)"].profile.students == 120
    assert [s.amount_usd for s in by_name["Albany (VT)"].spending] == [7000]
    assert by_name["Albany (NH)"].spending == ()
    assert "Upper Saint Clair SD" in by_name  # kept apart, never silently merged
    (near,) = [i for i in result.issues if i.code == "district.near_match"]
    assert str(near.at) == "spend.csv › row 2, column A"
    assert "Did you mean “Upper St. Clair SD” in profile.csv?" in near.message


def test_a_name_matching_several_districts_of_another_file_is_kept_apart_with_a_warning():
    profile = factories.csv([["District", "County", "Enrollment"], ["Franklin", "Adams", 100],
                             ["Franklin", "Boone", 200]], name="profile.csv")
    spending = factories.csv([["District", "School year", "Title II-A"],
                              ["Franklin", "2022-23", 5000]], name="spend.csv")
    result = load_files([profile, spending])
    assert len(result.districts) == 3
    assert [i.code for i in result.issues if i.code.startswith("district.")] == [
        "district.ambiguous"]


def test_a_statewide_table_of_thousands_with_repeated_names_keeps_every_row():
    rng = random.Random(11)
    names = ["Union", "Washington", "Lincoln", "Franklin", "Jefferson"]
    rows = [["District Number", "District Name", "County Name", "Teacher Count"]]
    expected = {}
    for number in range(1, 2001):
        teachers = rng.randint(5, 4000)
        rows.append([f"{number:04d}", f"{rng.choice(names)} County", f"C{number % 37}", teachers])
        expected[f"{number:04d}"] = teachers
    result = load_files([factories.csv(rows, name="state.csv")])
    assert {d.state_id: d.profile.teachers for d in result.districts} == expected
    assert len({d.name for d in result.districts}) == 2000


@pytest.mark.parametrize(("a", "b"), [("Upper St. Clair SD", "Upper Saint Clair School District"),
                                      ("Mount Pleasant Schools", "Mt. Pleasant")])
def test_loose_keys_match_spellings_of_one_name(a, b):
    assert loose_key(a) == loose_key(b)


# Two statewide sheets of one workbook, rows in another order and one name spelt otherwise:
# Franklin Area twice (two counties), so only the ID can say which row is which district.
ENROLMENT = [["AUN", "District", "County", "Students"],
             ["101", "Upper St. Clair SD", "Allegheny", 4100],
             ["102", "Franklin Area SD", "Venango", 1800],
             ["103", "Franklin Area SD", "Franklin", 2600],
             ["104", "Mt Lebanon SD", "Allegheny", 5200]]
STAFF = [["AUN", "District", "County", "Teachers"],
         ["104", "Mt Lebanon SD", "Allegheny", 380],
         ["103", "Franklin Area SD", "Franklin", 190],
         ["101", "Upper Saint Clair SD", "Allegheny", 300],
         ["102", "Franklin Area SD", "Venango", 120]]


def test_two_sheets_of_one_workbook_merge_by_id_first():
    book = factories.xlsx({"Enrollment": ENROLMENT, "Staff": STAFF}, name="state.xlsx")
    result = load_files([book])
    assert [(d.state_id, d.county, d.profile.students, d.profile.teachers)
            for d in result.districts] == [("101", "Allegheny", 4100, 300),
                                           ("102", "Venango", 1800, 120),
                                           ("103", "Franklin", 2600, 190),
                                           ("104", "Allegheny", 5200, 380)]
    assert [d.name for d in result.districts] == [
        "Upper St. Clair SD", "Franklin Area SD (Venango County)",
        "Franklin Area SD (Franklin County)", "Mt Lebanon SD"]
    assert not [i for i in result.issues if i.code.startswith("district.")]


def test_two_sheets_without_ids_merge_by_exact_name_and_state_and_warn_on_near_matches():
    enrolment = [["District", "State", "Students"], ["Upper St. Clair SD", "PA", 4100],
                 ["Albany", "NH", 89], ["Albany", "VT", 120]]
    staff = [["District", "State", "Teachers"], ["Albany", "VT", 12],
             ["Upper Saint Clair SD", "PA", 300], ["Albany", "NH", 8.5]]
    book = factories.xlsx({"Enrollment": enrolment, "Staff": staff}, name="state.xlsx")
    result = load_files([book])
    assert [(d.name, d.profile.students, d.profile.teachers) for d in result.districts] == [
        ("Upper St. Clair SD", 4100, None), ("Albany (NH)", 89, 8.5),
        ("Albany (VT)", 120, 12.0), ("Upper Saint Clair SD", None, 300.0)]
    (near,) = [i for i in result.issues if i.code == "district.near_match"]
    assert str(near.at) == "state.xlsx › Staff › A3"
    assert "Did you mean “Upper St. Clair SD” in state.xlsx › Enrollment?" in near.message
    assert "the same name in every sheet" in near.message


def test_rows_of_one_sheet_are_never_near_matched():
    rows = [["District", "State", "Students"], ["Upper St. Clair SD", "PA", 4100],
            ["Upper Saint Clair SD", "PA", 300]]
    staff = [["District", "State", "Teachers"], ["Mt Lebanon SD", "PA", 380]]
    result = load_files([factories.xlsx({"Districts": rows, "Staff": staff})])
    assert [d.profile.students for d in result.districts] == [4100, 300, None]
    assert not [i for i in result.issues if i.code == "district.near_match"]


def test_a_name_matching_one_district_of_another_file_merges_only_when_nothing_differs():
    # The one-candidate path of a match by name: merged when it fits, kept apart (and not
    # ambiguous) when its state differs.
    profile = factories.csv([["District", "State", "Enrollment"], ["Franklin", "OH", 100]],
                            name="profile.csv")
    same = factories.csv([["District", "State", "School year", "Title II-A"],
                          ["Franklin", "Ohio", "2022-23", 5000]], name="same.csv")
    other = factories.csv([["District", "State", "School year", "Title II-A"],
                           ["Franklin", "Iowa", "2022-23", 7000]], name="other.csv")
    merged = load_files([profile, same])
    assert [(d.profile.students, [s.amount_usd for s in d.spending])
            for d in merged.districts] == [(100, [5000])]
    apart = load_files([profile, other])
    assert [(d.profile.students, [s.amount_usd for s in d.spending])
            for d in apart.districts] == [(100, []), (None, [7000])]
    assert not [i for i in apart.issues if i.code == "district.ambiguous"]
