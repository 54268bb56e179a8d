"""Bytes to clean Unicode text: BOMs, legacy encodings, mojibake, line endings.

A page dump may arrive as UTF-8, Windows-1252 or Latin-1, sometimes already
double-decoded ("â€œ" for a curly quote); ftfy repairs the latter.
"""

from __future__ import annotations

import codecs
import re

import ftfy

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
WIDE_BOMS = tuple(bom for bom, name in BOMS if name in ("utf-16", "utf-32"))
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can honestly claim; `reason` is the quarantine reason."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def sniff_encoding(content: bytes) -> str:
    for bom, name in BOMS:
        if content.startswith(bom):
            return name
    try:
        content.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    # cp1252 is a superset of Latin-1's printable range and is what "Latin-1" pages really are
    try:
        content.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


# file signatures of what most often lands in a text dump folder by mistake
SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
    (b"RIFF", "a RIFF media file (WebP, WAV, AVI)"),
)
MAX_BAD_UTF8_SHARE = 0.01  # invalid sequences tolerated (and replaced) in text that is otherwise UTF-8


def what_binary(content: bytes) -> str | None:
    """'a PDF document', 'a PNG image' ... for known file signatures; None otherwise."""
    head = content.lstrip()[:8]
    return next((name for magic, name in SIGNATURES if head.startswith(magic)), None)


def decode_bytes(content: bytes, repair: bool = True) -> str:
    """Decode and normalise; raises DecodeError, with what to do about it, for what is not text.

    `repair=False` skips ftfy, for HTML: repairing the markup costs ten times
    more than repairing the text extracted from it. NUL characters are removed
    (PostgreSQL text cannot hold them; `nul_count` tells how many were).
    """
    if not content.strip():
        raise DecodeError("empty", "empty document: the file has no characters, or only blanks")
    kind = what_binary(content)
    if kind:
        raise DecodeError("binary", f"binary content: this is {kind}, not text; convert it to text or HTML first")
    encoding = sniff_encoding(content)
    if encoding in ("utf-8", "cp1252", "latin-1") and _control_bytes(content) > max(8, len(content) // 50):
        raise DecodeError("binary", "binary content: control bytes no text file holds; is this the right file?")
    loose = content.decode("utf-8", errors="replace") if encoding != "utf-8" else ""
    if loose and _looks_like_broken_utf8(loose):
        bad = loose.count("\ufffd")
        if bad > max(1, len(content) * MAX_BAD_UTF8_SHARE):
            raise DecodeError(
                "invalid_utf8",
                f"invalid UTF-8: {bad} malformed byte sequences in {len(content)} bytes of otherwise UTF-8 text; "
                "the file is damaged or mixes encodings: re-save or re-fetch it as UTF-8",
            )
        encoding = "utf-8"  # a few bad bytes in UTF-8 text: replaced, the rest kept
    text = content.decode(encoding, errors="replace").replace("\x00", "")
    return normalise_text(text) if repair else _tidy(text)


def nul_count(content: bytes) -> int:
    """NUL characters that decoding removes (none in UTF-16/32, where zero bytes are part of the encoding)."""
    if content.startswith(WIDE_BOMS):  # the only way sniff_encoding answers UTF-16/32
        return 0
    return content.count(b"\x00")


def _looks_like_broken_utf8(loose: str) -> bool:
    """Valid multi-byte UTF-8 sequences present (in the bytes decoded as UTF-8 with replacement): UTF-8 with
    damage. Windows-1252 text has none (its accented letters are single bytes, each malformed as UTF-8; a valid
    pair such as "Ã©" appears only in mojibake)."""
    return any(ord(c) > 0x7F and c != "\ufffd" for c in loose)


_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _control_bytes(content: bytes) -> int:
    """Bytes no text file holds (NUL, bell, escape ...); tab, newline and CR are text."""
    sample = content[:65536]
    return len(sample) - len(sample.translate(None, _CONTROL))


def normalise_text(text: str) -> str:
    """Spaces, then ftfy, then spaces again, repeated while ftfy still finds something to repair:
    turning a tab into a space can reveal mojibake that ftfy then repairs."""
    text = _tidy(text)
    for _ in range(3):
        fixed = ftfy.fix_text(text, normalization="NFC")
        if fixed == text:
            break
        text = _tidy(fixed)
    return text


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))
