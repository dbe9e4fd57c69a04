"""``python -m advocacy``: hands the command line to ``cli.main``. Owns nothing else."""

from __future__ import annotations

import gc
import sys

from advocacy.cli import main

if __name__ == "__main__":
    # A check builds a few hundred thousand small objects that all live until the process
    # ends, so the default collector (every 700 allocations) keeps rescanning them for cycles
    # that are not there: 12-18% of a statewide check, measured by bench/bench_check.py. A
    # rarer first generation, as mypy sets it, keeps collection without the waste.
    gc.set_threshold(200_000, 30, 30)
    sys.exit(main())
