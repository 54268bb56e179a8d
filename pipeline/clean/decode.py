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
_FTFY_ASCII_WORK = re.compile(r"[&\x00-\x08\x0b-\x1f\x7f]")  # what ftfy can change in ASCII: entities, controls


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

    `repair=False` is for HTML: it skips ftfy and the space and zero-width
    normalising, which the text extracted from the markup gets anyway at a
    fraction of the cost (the markup is ten times longer; the space pattern
    alone was 0.3 s per 181 pages). Lines are still trimmed: trafilatura's
    choice of the main text depends on it. NUL characters are removed
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
    return normalise_text(text) if repair else _lines(text)


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
        fixed = fix_text(text)
        if fixed == text:
            break
        text = _tidy(fixed)
    return text


def fix_text(text: str) -> str:
    """`ftfy.fix_text(text, normalization="NFC")`, without calling ftfy on the lines it leaves as they are.

    ftfy repairs a text one line at a time (each line with its newline), and in pure ASCII it can only
    change HTML entities and control characters. Two thirds of the lines of news text are ASCII without
    either; skipping them takes 60% off ftfy's time. A text holding "<" goes to ftfy whole: from the
    first line with one on, ftfy stops unescaping entities, a state that crosses lines.
    """
    if "<" in text:
        return ftfy.fix_text(text, normalization="NFC")
    lines = text.split("\n")
    pieces = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        pieces.append(lines[-1])
    return "".join(
        piece if piece.isascii() and not _FTFY_ASCII_WORK.search(piece) else ftfy.fix_text(piece, normalization="NFC")
        for piece in pieces
    )


def _tidy(text: str) -> str:
    return _lines(_SPACES.sub(" ", _ZERO_WIDTH.sub("", text)))


def _lines(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.strip() for line in text.split("\n"))
