"""The extent of a sheet whose XML is not in the one plain form ``ooxml`` reads by pattern.

Owns the careful answer for unusual or hostile sheet XML: an address written with single
quotes or with spaces around "=", an attribute value holding ">", a second r attribute (the
cell reader keeps the last), prefixed tags, cells or rows without an address. An XML parser
reads the tags as the cell reader does; where the XML is not even well-formed, every
address-like text in it counts. Either way the answer is never smaller than the grid the
reader will allocate. Never raises on user data.
"""

from __future__ import annotations

import re
from xml.parsers import expat

from advocacy.location import column_number

# Only a cell holding a value makes the reader allocate (an empty <v></v> does not; <is> does).
_VALUE_TAGS = frozenset({"v", "is"})
_ADDRESS = re.compile(r"([A-Za-z]+)(\d+)")
# Past this many digits or letters a number only needs to be known as too large.
_FAR = 10**9
# For XML no parser accepts: anything shaped like an r attribute, in any quoting, anywhere.
_ANY_ADDRESS = re.compile(rb"""r\s*=\s*["']?\s*([A-Za-z]*)(\d+)""")
_ANY_TAG = re.compile(rb"<(?:[\w.-]+:)?(c|row)(?![\w.:-])")


def parsed_extent(xml: bytes) -> tuple[int, int]:
    """(rows, columns) at least as large as the grid the cell reader allocates."""
    reading = _Reading()
    parser = expat.ParserCreate()
    parser.StartElementHandler = reading.start
    try:
        parser.Parse(xml, True)
    except (expat.ExpatError, ValueError):
        return _loose_extent(xml)
    return reading.extent()


class _Reading:
    """What the tags say, kept as the superset rules need it. A cell with its own address is
    where it says; one without follows the cell before it (which may be an empty one, so every
    address counts then), in the row its row tag gives (or the row after the last)."""

    def __init__(self) -> None:
        self.filled_rows = self.filled_cols = 0  # the furthest cell holding a value
        self.any_rows = self.any_cols = 0  # the furthest address of any cell or row
        self.loose_rows = self.loose_cells = 0
        self.cell: tuple[int, int] | None = None  # the open cell's address, until it is filled

    def start(self, name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local == "c":
            self.cell = _address(attributes.get("r"))
            if self.cell is None:
                self.loose_cells += 1
            else:
                self.any_rows = max(self.any_rows, self.cell[0])
                self.any_cols = max(self.any_cols, self.cell[1])
        elif local == "row":
            number = attributes.get("r", "")
            if number.isdigit():
                self.any_rows = max(self.any_rows, int(number))
            else:
                self.loose_rows += 1
        elif local in _VALUE_TAGS and self.cell is not None:
            self.filled_rows = max(self.filled_rows, self.cell[0])
            self.filled_cols = max(self.filled_cols, self.cell[1])

    def extent(self) -> tuple[int, int]:
        if self.loose_cells:
            return self.any_rows + self.loose_rows, self.any_cols + self.loose_cells
        return self.filled_rows + self.loose_rows, self.filled_cols


def _address(text: str | None) -> tuple[int, int] | None:
    match = _ADDRESS.fullmatch(text or "")
    if match is None:
        return None  # the reader refuses such an address; counted as one without
    return _number(match.group(2)), _column(match.group(1))


def _number(digits: str | bytes) -> int:
    return int(digits) if len(digits) <= 9 else _FAR


def _column(letters: str | bytes) -> int:
    return _FAR if len(letters) > 6 else column_number(letters)


def _loose_extent(xml: bytes) -> tuple[int, int]:
    rows = cols = 0
    for letters, digits in _ANY_ADDRESS.findall(xml):
        rows = max(rows, _number(digits))
        cols = max(cols, _column(letters))
    tags = _ANY_TAG.findall(xml)
    cells = sum(1 for tag in tags if tag == b"c")
    return rows + len(tags) - cells, cols + cells
