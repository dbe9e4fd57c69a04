"""Server time of a Story-page rerun after editing one story field, with 25 districts uploaded.

Uploads 25 real workbooks (the app's own workbook export of fictional districts) through the
Upload page's st.file_uploader with AppTest, then edits the challenge text repeatedly and times
each rerun. Parsing must not be repeated: load_files is counted. Goal: median under 150 ms.

    python bench/bench_app.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from advocacy import fictional  # noqa: E402
from advocacy.app import sources  # noqa: E402
from advocacy.exports import workbook  # noqa: E402

GOAL_MS = 150.0
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)

    files = [(result.filename, result.data, XLSX)
             for result in (workbook.render(d) for d in fictional.statewide(25))]
    parsed = {"count": 0}
    real_load = sources.load_files

    def counting_load(*a, **k):
        parsed["count"] += 1
        return real_load(*a, **k)

    sources.load_files = counting_load
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
    for run in range(args.runs):
        app.text_area(key=area).input(f"Half of our new teachers left; edit {run}.")
        started = time.perf_counter()
        app.run()
        times.append((time.perf_counter() - started) * 1000)
    assert not app.exception, [e.value for e in app.exception]
    assert app.text_area(key=area).value.endswith(f"edit {args.runs - 1}.")
    assert app.get("iframe"), "the live preview was not drawn"

    median = statistics.median(times)
    print(f"districts uploaded: {len(districts)} (25 files), upload + parse: {upload_s:.2f} s")
    print(f"load_files calls: {parsed['count']} (1 means parsing was not repeated)")
    print(f"story-edit rerun over {args.runs} runs: median {median:.0f} ms, "
          f"min {min(times):.0f} ms, max {max(times):.0f} ms (goal < {GOAL_MS:.0f} ms)")
    return 0 if median < GOAL_MS and parsed["count"] == 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
