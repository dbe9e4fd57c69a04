"""The batch build: spreadsheets in, one file per district and format out, plus a report.

Owns loading and checking the given files, naming outputs (``safe_filename`` with "-2", "-3"
for districts whose names fold to the same file name), skipping districts that have errors,
spreading many districts over the machine's cores, and the optional briefing packet and ZIP.
Never raises on user data: what could not be built is listed in the BuildReport with its issues.
Renderers are imported only when a format asks for them, so an HTML-only build never loads Typst.
"""

from __future__ import annotations

import ctypes
import importlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from advocacy.checked import review
from advocacy.exports import LeftOut, document, left_out, safe_filename
from advocacy.exports.atomic import remove_stale_partials, write_atomically
from advocacy.exports.briefing import Front, PacketOptions
from advocacy.issues import Issue
from advocacy.load import LoadResult, load_files
from advocacy.location import Location
from advocacy.model import District

WRITERS = {"pdf": "pdf", "pptx": "slides", "xlsx": "workbook", "html": "html"}
# Below this many files (districts × formats) a process pool costs more to start than it
# saves. Measured on 2 busy cores: 24 PDFs took 0.63 s serial, 0.62 s pooled; 100 PDFs 2.5 s
# vs 1.7 s; 100 districts in all four formats 9.2 s vs 6.8 s.
PARALLEL_FROM = 30
LOG_GROUPS = 12  # states or congressional districts the log names; a national packet has 436
T = TypeVar("T")


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildReport:
    """What a build wrote, what it skipped and why, and every warning it met."""

    written: tuple[Path, ...]
    built: tuple[str, ...]  # districts with every requested file written
    skipped: tuple[tuple[str, tuple[Issue, ...]], ...]  # (district, the errors that block it)
    file_errors: tuple[Issue, ...]  # errors not tied to a district (an unreadable file)
    warnings: tuple[Issue, ...]
    unreviewed: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (district, drafted parts)
    left_out: tuple[LeftOut, ...] = ()  # each skipped district with its reason, in order
    packet: Front | None = None  # what the packet's front pages say, when one was built

    @property
    def ok(self) -> bool:
        return not self.skipped and not self.file_errors

    def lines(self) -> list[str]:
        """The report as plain text lines, for the CLI."""
        out = [f"wrote {path}" for path in self.written]
        out += [f"unreviewed {name}: {', '.join(parts)} (drafts from the data; review before "
                "sharing)" for name, parts in self.unreviewed]
        out += [f"skipped {item.name}: {item.reason}" for item in self.left_out]
        out += _packet_lines(self.packet) if self.packet else []
        out += [issue.line() for _, found in self.skipped for issue in found]
        out += [issue.line() for issue in (*self.file_errors, *self.warnings)]
        return out


def build(paths: Iterable[str | Path], out_dir: str | Path, *,
          formats: Sequence[str] = ("pdf",), packet: bool = False,
          packet_options: PacketOptions | None = None, jobs: int | None = None,
          load: Callable[[list], LoadResult] = load_files) -> BuildReport:
    """Load ``paths`` together, then write every ready district in every format to ``out_dir``.

    ``load`` is how (the CLI passes one that applies --mapping, --district and --state).
    ``packet_options`` sets the packet's cover."""
    unknown = [fmt for fmt in formats if fmt not in WRITERS]
    if unknown:  # a caller's mistake, not user data: the CLI offers only WRITERS
        raise ValueError(f"unknown format(s) {unknown}; choose from {sorted(WRITERS)}")
    result = review(load(list(paths)))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_partials(out)  # hidden partial files a killed build left behind
    ready = [d for d in result.districts if result.ready(d.name)]
    skipped = [(d.name, tuple(i for i in result.for_district(d.name) if i.is_error))
               for d in result.districts if not result.ready(d.name)]
    warnings = [i for i in result.issues if not i.is_error
                and (i.district is None or result.ready(i.district))]
    stems = unique_stems([d.name for d in ready])
    jobs_list = [(district, stem) for district, stem in zip(ready, stems, strict=True)]
    written: list[Path] = []
    built: list[str] = []
    unreviewed: list[tuple[str, tuple[str, ...]]] = []
    for name, paths_written, found, failed, drafts in render_all(jobs_list, tuple(formats), out,
                                                                 jobs):
        written += paths_written
        warnings += [i for i in found if not i.is_error]
        if failed:
            skipped.append((name, tuple(failed)))
        else:
            built.append(name)
            if drafts:
                unreviewed.append((name, drafts))
    file_errors = [i for i in result.issues if i.is_error and i.district is None]
    excluded = tuple(left_out(name, found) for name, found in skipped)
    front = None
    if packet:
        good = [d for d in ready if d.name in built]
        if good:
            files, front = _packet(good, excluded, packet_options, out, warnings, file_errors)
            written += files
    return BuildReport(written=tuple(written), built=tuple(built), skipped=tuple(skipped),
                       file_errors=tuple(file_errors), warnings=tuple(warnings),
                       unreviewed=tuple(unreviewed), left_out=excluded, packet=front)


# The build's own files: a district named "Packet" must not be overwritten by the packet.
RESERVED_STEMS = ("packet", "one-pagers")


