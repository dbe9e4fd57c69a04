"""ooxml.extent: the grid a sheet's XML asks the cell reader to allocate, read from addresses.

The fast paths (four counts instead of fourteen, an unprefixed pattern) must give exactly the
answer of the careful path, whatever else the sheet holds: column widths, page breaks, prefixed
tags, text that happens to contain ":c", cells and rows without an address.
"""

from __future__ import annotations

import pytest

from advocacy.ingest import ooxml

LIMIT = 2_000_000


def sheet(body: str, before: str = "", prefix: str = "") -> bytes:
    ns = f"xmlns:{prefix[:-1]}" if prefix else "xmlns"
    return (
        f'<?xml version="1.0"?><{prefix}worksheet {ns}="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main">{before}<{prefix}sheetData>{body}</{prefix}sheetData>'
        f"</{prefix}worksheet>"
    ).encode()


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        (sheet('<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>2</v></c></row>'), (1, 3)),
        (
            sheet(
                '<row r="1"><c r="A1"><v>1</v></c></row><row r="9"><c r="B9"><v>2</v></c></row>',
                before='<cols><col min="1" max="4" width="9"/></cols>',
            ),
            (9, 2),
        ),
        (
            sheet(
                '<row r="2"><c r="D2"><v>1</v></c></row>',
                before='<rowBreaks count="1"><brk id="1"/></rowBreaks>',
            ),
            (2, 4),
        ),
        # Only cells with content allocate: a self-closing styled cell is never read.
        (sheet('<row r="1"><c r="A1"><v>1</v></c><c r="Z99" s="3"/></row>'), (1, 1)),
        # Text with ":c" in it sends the test to the careful path, which agrees.
        (
            sheet('<row r="1"><c r="B1" t="inlineStr"><is><t>see a:c r="X</t></is></c></row>'),
            (1, 2),
        ),
        # An address after another attribute still counts.
        (sheet('<row r="1"><c t="n" r="E3"><v>1</v></c></row>'), (3, 5)),
        # A cell without an address follows the one before it; a row without one, likewise,
        # for the cells in it without one (a cell with an address is where it says).
        (sheet('<row r="1"><c r="A1"><v>1</v></c><c><v>2</v></c></row>'), (1, 2)),
        (sheet('<row r="1"><c r="A1"><v>1</v></c></row><row><c r="A2"><v>2</v></c></row>'), (2, 1)),
        (sheet('<row r="1"><c r="A1"><v>1</v></c></row><row><c><v>2</v></c></row>'), (2, 2)),
    ],
    ids=[
        "plain",
        "column-widths",
        "row-breaks",
        "styled-empty-cell",
        "colon-c-in-text",
        "address-last",
        "cell-without-address",
        "row-without-address",
        "row-and-cell-without-address",
    ],
)
def test_extent_of_ordinary_and_unusual_sheets(xml, expected):
    assert ooxml.extent(xml, LIMIT) == expected


def test_a_far_cell_behind_a_namespace_prefix_is_seen():
    body = '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'
    far = '<x:row r="1048576"><x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row>'
    assert ooxml.extent(sheet(body, prefix="x:"), LIMIT) == (1, 1)
    assert ooxml.extent(sheet(body + far, prefix="x:"), LIMIT) == (1_048_576, 16_384)


def test_one_prefixed_far_cell_among_plain_ones_is_seen():
    body = '<row r="1"><c r="A1"><v>1</v></c><x:c r="XFD1048576"><v>1</v></x:c></row>'
    assert ooxml.extent(sheet(body), LIMIT) == (1_048_576, 16_384)


def test_a_prefixed_far_cell_with_a_plain_end_tag_is_seen():
    # Not well-formed, but the bound must not rest on the reader refusing it: this is the one
    # shape that reaches the single-pattern fast path with a prefixed cell in it.
    body = '<row r="1"><c r="A1"><v>1</v></c><x:c r="XFD1048576"><v>1</v></c></row>'
    rows, cols = ooxml.extent(sheet(body), LIMIT)
    assert rows >= 1_048_576 and cols >= 16_384


@pytest.mark.parametrize("attributes", ['s="1" x=">"', 't="s>"', 'x="a>b" s="1"'])
def test_a_second_address_after_a_greater_than_in_a_value_is_seen(attributes):
    # The reader keeps a cell's last r. A ">" inside a value must not let the quick pass read
    # only the first one: Python 3.11.2 (Debian 12's) got that wrong for one form of pattern.
    far = f'<row r="2"><c r="A2" {attributes} r="XFD1048576"><v>1</v></c></row>'
    rows, cols = ooxml.extent(sheet('<row r="1"><c r="A1"><v>1</v></c></row>' + far), LIMIT)
    assert rows >= 1_048_576 and cols >= 16_384
