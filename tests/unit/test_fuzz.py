"""Seeded fuzzing of the readers, ``check`` and every renderer: whatever a file holds, there is
no traceback, ``check --json`` is strict JSON, and every district ``check`` accepts exports.

Hypothesis runs derandomized (the same examples on every run) with a bounded number of
examples, so the suite stays repeatable and its time bounded.
"""

from __future__ import annotations

import io
import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from advocacy import cli
from advocacy.exports import build
from advocacy.ingest.files import SourceFile
from advocacy.load import load_files
from tests import factories

SETTINGS = dict(derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

HEADINGS = ["District", "School year", "Source", "Amount", "Students", "Teachers", "Schools",
            "Title II-A", "State", "Metric", "Value", "Unit", "NCES ID", "Use", "Group",
            "Per-pupil expenditure", "English learners %", "Student-teacher ratio", "Challenge",
            "Impact", "Contact email", "Total"]
HOSTILE = ["![x](http://example.invalid/p.png)", "[a](http://example.invalid)", ":red[x]",
           "**b**", "=HYPERLINK(\"http://example.invalid\")", "<script>alert(1)</script>",
           "CON", "Packet", "NUL", "\u200b", "\ue000", "\u202eevil", "😀", "\t", "a\x00b",
           "A" * 300, "$1e300B", "1e306M", "1.7e308", "-1e308", "nan", "inf", "-inf",
           "Infinity", "1e999", "0.001", "1e307", "1e-300", "0.000001", "1e12", "(12,000)",
           "12,5%", "1e-320", "-0",
           "FY19", "2019", "2018-19", "9999-00", "—", "n/a", "*", "<10", "#DIV/0!", "16.4:1",
           "0:1", "1:0", "$ -", "", " "]
YEARS = ["2019-20", "2020-21", "2021-22", "2022-23", "FY24"]

cell = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=30),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-10**20, max_value=10**20).map(str),
    st.sampled_from(YEARS),
)
heading = st.one_of(st.sampled_from(HEADINGS), st.sampled_from(HOSTILE), st.text(max_size=20))
table = st.integers(min_value=1, max_value=6).flatmap(
    lambda width: st.tuples(
        st.lists(heading, min_size=width, max_size=width),
        st.lists(st.lists(cell, min_size=width, max_size=width), min_size=1, max_size=5)))
label_values = st.lists(st.tuples(heading, cell), min_size=1, max_size=12)


def _strict(text: str) -> dict:
    def refuse(constant: str):
        raise AssertionError(f"check --json wrote the non-JSON constant {constant}")
    return json.loads(text, parse_constant=refuse)


def _check_and_build(tmp_path, source: SourceFile) -> None:
    path = tmp_path / source.name
    path.write_bytes(source.data)
    out = io.StringIO()
    code = cli.main(["check", "--json", str(path)], out=out)
    report = _strict(out.getvalue())
    assert code in (0, 1)
    blocked = {i["district"] for i in report["issues"] if i["severity"] == "error"}
    accepted = [d["name"] for d in report["districts"] if d["name"] not in blocked]
    result = build.build([path], tmp_path / "out", formats=("pdf", "pptx", "xlsx", "html"),
                         packet=bool(accepted))
    failures = [i.line() for _, found in result.skipped for i in found
                if i.code == "export.failed"] + [
        i.line() for i in result.file_errors if i.code == "export.failed"]
    assert failures == []
    assert sorted(result.built) == sorted(accepted)


@settings(max_examples=12, **SETTINGS)
@given(data=table)
def test_any_table_checks_to_strict_json_and_every_accepted_district_exports(tmp_path_factory,
                                                                            data):
    headers, rows = data
    _check_and_build(tmp_path_factory.mktemp("csv"), factories.csv([headers, *rows]))


@settings(max_examples=8, **SETTINGS)
@given(pairs=label_values, name=st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40)))
def test_any_label_value_workbook_checks_and_exports(tmp_path_factory, pairs, name):
    # A workbook cannot hold control characters (openpyxl refuses them, as Excel does).
    rows = [[_storable(cell) for cell in row]
            for row in [["District name", name], *[[label, value] for label, value in pairs]]]
    _check_and_build(tmp_path_factory.mktemp("xlsx"), factories.xlsx({"Profile": rows}))


def _storable(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _mutations(count: int, seed: int = 15) -> list[SourceFile]:
    """Real files with bytes flipped, cut or repeated: what a bad disk or a bad export does."""
    rng = random.Random(seed)
    originals = [
        factories.xlsx({"Profile": [["District name", "Maple"], ["Number of students", 10]]}),
        factories.csv([["District", "Students"], ["Maple", "10"], ["Cedar", "12"]]),
        factories.ods({"Profile": [["District name", "Maple"], ["Number of students", 10]]}),
    ]
    found = []
    for n in range(count):
        source = originals[n % len(originals)]
        data = bytearray(source.data)
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(len(data))
            choice = rng.random()
            if choice < 0.6:
                data[at] = rng.randrange(256)
            elif choice < 0.8:
                del data[at:at + rng.randint(1, 64)]
            else:
                data[at:at] = data[at:at + rng.randint(1, 64)] * rng.randint(1, 4)
        found.append(SourceFile(source.name, bytes(data)))
    return found


@pytest.mark.parametrize("source", _mutations(60), ids=lambda s: s.name)
def test_damaged_bytes_never_raise_and_check_json_stays_strict(source):
    result = load_files([source])
    report = _strict(cli.strict_json(cli.check_json(result)))
    assert set(report) == {"districts", "issues"}
    for issue in result.issues:
        assert "Error" not in issue.message and "Traceback" not in issue.message
