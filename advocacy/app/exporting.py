"""Building export files on click and keeping their bytes until their inputs change.

Owns which formats the Export page offers, which districts may be exported (errors block only
their own district), what the packet holds (the Compare selection, the cover typed on the Export
page, the districts left out and why), and the inputs key each file's bytes are kept under:
the district as the user sees it (data, story, contact, standards) plus the logo's hash.
What the packet says (how many districts, who is left out) is read from ``document.front``,
the front matter the packet PDF prints. Rendering is advocacy.exports' job.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from advocacy import exports
from advocacy.app import state
from advocacy.exports import ExportResult, LeftOut, document, html, packet, pdf, slides, workbook
from advocacy.exports.briefing import Front, PacketOptions
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


def packet_inputs(districts: tuple[District, ...], options: PacketOptions,
                  excluded: tuple[LeftOut, ...]) -> tuple:
    # One tuple of the districts plus the logos' hashes, not a pair per district: with
    # thousands of districts the pairs cost over a second a run (allocation and GC).
    logos = tuple(sorted((name, hashlib.sha256(data).hexdigest())
                         for name, data in state.logos().items()))
    return (districts, logos, options, excluded)


def left_out(names: tuple[str, ...]) -> tuple[LeftOut, ...]:
    """Districts in the selection that errors keep out of the packet, each with its reason."""
    ready = state.ready_names(names)
    return tuple(exports.left_out(name, [i for i in state.issues(name) if i.is_error])
                 for name in names if name not in ready)


def packet_request() -> tuple[tuple[District, ...], PacketOptions, tuple[LeftOut, ...]]:
    """What the packet holds now: the Compare selection's ready districts in its order, the
    cover typed on the Export page, and the districts left out with their reasons."""
    chosen = state.selection()
    ready_names = state.ready_names(chosen)
    # Many districts: one bulk read of the session, not one per district (see state.districts).
    shown = dict(zip(state.names(), state.districts(), strict=True)) if len(chosen) > 50 \
        else None
    ready = tuple(d for d in ((shown.get(n) if shown is not None else state.district(n))
                              for n in chosen if n in ready_names) if d is not None)
    return ready, state.packet_options(), left_out(chosen)


def packet_front(request) -> Front:
    """The packet's cover, summary, contents and left-out list for ``request``, built once per
    change of it (no story is drafted: a front is cheap even for a whole state)."""
    districts, options, excluded = request
    return state.memo(("packet.front", districts, options, excluded),
                      lambda: document.front(districts, options=options, excluded=excluded))


def kept_packet(kind: str, request) -> ExportResult | None:
    return state.export(kind, packet_inputs(*request))


def build_packet(kind: str, request) -> ExportResult:
    districts, options, excluded = request
    result = guarded(lambda: packet.render(districts, options=options, excluded=excluded)
                     if kind == PACKET else packet.zip_of_pdfs(districts),
                     f"the briefing {kind}", None)
    state.set_export(kind, packet_inputs(*request), result)
    return result
