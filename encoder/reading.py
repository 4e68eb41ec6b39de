"""Read stage: raw bytes -> ``Source`` (decoded, newline-normalised, NFC).

Every later offset points into ``Source.text``, so this is the only place
that changes characters: line endings become LF and the text is put in
Unicode NFC (which changes no character a reader sees). Nothing else is
changed: a character XML cannot hold is refused with its line, never
replaced, so that every accepted text round-trips exactly.

Decoding: a BOM wins (UTF-8, UTF-16, UTF-32); then ``encoding`` if given;
else UTF-8. A file that is not UTF-8 is read as cp1251 or cp1252 only when
its bytes plainly are one of them (see ``_guess_legacy``), with a warning
naming the encoding assumed; otherwise it is refused with the byte offset
and line, and a hint to name the encoding.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from encoder.files import read_regular
from encoder.errors import SourceError
from encoder.model import Source

#: The largest source accepted: one document, not a corpus. 1 MiB is some 500 printed pages (the sample
#: documents are 2-5 KB); it encodes in about 35 s today (benchmarks/large_input.py).
MAX_SOURCE_BYTES: Final = 1024 * 1024

# XML 1.0 allows TAB, LF, CR and everything from U+0020 except surrogates, U+FFFE, U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A visible character: not whitespace and not an invisible format character.
_VISIBLE = re.compile("[^\\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f"
                      "\u202a-\u202e\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0]")

_SAVE_AS_TEXT = "save the document as plain text (.txt) and give that file"
_SIGNATURES: Final = (
    (b"%PDF-", "a PDF file", "extract its text first (e.g. pdftotext FILE.pdf FILE.txt)"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt or .zip file)", _SAVE_AS_TEXT),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office file (.doc)", _SAVE_AS_TEXT),
    (b"{\\rtf", "an RTF file", _SAVE_AS_TEXT),
    (b"\x1f\x8b", "a gzip-compressed file", "uncompress it first"),
    (b"\x89PNG", "a PNG image", "give the text of the document (OCR the image first)"),
    (b"\xff\xd8\xff", "a JPEG image", "give the text of the document (OCR the image first)"),
    (b"GIF8", "a GIF image", "give the text of the document (OCR the image first)"),
    (b"II*\x00", "a TIFF image", "give the text of the document (OCR the image first)"),
    (b"MM\x00*", "a TIFF image", "give the text of the document (OCR the image first)"),
)
_BOMS: Final = (  # UTF-32 first: its little-endian BOM begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY_NAMES: Final = {"cp1251": "Windows Cyrillic", "cp1252": "Windows Western European, which covers Latin-1"}
_HINT_ENCODING: Final = ("name the file's encoding, e.g. --encoding cp1252 (Western European), cp1251 (Cyrillic), "
                         "cp1250 (Central European) or latin-1; or save the file as UTF-8")


@dataclass(frozen=True, slots=True)
class Loaded:
    """A source as read: the ``Source``, the encoding used, and what the reader had to assume."""

    source: Source
    encoding: str
    warnings: tuple[str, ...] = ()


def decode(raw: bytes, *, origin: str, encoding: str | None = None) -> str:
    """Decode bytes: a BOM wins, then the given encoding, else UTF-8 (or a plain cp1251/cp1252)."""
    return _decode(raw, origin, encoding)[0]


def _decode(raw: bytes, origin: str, encoding: str | None) -> tuple[str, str, str | None]:
    """(text, encoding used, warning or None)."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return _strict(raw, codec, origin), codec.replace("-sig", ""), None
    _refuse_known_formats(raw, origin)
    if encoding:
        codec = _codec(encoding, origin)
        return _strict(raw, codec, origin), codec, None
    if b"\x00" in raw[:8192]:
        raise _binary(raw, origin)
    try:
        return raw.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as err:
        guessed = _guess_legacy(raw)
        if guessed is None:
            raise _undecodable(raw, err, "utf-8", origin, damaged_utf8=_utf8_balance(raw) > 0) from None
        text, codec = guessed
        return text, codec, _assumed(raw, text, codec, origin)


def _codec(encoding: str, origin: str) -> str:
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        info = None
    # rot13, base64, hex... are codecs but not text encodings.
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise SourceError(f"unknown encoding {encoding!r}", origin=origin,
                          hint="use a name Python knows, e.g. utf-8, cp1252, cp1251, latin-1")
    return info.name


