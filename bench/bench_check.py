"""Benchmark: ``python -m advocacy check --json`` against pandas reading the same workbook.

Owns generating two fictional workbooks in a temporary directory and timing, in one run:
1. a 1,000-district Lakeland workbook in long tables (``fictional.statewide(1000)`` written by
   ``exports.workbook.render_many``): the check in-process (``cli.main``), the check as a
   subprocess (interpreter start and imports included), and
   ``pandas.read_excel(path, sheet_name=None, engine="calamine")``;
2. a national district table the size of the NCES CCD (18,620 rows, CCD/ELSI-like column names,
   names repeated across states and counties as the real one repeats them): the same three, and
   a count of the districts that came back (every row must be its own district).
Prints figures and ratios, in wall time and (what to compare when other work shares the cores)
in CPU time, and where the statewide check's time goes, phase by phase (read sheets, read_sheet,
clean_facts, assemble, review, json; timed inside one real ``cli.main`` run; CPU per phase is the
main thread's, and the read-ahead thread that parses the next sheet has a line of its own).
With ``--profile`` also the top lines of a cProfile of the in-process check. Goals: statewide
check <= 1.5x the calamine read; the national check <= 10 s. All data is fictional. Never
writes outside its temporary directory.

    python bench/bench_check.py [--districts 1000] [--rows 18620] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import inspect
import io
import json
import pstats
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import xlsxwriter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from timing import Times, best_times  # noqa: E402 - bench/ is on the path when run as a script

from advocacy import cli, fictional, load  # noqa: E402 - after the path so it runs from a checkout
from advocacy.exports import workbook  # noqa: E402

CCD_COLUMNS = (
    "Agency Name", "State Name", "Agency ID - NCES Assigned", "County Name",
    "Total Students All Grades (Excludes AE)", "Full-Time Equivalent (FTE) Teachers",
    "Total Number Operational Schools", "Pupil/Teacher Ratio", "English Language Learners",
    "Individualized Education Program Students",
)


def statewide_workbook(path: Path, count: int) -> None:
    path.write_bytes(workbook.render_many(fictional.statewide(count)).data)


STATES = ("Lakeland", "Hill Country", "River Valley", "Prairie", "Coastal Plain")
COMMON = ("Union", "Washington", "Lincoln", "Franklin", "Jefferson", "Albany", "Springfield")


def nces_table(path: Path, rows: int, *, seed: int = 18) -> None:
    """One sheet, one row per fictional district, as an ELSI table export is shaped; about one
    name in thirty is a common one repeated across states and counties."""
    rng = random.Random(seed)
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("ELSI Export")
    sheet.write_row(0, 0, CCD_COLUMNS)
    for row in range(1, rows + 1):
        students = int(rng.lognormvariate(7.5, 1.3)) + 20
        teachers = round(students / rng.uniform(10, 20), 1)
        name = (f"{rng.choice(COMMON)} School District" if row % 30 == 0
                else f"Fictional District {row:05d}")
        sheet.write_row(row, 0, (
            name, STATES[row % len(STATES)], f"99{row:05d}",
            f"Fictional County {row % 90}", students, teachers,
            max(1, students // 450), round(students / teachers, 2),
            int(students * rng.uniform(0, 0.3)), int(students * rng.uniform(0.08, 0.2)),
        ))
    book.close()


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def check_in_process(path: Path) -> int:
    return cli.main(["check", "--json", str(path)], out=io.StringIO())


def districts_found(path: Path) -> int:
    out = io.StringIO()
    cli.main(["check", "--json", str(path)], out=out)
    return len(json.loads(out.getvalue())["districts"])


def check_subprocess(path: Path) -> int:
    done = subprocess.run([sys.executable, "-m", "advocacy", "check", "--json", str(path)],
                          cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          check=False)
    return done.returncode


def pandas_read(path: Path) -> int:
    frames = pd.read_excel(path, sheet_name=None, engine="calamine")
    return sum(len(frame) for frame in frames.values())


def profile(path: Path, lines: int = 15) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(check_in_process, path)
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(lines)
    print(stream.getvalue())


def measure(label: str, path: Path, *, show_profile: bool, repeat: int) -> dict[str, float]:
    """Best of ``repeat`` for the read and the in-process check, alternated, so both see the
    same machine (two cores shared with other work)."""
    size_kb = path.stat().st_size / 1024
    rows = pandas_read(path)
    code = check_in_process(path)
    read, check = Times(float("inf"), float("inf")), Times(float("inf"), float("inf"))
    for _ in range(repeat):
        read = _least(read, best_times(lambda: pandas_read(path), 1))
        check = _least(check, best_times(lambda: check_in_process(path), 1))
    read_s, check_s = read.wall, check.wall
    sub_s, sub_code = timed(lambda: check_subprocess(path))
    print(f"\n{label}: {path.name}, {size_kb:,.0f} KB, {rows:,} data rows (pandas)")
    print(f"  pandas.read_excel(calamine, all sheets) {read_s:8.2f} s")
    print(f"  check --json, in-process (cli.main)     {check_s:8.2f} s  exit {code}  "
          f"ratio check/pandas {check_s / read_s:5.2f}")
    print(f"  check --json, subprocess                {sub_s:8.2f} s  exit {sub_code}  "
          f"ratio {sub_s / read_s:5.2f}")
    print(f"  CPU time: pandas {read.cpu:.2f} s, check in-process {check.cpu:.2f} s, "
          f"ratio check/pandas {check.cpu / read.cpu:5.2f}")
    if show_profile:
        print(f"  cProfile of the in-process check ({label}), top lines by cumulative time:")
        profile(path)
    return {"pandas": read_s, "check": check_s, "subprocess": sub_s,
            "pandas_cpu": read.cpu, "check_cpu": check.cpu}


def _least(one: Times, other: Times) -> Times:
    return Times(min(one.wall, other.wall), min(one.cpu, other.cpu))


# (label, module, name): the functions one check calls, timed where their callers find them.
# Phases nest (read_sheet runs inside load_files), so each "rest of" line is what its enclosing
# phase spent outside the phases listed before it.
PHASES = (
    ("read sheets (safe read, calamine)", load, "each_sheet"),
    ("read_sheet (layouts, records)", load, "read_sheet"),
    ("clean_facts", load, "clean_facts"),
    ("assemble", load, "assemble"),
    ("load_files", cli, "load_files"),
    ("review (checks, story numbers)", cli, "review"),
    ("json (check --json's text)", cli, "check_text"),
)
INSIDE_LOAD = 4  # the first four run inside load_files


def phases(path: Path, repeat: int) -> None:
    """Wall and CPU ms of each phase of the in-process check, from the run of least CPU."""
    runs = [_timed_phases(path) for _ in range(repeat)]
    spent, total, beside = min(runs, key=lambda run: run[1].cpu + run[2])
    inner = [spent.get(label, Times(0.0, 0.0)) for label, _, _ in PHASES[:INSIDE_LOAD]]
    load_times = spent.get(PHASES[INSIDE_LOAD][0], Times(0.0, 0.0))
    rows = [(label, spent[label]) for label, _, _ in PHASES[:INSIDE_LOAD] if label in spent]
    rows.append(("rest of load_files (fold, attribute)", _minus(load_times, *inner)))
    rows += [(label, spent[label]) for label, _, _ in PHASES[INSIDE_LOAD + 1:] if label in spent]
    outer = [load_times, *(spent.get(label, Times(0.0, 0.0))
                           for label, _, _ in PHASES[INSIDE_LOAD + 1:])]
    rows.append(("rest of cli.main (arguments, freeing)", _minus(total, *outer)))
    print(f"  where the in-process check's time goes (least CPU of {repeat}; CPU of the main "
          "thread, and apart from it the sheet parse run beside it):")
    print(f"    {'phase':40s} {'wall ms':>9s} {'CPU ms':>9s}")
    for label, times in [*rows, ("total, main thread", total)]:
        print(f"    {label:40s} {times.wall * 1000:9.1f} {times.cpu * 1000:9.1f}")
    print(f"    {'read-ahead thread (parsing next sheet)':40s} {'':>9s} {beside * 1000:9.1f}")
    print(f"    {'total CPU, both threads':40s} {'':>9s} {(total.cpu + beside) * 1000:9.1f}")
    missing = [name for label, _, name in PHASES if label not in spent]
    if missing:
        print(f"    (not found, so not timed: {', '.join(missing)})")


def _minus(whole: Times, *parts: Times) -> Times:
    return Times(whole.wall - sum(p.wall for p in parts), whole.cpu - sum(p.cpu for p in parts))


def _timed_phases(path: Path) -> tuple[dict[str, Times], Times, float]:
    """Each phase's times, the whole check's (wall, main thread's CPU), and the CPU seconds
    spent on other threads meanwhile (the read-ahead's sheet parse)."""
    spent: dict[str, list[float]] = {}
    originals = []
    for label, module, name in PHASES:
        original = getattr(module, name, None)
        if original is None:
            continue
        originals.append((module, name, original))
        setattr(module, name, _timing(original, spent.setdefault(label, [0.0, 0.0])))
    try:
        start, start_cpu, start_own = time.perf_counter(), time.process_time(), time.thread_time()
        check_in_process(path)
        own = time.thread_time() - start_own
        total = Times(time.perf_counter() - start, own)
        beside = time.process_time() - start_cpu - own
    finally:
        for module, name, original in originals:
            setattr(module, name, original)
    return {label: Times(*sums) for label, sums in spent.items()}, total, beside


def _timing(function, sums: list[float]):
    """``function`` timed on the clock and in this thread's CPU; a generator's time is its
    steps' (each sheet it reads), not the instant it takes to make one."""
    def timed_call(*args, **kwargs):
        start, start_cpu = time.perf_counter(), time.thread_time()
        try:
            result = function(*args, **kwargs)
        finally:
            sums[0] += time.perf_counter() - start
            sums[1] += time.thread_time() - start_cpu
        return _timed_steps(result, sums) if inspect.isgenerator(result) else result
    return timed_call


def _timed_steps(steps, sums: list[float]):
    while True:
        start, start_cpu = time.perf_counter(), time.thread_time()
        try:
            step = next(steps)
        except StopIteration:
            return
        finally:
            sums[0] += time.perf_counter() - start
            sums[1] += time.thread_time() - start_cpu
        yield step


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=18_620)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="best of N (default 3)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        statewide = Path(tmp) / f"lakeland-statewide-{args.districts}.xlsx"
        nces = Path(tmp) / f"nces-{args.rows}.xlsx"
        gen_s, _ = timed(lambda: statewide_workbook(statewide, args.districts))
        nces_s, _ = timed(lambda: nces_table(nces, args.rows))
        print(f"generated {args.districts:,} districts in {gen_s:.2f} s (render_many), "
              f"{args.rows:,}-row NCES table in {nces_s:.2f} s")
        first = measure(f"{args.districts:,} districts, long tables", statewide,
                        show_profile=args.profile, repeat=args.repeat)
        phases(statewide, args.repeat)
        second = measure(f"NCES-sized table, {args.rows:,} rows", nces,
                         show_profile=args.profile, repeat=max(1, args.repeat - 1))
        found = districts_found(nces)
    ratio = first["check"] / first["pandas"]
    print("\ngoals:")
    print(f"  statewide check <= 1.5x calamine read: {ratio <= 1.5}  (ratio {ratio:.2f}: "
          f"{first['check']:.2f} s vs {first['pandas']:.2f} s)")
    cpu_ratio = first["check_cpu"] / first["pandas_cpu"]
    print(f"  the same in CPU time: {cpu_ratio <= 1.5}  (ratio {cpu_ratio:.2f}: "
          f"{first['check_cpu']:.2f} s vs {first['pandas_cpu']:.2f} s)")
    print(f"  national check <= 10 s: {second['check'] <= 10}  ({second['check']:.2f} s "
          f"in-process, {second['subprocess']:.2f} s as a subprocess)")
    print(f"  every national row its own district: {found == args.rows}  "
          f"({found:,} of {args.rows:,})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
