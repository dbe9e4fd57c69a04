"""Output names cannot collide or name a device; a failed packet is reported, not raised; a
killed build leaves no half-written file and no worker behind; CSV downloads hold no formula."""

from __future__ import annotations

import csv
import dataclasses
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from advocacy.exports import build, safe_filename, table_csv, workbook, write_atomically
from advocacy.fictional import maple_valley, statewide

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


def test_a_failing_packet_is_a_located_error_not_a_traceback(tmp_path, monkeypatch):
    from advocacy.exports import packet

    def broken(districts, **_):
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(packet, "render", broken)
    source = tmp_path / "maple.xlsx"
    source.write_bytes(workbook.render(maple_valley()).data)
    report = build.build([source], tmp_path / "out", packet=True)
    assert [(i.code, str(i.at)) for i in report.file_errors] == [("export.failed", "packet.pdf")]
    assert not report.ok
    assert (tmp_path / "out" / "one-pagers.zip").exists()


def test_an_atomic_write_leaves_the_old_file_whole_until_the_rename(tmp_path):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


def test_a_killed_build_leaves_no_worker_writing(tmp_path):
    source = tmp_path / "state.xlsx"
    source.write_bytes(workbook.render_many(statewide(120)).data)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "advocacy", "build", str(source), "--out", str(out),
         "--format", "pdf,html"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    deadline = time.monotonic() + 240
    while not (out.exists() and any(out.glob("*.pdf"))):
        assert process.poll() is None and time.monotonic() < deadline, "build never wrote"
        time.sleep(0.2)
    workers = _children(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    time.sleep(3)
    alive = [pid for pid in workers if _alive(pid)]
    for pid in alive:  # ours to clean up if the test fails
        os.kill(pid, signal.SIGKILL)
    assert workers and alive == []
    before = sorted(p.name for p in out.iterdir())
    time.sleep(2)
    assert sorted(p.name for p in out.iterdir()) == before
    assert not [name for name in before if not name.startswith(".") and
                (out / name).stat().st_size == 0]


def _children(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == parent:
                    found.append(int(entry.name))
                    todo.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_compare_csv_writes_formula_like_text_as_text():
    rows = [{"District": "=HYPERLINK(\"http://x.invalid\",\"click\")", "State": "+1", "N": -5},
            {"District": "@SUM(A1)", "State": None, "N": float("nan")}]
    text = table_csv.to_csv(rows).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [
        ["District", "State", "N"],
        ["'=HYPERLINK(\"http://x.invalid\",\"click\")", "'+1", "-5"],
        ["'@SUM(A1)", "", ""]]