def _strict(raw: bytes, codec: str, origin: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as err:
        raise _undecodable(raw, err, codec, origin, damaged_utf8=False) from None


def _undecodable(raw: bytes, err: UnicodeDecodeError, codec: str, origin: str, *,
                 damaged_utf8: bool) -> SourceError:
    offset = err.start + (len(raw) - len(err.object))  # err.object may lack a BOM the codec skipped
    line = raw[:offset].decode(codec, "replace").count("\n") + 1
    name = codec.replace("-sig", "")
    if damaged_utf8:
        hint = ("the rest of the file is UTF-8, so this byte is probably damage or a piece pasted from another "
                "encoding: fix the text at that place (or name the file's encoding with --encoding)")
    elif codec == "utf-8":
        hint = _HINT_ENCODING
    elif any(raw.startswith(bom) for bom, _ in _BOMS):
        hint = (f"the file begins with a {name.upper()} byte-order mark but is damaged at that place: "
                "fix the text there, or save the file again as UTF-8")
    else:
        hint = f"the file is not {name}; name the right encoding with --encoding, or save the file as UTF-8"
    return SourceError(f"cannot decode byte 0x{raw[offset]:02x} at offset {offset} as {name}",
                       origin=origin, line=line, hint=hint)


def _refuse_known_formats(raw: bytes, origin: str) -> None:
    for magic, what, hint in _SIGNATURES:
        if raw.startswith(magic):
            raise SourceError(f"this is {what}, not a plain-text file", origin=origin, hint=hint)


def _binary(raw: bytes, origin: str) -> SourceError:
    head = raw[:8192]
    at = head.index(b"\x00")
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if max(even, odd) > len(head) // 3 and min(even, odd) < max(even, odd) // 10:
        # Every other byte is NUL: UTF-16 text that lost its BOM.
        order = "le" if odd > even else "be"
        return SourceError("this looks like UTF-16 text without a byte-order mark", origin=origin,
                           hint=f"pass --encoding utf-16-{order}, or save the file as UTF-8")
    return SourceError("this looks like a binary file, not text", origin=origin,
                       line=raw.count(b"\n", 0, at) + 1,
                       hint="give a plain-text (.txt) file; convert word-processor files to text first")


# ---------------------------------------------------------------- legacy encodings

_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
# Words of Western European languages made of one accented letter ("à", "é", "ó", "ö"...).
_LONE_LETTERS = frozenset("àáâäåèéêíîïòóôöùúûü")


def _utf8_balance(raw: bytes) -> int:
    """Bytes in well-formed UTF-8 multibyte sequences minus the other bytes above 0x7F.

    Positive: the file is UTF-8 with some damage (guessing another encoding
    would garble all the good characters). Negative: not UTF-8 at all.
    """
    in_sequences = sum(len(m) for m in _UTF8_SEQ.findall(raw))
    high = len(raw) - len(raw.translate(None, bytes(range(0x80, 0x100))))
    return in_sequences - (high - in_sequences)


def _guess_legacy(raw: bytes) -> tuple[str, str] | None:
    """(text, codec) when the bytes plainly are cp1251 or cp1252 text; None when unsure.

    The two encodings put different letters on the same bytes: cp1251 puts
    Cyrillic letters there, which come in whole words of high bytes; cp1252
    puts accented Latin letters there, which sit inside words of ASCII
    letters. So a decoding is plausible when every word that holds a
    non-ASCII letter has that form (and a normal letter case: lower, Title
    or UPPER); cp1251 must show at least one Cyrillic word of three letters.
    Latin-1 files decode identically as cp1252 (they differ only on control
    codes text never holds). Other encodings (KOI8-R, cp1250, Greek) mostly
    fail these tests and are refused, with a hint to name the encoding.
    """
    if _utf8_balance(raw) > 0:
        return None
    for codec in ("cp1251", "cp1252"):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausible(text, codec):
            return text, codec
    return None


def _plausible(text: str, codec: str) -> bool:
    good = bad = long_cyrillic = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        shape_ok = word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())
        if codec == "cp1251":
            cyrillic = len(_CYRILLIC.findall(word))
            ok = shape_ok and cyrillic == len(word)
            long_cyrillic += ok and cyrillic >= 3
        else:
            ok = shape_ok and (any(c.isascii() for c in word) or word.lower() in _LONE_LETTERS)
        good += ok
        bad += not ok
    if codec == "cp1251" and not long_cyrillic:
        return False
    return bad <= 0.05 * (good + bad)


def _assumed(raw: bytes, text: str, codec: str, origin: str) -> str:
    at = next(i for i, b in enumerate(raw) if b > 0x7F)  # single-byte codec: byte i is character i
    line = raw.count(b"\n", 0, at) + 1
    sample = text[at]
    for m in _WORD.finditer(text, max(0, at - 40), at + 40):
        if m.start() <= at < m.end():
            sample = m.group()
            break
    return (f"{origin}:{line}: not UTF-8; read as {codec} ({_LEGACY_NAMES[codec]}), e.g. “{sample}”; "
            f"if letters look wrong, rerun with --encoding ENC (or save the file as UTF-8)")


# ---------------------------------------------------------------- normalising

