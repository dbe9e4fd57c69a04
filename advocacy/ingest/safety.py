"""Limits and first-look checks on uploaded bytes, before any parser touches them.

Owns the upload limits, the content sniffing that tells a zip from an OLE container from text,
and the guarded unpacking of zip-based workbooks (sizes capped while inflating, XML entity
declarations refused). Never interprets cells; never raises on user data (returns a code).
"""

from __future__ import annotations

import copy
import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

# Limits. An upload is one district's (or one state's) workbook or export: the largest agency
# file in shared/real-data is a 2.3 MB CSV of ~450,000 cells, so these leave ~4-9x room while
# keeping any one hostile file to a few hundred megabytes of memory at worst.
MAX_FILE_BYTES = 20 * 1024 * 1024  # the upload itself
MAX_CELLS = 2_000_000  # grid area (rows x columns) summed over a file's visible sheets
MAX_UNPACKED_BYTES = 128 * 1024 * 1024  # all XML parts of one zip; 2M cells are ~70-90 MB
MAX_ZIP_RATIO = 200  # inflated / compressed for one part; real parts measured 5-37:1
MAX_ZIP_ENTRIES = 5_000
_RATIO_FLOOR = 1024 * 1024  # tiny parts (empty sheets) compress absurdly well and are harmless

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK = 1024 * 1024
# The repacked parts' timestamp: any valid one does, so the first a zip can hold, 1980-01-01.
_DOS_TIME, _DOS_DATE = 0, 0x21
# Parts a spreadsheet reader parses. Images and VBA are never decoded, so they are left out.
_PARSED_SUFFIXES = (".xml", ".rels", ".vml")
_ENTITY_MARKERS = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("ascii", "utf-16-le", "utf-16-be")
)


def sniff(data: bytes) -> str:
    """What the bytes are, whatever the name says: "zip", "cfb", "markup", "pdf", "binary",
    or "text"."""
    if data.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        return "zip"
    if data.startswith(CFB_MAGIC):
        return "cfb"
    if data.startswith(b"%PDF"):
        return "pdf"
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"  # UTF-16, as Excel's "Unicode text" saves
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        return "markup"  # web exports saved as ".xls" and Excel 2003 XML: markup, not cells
    if b"\x00" in head:
        return "binary"
    return "text"


def cfb_is_encrypted(data: bytes) -> bool:
    """A password-protected .xlsx is an OLE container holding an "EncryptionInfo" stream.
    Directory entry names are UTF-16, so a byte search finds it without parsing the container."""
    return "EncryptionInfo".encode("utf-16-le") in data


def has_entity_declarations(xml: bytes) -> bool:
    # Every marker holds a "!" in any of its encodings, and a sheet seldom does: one memchr
    # over most parts. Then "<!" (ASCII) or "<\x00!" (UTF-16, either byte order) narrows it.
    if b"!" not in xml or (b"<!" not in xml and b"<\x00!" not in xml):
        return False
    return any(marker in xml for marker in _ENTITY_MARKERS)


@dataclass(frozen=True, slots=True)
class Unpacked:
    """The parsed parts of a zip workbook, inflated within the limits, and the same parts
    repacked uncompressed so the cell reader sees exactly the bytes that were checked."""

    parts: dict[str, bytes]
    repacked: bytes


