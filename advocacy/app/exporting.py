"""Building export files on click and keeping their bytes until their inputs change.

Owns which formats the Export page offers, which districts may be exported (errors block only
their own district), and the inputs key each file's bytes are kept under: the district as the
user sees it (data, story, contact, standards) plus the logo's hash. Rendering is
advocacy.exports' job.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from advocacy.app import state
from advocacy.exports import ExportResult, html, packet, pdf, slides, workbook
from advocacy.issues import Issue
from advocacy.location import Location
from advocacy.model import District


@dataclass(frozen=True, slots=True)
class Format:
    key: str
    label: str
    module: ModuleType
    takes_logo: bool


FORMATS = (
    Format("pdf", "PDF one-pager", pdf, True),
    Format("slides", "Slides (.pptx)", slides, True),
    Format("workbook", "Workbook (.xlsx)", workbook, False),
    Format("html", "Web page (.html)", html, True),
)
PACKET, ZIP = "packet", "zip"


def inputs(district: District) -> tuple:
    logo = state.logo(district.name)
    return (district, hashlib.sha256(logo).hexdigest() if logo else None)


def kept(fmt: str, district: District) -> ExportResult | None:
    return state.export(f"{fmt}:{district.name}", inputs(district))


def build(fmt: Format, district: District) -> ExportResult:
    logo = state.logo(district.name)
    result = guarded(lambda: (fmt.module.render(district, logo=logo) if fmt.takes_logo
                              else fmt.module.render(district)),
                     f"{fmt.key} for {district.name}", district.name)
    state.set_export(f"{fmt.key}:{district.name}", inputs(district), result)
    return result


def guarded(render: Callable[[], ExportResult], what: str, district: str | None
            ) -> ExportResult:
    """The export, or an empty result whose one issue says which file failed: a renderer's
    bug becomes a located message on the page, never a traceback."""
    try:
        return render()
    except Exception as error:  # noqa: BLE001 - one failed file must not break the page
        issue = Issue.error("export.failed", at=Location(file=what),
                            found=type(error).__name__, district=district)
        return ExportResult(data=b"", filename="", mime="text/plain", warnings=(issue,))


def packet_inputs(districts: tuple[District, ...]) -> tuple:
    return tuple(inputs(d) for d in districts)


def kept_packet(kind: str, districts: tuple[District, ...]) -> ExportResult | None:
    return state.export(kind, packet_inputs(districts))


def build_packet(kind: str, districts: tuple[District, ...]) -> ExportResult:
    result = guarded(lambda: packet.render(districts) if kind == PACKET
                     else packet.zip_of_pdfs(districts), f"the briefing {kind}", None)
    state.set_export(kind, packet_inputs(districts), result)
    return result
