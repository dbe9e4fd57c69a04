"""Output names cannot collide or name a device; a failed packet is reported, not raised; CSV
downloads hold no formula. (A killed build: tests/exports/test_killed_build.py.)"""

from __future__ import annotations

import csv
import dataclasses
import importlib
import io
from pathlib import Path

import pytest

from advocacy.exports import build, safe_filename, table_csv, workbook
from advocacy.fictional import maple_valley

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("name", "expected"), [
    ("CON", "con-district.pdf"), ("nul", "nul-district.pdf"), ("Aux", "aux-district.pdf"),
    ("COM1", "com1-district.pdf"), ("lpt9", "lpt9-district.pdf"),
    ("Console Unified", "console-unified.pdf"), ("x" * 300, "x" * 80 + ".pdf"),
])
def test_device_names_and_long_names_are_rewritten(name, expected):
    assert safe_filename(name, "pdf") == expected


def test_a_district_named_packet_never_shares_the_packets_file_name():
    assert build.unique_stems(["Packet", "One pagers", "Packet"]) == [
        "packet-2", "one-pagers-2", "packet-3"]


def test_packet_build_keeps_a_district_named_packet(tmp_path):
    district = dataclasses.replace(maple_valley(), name="Packet")
    source = tmp_path / "packet.xlsx"
    source.write_bytes(workbook.render(district).data)
    report = build.build([source], tmp_path / "out", packet=True)
    assert sorted(p.name for p in report.written) == ["one-pagers.zip", "packet-2.pdf",
                                                       "packet.pdf"]


@pytest.mark.parametrize("module,function", [("packet", "render_document"),
                                             ("briefing", "front")])
def test_a_failing_packet_is_a_located_error_not_a_traceback(tmp_path, monkeypatch, module,
                                                             function):
    """The renderer, or the packet's front matter behind it, failing on a bug."""
    def broken(*_, **__):
        raise RuntimeError("packet bug")

    monkeypatch.setattr(importlib.import_module(f"advocacy.exports.{module}"), function, broken)
    source = tmp_path / "maple.xlsx"
    source.write_bytes(workbook.render(maple_valley()).data)
    report = build.build([source], tmp_path / "out", packet=True)
    assert [(i.code, str(i.at)) for i in report.file_errors] == [("export.failed", "packet.pdf")]
    assert not report.ok and report.packet is None  # the log claims no packet
    assert (tmp_path / "out" / "one-pagers.zip").exists()
    assert not (tmp_path / "out" / "packet.pdf").exists()


def test_compare_csv_writes_formula_like_text_as_text():
    rows = [{"District": "=HYPERLINK(\"http://x.invalid\",\"click\")", "State": "+1", "N": -5},
            {"District": "@SUM(A1)", "State": None, "N": float("nan")}]
    text = table_csv.to_csv(rows).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [
        ["District", "State", "N"],
        ["'=HYPERLINK(\"http://x.invalid\",\"click\")", "'+1", "-5"],
        ["'@SUM(A1)", "", ""]]