def unique_stems(names: Sequence[str]) -> list[str]:
    """File stems per district; names that fold alike get "-2", "-3" in order of appearance."""
    seen: set[str] = set(RESERVED_STEMS)
    stems = []
    for name in names:
        base = safe_filename(name, "x")[:-2]
        stem, number = base, 2
        while stem in seen:
            stem, number = f"{base}-{number}", number + 1
        seen.add(stem)
        stems.append(stem)
    return stems


def render_all(work: Sequence[tuple[District, str]], formats: tuple[str, ...], out: Path,
               jobs: int | None):
    """(district, written paths, warnings, errors) per district, in input order."""
    workers = min(jobs or os.cpu_count() or 1, len(work))
    if workers <= 1 or len(work) * len(formats) < PARALLEL_FROM:
        return [_render_one(district, stem, formats, out) for district, stem in work]
    # Chunks, not one task per district: each task pickles its districts, and renderers
    # warm their imports once per worker process.
    size = -(-len(work) // (workers * 2))
    chunks = [work[start:start + size] for start in range(0, len(work), size)]
    # Not "fork": Typst's compiler keeps threads, and a child forked while one of them holds
    # a lock waits forever (seen with PDF then a pool). A forkserver starts clean workers.
    context = multiprocessing.get_context("forkserver")
    # Workers fork from a server that has already imported the renderers: no per-worker import.
    context.set_forkserver_preload([f"advocacy.exports.{WRITERS[fmt]}" for fmt in formats])
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_die_with, initargs=(os.getpid(),)) as pool:
        done = pool.map(_render_chunk, chunks, [formats] * len(chunks), [out] * len(chunks))
        return [row for chunk in done for row in chunk]


def _die_with(parent: int) -> None:
    """A worker ends when the build that started it ends, even by SIGKILL: otherwise a killed
    build's workers go on writing into --out for minutes."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: our parent is the forkserver
    threading.Thread(target=_watch, args=(parent, os.getppid()), daemon=True).start()


def _watch(build_pid: int, server_pid: int) -> None:
    while True:
        try:
            os.kill(build_pid, 0)
        except OSError:
            os._exit(1)
        if os.getppid() != server_pid:
            os._exit(1)
        time.sleep(0.25)


def _render_chunk(chunk, formats, out):
    return [_render_one(district, stem, formats, out) for district, stem in chunk]


def _render_one(district: District, stem: str, formats: tuple[str, ...], out: Path):
    written, warnings, failed = [], [], []
    doc = document.build(district)  # once: every one-pager format renders the same document
    for fmt in formats:
        module = importlib.import_module(f"advocacy.exports.{WRITERS[fmt]}")
        try:
            if hasattr(module, "render_document"):
                result = module.render_document(doc)
            else:
                result = module.render(district)
        except Exception as error:  # noqa: BLE001 - a bug for one district must not stop the batch
            failed.append(Issue.error("export.failed", at=Location(file=f"{stem}.{fmt}"),
                                      found=f"{type(error).__name__}: {error}",
                                      district=district.name))
            continue
        path = out / f"{stem}.{fmt}"
        write_atomically(path, result.data)
        written.append(path)
        warnings += result.warnings
    # Every format renders the same document, so its warnings (drafts, cut text) come once.
    return district.name, written, list(dict.fromkeys(warnings)), failed, doc.unreviewed


def _packet(districts: list[District], excluded: Sequence[LeftOut],
            options: PacketOptions | None, out: Path, warnings: list[Issue],
            errors: list[Issue]) -> tuple[list[Path], Front | None]:
    """The packet PDF and the ZIP, both rendered from one ``document.packet`` (each one-pager
    is built once), and the packet's front matter for the log; None when no packet was
    written."""
    packet = importlib.import_module("advocacy.exports.packet")
    model = _attempt(lambda: document.packet(districts, options=options, excluded=excluded),
                     "packet.pdf", errors)
    renders = ((lambda: packet.render_document(model), "packet.pdf"),
               (lambda: packet.zip_of_documents(model.pages), "one-pagers.zip")) if model \
        else ((lambda: packet.zip_of_pdfs(districts), "one-pagers.zip"),)
    written = []
    for render, name in renders:
        result = _attempt(render, name, errors)
        if result is None:
            continue
        path = out / name
        write_atomically(path, result.data)
        written.append(path)
        # The packet re-renders each one-pager: its notes repeat the PDFs', so list each once.
        seen = set(warnings)
        warnings += [w for w in result.warnings if w not in seen]
    return written, model.front if model and out / "packet.pdf" in written else None


def _attempt(make: Callable[[], T], name: str, errors: list[Issue]) -> T | None:
    try:
        return make()
    except Exception as error:  # noqa: BLE001 - the one-pagers are written; say what failed
        errors.append(Issue.error("export.failed", at=Location(file=name),
                                  found=f"{type(error).__name__}: {error}"))
        return None


def _packet_lines(front: Front) -> list[str]:
    """What the packet holds, read from the same front matter its pages print."""
    named = [f"{group.label}: {len(group.entries):,}" for group in front.contents]
    rest = len(named) - LOG_GROUPS
    groups = "; ".join(named[:LOG_GROUPS]) + (f"; {rest:,} more groups" if rest > 0 else "")
    held = f"packet: {front.count:,} district{'s' * (front.count != 1)} ({groups})"
    if front.excluded:
        held += f", {len(front.excluded):,} left out (" + \
            ", ".join(item.name for item in front.excluded) + ")"
    return [held, "packet summary: " + "; ".join(f"{label} {value}"
                                                 for label, value in front.summary.tiles)]
