"""Fingerprints of generated TEI: the tool's own output, told apart from a file an editor corrected.

Every TEI file tei-encoder writes carries, on the line after the XML declaration,

    <?tei-encoder fingerprint="sha256:HEX"?>

the SHA-256 of the file's bytes without that line (CRLF counted as LF, so a
checkout that changes line endings is no edit). A processing instruction
before the root element leaves the TEI valid and the text unchanged; the
fingerprint is derived from the content only, so output stays deterministic.

Before a file is replaced, ``check_overwrite`` says whether anything would be
lost: nothing when the file is absent, is untouched generated output, or
already holds exactly the new content; otherwise the file was edited (or was
never written by tei-encoder) and is only replaced on request (``--force``).
"""

from __future__ import annotations

import hashlib
import re
import stat
from pathlib import Path
from typing import Final, Literal

from encoder.errors import EditedFileError, OutputError

State = Literal["generated", "edited", "unstamped"]

PI_TARGET: Final = "tei-encoder"
_PI = re.compile(rb'<\?tei-encoder fingerprint="sha256:([0-9a-f]{64})"\?>\r?\n')
_DECLARATION = re.compile(rb"\A(?:\xef\xbb\xbf)?<\?xml[^>]*\?>\r?\n?")


def digest(content: bytes) -> str:
    """The fingerprint of content (without its fingerprint line)."""
    return hashlib.sha256(content.replace(b"\r\n", b"\n")).hexdigest()


def _split(data: bytes) -> tuple[int, re.Match[bytes] | None]:
    """(where the fingerprint line belongs, the fingerprint line if it is there)."""
    decl = _DECLARATION.match(data)
    at = decl.end() if decl else 0
    return at, _PI.match(data, at)


def unstamp(data: bytes) -> tuple[bytes, str | None]:
    """The content without its fingerprint line, and the fingerprint recorded (or None)."""
    at, pi = _split(data)
    if pi is None:
        return data, None
    return data[:at] + data[pi.end():], pi.group(1).decode("ascii")


def stamp(data: bytes) -> bytes:
    """Serialised XML with its fingerprint line after the XML declaration (idempotent)."""
    content, _ = unstamp(data)
    at, _ = _split(content)
    if at and not content[:at].endswith(b"\n"):
        content = content[:at] + b"\n" + content[at:]
        at += 1
    line = f'<?{PI_TARGET} fingerprint="sha256:{digest(content)}"?>\n'.encode("ascii")
    return content[:at] + line + content[at:]


def state(data: bytes) -> State:
    """'generated' (untouched since written), 'edited' (changed since), 'unstamped' (no fingerprint)."""
    content, recorded = unstamp(data)
    if recorded is None:
        return "unstamped"
    return "generated" if digest(content) == recorded else "edited"


def file_state(path: str | Path) -> State | None:
    """The state of a file on disk; None when there is no such file."""
    try:
        return state(_read(Path(path)))
    except FileNotFoundError:
        return None


def check_overwrite(path: str | Path, new: bytes) -> State | None:
    """None when writing ``new`` over ``path`` loses nothing; else the state that forbids it."""
    try:
        old = _read(Path(path))
    except FileNotFoundError:
        return None
    if not old.strip():
        return None  # an empty file (say, one a power cut left behind) holds nothing to lose
    found = state(old)
    if found == "generated" or digest(unstamp(old)[0]) == digest(unstamp(new)[0]):
        return None
    return found


def guard(path: str | Path, new: bytes, *, force: bool = False, hint: str | None = None) -> None:
    """Raise ``EditedFileError`` unless ``new`` may replace ``path`` (always may with ``force``)."""
    if force:
        return
    found = check_overwrite(path, new)
    if found is not None:
        raise EditedFileError(refusal(found), origin=str(path), hint=hint or
                              "keep your corrections: write the new encoding elsewhere (-o OTHER.xml) and compare; "
                              "to replace this file anyway, rerun with --force")


def refusal(found: State) -> str:
    """Why a file is not replaced, in words."""
    if found == "edited":
        return "the file was edited since tei-encoder wrote it (its fingerprint no longer matches); not overwritten"
    return "the file exists and was not written by tei-encoder (it has no fingerprint); not overwritten"


def _read(path: Path) -> bytes:
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise FileNotFoundError(str(path)) from None  # nothing there to lose
    except OSError as err:
        raise OutputError(f"cannot check the file: {err.strerror or err}", origin=str(path)) from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError("is a folder, not a file", origin=str(path),
                          hint="give a file name, or a folder with several sources")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError("not a regular file", origin=str(path),
                          hint="write to a file, or to standard output with -o -")
    try:
        return path.read_bytes()
    except OSError as err:
        raise OutputError(f"cannot read the file to check it: {err.strerror or err}", origin=str(path),
                          hint="check the file's permissions") from None