_CHAR_NAMES: Final = {0x00: "NUL", 0x07: "bell", 0x08: "backspace", 0x0B: "vertical tab",
                      0x0C: "form feed, a page break", 0x1A: "end-of-file mark", 0x1B: "escape",
                      0xFFFE: "noncharacter", 0xFFFF: "noncharacter"}


def normalise(text: str, *, origin: str) -> str:
    """LF line endings and NFC; refuse characters XML 1.0 cannot hold (every place is reported)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    bad = _NOT_XML.search(text)
    if bad:
        raise _unstorable(text, bad, origin)
    return text


def _unstorable(text: str, first: re.Match[str], origin: str) -> SourceError:
    code = ord(first.group())
    line = text.count("\n", 0, first.start()) + 1
    column = first.start() - (text.rfind("\n", 0, first.start()) + 1) + 1
    name = _CHAR_NAMES.get(code, "a lone surrogate" if 0xD800 <= code <= 0xDFFF else "a control character")
    lines: list[int] = []
    count, last_pos, last_line = 0, 0, 1
    for m in _NOT_XML.finditer(text):
        count += 1
        last_line += text.count("\n", last_pos, m.start())
        last_pos = m.start()
        if not lines or lines[-1] != last_line:
            lines.append(last_line)
    more = ""
    if count > 1:
        shown = ", ".join(map(str, lines[:6])) + (f" and {len(lines) - 6} more" if len(lines) > 6 else "")
        more = f"; {count} such characters in the file, on line{'s' if len(lines) > 1 else ''} {shown}"
    if code == 0x0C:
        hint = "replace each page break with a blank line, e.g. tr '\\f' '\\n' < IN.txt > OUT.txt"
    elif code == 0x0B:
        hint = "replace each with a line break, e.g. tr '\\v' '\\n' < IN.txt > OUT.txt"
    else:
        hint = "delete it from the source text (it is invisible and is not part of the document)"
    return SourceError(f"character U+{code:04X} ({name}) cannot be stored in XML{more}",
                       origin=origin, line=line, column=column, hint=hint)


# ---------------------------------------------------------------- reading

def load_source(path: str | Path, *, encoding: str | None = None) -> Loaded:
    """Read a source file from disk, with the warnings of reading it."""
    path = Path(path)
    origin = str(path)
    raw = read_regular(path, limit=MAX_SOURCE_BYTES, error=SourceError, what="a text file",
                       too_large=lambda size: _too_large(size, origin))
    return load_bytes(raw, origin=origin, name=path.name, encoding=encoding)


def load_bytes(raw: bytes, *, origin: str = "<stdin>", name: str | None = None,
               encoding: str | None = None) -> Loaded:
    """Decode and normalise raw bytes; refuse empty, binary, oversized or undecodable input."""
    if len(raw) > MAX_SOURCE_BYTES:
        raise _too_large(len(raw), origin)
    text, used, warning = _decode(raw, origin, encoding)
    text = normalise(text, origin=origin)
    if not _VISIBLE.search(text):
        raise SourceError(
            "the file is empty" if not text else "the file holds only whitespace"
            + ("" if not text.strip() else " and invisible characters"),
            origin=origin,
            hint="give a text file that holds the document",
        )
    _refuse_markup(text, origin)
    source = Source(text=text, origin=origin, name=name or origin, sha256=hashlib.sha256(raw).hexdigest())
    return Loaded(source=source, encoding=used, warnings=(warning,) if warning else ())


def _too_large(size: int, origin: str) -> SourceError:
    return SourceError(
        f"the file is {size / 1048576:.1f} MiB; one source may be at most {MAX_SOURCE_BYTES // 1048576} MiB",
        origin=origin, hint="give one document per file (split a collection into its documents)")


_MARKUP = re.compile(r"\A\s*(?:<\?xml\b|<!doctype\s+html\b|<html\b)", re.IGNORECASE)


def _refuse_markup(text: str, origin: str) -> None:
    m = _MARKUP.match(text[:1000])
    if not m:
        return
    if m.group().lstrip().startswith("<?"):
        raise SourceError("this is an XML file, not plain text", origin=origin, line=1,
                          hint="'encode' takes the plain text of a document; check a TEI file with "
                               "'tei-encoder validate'")
    raise SourceError("this is an HTML page, not plain text", origin=origin, line=1,
                      hint="save the page as text (the browser's Save As… Text), or copy its text into a .txt file")


def read_source(path: str | Path, *, encoding: str | None = None) -> Source:
    """Read a source file from disk (its reading warnings: ``load_source``)."""
    return load_source(path, encoding=encoding).source


def source_from_bytes(
    raw: bytes, *, origin: str = "<stdin>", name: str | None = None, encoding: str | None = None
) -> Source:
    """Decode and normalise raw bytes into a ``Source`` (its reading warnings: ``load_bytes``)."""
    return load_bytes(raw, origin=origin, name=name, encoding=encoding).source
