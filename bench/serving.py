"""A real ``streamlit run dashboard.py`` on a free local port, started and waited for until its
health endpoint answers, then stopped: shared by the browser tests (tests/e2e/conftest.py) and
the benchmarks that measure a live server (bench/bench_limits.py). Imports nothing of ours and
nothing outside the standard library, so both sides can use it without importing each other.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(*, start_within: float = 60.0) -> Iterator[tuple[str, subprocess.Popen]]:
    """(base URL, server process) of the app served from this checkout, healthy; the server is
    stopped when the block ends. Raises RuntimeError with its stderr if it never answers."""
    port = free_port()
    # A file, not a pipe: a long session's log would fill a pipe nobody reads and stall the server.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(url, process, start_within, log)
            yield url, process
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_healthy(url: str, process: subprocess.Popen, within: float, log) -> None:
    deadline = time.monotonic() + within
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            process.wait()
            log.seek(0)
            raise RuntimeError("streamlit did not start: " + log.read().decode(errors="replace"))
        time.sleep(0.3)
