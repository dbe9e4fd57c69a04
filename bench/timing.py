"""Best-of-N timing shared by the benchmark scripts (run from this folder's parent as
``python bench/<script>.py``, which puts this folder on the import path)."""

from __future__ import annotations

import time
from dataclasses import dataclass


def best(function, repeat: int) -> float:
    """The fastest of ``repeat`` calls, in seconds: the run least disturbed by the machine."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


@dataclass(frozen=True, slots=True)
class Times:
    """Seconds of one piece of work: on the clock, and of this process's CPU."""

    wall: float
    cpu: float


def best_times(function, repeat: int) -> Times:
    """The fastest wall time and the least CPU time of ``repeat`` calls. CPU time is what to
    compare when other work shares the cores: waiting for a core counts only on the clock."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return Times(wall, cpu)
