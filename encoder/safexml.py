"""Reading XML that may come from anywhere, safely.

No external entity is resolved, no DTD loaded, nothing fetched from the
network or read from disk while parsing (every external resource goes to a
resolver that refuses it), no entity expanded (so no entity bomb), XInclude
never processed, and a document that declares a DOCTYPE is refused
outright, before it is parsed: TEI needs none.

Use ``safe_parser()`` for any parser of outside XML: libxml2 loads the
external DTD subset whenever ``collect_ids=False`` is set, even with
``load_dtd=False``, unless a resolver stops it.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Final

from lxml import etree

from encoder.files import read_regular
from encoder.errors import XMLInputError

#: The largest XML file read (a generated TEI document is a few hundred KiB).
MAX_XML_BYTES: Final = 64 * 1024 * 1024

# The prolog before the root element: XML declaration, comments, PIs, whitespace; then a DOCTYPE?
# (One whitespace character a step: "(?:\s+|...)*" tried every split of a run of blanks, and a
# file opening with a few dozen of them took minutes.)
_DOCTYPE = re.compile(r"\A(?:\s|<\?.*?\?>|<!--.*?-->)*<!DOCTYPE", re.DOTALL)
_HINT_DOCTYPE: Final = "remove the <!DOCTYPE ...> declaration; TEI needs none"


class _RefuseResolver(etree.Resolver):
    """Answer every request for an external resource (DTD, entity) with nothing."""

    def resolve(self, system_url, public_id, context):  # type: ignore[no-untyped-def]
        return self.resolve_string("", context)


def safe_parser(*, collect_ids: bool = True) -> etree.XMLParser:
    """A parser that reads nothing but the bytes it is given."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             dtd_validation=False, attribute_defaults=False, huge_tree=False,
                             remove_blank_text=False, collect_ids=collect_ids)
    parser.resolvers.add(_RefuseResolver())
    return parser


def _parser() -> etree.XMLParser:
    return safe_parser()


def declares_doctype(data: bytes) -> bool:
    """True when the prolog of an XML document declares a DOCTYPE (in any of the usual encodings)."""
    head = data[:65536]
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):
            text = head.decode(codec, "replace")
            break
    else:
        if head[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
            text = head.decode("utf-16-le" if head[0] else "utf-16-be", "replace")
        else:
            text = head.decode("latin-1")  # ASCII-compatible encodings: the markup is ASCII
    return _DOCTYPE.match(text) is not None


def read_xml_bytes(path: str | Path, *, origin: str | None = None) -> bytes:
    """The bytes of an XML file; errors say what is wrong with the path."""
    origin = origin or str(path)
    return read_regular(Path(path), limit=MAX_XML_BYTES, error=XMLInputError, what="a TEI XML file", origin=origin,
                        too_large=lambda size: XMLInputError(
                            f"the file is {size / 1048576:.0f} MiB; the limit is {MAX_XML_BYTES // 1048576} MiB",
                            origin=origin, hint="give one TEI document per file"))


def parse_xml(source: str | Path | bytes, *, origin: str | None = None,
              collect_ids: bool = True) -> etree._ElementTree:
    """Parse a file (or bytes) into a tree; errors say file:line:column.

    Raises ``XMLInputError`` for an unreadable, empty or malformed file and
    for any DOCTYPE. ``collect_ids=False`` lets a duplicate ``xml:id``
    through, for a validator to report.
    """
    if isinstance(source, bytes):
        data, origin = source, origin or "<bytes>"
    else:
        origin = origin or str(source)
        data = read_xml_bytes(source, origin=origin)
    if not data.strip():
        raise XMLInputError("the file is empty", origin=origin, hint="give a TEI XML file")
    if declares_doctype(data):
        # Refused before parsing: an internal subset can declare entity bombs and external entities.
        raise XMLInputError("the file declares a DOCTYPE, which is refused (it can carry entity attacks)",
                            origin=origin, line=1, hint=_HINT_DOCTYPE)
    try:
        root = etree.fromstring(data, safe_parser(collect_ids=collect_ids), base_url=None)
    except etree.XMLSyntaxError as err:
        line, col = err.position if err.position else (None, None)
        msg = re.sub(r", line \d+, column \d+$", "", err.msg or str(err))
        duplicate = re.match(r"ID (\S+) already defined", msg)
        if duplicate:
            raise XMLInputError(f'xml:id "{duplicate.group(1)}" is used more than once', origin=origin,
                                line=line or None, column=col or None,
                                hint="give each element its own xml:id") from None
        raise XMLInputError(f"not well-formed XML: {msg}", origin=origin, line=line or None, column=col or None,
                            hint="fix the XML at that place (an unclosed tag, a stray '&' or '<')") from None
    except ValueError as err:  # e.g. a str with an encoding declaration; bytes never get here
        raise XMLInputError(f"cannot parse: {err}", origin=origin) from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise XMLInputError("the file declares a DOCTYPE, which is refused (it can carry entity attacks)",
                            origin=origin, line=1, hint=_HINT_DOCTYPE)
    return tree
