"""Benchmark: files within the documented limits that used to take minutes and gigabytes.

Owns generating, in a temporary directory, the two inputs issue 15 found:
1. a one-column CSV of 1,000,000 rows (5.9-6.9 MB, under the 20 MB and 2,000,000-cell limits):
   one district whose one field has a million conflicting values;
2. a CSV with 20,000 unrecognised headings beside a District and a Students column (~400 KB),
   whose "did you mean" search used to take almost all of a minute.
Each is checked with ``python -m advocacy check --json`` in a subprocess; printed per file:
wall time, CPU time, peak resident memory, JSON size and issue count, and the ratios to the
goals (30 s, 1.5 GB). With ``--app`` it also uploads the million-row file to a real
``streamlit run`` in headless Chromium and prints the server's memory when idle, at its peak,
and after the session ends (goal: back within 100 MB of idle). All data is fictional.

    python bench/bench_limits.py [--rows 1000000] [--headings 20000] [--app]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_S = 30.0
GOAL_BYTES = 1.5 * 2**30
GOAL_RETURN_BYTES = 100 * 2**20


def one_column(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("Students\n")
        out.writelines(f"{n}\n" for n in range(rows))


def many_headings(path: Path, headings: int, *, seed: int = 15) -> None:
    rng = random.Random(seed)
    words = ["students", "teachers", "spend", "title", "coach", "budget", "number", "average",
             "district", "schools", "english", "learners"]
    names = ["District", "Students"] + [
        " ".join(rng.choice(words) for _ in range(3)) + f" {n}" for n in range(headings)]
    values = ["Fictional Lakeland District", "1200"] + [str(n) for n in range(headings)]
    path.write_text(",".join(names) + "\n" + ",".join(values) + "\n", encoding="utf-8")


def check(path: Path) -> dict[str, float]:
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "advocacy", "check", "--json", str(path)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    stdout = process.stdout.read()
    # wait4 gives this child's own CPU time and peak RSS (Linux reports ru_maxrss in KB).
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    report = json.loads(stdout, parse_constant=_refuse)
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak": usage.ru_maxrss * 1024,
            "json": len(stdout), "issues": len(report["issues"]), "exit": process.returncode}


def _refuse(constant: str) -> None:
    raise ValueError(f"check --json wrote {constant}, which is not JSON")


def show(label: str, path: Path, figures: dict[str, float]) -> None:
    print(f"\n{label}: {path.name}, {path.stat().st_size / 2**20:.1f} MB")
    print(f"  check --json  wall {figures['wall']:7.2f} s   cpu {figures['cpu']:7.2f} s   "
          f"peak {figures['peak'] / 2**20:7.0f} MB   exit {figures['exit']}")
    print(f"  output        {figures['json'] / 1024:,.1f} KB of JSON, "
          f"{figures['issues']:,} issues")
    print(f"  ratio to goal wall {figures['wall'] / GOAL_S:5.2f}   "
          f"cpu {figures['cpu'] / GOAL_S:5.2f}   memory {figures['peak'] / GOAL_BYTES:5.2f}"
          "   (1.00 = 30 s / 1.5 GB)")


def app_session(path: Path) -> None:
    """Idle, peak and after-session RSS of a real server given the file through its upload box."""
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright

    from bench.serving import serving
    from tests.e2e.conftest import ARGS, CHROMIUM, settle

    peak = [0]
    with serving() as (url, server):
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            warm = browser.new_page()  # the first page load warms the server's imports
            warm.goto(url, timeout=60_000)
            settle(warm)
            warm.close()
            time.sleep(3)
            idle = _rss(server.pid)
            context = browser.new_context()
            page = context.new_page()
            page.goto(url)
            settle(page)
            page.get_by_test_id("stSidebarNav").get_by_text("Upload", exact=True).click()
            settle(page)
            page.locator("input[type=file]").first.set_input_files(str(path))
            start = time.perf_counter()
            while time.perf_counter() - start < 300:
                peak[0] = max(peak[0], _rss(server.pid))
                if page.get_by_text("Your upload gave").count() or page.get_by_text(
                        "No district could be read").count():
                    break
                time.sleep(0.5)
            settle(page)
            shown = time.perf_counter() - start
            peak[0] = max(peak[0], _rss(server.pid))
            errors = page.get_by_text("MessageSizeError").count()
            context.close()
            browser.close()
        time.sleep(20)  # Streamlit drops a closed session's state after its websocket closes
        after = _rss(server.pid)
    print(f"\napp: {path.name} uploaded in headless Chromium, report shown after {shown:.1f} s,"
          f" MessageSizeError shown: {errors}")
    print(f"  server RSS idle {idle / 2**20:7.0f} MB   peak {peak[0] / 2**20:7.0f} MB   "
          f"after the session {after / 2**20:7.0f} MB   "
          f"(after - idle = {(after - idle) / 2**20:+.0f} MB; goal within 100 MB: "
          f"ratio {(after - idle) / GOAL_RETURN_BYTES:5.2f})")


def _rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--headings", type=int, default=20_000)
    parser.add_argument("--app", action="store_true")
    parser.add_argument("--app-only", action="store_true", help="skip the check figures")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        rows, headings = Path(folder) / "one-column.csv", Path(folder) / "many-headings.csv"
        one_column(rows, args.rows)
        many_headings(headings, args.headings)
        if not args.app_only:
            show(f"{args.rows:,}-row one-column CSV", rows, check(rows))
            show(f"{args.headings:,}-heading CSV", headings, check(headings))
        if args.app or args.app_only:
            app_session(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
