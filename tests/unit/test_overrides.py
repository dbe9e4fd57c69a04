"""Edits typed in the app are an ordered list of overrides, keyed by district identity and value
(never a widget's position), applied on top of every fresh read: accepting a "did you mean",
changing the mapping or adding a file loses none of them, and an edit whose district or row is
gone is reported, never dropped. Workbooks are real (openpyxl); the districts are fictional."""

from __future__ import annotations

from advocacy import edit, overrides
from advocacy.ingest.mapping import ColumnMapping
from advocacy.issues import line_subject
from advocacy.load import load_files
from advocacy.overrides import Action, Change
from tests import factories

NAME = "Birch Hollow"


def birch(**extra_rows):
    """A typo'd label (Nmber of studnts), a bad spending cell, an honest blank, a misspelt
    source row."""
    return factories.xlsx({
        "Profile": [["District name", NAME], ["Nmber of studnts", 5000],
                    ["Number of teachers", 300], ["Number of schools", None]],
        "Spending": [["Source", "2023-24", "2022-23"], ["Title II-A", "$1,2,3", 900],
                     ["Titel 2", 40, 30], ["State", 500, 400]],
    }, name="birch.xlsx")


def edits_of(result, *typed):
    district = result.districts[0]
    made = ()
    for action, subject, text in typed:
        made = overrides.added(made, overrides.make(district, action, subject, text))
    return made


TYPED = ((Action.VALUE, line_subject("spending", "Title II-A", 2023), "$1,200"),
         (Action.MARK, "schools", edit.NOT_APPLICABLE),
         (Action.VALUE, "instructional_coaches", "4"),
         (Action.RENAME, overrides.NAME, "Birch Hollow USD"))


def amounts(district, source):
    return {str(line.school_year): line.amount_usd for line in district.spending
            if line.source == source}


def test_every_edit_is_applied_again_after_a_did_you_mean_re_read():
    source = birch()
    first = load_files([source])
    edits = edits_of(first, *TYPED)
    mapping = ColumnMapping(columns=(("Nmber of studnts", "students"),))
    again = load_files([source], mapping=mapping)
    for result in (first, again):
        applied = overrides.apply(result, edits)
        fixed = applied.districts[NAME]
        assert amounts(fixed, "Title II-A") == {"2023-24": 1200, "2022-23": 900}
        assert dict(fixed.marked) == {"schools": edit.NOT_APPLICABLE}
        assert fixed.profile.schools is None  # marked, still missing, never 0
        assert (fixed.profile.instructional_coaches, fixed.name) == (4, "Birch Hollow USD")
        assert applied.issues[NAME] == () and applied.unapplied == ()
    assert fixed.profile.students == 5000  # what the accepted suggestion read
    open_errors = [i for i in edit.recheck(again.for_district(NAME), fixed) if i.is_error]
    assert open_errors == []


def test_edits_follow_the_district_not_its_row():
    def table(*rows):
        return factories.xlsx({"Districts": [
            ["District", "NCES ID", "Number of students", "Number of teachers"], *rows]},
            name="state.xlsx")
    first = load_files([table(["Aspen Grove", "0100001", 100, 10],
                              ["Birch Hollow", "0100002", "lots", 20])])
    birch_first = first.districts[1]
    edits = (overrides.make(birch_first, Action.VALUE, "students", "6,000"),)
    # The state's next file lists the districts the other way round, one renamed by the state.
    later = load_files([table(["Birch Hollow Unified", "0100002", "lots", 20],
                              ["Aspen Grove", "0100001", 100, 10])])
    applied = overrides.apply(later, edits)
    assert {key: d.profile.students for key, d in applied.districts.items()} == {
        "Birch Hollow Unified": 6000}


def test_an_edit_whose_district_is_gone_is_reported_and_kept():
    edits = edits_of(load_files([birch()]), *TYPED[:1])
    other = load_files([factories.xlsx({"Profile": [["District name", "Cedar Creek"],
                                                    ["Number of students", 50]]})])
    applied = overrides.apply(other, edits)
    assert applied.districts == {}
    assert [(i.code, str(i.at), i.subject, i.is_error) for i in applied.unapplied] == [
        ("edit.district_gone", f"{edit.EDIT_FILE} › {NAME}", "spending:Title II-A:2023", False)]
    assert "$1,200" in applied.unapplied[0].message


