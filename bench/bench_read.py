"""Benchmark: reading a generated ~150,000-cell workbook, ingest.files vs openpyxl and pandas.

Prints seconds (best of a few runs) and ratios. Not a test: figures depend on the machine.
Run: python bench/bench_read.py [--districts 1000] [--repeat 3]
The workbook is fictional: one "Spending" sheet of districts x school years x sources, and
one "Profile" sheet, as a statewide policy team's workbook would hold them.
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import openpyxl  # noqa: E402
import pandas  # noqa: E402
import xlsxwriter  # noqa: E402
from timing import best  # noqa: E402 - bench/timing.py

from advocacy.ingest.files import SourceFile, read_files  # noqa: E402

YEARS = [f"{year}-{(year + 1) % 100:02d}" for year in range(2005, 2025)]
SOURCES = ["Title II-A", "State", "District"]
USES = ["Coaching", "Class size reduction", "Courses/workshops", "Other"]


def workbook(districts: int) -> bytes:
    """Spending: one row per district, a column per (year, source or use): ~140 per row."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    percent = book.add_format({"num_format": "0%"})
    spending = book.add_worksheet("Spending")
    headers = ["District"] + [f"{year} {line}" for year in YEARS for line in SOURCES + USES]
    spending.write_row(0, 0, headers)
    for row in range(1, districts + 1):
        spending.write(row, 0, f"Fictional District {row}")
        for col in range(1, len(headers)):
            spending.write_number(row, col, (row * 7919 + col * 104729) % 900_000 + 0.5)
    profile = book.add_worksheet("Profile")
    profile.write_row(0, 0, ["District", "Students", "Teachers", "English learners %"])
    for row in range(1, districts + 1):
        profile.write_row(row, 0, [f"Fictional District {row}", 1000 + row, 80 + row % 50])
        profile.write_number(row, 3, (row % 30) / 100, percent)
    book.close()
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = workbook(args.districts)
    issues: list = []
    sheets = read_files([SourceFile("bench.xlsx", data)], issues)
    cells = sum(len(row) for sheet in sheets for row in sheet.rows)
    archive = zipfile.ZipFile(io.BytesIO(data))
    ratio = max(i.file_size / max(i.compress_size, 1) for i in archive.infolist())
    print(
        f"workbook: {len(data) / 2**20:.1f} MB, {cells:,} cells, "
        f"highest part compression {ratio:.0f}:1, issues {len(issues)}"
    )
    candidates = {
        "ingest.files.read_files": lambda: read_files([SourceFile("bench.xlsx", data)], []),
        "openpyxl load_workbook": lambda: openpyxl.load_workbook(io.BytesIO(data)),
        "openpyxl read_only (values)": lambda: [
            list(sheet.values)
            for sheet in openpyxl.load_workbook(io.BytesIO(data), read_only=True).worksheets
        ],
        "pandas.read_excel openpyxl": lambda: pandas.read_excel(
            io.BytesIO(data), sheet_name=None, engine="openpyxl"
        ),
    }
    ours = None
    for name, function in candidates.items():
        seconds = best(function, args.repeat)
        ours = ours or seconds
        print(f"{name:30s} {seconds:7.3f} s   {seconds / ours:5.1f}x ours")


if __name__ == "__main__":
    main()
