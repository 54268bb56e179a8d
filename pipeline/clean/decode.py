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
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]+")
_ZERO_WIDTH = re.compile(r"[\u200b-\u200d\u2060\ufeff]")


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can honestly claim."""


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


def decode_bytes(content: bytes, repair: bool = True) -> str:
    """Decode and normalise; raises DecodeError for binary data.

    `repair=False` skips ftfy, for HTML: repairing the markup costs ten times
    more than repairing the text extracted from it.
    """
    if not content.strip():
        raise DecodeError("empty document")
    encoding = sniff_encoding(content)
    if encoding in ("utf-8", "cp1252", "latin-1") and _control_bytes(content) > max(8, len(content) // 50):
        raise DecodeError("binary content (control bytes)")
    text = content.decode(encoding, errors="replace")
    return normalise_text(text) if repair else _tidy(text)


def _control_bytes(content: bytes) -> int:
    """Bytes no text file holds (NUL, bell, escape ...); tab, newline and CR are text."""
    sample = content[:65536]
    return sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))


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