def unpack(data: bytes) -> Unpacked | tuple[str, str]:
    """Inflate a zip workbook's XML parts under the limits. Returns ``Unpacked``, or
    ``(code, found)`` for the one Issue the file becomes."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "file.truncated", "a zip archive with no readable directory"
    if not infos:
        return "file.empty", "an empty zip archive"
    if len(infos) > MAX_ZIP_ENTRIES:
        return "file.zip_bomb", f"{len(infos):,} parts in the archive"
    parsed = [info for info in infos if info.filename.lower().endswith(_PARSED_SUFFIXES)]
    declared = sum(info.file_size for info in parsed)
    if declared > MAX_UNPACKED_BYTES:
        return "file.zip_bomb", f"{declared:,} bytes declared when unpacked"
    for info in parsed:
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_ZIP_RATIO * max(
            info.compress_size, 1
        ):
            return "file.zip_bomb", f"{info.filename} compressed {_ratio(info)}:1"
    parts: dict[str, bytes] = {}
    budget = MAX_UNPACKED_BYTES
    for info in parsed:
        result = _inflate(archive, info, budget)
        if isinstance(result, tuple):
            return result
        if has_entity_declarations(result):
            return "file.xml_entities", f"<!DOCTYPE or <!ENTITY in {info.filename}"
        parts[info.filename] = result
        budget -= len(result)
    return Unpacked(parts=parts, repacked=_repack(archive, parts))


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes | tuple:
    # The declared size is the attacker's number: inflate the real deflate stream, but stop
    # one byte past what was declared (or the budget) so a lying header costs nothing.
    if info.flag_bits & 0x1:
        return "file.encrypted", f"{info.filename} is encrypted"
    limit = min(info.file_size, budget)
    probe = copy.copy(info)
    # zipfile checks the CRC as soon as it has produced file_size bytes; leave room for its
    # read-ahead so a lie is seen as "too long", not as a CRC error.
    probe.file_size = limit + _CHUNK
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(probe) as stream:
            while chunk := stream.read(min(_CHUNK, limit + 1 - size)):
                size += len(chunk)
                chunks.append(chunk)
                if size > limit:
                    return "file.zip_bomb", f"{info.filename} unpacks past its declared size"
    except (zipfile.BadZipFile, EOFError, zlib.error, OSError, ValueError):
        return "file.truncated", f"{info.filename} is damaged"
    except NotImplementedError:
        return "file.unsupported", f"{info.filename} uses an unusual zip compression"
    if size != info.file_size:
        return "file.truncated", f"{info.filename} ends early"
    return b"".join(chunks)


def _repack(archive: zipfile.ZipFile, parts: dict[str, bytes]) -> bytes:
    """The parts as a stored (uncompressed) zip: one copy of each, no deflating again."""
    entries = []
    if "mimetype" in archive.namelist():
        with archive.open("mimetype") as stream:
            mimetype = stream.read(200)
        entries.append(("mimetype", mimetype, zlib.crc32(mimetype)))
    # Each part's CRC-32 was checked against the archive's as it was inflated: reused, not
    # computed again.
    crcs = {info.filename: info.CRC for info in archive.infolist()}
    entries.extend((name, content, crcs[name]) for name, content in parts.items())
    return _stored_zip(entries)


def _stored_zip(entries: list[tuple[str, bytes, int]]) -> bytes:
    """A zip archive of (name, content, CRC-32) entries, stored, as zipfile would write it."""
    chunks: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name, content, crc in entries:
        encoded, flags = _encoded_name(name)
        fields = struct.pack(
            "<HHHHHIIIHH", 20, flags, 0, _DOS_TIME, _DOS_DATE, crc, len(content), len(content),
            len(encoded), 0,
        )
        local = b"PK\x03\x04" + fields + encoded
        directory.append(
            b"PK\x01\x02" + struct.pack("<H", 20) + fields
            + struct.pack("<HHHII", 0, 0, 0, 0, offset) + encoded
        )
        chunks += (local, content)
        offset += len(local) + len(content)
    listing = b"".join(directory)
    end = b"PK\x05\x06" + struct.pack(
        "<HHHHIIH", 0, 0, len(entries), len(entries), len(listing), offset, 0
    )
    return b"".join([*chunks, listing, end])


def _encoded_name(name: str) -> tuple[bytes, int]:
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), 0x800  # the "language encoding" flag: names are UTF-8


def _ratio(info: zipfile.ZipInfo) -> str:
    return f"{info.file_size // max(info.compress_size, 1):,}"
