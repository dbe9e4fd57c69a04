"""Logo validation: PNG/JPEG by magic bytes, size and pixel limits, bombs refused unopened."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from advocacy.ingest import images


def picture(kind: str, size=(40, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 110, 105)).save(buffer, format=kind)
    return buffer.getvalue()


def png_header_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge canvas: a decompression bomb's calling card."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def codes(data: bytes, name: str = "logo.png") -> list[tuple[str, str]]:
    issues = []
    images.validate_logo(data, name, issues)
    return [(issue.code, str(issue.at)) for issue in issues]


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_png_and_jpeg_pass_unchanged(kind):
    data = picture(kind)
    issues = []
    assert images.validate_logo(data, "logo", issues) == data
    assert issues == []


@pytest.mark.parametrize(("data", "expected"), [
    (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image.unsupported"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image.unsupported"),
    (b"", "image.unsupported"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "image.unreadable"),
    (png_header_claiming(4097, 4097), "image.too_many_pixels"),
    (png_header_claiming(200_000, 200_000), "image.too_many_pixels"),
    (b"\x89PNG\r\n\x1a\n" + b"\0" * (images.MAX_BYTES + 1), "image.too_large"),
])
def test_bad_logos_are_refused_with_one_located_issue(data, expected):
    assert codes(data) == [(expected, "logo.png")]


def test_a_png_named_jpg_is_judged_by_its_bytes():
    assert codes(picture("PNG"), name="logo.jpg") == []


def test_a_jpeg_with_a_png_name_but_gif_bytes_is_refused():
    gif = picture("GIF")
    assert codes(gif, name="logo.jpeg") == [("image.unsupported", "logo.jpeg")]
