"""ooxml.extent_bound: a few searches that vouch for a sheet's extent, or leave it to extent.

The bound exists so a statewide workbook is not read address by address; it is only safe if it
is never below what ``extent`` finds, on any sheet, however it was written. So: ordinary sheets
get a bound, every unusual one gets either a bound at least as large or None, and seeded fuzzing
over sheets built from ordinary and hostile pieces checks the inequality on thousands more.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advocacy.ingest import files, ooxml, safety
from tests import factories
from tests.unit.test_hostile_files import far_cell, far_cell_r_last, small_xlsx
from tests.unit.test_ooxml_extent import sheet

LIMIT = 2_000_000
SETTINGS = dict(derandomize=True, deadline=None, database=None, max_examples=300,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def at_least_extent(xml: bytes, limit: int = LIMIT) -> tuple[int, int] | None:
    bound = ooxml.extent_bound(xml, limit)
    rows, cols = ooxml.extent(xml, limit)
    if bound is not None:
        assert bound[0] >= rows and bound[1] >= cols, (bound, (rows, cols), xml)
    return bound


def plain_rows(count: int, columns: str = "ABCD", first: int = 1) -> str:
    return "".join(
        f'<row r="{r}" spans="1:{len(columns)}">'
        + "".join(f'<c r="{col}{r}" t="s"><v>{r}</v></c>' for col in columns)
        + "</row>"
        for r in range(first, first + count)
    )


def test_an_ordinary_sheet_is_bounded_close_to_its_extent():
    xml = sheet(plain_rows(150), before='<dimension ref="A1:D150"/><cols><col min="1"/></cols>')
    assert ooxml.extent(xml, LIMIT) == (150, 4)
    assert at_least_extent(xml) == (999, 4)  # rounded to its digits: the cheapest pattern


def test_a_sheet_near_the_limit_gets_the_tighter_rounding():
    xml = sheet(plain_rows(3, columns="ABCDEFGHIJKLMNOPQRSTUVWXYZ", first=150_000))
    assert at_least_extent(xml) == (199_999, 26)


@pytest.mark.parametrize(
    "body",
    [
        # Far cells first, in the middle, in lower case, with leading zeros, self-closing.
        '<row r="1"><c r="XFD1048576"><v>1</v></c></row>' + plain_rows(20, first=2),
        plain_rows(10) + '<row r="11"><c r="E11"><v>1</v></c></row>' + plain_rows(10, first=12),
        plain_rows(10) + '<row r="11"><c r="xfd11"><v>1</v></c></row>',
        plain_rows(10) + '<row r="11"><c r="AA000000000000001048576"><v>1</v></c></row>',
        plain_rows(10) + '<row r="11"><c r="A00011"><v>1</v></c></row>',
        plain_rows(10) + '<row r="11"><c r="Z999" s="1"/></row>',
        # Cells the plain form does not cover: r later, no r, other spacing, a prefix.
        plain_rows(10) + '<row r="11"><c t="n" r="XFD11"><v>1</v></c></row>',
        plain_rows(10) + '<row r="11"><c><v>1</v></c><c><v>1</v></c></row>',
        plain_rows(10) + '<row r="11"><c\tr="XFD11"><v>1</v></c></row>',
        plain_rows(10) + '<row r="11"><c\x0cr="XFD11"><v>1</v></c></row>',
        plain_rows(10) + '<row r="11"><c  r="XFD11"><v>1</v></c></row>',
        plain_rows(10) + '<row r="11"><x:c r="XFD11"><v>1</v></x:c></row>',
        plain_rows(10) + '<row r="11"><x:c r="XFD11"><v>1</v></c></row>',
        plain_rows(10) + '<row r="11"><c r="A11x" y=" r="XFD11"><v>1</v></c></row>',
        plain_rows(10) + '<row r="11"><c r="1" y=" r="XFD11"><v>1</v></c></row>',
        # Rows without an address each add one; so does a prefixed or oddly spaced one.
        plain_rows(10) + "<row><c r=\"A11\"><v>1</v></c></row>" * 3,
        plain_rows(10) + '<row spans="1:1" r="11"/>',
        plain_rows(10) + '<x:row r="11"><c r="A11"><v>1</v></c></x:row>',
        plain_rows(10) + '<row\nr="11"><c r="A11"><v>1</v></c></row>',
        # Text and other tags that look like cells or rows.
        plain_rows(2) + '<row r="3"><c r="B3" t="inlineStr"><is><t>a:c r="XFD9</t></is></c>',
        plain_rows(2) + '<row r="3"><c r="B3" t="inlineStr"><is><t>&lt;c r="XF9"</t></is></c>',
        # Addresses too long to be read as numbers; extent passes over the empty one.
        plain_rows(2) + '<row r="3"><c r="B' + "9" * 5000 + '" s="1"/></row>',
        plain_rows(2) + '<row r="3"><c r="' + "B" * 5000 + '3"><v>1</v></c></row>',
    ],
    ids=[
        "far-first", "far-middle", "lower-case", "leading-zeros-far", "leading-zeros-near",
        "self-closing-far", "address-later", "no-address", "tab", "form-feed", "two-spaces",
        "prefixed", "prefixed-plain-end", "bad-address-then-far", "numeric-address-then-far",
        "unaddressed-rows", "row-address-later", "prefixed-row", "row-newline", "colon-c-text",
        "escaped-cell-text", "thousands-of-digits-empty", "thousands-of-letters",
    ],
)
def test_unusual_and_hostile_sheets_are_never_bounded_below_their_extent(body):
    at_least_extent(sheet(body, before='<dimension ref="A1:D10"/>'))
    at_least_extent(sheet(body))


def test_a_declared_extent_too_long_to_read_is_passed_over():
    xml = sheet(plain_rows(5), before='<dimension ref="A1:D' + "9" * 5000 + '"/>')
    assert at_least_extent(xml) == (9, 4)


def test_a_declared_extent_that_lies_small_is_widened_by_the_cells():
    body = plain_rows(10) + '<row r="2000"><c r="H2000"><v>1</v></c></row>'
    assert at_least_extent(sheet(body, before='<dimension ref="A1:B2"/>')) == (9999, 8)


def test_an_enormous_declared_extent_is_not_taken_as_the_bound():
    xml = sheet(plain_rows(5), before='<dimension ref="A1:XFD1048576"/>')
    assert at_least_extent(xml) == (9, 4)


def test_cells_that_keep_reaching_further_are_left_to_extent():
    rising = "".join(f'<row r="{n}"><c r="A{10**n}"><v>1</v></c></row>' for n in range(1, 7))
    rising += '<row r="7"><c r="A7"><v>1</v></c></row>'  # the last cell is no guide
    assert at_least_extent(sheet(rising)) is None


def test_a_sheet_refused_on_its_tag_count_is_left_to_extent():
    xml = sheet('<row r="1">' + '<c r="A1"><v>1</v></c>' * 30 + "</row>")
    assert ooxml.extent(xml, 20) == (30, 1)
    assert ooxml.extent_bound(xml, 20) is None


def test_sheets_fit_loosely_only_when_every_one_has_a_bound_and_their_sum_fits():
    small = sheet(plain_rows(5))
    unaddressed = sheet('<row r="1"><c><v>1</v></c></row>')
    assert ooxml.extent_bound(small, 40) == (5, 4)  # this near the limit, the tight rounding
    assert ooxml.fits_loosely([small, small], 40)
    assert not ooxml.fits_loosely([small, small], 39)
    assert not ooxml.fits_loosely([small, None], LIMIT)
    assert not ooxml.fits_loosely([small, unaddressed], LIMIT)


def test_prefixed_sheets_and_cells_without_an_address_are_left_to_extent():
    body = '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'
    assert ooxml.extent_bound(sheet(body, prefix="x:"), LIMIT) is None
    assert ooxml.extent_bound(sheet('<row r="1"><c><v>1</v></c></row>'), LIMIT) is None


def test_rows_without_an_address_are_bounded_by_their_cells():
    assert at_least_extent(sheet('<row><c r="A1"><v>1</v></c></row><row/>')) == (9, 1)


# --- the search for the common attributes stops wherever the plain one would ----------------

# A plain cell whose attributes are not among the common ones: the first search stops at it,
# the plain form lets it through, and past a few dozen such stops the plain search takes over.
UNCOMMON = '<c r="A{0}" s="1" cm="1"><v>1</v></c>'
HIDING = {
    "far-cell": '<c r="XFD1048576" t="s"><v>1</v></c>',
    "far-cell-styled": '<c r="XFD1048576" s="1"/><c r="XFD1048576" s="1" t="s"><v>1</v></c>',
    "second-address": '<c r="A1" r="XFD1048576"><v>1</v></c>',
    "second-address-after-common": '<c r="A1" s="1" t="s" r="XFD1048576"><v>1</v></c>',
    "greater-than-in-a-value": '<c r="A1" s="1" x=">" r="XFD1048576"><v>1</v></c>',
    "greater-than-in-a-type": '<c r="A1" t="s>" r="XFD1048576"><v>1</v></c>',
    "prefixed": '<x:c r="XFD1048576"><v>1</v></x:c>',
    "tab": '<c\tr="XFD1048576"><v>1</v></c>',
    "newline": '<c\nr="XFD1048576"><v>1</v></c>',
    "tab-after-common": '<c r="A1" t="s"\tr="XFD1048576"><v>1</v></c>',
    "newline-after-common": '<c r="A1" s="1"\nr="XFD1048576"><v>1</v></c>',
}


def uncommon_rows(count: int) -> str:
    return "".join(f'<row r="{r}">{UNCOMMON.format(r)}</row>' for r in range(1, count + 1))


@pytest.mark.parametrize("stops_before", [0, 3, ooxml._FALSE_ALARMS + 5])
@pytest.mark.parametrize("cell", HIDING.values(), ids=HIDING.keys())
def test_every_hidden_far_cell_is_caught_before_and_after_the_plain_search_takes_over(
    cell, stops_before
):
    body = uncommon_rows(stops_before) + plain_rows(5, first=stops_before + 1)
    after = plain_rows(1, first=stops_before + 7)  # so the last cell is no guide
    assert ooxml.fits_loosely([sheet(body + after)], LIMIT)  # nothing hidden: bounded
    hidden = sheet(body + f'<row r="{stops_before + 6}">{cell}</row>' + after)
    assert at_least_extent(hidden) is None
    assert not ooxml.fits_loosely([hidden], LIMIT)


def test_sheets_of_uncommon_attributes_are_still_bounded():
    for count in (1, ooxml._FALSE_ALARMS, ooxml._FALSE_ALARMS + 1, 200):
        assert at_least_extent(sheet(uncommon_rows(count))) == (10 ** len(str(count)) - 1, 1)


LETTERS = st.sampled_from(["A", "B", "D", "E", "Z", "AA", "AZ", "BA", "ZZ", "XFD", "a", "xfd",
                           "Ab", "AAA", "ZZZ"])
NUMBERS = st.one_of(
    st.integers(0, 30),
    st.integers(0, 1_100_000),
    st.sampled_from([9, 10, 99, 100, 999, 1000, 19_999, 20_000, 99_999, 100_000, 1_048_576]),
)


@st.composite
def addresses(draw) -> str:
    zeros = "0" * draw(st.sampled_from([0, 0, 0, 1, 3, 12]))
    return f"{draw(LETTERS)}{zeros}{draw(NUMBERS)}"


@st.composite
def cells(draw) -> str:
    ref = draw(addresses())
    return draw(st.sampled_from([
        f'<c r="{ref}"><v>1</v></c>',
        f'<c r="{ref}" t="s"><v>1</v></c>',
        f'<c r="{ref}" s="2"/>',
        f'<c r="{ref}"/>',
        f'<c r="{ref}" s="2" t="str"><v>1</v></c>',
        f'<c r="{ref}" t="s" s="2"><v>1</v></c>',
        f'<c r="{ref}" s="2" cm="1"><v>1</v></c>',
        f'<c r="{ref}" s="2" r="XFD9"><v>1</v></c>',
        f'<c r="{ref}" t="s>" r="XFD9"><v>1</v></c>',
        f'<c r="{ref}" s="2"\tr="XFD9"><v>1</v></c>',
        f'<c t="n" r="{ref}"><v>1</v></c>',
        "<c><v>1</v></c>",
        "<c/>",
        f'<c\nr="{ref}"><v>1</v></c>',
        f'<c  r="{ref}"><v>1</v></c>',
        f'<x:c r="{ref}"><x:v>1</x:v></x:c>',
        f'<x:c r="{ref}"><v>1</v></c>',
        f'<c r="{ref}x" y=" r="XFD9"><v>1</v></c>',
        f'<c r="{ref}" t="inlineStr"><is><t>a:c r="XFD9</t></is></c>',
        '<col min="1" max="9"/>',
        "<cfRule/>",
    ]))


@st.composite
def rows(draw) -> str:
    number = draw(NUMBERS)
    opener = draw(st.sampled_from([
        f'<row r="{number}">', f'<row r="{number}" spans="1:4">', "<row>",
        f'<row spans="1:4" r="{number}">', f'<x:row r="{number}">', f'<row\tr="{number}">',
    ]))
    if draw(st.booleans()) and opener.startswith("<row"):
        return opener[:-1] + "/>"
    return opener + "".join(draw(st.lists(cells(), max_size=6))) + "</row>"


@st.composite
def sheets(draw) -> bytes:
    before = draw(st.sampled_from([
        "", '<dimension ref="A1:D10"/>', '<dimension ref="A1:XFD1048576"/>',
        f'<dimension ref="A1:{draw(addresses())}"/>', f'<dimension ref="{draw(addresses())}"/>',
        '<cols><col min="1" max="4"/></cols>', '<rowBreaks count="1"><brk id="1"/></rowBreaks>',
    ]))
    # Mostly plain rows, so the bound is found and checked, with hostile pieces among them.
    plain = draw(st.lists(st.integers(1, 60), max_size=8))
    body = [plain_rows(1, columns="ABC", first=r) for r in plain]
    body += draw(st.lists(rows(), max_size=6))
    order = draw(st.permutations(range(len(body)))) if body else []
    return sheet("".join(body[i] for i in order), before=before)


@settings(**SETTINGS)
@given(sheets(), st.sampled_from([LIMIT, 1_000, 40]))
def test_fuzzed_sheets_are_never_bounded_below_their_extent(xml, limit):
    at_least_extent(xml, limit)


@st.composite
def mostly_plain_sheets(draw) -> bytes:
    """Plain rows, in the common attributes and others, around one row of any cells: the
    sheets where the common search decides, and where a cell it let through would show."""
    forms = ["", ' t="s"', ' s="1"', ' s="12" t="s"', ' t="str"', ' s="1" cm="1"', ' t="s" s="1"']
    numbers = draw(st.lists(st.integers(1, 60), max_size=50))
    body = [
        f'<row r="{n}"><c r="B{n}"{draw(st.sampled_from(forms))}><v>1</v></c></row>'
        for n in numbers
    ]
    odd = draw(st.lists(cells(), min_size=1, max_size=3))
    body.insert(draw(st.integers(0, len(body))), '<row r="9">' + "".join(odd) + "</row>")
    return sheet("".join(body) + plain_rows(1, first=draw(st.integers(1, 60))))


@settings(**SETTINGS)
@given(st.one_of(sheets(), mostly_plain_sheets()), st.sampled_from([LIMIT, 1_000, 40]))
def test_fuzzed_sheets_get_the_bound_the_plain_search_alone_gives(xml, limit):
    bound = ooxml.extent_bound(xml, limit)
    plain_only = pytest.MonkeyPatch()
    with plain_only.context() as patched:
        patched.setattr(ooxml, "_FALSE_ALARMS", 0)  # every search in the plain form
        assert ooxml.extent_bound(xml, limit) == bound


@settings(**SETTINGS)
@given(st.lists(st.tuples(addresses(), st.booleans()), min_size=1, max_size=12))
def test_fuzzed_plain_sheets_are_bounded_whenever_their_cells_are_few_widenings_apart(cells):
    body = "".join(
        f'<row r="{n}"><c r="{ref}"' + (' s="1"/>' if empty else "><v>1</v></c>") + "</row>"
        for n, (ref, empty) in enumerate(cells, start=1)
    )
    at_least_extent(sheet(body))
    at_least_extent(sheet(body, before='<dimension ref="A1:C3"/>'))


# --- read_files decides the same with the bound as without it ------------------------------


def outcome(source: files.SourceFile) -> tuple:
    issues: list = []
    sheets = files.read_files([source], issues)
    return (
        [(sheet.name, sheet.rows, sheet.merged, sheet.number_formats) for sheet in sheets],
        [(issue.code, str(issue.at), issue.found) for issue in issues],
    )


def far_rows(part: str, content: bytes) -> bytes:
    if part.endswith("sheet1.xml"):
        row = '<row r="{0}"><c r="B{0}" t="n"><v>1</v></c></row>'
        rows = "".join(row.format(r) for r in range(3, 60))
        return content.replace(b"</sheetData>", rows.encode() + b"</sheetData>")
    return content


def digits_beyond_int(part: str, content: bytes) -> bytes:
    if part.endswith("sheet1.xml"):
        cell = b'<row r="3"><c r="B' + b"9" * 5000 + b'" s="0"/></row>'
        return content.replace(b"</sheetData>", cell + b"</sheetData>")
    return content


WORKBOOKS = [
    lambda: small_xlsx(),
    lambda: factories.xlsx({"A": [["Students", 4500]] * 40, "B": [[1, 2, 3]] * 30}),
    lambda: factories.xlsx_xlsxwriter({"S": [["Students", "12%"], ["Teachers", 0.5]]}),
    lambda: factories.rezip(small_xlsx(), "far.xlsx", far_cell),
    lambda: factories.rezip(small_xlsx(), "sly.xlsx", far_cell_r_last),
    lambda: factories.rezip(small_xlsx(), "rows.xlsx", far_rows),
    lambda: factories.rezip(small_xlsx(), "digits.xlsx", digits_beyond_int),
]


@pytest.mark.parametrize("limit", [safety.MAX_CELLS, 120, 100, 40, 4])
@pytest.mark.parametrize("build", WORKBOOKS, ids=["small", "two-sheets", "xlsxwriter", "far-cell",
                                                  "far-cell-address-last", "many-rows",
                                                  "digits-beyond-int"])
def test_read_files_gives_the_same_with_and_without_the_bound(monkeypatch, build, limit):
    source = build()
    monkeypatch.setattr(safety, "MAX_CELLS", limit)
    bounded = outcome(source)
    monkeypatch.setattr(ooxml, "extent_bound", lambda xml, max_cells: None)
    assert outcome(source) == bounded


def test_a_refusal_still_names_the_sheet_and_its_far_cell():
    _, issues = outcome(factories.rezip(small_xlsx(), "far.xlsx", far_cell))
    assert issues == [(
        "file.too_many_cells", "far.xlsx", "sheet Profile reaching row 1,048,576, column XFD"
    )]
