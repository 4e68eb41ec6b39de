"""Render TEI documents as HTML reading-edition pages (XSLT 1.0 run by lxml).

The stylesheets live in ``xslt/`` (found through ``encoder.resources``):
``tei-to-html.xsl`` makes one document page, ``index.xsl`` the edition's
index page. Each is compiled once per process. Transformations run with
``XSLTAccessControl.DENY_ALL``: a stylesheet may not read, write or fetch
anything while it runs (its own ``xsl:include``s are read at compile time,
from the ``xslt/`` folder only).

Any ``xsl:message`` and any libxslt error becomes a ``TransformError`` whose
``messages`` attribute lists what libxslt reported.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final
from urllib.parse import unquote, urlparse

from lxml import etree

from encoder.errors import ResourceError, TransformError
from encoder.resources import xslt_path

__all__ = ["render_html", "render_index", "render_register", "run_stylesheet", "check_param",
           "DOCUMENT_PARAMS", "INDEX_FIELDS"]

DOCUMENT_STYLESHEET: Final = "tei-to-html.xsl"
INDEX_STYLESHEET: Final = "index.xsl"
REGISTER_STYLESHEET: Final = "register.xsl"

#: Parameters of tei-to-html.xsl (documented in xslt/params.xsl).
DOCUMENT_PARAMS: Final = frozenset(
    {"edition-title", "base-url", "page-url", "index-href", "tei-href", "css-href", "pdf-href", "dc-href",
     "csl-href", "datacite-href"}
)

#: Keys an index entry may have (documented in xslt/index.xsl); href and title are required.
INDEX_FIELDS: Final = ("href", "title", "date", "summary", "type", "from", "to", "tei", "id")
_INDEX_REQUIRED: Final = ("href", "title")


class _XsltFolderResolver(etree.Resolver):
    """Let xsl:import/xsl:include read files from the xslt/ folder and nothing else."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self._folder = folder

    def resolve(self, system_url, public_id, context):  # type: ignore[no-untyped-def]
        url = urlparse(system_url)
        if url.scheme not in ("", "file"):
            raise ResourceError(f"stylesheet refers to {system_url!r}, outside xslt/")
        path = Path(unquote(url.path)).resolve()
        if path.parent != self._folder:
            raise ResourceError(f"stylesheet refers to {system_url!r}, outside xslt/")
        return self.resolve_filename(str(path), context)


@functools.cache
def _stylesheet(name: str) -> etree.XSLT:
    """Compile a stylesheet of xslt/ once per process."""
    path = xslt_path(name)
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(_XsltFolderResolver(path.parent.resolve()))
    try:
        doc = etree.parse(str(path), parser)
        return etree.XSLT(doc, access_control=etree.XSLTAccessControl.DENY_ALL)
    except (OSError, etree.XMLSyntaxError, etree.XSLTParseError) as err:
        log = getattr(err, "error_log", None)
        details = [str(e) for e in log] if log else []
        raise ResourceError(
            f"cannot compile stylesheet {name}: {err}" + "".join(f"\n  {d}" for d in details),
            origin=str(path),
            hint="the packaged XSLT is broken; reinstall tei-encoder or fix xslt/",
        ) from err


def run_stylesheet(name: str, doc: etree._ElementTree | etree._Element, params: Mapping[str, str]) -> bytes:
    """Apply a stylesheet; xsl:message output and errors raise TransformError."""
    transform = _stylesheet(name)
    xslt_params = {key: etree.XSLT.strparam(value) for key, value in params.items()}
    try:
        result = transform(doc, **xslt_params)
    except etree.XSLTApplyError as err:
        messages = _messages(transform.error_log) or [str(err)]
        raise _transform_error(name, messages) from err
    messages = _messages(transform.error_log)
    if messages:
        raise _transform_error(name, messages)
    out = bytes(result)
    if not out:
        raise _transform_error(name, ["the stylesheet produced no output"])
    return out


def _messages(log: etree._ListErrorLog) -> list[str]:
    # xsl:message lands in the log as an XSLT-domain ERROR with line 0;
    # runtime errors carry the stylesheet line. Keep both, in order.
    return [entry.message.strip() for entry in log if entry.message.strip()]


def _transform_error(name: str, messages: Sequence[str]) -> TransformError:
    err = TransformError(
        f"{name}: " + "; ".join(messages),
        hint="the TEI input does not fit the render contract (docs/target-seed.xml)",
    )
    err.messages = tuple(messages)  # type: ignore[attr-defined]
    return err


