"""The PDF one-pager: a District → two tagged (PDF/UA-1) US-letter pages through Typst.

Owns only the call: the ``OnePager`` (``document``) says what the pages hold, ``typesetting``
turns it into the JSON onepager.typ reads and compiles it. Never parses uploads, never computes
figures, never writes files.
"""

from __future__ import annotations

from advocacy.exports import MIME, ExportResult, document, safe_filename
from advocacy.exports.typesetting import onepager_pdf
from advocacy.model import District


def render(district: District, *, logo: bytes | None = None) -> ExportResult:
    return render_document(document.build(district, logo=logo))


def render_document(doc: document.OnePager) -> ExportResult:
    data, warnings = onepager_pdf(doc)
    return ExportResult(data=data, filename=safe_filename(doc.district.name, "pdf"),
                        mime=MIME["pdf"], warnings=warnings)
