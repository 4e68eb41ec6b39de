"""Reading sources: decoding, normalising, refusing what cannot be encoded."""

from __future__ import annotations

import codecs

import pytest

from encoder.errors import SourceError
from encoder.reading import source_from_bytes


@pytest.mark.parametrize(
    "raw, text",
    [
        (b"Baku\r\nMoscow\r\n", "Baku\nMoscow\n"),
        (b"Baku\rMoscow", "Baku\nMoscow"),
        (codecs.BOM_UTF8 + "Tabriz".encode(), "Tabriz"),
        (codecs.BOM_UTF16_LE + "Tabriz".encode("utf-16-le"), "Tabriz"),
        ("Cafe\u0301".encode(), "Café"),  # NFC: the same letters a reader sees
        ("a\u00a0b\u00adc\u200bd".encode(), "a\u00a0b\u00adc\u200bd"),  # kept as they are
    ],
    ids=["crlf", "cr", "utf8-bom", "utf16-bom", "nfc", "invisible-kept"],
)
def test_decoding_and_normalising(raw: bytes, text: str) -> None:
    assert source_from_bytes(raw).text == text


def test_sha256_is_of_the_raw_bytes() -> None:
    import hashlib

    raw = b"Telegram\r\n"
    assert source_from_bytes(raw).sha256 == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize(
    "raw, message, line",
    [
        (b"", "empty", None),
        (b"  \n\t\n", "only whitespace", None),
        (b"ok\nbad \xff byte", "cannot decode byte 0xff at offset 7", 2),
        (b"\x00\x01\x02binary", "binary", 1),
        (b"line one\nline\x07two", "U+0007", 2),
    ],
    ids=["empty", "whitespace", "undecodable", "binary", "control-char"],
)
def test_bad_input_is_refused_with_place_and_hint(raw: bytes, message: str, line: int | None) -> None:
    with pytest.raises(SourceError) as info:
        source_from_bytes(raw, origin="doc.txt")
    err = info.value
    assert message in err.message
    assert err.line == line
    assert err.hint
    assert err.describe().startswith("doc.txt:")


def test_explicit_legacy_encoding() -> None:
    assert source_from_bytes("Привет".encode("cp1251"), encoding="cp1251").text == "Привет"
    with pytest.raises(SourceError, match="unknown encoding"):
        source_from_bytes(b"x", encoding="no-such-codec")
