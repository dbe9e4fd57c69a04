"""Logo uploads: PNG or JPEG only, within size and pixel limits, safe against decompression bombs.

Owns deciding whether uploaded image bytes may go on a one-pager. The type is decided by magic
bytes, never by the file name; the pixel count is read from the header before anything is
decoded, so an image that would expand to gigabytes is refused without expanding it. Never raises
on user data (problems become Issues), never writes to disk, never resizes or re-encodes.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, UnidentifiedImageError

from advocacy.issues import Issue
from advocacy.location import Location

MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 4096 * 4096  # a print logo never needs more; far below Pillow's bomb threshold
_MAGIC = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


def image_format(data: bytes) -> str | None:
    """ "PNG" or "JPEG" from the first bytes, else None."""
    return next((kind for magic, kind in _MAGIC.items() if data.startswith(magic)), None)


def validate_logo(data: bytes, name: str, issues: list[Issue]) -> bytes | None:
    """The bytes unchanged when they are a readable PNG/JPEG within limits; else None + an Issue."""
    at = Location(file=name or "logo")
    if len(data) > MAX_BYTES:
        issues.append(
            Issue.error(
                "image.too_large",
                at=at,
                found=f"{len(data):,} bytes",
                expected=f"at most {MAX_BYTES // (1024 * 1024)} MB",
                hint="Save the logo at a smaller size",
            )
        )
        return None
    kind = image_format(data)
    if kind is None:
        issues.append(
            Issue.error(
                "image.unsupported",
                at=at,
                found=_describe(data),
                expected="a PNG or JPEG file",
                hint="Export the logo as PNG from your image editor",
            )
        )
        return None
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it; a warning here is a refusal.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[kind]) as image:
                width, height = image.size  # read from the header; nothing decoded yet
                if width * height > MAX_PIXELS:
                    issues.append(_too_many(at, width, height))
                    return None
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        issues.append(
            Issue.error(
                "image.too_many_pixels",
                at=at,
                found="an enormous image",
                expected=f"at most {MAX_PIXELS:,} pixels",
            )
        )
        return None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        issues.append(
            Issue.error(
                "image.unreadable",
                at=at,
                found=type(error).__name__,
                expected=f"a complete {kind} image",
                hint="The file may be damaged; save it again",
            )
        )
        return None
    return data


def _too_many(at: Location, width: int, height: int) -> Issue:
    return Issue.error(
        "image.too_many_pixels",
        at=at,
        found=f"{width:,} × {height:,} pixels",
        expected=f"at most {MAX_PIXELS:,} pixels (e.g. 4096 × 4096)",
        hint="Resize the logo; 1000 pixels wide is plenty for print",
    )


def _describe(data: bytes) -> str:
    if not data:
        return "an empty file"
    head = data[:8]
    return "a file starting " + " ".join(f"{byte:02X}" for byte in head)
