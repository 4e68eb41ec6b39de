"""Where the packaged schemas and stylesheets live: the only module that knows."""

from __future__ import annotations

import functools
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT_DIR = _PACKAGE_DIR.parent


@functools.cache
def _base(kind: str) -> Path:
    # A wheel carries schemas/ and xslt/ under encoder/_data; a source checkout
    # (or an editable install) has them at the top level beside encoder/.
    for candidate in (_PACKAGE_DIR / "_data" / kind, _CHECKOUT_DIR / kind):
        if candidate.is_dir():
            return candidate
    from encoder.errors import ResourceError

    raise ResourceError(
        f"packaged folder {kind!r} not found",
        hint="reinstall tei-encoder; the wheel should carry schemas/ and xslt/",
    )


def schema_path(name: str) -> Path:
    """Path of a file in schemas/ (e.g. 'tei-encoder.xsd')."""
    return _base("schemas") / name


def xslt_path(name: str) -> Path:
    """Path of a file in xslt/ (e.g. 'tei-to-html.xsl')."""
    return _base("xslt") / name
