"""A build killed by SIGKILL at any moment leaves each output whole or absent, no partial file,
and no pool worker alive; the hidden-partial fallback (no O_TMPFILE) cleans up after dead
builds."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from advocacy.exports import workbook
from advocacy.exports.atomic import partial_name, remove_stale_partials, write_atomically
from advocacy.fictional import statewide

ROOT = Path(__file__).resolve().parents[2]
DISTRICTS = 30
FORMATS = ("pdf", "pptx", "xlsx", "html")
ALL_FILES = DISTRICTS * len(FORMATS)


def whole(name: str, data: bytes) -> bool:
    """Whether ``data`` is a complete file of the kind its name says."""
    hidden = re.fullmatch(r"\.(.+?)(?:\.\d+)?\.partial", name)
    kind = Path(hidden[1] if hidden else name).suffix.removeprefix(".")
    try:
        if kind == "pdf":
            reader = PdfReader(io.BytesIO(data), strict=True)
            return len(reader.pages) >= 1 and data.rstrip().endswith(b"%%EOF")
        if kind in {"pptx", "xlsx"}:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return archive.testzip() is None and "[Content_Types].xml" in archive.namelist()
        if kind == "html":
            return data.rstrip().endswith(b"</html>")
    except Exception:  # noqa: BLE001 - any reader failure means the file is not whole
        return False
    raise AssertionError(f"unexpected file {name}")


def test_the_wholeness_check_can_tell_a_cut_file(tmp_path):
    district = statewide(1)[0]
    from advocacy.exports import html, pdf, slides

    files = {"a.pdf": pdf.render(district).data, "a.pptx": slides.render(district).data,
             "a.xlsx": workbook.render(district).data, "a.html": html.render(district).data}
    for name, data in files.items():
        assert whole(name, data)
        assert not whole(name, data[: len(data) * 2 // 3]), name


# Four builds of 120 files: 2 minutes on 2 cores at load 6, several times that when the
# machine is shared by many test runs.
@pytest.mark.timeout(900)
def test_a_build_killed_at_several_moments_leaves_whole_files_and_no_worker(tmp_path):
    source = tmp_path / "state.xlsx"
    source.write_bytes(workbook.render_many(statewide(DISTRICTS)).data)
    out = tmp_path / "out"
    for kill_after in (1, ALL_FILES // 3, ALL_FILES * 2 // 3):
        before = _inodes(out)
        process = _start_build(source, out)
        deadline = time.monotonic() + 300
        while _rewritten(out, before) < kill_after:
            assert process.poll() is None, f"build ended before {kill_after} files"
            assert time.monotonic() < deadline, "build too slow to reach the kill moment"
            time.sleep(0.02)
        workers = _descendants(process.pid)
        process.send_signal(signal.SIGKILL)
        process.wait()
        alive = _still_alive(workers, wait=10)
        for pid in alive:  # ours to clean up if the test fails
            os.kill(pid, signal.SIGKILL)
        assert workers, "the build ran no pool"
        assert alive == [], f"workers outlived the build killed after {kill_after} files"
        left = _inodes(out)
        time.sleep(1)
        assert _inodes(out) == left, "something still writes into --out"
        names = sorted(left)
        cut = [name for name in names if not whole(name, (out / name).read_bytes())]
        assert cut == [], f"killed after {kill_after} files"
        # A hidden name exists only for the instant between linking a whole file and its
        # rename; a kill is all but certain to miss it, and the next build removes it.
        assert len([name for name in names if name.startswith(".")]) <= 1, names
    finished = _start_build(source, out)
    assert finished.wait(timeout=600) == 0
    names = sorted(entry.name for entry in out.iterdir())
    assert len(names) == ALL_FILES and not [name for name in names if name.startswith(".")]
    assert all(whole(name, (out / name).read_bytes()) for name in names)


def test_an_atomic_write_replaces_an_old_file_and_leaves_no_other_name(tmp_path):
    target = tmp_path / "a.pdf"
    write_atomically(target, b"old")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]
    assert oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


@pytest.mark.skipif(not hasattr(os, "O_TMPFILE"), reason="O_TMPFILE is Linux-only")
def test_the_unnamed_file_has_no_name_until_it_is_whole(tmp_path, monkeypatch):
    seen = []
    real_write = os.write

    def watching(descriptor, data):
        seen.append(sorted(p.name for p in tmp_path.iterdir()))
        return real_write(descriptor, data)

    monkeypatch.setattr(os, "write", watching)
    write_atomically(tmp_path / "a.pdf", b"x" * 100_000)
    assert seen and all(names == [] for names in seen)
    assert (tmp_path / "a.pdf").read_bytes() == b"x" * 100_000


def test_without_o_tmpfile_a_hidden_partial_is_renamed_when_whole(tmp_path, monkeypatch):
    monkeypatch.delattr(os, "O_TMPFILE", raising=False)
    seen = []
    real_write_bytes = Path.write_bytes

    def watching(path, data):
        seen.append(path.name)
        return real_write_bytes(path, data)

    monkeypatch.setattr(Path, "write_bytes", watching)
    write_atomically(tmp_path / "a.pdf", b"data")
    assert seen == [partial_name("a.pdf")]
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


def test_the_next_build_removes_only_partials_of_builds_no_longer_running(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        stale = tmp_path / f".a.pdf.{int(dead.stdout)}.partial"
        older = tmp_path / ".b.pdf.partial"  # what builds before the pid in the name left
        live = tmp_path / f".c.pdf.{running.pid}.partial"
        kept = tmp_path / "c.pdf"
        for path in (stale, older, live, kept):
            path.write_bytes(b"half")
        assert sorted(remove_stale_partials(tmp_path)) == sorted([stale, older])
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, kept.name])
    finally:
        running.kill()
        running.wait()


def _start_build(source: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "advocacy", "build", str(source), "--out", str(out),
         "--format", ",".join(FORMATS)], cwd=ROOT, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True)


def _inodes(out: Path) -> dict[str, int]:
    return {entry.name: entry.stat().st_ino for entry in out.iterdir()} if out.exists() else {}


def _rewritten(out: Path, before: dict[str, int]) -> int:
    """Files this run has written: a new name, or an old name on a new inode (every write
    links a new file, so even identical bytes change the inode)."""
    try:
        now = _inodes(out)
    except FileNotFoundError:
        return 0
    return sum(1 for name, inode in now.items() if before.get(name) != inode)


def _descendants(pid: int) -> list[int]:
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


def _still_alive(pids: list[int], *, wait: float) -> list[int]:
    deadline = time.monotonic() + wait
    while True:
        alive = [pid for pid in pids if _alive(pid)]
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
