"""The app at two scales, driven through AppTest (server time of each run):

1. Story-page rerun after editing one story field, with 25 districts uploaded (25 real
   workbooks: the app's own export of fictional districts). Parsing must not be repeated:
   load_files is counted. Goal: median under 150 ms.
2. A national table: one generated NCES-shaped workbook of 18,620 fictional districts
   (``bench_check.nces_table``) uploaded through the Upload page, then every page opened and
   rerun. Goals: upload (parse, check and the Upload page's first run) <= 30 s; every page's
   run after it <= 3 s.

    python bench/bench_app.py [--runs 15] [--rows 18620] [--skip-story] [--skip-national]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from advocacy import fictional  # noqa: E402
from advocacy.app import sources, state  # noqa: E402
from advocacy.exports import workbook  # noqa: E402

GOAL_MS = 150.0
UPLOAD_GOAL_S, PAGE_GOAL_S = 30.0, 3.0
PAGES = ("pages/1_Upload.py", "pages/2_Who_we_are.py", "pages/3_Story.py", "pages/4_Charts.py",
         "pages/5_Export.py", "pages/6_Compare.py", "pages/7_Present.py", "dashboard.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--rows", type=int, default=18_620)
    parser.add_argument("--skip-story", action="store_true")
    parser.add_argument("--skip-national", action="store_true")
    args = parser.parse_args(argv)
    ok = True
    if not args.skip_story:
        ok &= story_bench(args.runs)
    if not args.skip_national:
        ok &= national_bench(args.rows)
    return 0 if ok else 1


def national_bench(rows: int) -> bool:
    """Upload an NCES-shaped table of ``rows`` districts, then time every page."""
    from bench_check import nces_table

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "national.xlsx"
        nces_table(path, rows)
        data = path.read_bytes()
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600).run()
    app.switch_page("pages/1_Upload.py").run()
    started = time.perf_counter()
    app.file_uploader(key="upload.upload").set_value([("national.xlsx", data, XLSX)]).run()
    upload_s = time.perf_counter() - started
    assert not app.exception, [e.value for e in app.exception]
    districts = len(state.loaded_in(app.session_state).districts)
    print(f"\nnational table: {rows:,} rows ({len(data) / 1e6:.1f} MB), {districts:,} districts")
    print(f"  upload (parse + check + Upload page's first run): {upload_s:6.2f} s "
          f"(goal <= {UPLOAD_GOAL_S:.0f} s)")
    worst = 0.0
    for page in PAGES:
        started = time.perf_counter()
        app.switch_page(page).run()
        first = time.perf_counter() - started
        started = time.perf_counter()
        app.run()
        again = time.perf_counter() - started
        assert not app.exception, (page, [e.value for e in app.exception])
        elements = len(app.main.children)  # top-level elements the browser draws
        # The longest list one widget sends the browser (a district picker's names).
        options = max((len(box.options) for box in (*app.selectbox, *app.multiselect)),
                      default=0)
        worst = max(worst, first, again)
        print(f"  {page:24} open {first:5.2f} s, rerun {again:5.2f} s, "
              f"{elements:3} top-level elements, longest list {options:,} options")
    print(f"  slowest page run: {worst:.2f} s (goal <= {PAGE_GOAL_S:.0f} s)")
    return upload_s <= UPLOAD_GOAL_S and worst <= PAGE_GOAL_S


def story_bench(runs: int) -> bool:

    files = [(result.filename, result.data, XLSX)
             for result in (workbook.render(d) for d in fictional.statewide(25))]
    parsed = {"count": 0}
    real_load = sources.load_checked

    def counting_load(*a, **k):
        parsed["count"] += 1
        return real_load(*a, **k)

    sources.load_checked = counting_load
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300).run()
    app.switch_page("pages/1_Upload.py").run()
    started = time.perf_counter()
    app.file_uploader(key="upload.upload").set_value(files).run()
    upload_s = time.perf_counter() - started
    app.switch_page("pages/3_Story.py").run()
    picker = app.selectbox(key="pick.story")
    name, districts = picker.value, picker.options
    area = f"story.challenge.{name}"
    app.text_area(key=area).input("Warm-up edit.").run()  # first run fills the memo

    times = []
    for run in range(runs):
        app.text_area(key=area).input(f"Half of our new teachers left; edit {run}.")
        started = time.perf_counter()
        app.run()
        times.append((time.perf_counter() - started) * 1000)
    assert not app.exception, [e.value for e in app.exception]
    assert app.text_area(key=area).value.endswith(f"edit {runs - 1}.")
    assert app.get("iframe"), "the live preview was not drawn"

    median = statistics.median(times)
    print(f"districts uploaded: {len(districts)} (25 files), upload + parse: {upload_s:.2f} s")
    print(f"load_files calls: {parsed['count']} (1 means parsing was not repeated)")
    print(f"story-edit rerun over {runs} runs: median {median:.0f} ms, "
          f"min {min(times):.0f} ms, max {max(times):.0f} ms (goal < {GOAL_MS:.0f} ms)")
    return median < GOAL_MS and parsed["count"] == 1


if __name__ == "__main__":
    raise SystemExit(main())
