"""The one exception hierarchy of tei-encoder.

Every error a user can cause is an ``EncoderError``: it says what failed,
where (``origin:line``) and, on a separate line, a hint. The command line
turns it into ``Error: file:line: message`` plus ``hint: ...`` and exit 1.
Validation problems are data (``encoder.validate.Issue``), not exceptions.
"""

from __future__ import annotations


class EncoderError(Exception):
    """Root of all errors the tool reports to a user."""

    def __init__(
        self,
        message: str,
        *,
        origin: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.origin = origin
        self.line = line
        self.column = column
        self.hint = hint

    def where(self) -> str:
        if self.origin is None:
            return ""
        if self.line and self.column:
            return f"{self.origin}:{self.line}:{self.column}: "
        return f"{self.origin}:{self.line}: " if self.line else f"{self.origin}: "

    def describe(self) -> str:
        """One line 'file:line: message', plus 'hint: ...' on the next line."""
        text = f"{self.where()}{self.message}"
        if self.hint:
            text += f"\nhint: {self.hint}"
        return text

    def __str__(self) -> str:
        return f"{self.where()}{self.message}"


class SourceError(EncoderError, ValueError):
    """The source text cannot be read, decoded or understood."""


class MetadataError(EncoderError, ValueError):
    """A metadata sidecar is missing, malformed or lacks a required field."""


class RegisterError(EncoderError, ValueError):
    """A register file (persons, places, organisations) is malformed."""


class ResourceError(EncoderError, OSError):
    """A packaged schema or stylesheet is missing or broken (a packaging bug)."""


class XMLInputError(EncoderError, ValueError):
    """An XML file given to validate or render is not well-formed or is refused."""


class OutputError(EncoderError, OSError):
    """An output file cannot be written (permissions, full disk, a file where a folder should be)."""


class EditedFileError(EncoderError, FileExistsError):
    """The file to be replaced was edited by hand since tei-encoder wrote it (or was never written by it)."""


class InvalidDocument(EncoderError):
    """Raised on request when a TEI document fails validation; carries the report."""

    def __init__(self, message: str, *, report: object, origin: str | None = None) -> None:
        super().__init__(message, origin=origin)
        self.report = report


class TransformError(EncoderError):
    """The XSLT transformation failed."""
