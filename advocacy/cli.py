"""The command line: ``python -m advocacy check|build|template`` (and hidden ``samples``).

Owns argument parsing, the output of ``check`` (its JSON, a public contract, is written by
``report_json``) and exit codes: 0 no errors, 1 any error (including a missing
file or a skipped district), 2 wrong usage. Never parses spreadsheets or builds exports itself:
it calls ``load``, ``checks``, ``narrative`` and ``exports.build``.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from advocacy import picking
from advocacy.checked import review
from advocacy.ingest.mapping import ColumnMapping
from advocacy.issues import Issue
from advocacy.load import LoadResult, load_files, no_cycle_collection
from advocacy.location import Location
from advocacy.report_json import check_json, strict_json
from advocacy.report_text import check_text

__all__ = ["check_json", "checked", "main", "selected", "strict_json"]

FORMATS = ("pdf", "pptx", "xlsx", "html")

PACKET_OPTIONS = {  # --option → help; each is a packet.PacketOptions field of the same name
    "title": "the packet's title", "subtitle": "a line under the title",
    "event": "the briefing or meeting", "date": "the date shown (YYYY-MM-DD or as written; "
    "default today)", "presenter": "who presents", "organization": "the presenter's "
    "organization", "note": "a short note for the cover",
}


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run one command; returns the exit code (argparse exits 2 itself on wrong usage)."""
    out = out or sys.stdout
    args = _parser().parse_args(argv)
    if args.command == "check":
        return _check(args, out=out)
    if args.command == "build":
        return _build(args, out)
    if args.command == "template":
        from advocacy.exports import workbook
        from advocacy.exports.atomic import write_atomically

        write_atomically(args.path, workbook.template())
        print(f"Wrote the blank template to {args.path}", file=out)
        return 0
    from advocacy import samples

    for path in samples.write_samples(Path(args.dir) if args.dir else samples.SAMPLE_DIR):
        print(f"Wrote {path}", file=out)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m advocacy",
        description="Check district spreadsheets and build advocacy one-pagers.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="{check,build,template}")
    check = sub.add_parser("check", help="load and check files; list every issue")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.add_argument("files", nargs="+", metavar="FILE")
    build = sub.add_parser("build", help="build one-pagers for every ready district")
    build.add_argument("files", nargs="+", metavar="FILE")
    for command in (check, build):
        command.add_argument("--mapping", metavar="FILE",
                             help="a column mapping (JSON, as the app downloads it)")
        command.add_argument("--district", action="append", default=[], metavar="NAME_OR_ID",
                             help="only this district (name, NCES ID or state ID); repeatable")
        command.add_argument("--state", metavar="XX", help="only districts in this state")
    build.add_argument("--out", required=True, metavar="DIR")
    build.add_argument("--format", default="pdf", type=_formats,
                       help="comma-separated: pdf,pptx,xlsx,html (default pdf)")
    build.add_argument("--packet", action="store_true", help="also one briefing-packet PDF")
    cover = build.add_argument_group("packet cover (with --packet)")
    for option, text in PACKET_OPTIONS.items():
        cover.add_argument(f"--{option}", default=None, metavar="TEXT", help=text)
    template = sub.add_parser("template", help="write the blank template workbook")
    template.add_argument("path", metavar="PATH")
    samples = sub.add_parser("samples")  # regenerates sample_data/; for maintainers
    samples.add_argument("--dir", default=None)
    return parser


def _formats(text: str) -> tuple[str, ...]:
    chosen = tuple(part.strip().lower() for part in text.split(",") if part.strip())
    unknown = [part for part in chosen if part not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {','.join(FORMATS)}")
    return chosen


def selected(files: Sequence[object], *, mapping: str | None = None,
             districts: Sequence[str] = (), state: str | None = None) -> LoadResult:
    """Load with the mapping file, if any, and keep the districts asked for; a run that yields
    no district is an error."""
    problems: list[Issue] = []
    column_mapping = read_mapping(mapping, problems) if mapping else None
    result = load_files(files, mapping=column_mapping)
    if problems:
        result = replace(result, issues=(*problems, *result.issues))
    return picking.require_districts(
        picking.pick(result, districts=districts, state=state), files)


def read_mapping(path: str, issues: list[Issue]) -> ColumnMapping | None:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        issues.append(Issue.error("mapping.invalid", at=Location(file=Path(path).name),
                                  found=getattr(error, "strerror", None) or type(error).__name__,
                                  expected="a column mapping file (JSON) that can be read"))
        return None
    return ColumnMapping.from_json(text, issues)


def checked(files: Sequence[object], **options) -> LoadResult:
    """Load, run the cross-field checks, then check each district's story numbers."""
    return review(selected(files, **options))


def _check(args: argparse.Namespace, *, out: TextIO) -> int:
    with no_cycle_collection():  # the checks and the JSON build as many objects as the load
        return _report(args, out)


def _report(args: argparse.Namespace, out: TextIO) -> int:
    result = checked(args.files, mapping=args.mapping, districts=args.district, state=args.state)
    errors = sum(issue.is_error for issue in result.issues)
    if args.json:
        # One line, no indent; pipe through `python -m json.tool` to read it.
        out.write(check_text(result) + "\n")
    else:
        for issue in result.issues:
            print(issue.line(), file=out)
        warnings = len(result.issues) - errors
        print(f"{_plural(len(result.districts), 'district')}, {_plural(errors, 'error')}, "
              f"{_plural(warnings, 'warning')}", file=out)
    return 1 if errors else 0


def _date(text: str | None) -> datetime.date | str | None:
    """An ISO date prints as "March 4, 2026"; anything else is shown as written."""
    try:
        return datetime.date.fromisoformat(text) if text else None
    except ValueError:
        return text


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _build(args: argparse.Namespace, out: TextIO) -> int:
    """Written files, then skipped districts with the errors that block them, then warnings;
    exit 1 when a district was skipped or a file could not be read."""
    from advocacy.exports import build

    options = None
    if args.packet:
        from advocacy.exports.packet import PacketOptions

        fields = {name: getattr(args, name) for name in PACKET_OPTIONS}
        fields["date"] = _date(fields["date"])
        options = PacketOptions(**fields)
    report = build.build([Path(f) for f in args.files], Path(args.out), formats=args.format,
                         packet=args.packet, packet_options=options,
                         load=lambda files: selected(files, mapping=args.mapping,
                                                     districts=args.district, state=args.state))
    for line in report.lines():
        print(line, file=out)
    print(f"{_plural(len(report.built), 'district')} built, {len(report.skipped)} skipped",
          file=out)
    return 0 if report.ok else 1