def test_an_edit_of_a_row_the_files_no_longer_have_is_reported():
    source = birch()
    first = load_files([source])
    edits = edits_of(first, (Action.VALUE, line_subject("spending", "Titel 2", 2023), "$45"))
    assert amounts(overrides.apply(first, edits).districts[NAME], "Titel 2")["2023-24"] == 45
    accepted = load_files([source], mapping=ColumnMapping(
        columns=(("Titel 2", "source:Title II-A"),)))
    applied = overrides.apply(accepted, edits)
    assert [(i.code, i.district) for i in applied.issues[NAME]] == [("edit.row_gone", NAME)]
    assert "Titel 2" not in applied.districts[NAME].sources()  # never a ghost row


def test_a_row_a_person_added_is_made_again_on_every_read():
    first = load_files([birch()])
    changes = overrides.line_changes(
        "uses", [], [{edit.USE: "Mentoring", "2023-24": "$700", "2022-23": ""}])
    assert changes == [Change("uses:Mentoring:2023", "$700", new_row=True)]
    edits = (overrides.make(first.districts[0], Action.VALUE, changes[0].subject,
                            changes[0].text, new_row=True),)
    applied = overrides.apply(load_files([birch()]), edits)
    assert [(u.use, u.amount_usd) for u in applied.districts[NAME].uses] == [("Mentoring", 700)]


def test_a_later_edit_of_the_same_value_replaces_the_earlier():
    first = load_files([birch()])
    district = first.districts[0]
    made = ()
    for text in ("12", "not a number", "$1,300"):
        made = overrides.added(made, overrides.make(
            district, Action.VALUE, line_subject("spending", "Title II-A", 2023), text))
    assert [o.text for o in made] == ["$1,300"]
    assert amounts(overrides.apply(first, made).districts[NAME], "Title II-A")["2023-24"] == 1300


def test_a_value_that_does_not_read_is_located_and_keeps_the_old_one():
    first = load_files([birch()])
    edits = edits_of(first, (Action.VALUE, line_subject("spending", "State", 2022), "lots"))
    applied = overrides.apply(first, edits)
    assert [(i.code, str(i.at)) for i in applied.issues[NAME]] == [
        ("money.unreadable", f"{edit.EDIT_FILE} › Spending by source › C3")]
    assert amounts(applied.districts[NAME], "State")["2022-23"] == 400


def test_a_name_another_district_has_is_not_taken():
    aspen = factories.xlsx({"Profile": [["District name", "Aspen Grove"],
                                        ["Number of students", 50]]}, name="aspen.xlsx")
    result = load_files([birch(), aspen])
    birch_district = next(d for d in result.districts if d.name == NAME)
    edits = (overrides.make(birch_district, Action.RENAME, overrides.NAME, "aspen grove"),)
    applied = overrides.apply(result, edits)
    assert applied.districts[NAME].name == NAME
    assert [i.code for i in applied.issues[NAME]] == ["edit.name_taken"]


def test_grid_changes_are_cells_by_row_name_and_year():
    before = [{edit.SOURCE: "Title II-A", "2023-24": "", "2022-23": "$900"},
              {edit.SOURCE: "Other", "2023-24": "$5", "2022-23": ""}]
    after = [{edit.SOURCE: "Title II-A", "2023-24": "$1,200", "2022-23": " $900 "},
             {edit.SOURCE: "Local grant", "2023-24": "$5", "2022-23": ""},
             {edit.SOURCE: None, "2023-24": "$9", "2022-23": None}]  # no name yet
    assert overrides.line_changes("spending", before, after) == [
        Change("spending:Title II-A:2023", "$1,200"),
        Change("spending:Other:2023", ""),  # renamed away: the old row's cell is cleared
        Change("spending:Local grant:2023", "$5", new_row=True),
    ]
    assert overrides.unnamed_rows(after, edit.SOURCE) == 1
    profile = edit.profile_rows(load_files([birch()]).districts[0])
    typed = [dict(row) for row in profile]
    typed[0][edit.VALUE] = "6000"
    assert overrides.profile_changes(profile, typed) == [Change("students", "6000")]


def test_no_edits_cost_nothing():
    result = load_files([birch()])
    assert overrides.apply(result, ()) == overrides.Applied()
