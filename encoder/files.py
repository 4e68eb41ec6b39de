"""Writing files whole or not at all."""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from encoder.errors import EncoderError, OutputError


def write_atomic(path: str | Path, data: bytes, *, durable: bool = True) -> None:
    """Write to a temporary file in the same folder, then rename over the target.

    A reader (or a crash, a full disk, Ctrl-C) sees the old file or the new
    one, never a part. The target keeps its permissions; a symbolic link is
    written through. Raises ``OutputError`` when the file cannot be written.

    ``durable`` also flushes the file and its folder to the disk before
    returning (about 5 ms a file here), so that it survives a power cut. A
    build writes the files of its site with ``durable=False`` and calls
    ``sync_all`` once at the end, before it records what it made.
    """
    path = Path(path)
    try:
        if path.is_symlink():
            path = path.resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = _mode_for(path)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise _output_error(path, err) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as err:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(err, OSError):
            raise _output_error(path, err) from None
        raise
    if durable:
        _sync_folder(path.parent)


class AtomicFile:
    """A file being written by ``atomic_writer``: written a part at a time, then renamed over its target."""

    def __init__(self, fh: BinaryIO, temporary: Path) -> None:
        self._fh, self.temporary, self.discarded = fh, temporary, False

    def write(self, data: bytes) -> None:
        self._fh.write(data)

    def flush(self) -> None:
        """Make what was written readable from ``temporary`` (to compare it with the target, say)."""
        self._fh.flush()

    def discard(self) -> None:
        """Leave the target as it is: the new content is thrown away at the end of the block."""
        self.discarded = True


@contextlib.contextmanager
def atomic_writer(path: str | Path, *, durable: bool = True) -> Iterator[AtomicFile]:
    """``write_atomic`` for content made a part at a time (a file larger than memory should hold).

    ``with atomic_writer(path) as f: f.write(part) ...``: the parts go to a
    temporary file in the same folder, renamed over ``path`` at the end of
    the block; an exception in the block, or ``f.discard()``, leaves ``path``
    as it was. Permissions, symbolic links, ``durable`` and errors as for
    ``write_atomic``.
    """
    path = Path(path)
    try:
        if path.is_symlink():
            path = path.resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = _mode_for(path)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise _output_error(path, err) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            writer = AtomicFile(fh, Path(tmp))
            yield writer
            if not writer.discarded and durable:
                fh.flush()
                os.fsync(fh.fileno())
        if writer.discarded:
            os.unlink(tmp)
            return
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as err:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(err, OSError):
            raise _output_error(path, err) from None
        raise
    if durable:
        _sync_folder(path.parent)


def sync_all() -> None:
    """Flush everything written so far to the disk (one call for a whole build's files)."""
    if hasattr(os, "sync"):
        os.sync()


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


@functools.cache
def _umask() -> int:
    # Read once: os.umask can only be read by setting it.
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def _sync_folder(folder: Path) -> None:
    # Make the rename itself durable; not every system lets a folder be opened.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _output_error(path: Path, err: OSError) -> OutputError:
    reason = err.strerror or str(err)
    if isinstance(err, (FileExistsError, NotADirectoryError)):
        # mkdir or open met a file where a folder should be: say which.
        blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        if blocker is not None:
            reason = f"{blocker} is a file, not a folder"
    return OutputError(f"cannot write the file: {reason}", origin=str(path),
                       hint="check that the folder exists, is writable and has free space; "
                            "any previous version of the file is unchanged")


def read_regular(path: Path, *, limit: int, error: type[EncoderError], what: str,
                 too_large: Callable[[int], EncoderError], origin: str | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else is ``error`` with a hint.

    A folder, a pipe or a device (which could block or never end) and an oversized file are
    refused before a byte is read. ``what`` names what the user should give ("a text file").
    """
    origin = origin or str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            raise error("not a regular file", origin=origin, hint=f"give {what}")
        if info.st_size > limit:
            raise too_large(info.st_size)
        return path.read_bytes()
    except FileNotFoundError:
        raise error("file not found", origin=origin, hint="check the path") from None
    except IsADirectoryError:
        raise error("is a folder, not a file", origin=origin, hint=f"give {what} inside it") from None
    except EncoderError:
        raise
    except OSError as err:
        raise error(f"cannot read the file: {err.strerror or err}", origin=origin,
                    hint="check that the file exists and that you may read it") from None
