"""Best-of-N wall-clock timing shared by the benchmark scripts (run from this folder's parent
as ``python bench/<script>.py``, which puts this folder on the import path)."""

from __future__ import annotations

import time


def best(function, repeat: int) -> float:
    """The fastest of ``repeat`` calls, in seconds: the run least disturbed by the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)
