"""Building export files on click and keeping their bytes until their inputs change.

Owns which formats the Export page offers, which districts may be exported (errors block only
their own district), and the inputs key each file's bytes are kept under: the district as the
user sees it (data, story, contact, standards) plus the logo's hash. Rendering is
advocacy.exports' job.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from types import ModuleType

from advocacy.app import state
from advocacy.exports import ExportResult, html, packet, pdf, slides, workbook
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
    result = (fmt.module.render(district, logo=logo) if fmt.takes_logo
              else fmt.module.render(district))
    state.set_export(f"{fmt.key}:{district.name}", inputs(district), result)
    return result


def packet_inputs(districts: tuple[District, ...]) -> tuple:
    return tuple(inputs(d) for d in districts)


def kept_packet(kind: str, districts: tuple[District, ...]) -> ExportResult | None:
    return state.export(kind, packet_inputs(districts))


def build_packet(kind: str, districts: tuple[District, ...]) -> ExportResult:
    result = packet.render(districts) if kind == PACKET else packet.zip_of_pdfs(districts)
    state.set_export(kind, packet_inputs(districts), result)
    return result
