"""Whole files or none: how every export gets its name in an output folder.

Owns the rule that a build killed at any moment (even by SIGKILL, which no handler sees) leaves
each output either absent, as it was, or whole, never half-written under any name. On Linux the
bytes go into an unnamed file in the target folder (O_TMPFILE) that is given its name only once
complete: a link to the final name when it is new, else a link to a hidden name renamed over the
old file. Elsewhere (another OS, or a filesystem without O_TMPFILE) they go to a hidden
``.NAME.PID.partial`` file renamed when complete, and the next build removes the partial files
of builds that are no longer running. Imports nothing of ours.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
from pathlib import Path

# ".maple-valley.pdf.4242.partial"; ".maple-valley.pdf.partial" is what older builds left.
_PARTIAL = re.compile(r"^\.(?P<name>.+?)(?:\.(?P<pid>\d+))?\.partial$")
# How a kernel or filesystem without O_TMPFILE refuses it: EOPNOTSUPP from the filesystem,
# EISDIR from kernels before 3.11 (the flag includes O_DIRECTORY), EINVAL from some FUSE mounts.
_NO_TMPFILE = {errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL}


def write_atomically(path: str | os.PathLike, data: bytes) -> None:
    """Give ``path`` the bytes ``data`` so that no moment exists at which it, or any other
    name in its folder, holds only part of them."""
    target = Path(path)
    folder = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        unnamed = _unnamed_file(folder)
        if unnamed is None:
            _via_partial(target, data)
            return
        try:
            _write_all(unnamed, data)
            _give_name(unnamed, folder, target.name)
        finally:
            os.close(unnamed)
    finally:
        os.close(folder)


def remove_stale_partials(folder: str | os.PathLike) -> list[Path]:
    """Remove the hidden partial files that builds no longer running left in ``folder`` (the
    fallback path's, when a build was killed mid-write); returns what was removed."""
    removed = []
    for entry in Path(folder).iterdir():
        match = _PARTIAL.match(entry.name)
        if match and entry.is_file() and not _running(match["pid"]):
            entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed


def partial_name(name: str) -> str:
    """The hidden name this process writes ``name`` under before the rename."""
    return f".{name}.{os.getpid()}.partial"


def _unnamed_file(folder: int) -> int | None:
    flag = getattr(os, "O_TMPFILE", None)
    # Naming the file goes through /proc/self/fd (linkat with AT_EMPTY_PATH needs a capability).
    if flag is None or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(".", flag | os.O_WRONLY, 0o666, dir_fd=folder)
    except OSError as error:
        if error.errno in _NO_TMPFILE:
            return None
        raise


def _give_name(unnamed: int, folder: int, name: str) -> None:
    source = f"/proc/self/fd/{unnamed}"
    # A destination folder descriptor makes Python call linkat(..., AT_SYMLINK_FOLLOW), which
    # links the open file itself; plain link() would try to link the /proc symlink.
    try:
        os.link(source, name, dst_dir_fd=folder)
        return
    except FileExistsError:
        pass
    # link() never replaces a name, so an existing file is replaced by a rename from a hidden
    # name: that file is already whole, and the next build removes it if a kill came between.
    hidden = partial_name(name)
    with contextlib.suppress(FileNotFoundError):  # left by an earlier process with our pid
        os.unlink(hidden, dir_fd=folder)
    os.link(source, hidden, dst_dir_fd=folder)
    os.replace(hidden, name, src_dir_fd=folder, dst_dir_fd=folder)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view):]


def _via_partial(target: Path, data: bytes) -> None:
    partial = target.with_name(partial_name(target.name))
    try:
        partial.write_bytes(data)
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _running(pid: str | None) -> bool:
    if pid is None:
        return False  # the pid-less name of older builds, which wrote no pid
    if int(pid) == os.getpid():
        return True
    if os.name != "posix":
        # Windows' os.kill terminates the process it is given, so there is no probe: keep.
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's running process
    return True
