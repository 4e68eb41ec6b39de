"""Read stage: raw bytes -> ``Source`` (decoded, newline-normalised, NFC).

Every later offset points into ``Source.text``, so this is the only place
that changes characters: line endings become LF and the text is put in
Unicode NFC (which changes no character a reader sees).
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from pathlib import Path

from encoder.errors import SourceError
from encoder.model import Source

# XML 1.0 allows TAB, LF, CR and everything from U+0020 except surrogates, U+FFFE, U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def decode(raw: bytes, *, origin: str, encoding: str | None = None) -> str:
    """Decode bytes: a BOM wins, then the given encoding, else UTF-8 (strict)."""
    if raw.startswith(codecs.BOM_UTF8):
        return _decode(raw[3:], "utf-8", origin)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(raw, "utf-16", origin)
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise SourceError(
                f"unknown encoding {encoding!r}",
                origin=origin,
                hint="use a name Python knows, e.g. utf-8, cp1252, cp1251, latin-1",
            ) from None
        return _decode(raw, encoding, origin)
    if b"\x00" in raw[:4096]:
        raise SourceError(
            "this looks like a binary file, not text",
            origin=origin,
            line=raw.count(b"\n", 0, raw.index(b"\x00")) + 1,
            hint="give a plain-text (.txt) file; convert word-processor files to text first",
        )
    return _decode(raw, "utf-8", origin)


def _decode(raw: bytes, encoding: str, origin: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise SourceError(
            f"cannot decode byte 0x{raw[err.start]:02x} at offset {err.start} as {encoding}",
            origin=origin,
            line=line,
            hint="if the file came from Windows, try --encoding cp1252 (or cp1251 for Cyrillic)",
        ) from None


def normalise(text: str, *, origin: str) -> str:
    """LF line endings and NFC; refuse characters XML 1.0 cannot hold."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    bad = _NOT_XML.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise SourceError(
            f"character U+{ord(bad.group()):04X} cannot be stored in XML",
            origin=origin,
            line=line,
            hint="remove the control character from the source text",
        )
    return text


def read_source(path: str | Path, *, encoding: str | None = None) -> Source:
    """Read a source file from disk."""
    path = Path(path)
    origin = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SourceError("file not found", origin=origin, hint="check the path") from None
    except IsADirectoryError:
        raise SourceError("is a folder, not a file", origin=origin,
                          hint="give the text files inside it, or use 'tei-encoder build'") from None
    except OSError as err:
        raise SourceError(f"cannot read the file: {err.strerror}", origin=origin) from None
    return source_from_bytes(raw, origin=origin, name=path.name, encoding=encoding)


def source_from_bytes(
    raw: bytes, *, origin: str = "<stdin>", name: str | None = None, encoding: str | None = None
) -> Source:
    """Decode and normalise raw bytes into a ``Source``; refuse empty input."""
    text = normalise(decode(raw, origin=origin, encoding=encoding), origin=origin)
    if not text.strip():
        raise SourceError(
            "the file is empty" if not text else "the file holds only whitespace",
            origin=origin,
            hint="give a text file that holds the document",
        )
    return Source(
        text=text,
        origin=origin,
        name=name or origin,
        sha256=hashlib.sha256(raw).hexdigest(),
    )