def render_html(
    tree: etree._ElementTree | etree._Element, *, params: dict[str, str] | None = None
) -> bytes:
    """Render one TEI document as a UTF-8 HTML5 page.

    ``params`` are the stylesheet parameters (see ``DOCUMENT_PARAMS``;
    ``edition_title`` is accepted for ``edition-title``). Raises
    ``TransformError`` for an unknown parameter or a failed transformation.
    """
    given: dict[str, str] = {}
    for key, value in (params or {}).items():
        name = key.replace("_", "-")
        if name not in DOCUMENT_PARAMS:
            raise TransformError(
                f"unknown render parameter {key!r}",
                hint="known parameters: " + ", ".join(sorted(DOCUMENT_PARAMS)),
            )
        check_param(key, value)
        given[name] = value
    return run_stylesheet(DOCUMENT_STYLESHEET, tree, given)


# XML 1.0 cannot hold these; libxslt would refuse them with a bare ValueError.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def check_param(key: str, value: object) -> None:
    """A stylesheet parameter is a plain string: passed as a literal (never an XPath), XML-safe.

    Parameters are only ever printed into the page (links, titles); the
    stylesheets never open them, and access control forbids it anyway.
    """
    if not isinstance(value, str):
        raise TransformError(f"render parameter {key!r} must be a string, not {type(value).__name__}")
    bad = _NOT_XML.search(value)
    if bad:
        raise TransformError(f"render parameter {key!r} holds U+{ord(bad.group()):04X}, which XML cannot hold",
                             hint="remove the control character from the value")


def render_index(entries: list[dict[str, str]], *, edition_title: str) -> bytes:
    """Render the edition's index page (UTF-8 HTML5) from a list of documents.

    Each entry is a dict with ``href`` and ``title`` and, optionally,
    ``date`` (ISO 8601), ``summary``, ``type``, ``tei`` (link to the TEI
    file) and ``id`` (the entry's anchor on the page). Empty values count as
    absent; an unknown key raises ``TransformError``. The page lists the
    documents by date (undated last), then title.
    """
    check_param("edition_title", edition_title)
    root = etree.Element("edition", title=edition_title)
    for number, entry in enumerate(entries, start=1):
        unknown = sorted(set(entry) - set(INDEX_FIELDS))
        if unknown:
            raise TransformError(
                f"index entry {number}: unknown field(s) {', '.join(map(repr, unknown))}",
                hint="known fields: " + ", ".join(INDEX_FIELDS),
            )
        missing = [key for key in _INDEX_REQUIRED if not str(entry.get(key) or "").strip()]
        if missing:
            raise TransformError(f"index entry {number}: missing {', '.join(missing)}")
        doc = etree.SubElement(root, "doc")
        for key in INDEX_FIELDS:  # fixed order: deterministic output
            value = entry.get(key)
            if value:
                check_param(f"index entry {number}: {key}", str(value))
                doc.set(key, str(value))
    return run_stylesheet(INDEX_STYLESHEET, etree.ElementTree(root), {"edition-title": edition_title})


def render_register(listing: etree._ElementTree | etree._Element, *, edition_title: str,
                    index_href: str = "index.html") -> bytes:
    """Render one part of a register page of the site (UTF-8 HTML) with xslt/register.xsl.

    ``listing`` (built by ``encoder.site``, described in xslt/register.xsl) is
    either a ``<register-page>`` (its counts and initial letters), which gives
    the page with a marker comment where each group's entries go, or a
    ``<register-entries>`` batch (the TEI entries and the documents and
    passages naming each), which gives those entries' sections alone: an HTML
    fragment, without the doctype. ``index_href`` links the edition's index page.
    """
    check_param("edition_title", edition_title)
    check_param("index_href", index_href)
    root = listing.getroot() if isinstance(listing, etree._ElementTree) else listing
    out = run_stylesheet(REGISTER_STYLESHEET, listing, {"edition-title": edition_title, "index-href": index_href})
    if root.tag != "register-entries":
        return out
    # libxslt's html output puts the doctype before any result, and a line break after it.
    if not (out.startswith(_DOCTYPE) and out.endswith(b"\n")):
        raise _transform_error(REGISTER_STYLESHEET, ["a batch of entries gave no HTML fragment"])
    return out[len(_DOCTYPE):-1]


_DOCTYPE: Final = b"<!DOCTYPE html>\n"
