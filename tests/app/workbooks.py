"""Real template-layout workbooks for the app tests, written by openpyxl. Fictional data."""

from __future__ import annotations

from advocacy.ingest.files import SourceFile
from tests import factories

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NAME = "Test Valley District"


def profile(students: object = 6000, name: str = NAME) -> list[list[object]]:
    return [
        ["Profile (fictional test data)"], [], ["Field", "Value"],
        ["District name", name], ["State", "Lakeland"],
        ["Number of students", students], ["Number of teachers (FTE)", 400],
        ["Number of schools", 9], ["Per-pupil expenditure", "$12,000"],
        ["% Title I-eligible students", "40%"], ["Number of Title I schools", 4],
        ["% English learners", "10%"], ["Student-to-teacher ratio", "15:1"],
        ["Number of instructional coaches", 8],
        ["% students receiving special education services", "12%"],
    ]


def table(first: str, names: tuple[str, ...]) -> list[list[object]]:
    rows: list[list[object]] = [[first], [], [first, "2023-24", "2022-23", "2021-22"]]
    for index, label in enumerate(names):
        rows.append([label, 100_000 + 10_000 * index, 90_000 + 10_000 * index, 80_000])
    return rows


def workbook(students: object = 6000, *, name: str = NAME,
             file: str = "test-valley.xlsx") -> SourceFile:
    """One district in the template layout; ``students="lots"`` makes a flagged cell (B6)."""
    return factories.xlsx({
        "Profile": profile(students, name),
        "Spending": table("Source", ("Title II-A", "State", "District")),
        "Uses": table("Use", ("Coaching", "Class size reduction", "Courses/workshops")),
    }, name=file)


def upload_tuple(source: SourceFile) -> tuple[str, bytes, str]:
    return (source.name, source.data, XLSX_MIME)


def pretty_workbook(students: object = "lots", *, name: str = "Birch Hollow",
                    file: str = "birch.xlsx") -> SourceFile:
    """As a district keeps it: merged titles above a label/value sheet with a header row and
    notes, and above a years-across table; honest blanks; ``students="lots"`` is flagged (B5)."""
    return factories.xlsx({
        "District profile": [
            [f"{name} School District: district profile, 2023-24"],
            [],
            ["Item", "Value", "Notes"],
            ["District name", name, None],
            ["Enrollment (Oct. count)", students, "October 1 count"],
            ["Number of teachers (FTE)", 300, "as of June"],
            ["Number of schools", None, "not yet known"],
        ],
        "How dollars are spent": [
            ["How dollars are spent, 2022-23 to 2023-24"],
            ["Source", "2023-24", "2022-23"],
            ["Title II-A", 1000, 900],
            ["State", 500, None],
        ],
    }, name=file, merged={"District profile": ["A1:C1"], "How dollars are spent": ["A1:C1"]})


def typo_workbook(name: str = "Birch Hollow") -> SourceFile:
    """A typo'd label with a did-you-mean (Nmber of studnts), one flagged spending cell
    (Title II-A 2023-24, "$1,2,3"), an honest blank."""
    return factories.xlsx({
        "Profile": [["District name", name], ["Nmber of studnts", 5000],
                    ["Number of teachers", 300], ["Number of schools", None]],
        "Spending": [["Source", "2023-24", "2022-23"], ["Title II-A", "$1,2,3", 900],
                     ["State", 500, 400]],
    }, name="birch.xlsx")
