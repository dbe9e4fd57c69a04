"""Exports: PDF one-pager, briefing packet, slides, workbook, HTML, and the batch build.

This module owns what every export returns and how files are named. Exports read a validated
District (and metrics, narrative, charts); they never parse uploads.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from advocacy.issues import Issue


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportResult:
    """Bytes of one exported file plus the warnings its build raised (e.g. fitted text)."""

    data: bytes
    filename: str
    mime: str
    warnings: tuple[Issue, ...] = ()


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A district asked for but not built (errors block only their own district), and why."""

    name: str
    reason: str


def left_out(name: str, errors: Sequence[Issue]) -> LeftOut:
    """The reason in words for a presenter: how many errors, and the first one, located."""
    count = len(errors)
    first = f": first, {errors[0].summary[0].lower()}{errors[0].summary[1:]} at {errors[0].at}" \
        if errors else ""
    return LeftOut(name, f"{count} error{'s' * (count != 1)} to fix{first}.")


MIME = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html",
    "zip": "application/zip",
    "png": "image/png",
    "svg": "image/svg+xml",
}


def safe_filename(name: str, extension: str, *, limit: int = 80) -> str:
    """A file name any OS accepts: "Maple Valley USD" → "maple-valley-usd.pdf".

    Accents are folded to ASCII, anything else becomes "-", and an empty result falls back to
    "district", so a hostile name can never traverse directories or hide an extension.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower()[:limit].strip("-")
    if stem in WINDOWS_DEVICES:  # "CON.pdf" opens the console on Windows, whatever follows
        stem += "-district"
    return f"{stem or 'district'}.{extension}"


WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul", "conin", "conout", "clock"}
    | {f"{device}{n}" for device in ("com", "lpt") for n in range(10)}
)
