"""The validate stage: a TEI tree -> ``Report`` (project XSD, then Schematron).

The project's own schemas (``schemas/tei-encoder.xsd`` and ``.sch``) define
the subset of TEI the encoder writes; anything they accept is also valid
TEI (tei_all), which the test suite proves. Validation problems are data:
``validate`` never raises for an invalid document; ``Report.raise_if_invalid``
does, on request. Schemas are compiled once per process.
"""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import xmlschema
from lxml import etree, isoschematron

from encoder.errors import InvalidDocument, ResourceError, XMLInputError
from encoder.resources import schema_path
from encoder.safexml import parse_xml, read_xml_bytes, safe_parser

__all__ = ["Issue", "Report", "validate", "validate_file", "xsd_valid"]

XSD_NAME: Final = "tei-encoder.xsd"
SCH_NAME: Final = "tei-encoder.sch"

TEI_NS: Final = "http://www.tei-c.org/ns/1.0"
XML_NS: Final = "http://www.w3.org/XML/1998/namespace"
SVRL_NS: Final = "http://purl.oclc.org/dsdl/svrl"

# Severities and the stage that found an issue.
ERROR: Final = "error"
WARNING: Final = "warning"
RULES: Final = ("wellformed", "xsd", "schematron")


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in a document."""

    severity: str          # "error" | "warning"
    message: str           # what is wrong, in plain words
    line: int | None       # line in the source file, when known
    path: str | None       # element path, e.g. /TEI/text/body/div/p[2]/persName
    rule: str              # "xsd" | "schematron" | "wellformed"
    hint: str | None = None  # how to fix it

    def to_json(self) -> dict[str, Any]:
        return {"severity": self.severity, "message": self.message, "line": self.line,
                "path": self.path, "rule": self.rule, "hint": self.hint}


@dataclass(frozen=True)
class Report:
    """All issues of one document, in document order."""

    origin: str
    issues: tuple[Issue, ...]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not any(i.severity == ERROR for i in self.issues)

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity == ERROR)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity == WARNING)

    def lines(self) -> list[str]:
        """One line per issue: 'origin:line: severity: message [path]'."""
        out = []
        for issue in self.issues:
            where = f"{self.origin}:{issue.line}:" if issue.line else f"{self.origin}:"
            path = f" [{issue.path}]" if issue.path else ""
            out.append(f"{where} {issue.severity}: {issue.message}{path}")
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "origin": self.origin,
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "issues": [i.to_json() for i in self.issues],
        }

    def raise_if_invalid(self) -> None:
        """Raise ``InvalidDocument`` (carrying this report) if there is any error."""
        errors = self.errors
        if not errors:
            return
        first = errors[0]
        where = f"line {first.line}: " if first.line else ""
        err = InvalidDocument(
            f"{len(errors)} validation error(s); first: {where}{first.message}",
            report=self, origin=self.origin,
        )
        err.hint = first.hint
        raise err


# ---------------------------------------------------------------------------
# Public entry points
# ---------------------------------------------------------------------------

def validate(tree: etree._ElementTree | etree._Element, *, origin: str = "<tei>") -> Report:
    """Validate a TEI tree against the project XSD and Schematron; never raises for invalid input.

    The XSD is checked twice over only when it matters: libxml2 (lxml) decides
    whether the document is valid, in well under a millisecond; only when it is
    not does xmlschema read it again, to word the problems for a person (its
    messages name elements and say what was expected). Should xmlschema find
    nothing where libxml2 found a fault, libxml2's own messages are reported.
    """
    doc = _as_tree(tree)
    issues = [] if xsd_valid(doc) else _xsd_issues(doc) or _libxml2_issues(doc)
    issues.extend(_schematron_issues(doc))
    return Report(origin=origin, issues=_in_document_order(issues))


def validate_file(path: str | Path) -> Report:
    """Parse a file safely and validate it; a malformed file gives a 'wellformed' error, not an exception.

    Parsing goes through ``encoder.safexml`` (no DOCTYPE, no entities, no DTD,
    no network). Raises ``XMLInputError`` only when the file cannot be read at all.
    """
    origin = str(path)
    data = read_xml_bytes(path, origin=origin)
    try:
        # collect_ids=False: a duplicate xml:id is reported by the XSD and Schematron, not as a parse error.
        tree = parse_xml(data, origin=origin, collect_ids=False)
    except XMLInputError as err:
        col = f" at column {err.column}" if err.column else ""
        return Report(origin=origin, issues=(Issue(ERROR, f"{err.message}{col}", err.line, None, "wellformed",
                                                   err.hint),))
    return validate(tree, origin=origin)


# ---------------------------------------------------------------------------
# Compiled schemas (once per process)
# ---------------------------------------------------------------------------

@functools.cache
def xsd_schema() -> xmlschema.XMLSchema10:
    """The project XSD, compiled once (about 0.2-0.3 s)."""
    path = schema_path(XSD_NAME)
    try:
        # allow="local": the schema imports only schemas/xml.xsd; never touch the network.
        return xmlschema.XMLSchema10(str(path.resolve()), allow="local")
    except (OSError, xmlschema.XMLSchemaException) as err:
        raise ResourceError(f"cannot load the schema {path}: {err}",
                            hint="reinstall tei-encoder; schemas/ is damaged") from err


@functools.cache
def _fast_xsd() -> etree.XMLSchema:
    """The same project XSD, compiled by libxml2: the fast yes/no check (a few milliseconds to load)."""
    path = schema_path(XSD_NAME)
    try:
        # Our own files (the XSD imports schemas/xml.xsd beside it); still no network, no entities.
        parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
        return etree.XMLSchema(etree.parse(str(path.resolve()), parser))
    except (OSError, etree.LxmlError) as err:
        raise ResourceError(f"cannot load the schema {path}: {err}",
                            hint="reinstall tei-encoder; schemas/ is damaged") from err


@functools.cache
def _svrl_transform() -> etree.XSLT:
    # We run the compiled Schematron XSLT ourselves, so that each call gets its own SVRL
    # report: Schematron.validate() keeps only the last report, on the shared cached object.
    path = schema_path(SCH_NAME)
    try:
        sch_doc = etree.fromstring(Path(path).read_bytes(), safe_parser()).getroottree()
        schematron = isoschematron.Schematron(sch_doc, store_xslt=True)
        return etree.XSLT(schematron.validator_xslt)
    except (OSError, etree.LxmlError) as err:
        raise ResourceError(f"cannot load the Schematron {path}: {err}",
                            hint="reinstall tei-encoder; schemas/ is damaged") from err


# ---------------------------------------------------------------------------
# XSD
# ---------------------------------------------------------------------------

def _xsd_issues(doc: etree._ElementTree) -> list[Issue]:
    issues = []
    for err in xsd_schema().iter_errors(doc):
        message, hint = _xsd_words(err)
        child = getattr(err, "invalid_child", None)
        # A misplaced child is best shown at its own line, not at its parent's start tag.
        if isinstance(child, etree._Element):
            line, path = _line_of(child), f"{err.path}/{_local(child.tag)}" if err.path else None
        else:
            line = _line_of(err.elem) if isinstance(err.elem, etree._Element) else err.sourceline
            path = err.path
        issues.append(Issue(ERROR, message, line, path, "xsd", hint))
    return issues


def xsd_valid(doc: etree._ElementTree) -> bool:
    """The fast verdict on the project XSD: libxml2's, with the one check it misses in memory."""
    return bool(_fast_xsd().validate(doc)) and not _duplicate_ids(doc)


def _duplicate_ids(doc: etree._ElementTree) -> bool:
    """Whether two elements share an xml:id.

    libxml2 checks xs:ID uniqueness against the ID table its parser filled, so
    it misses a duplicate in a tree built or changed in memory; xmlschema does
    not (a disagreement tests/test_validate_agreement.py found).
    """
    ids = doc.xpath("//@xml:id")
    return len(ids) != len(set(ids))


def _libxml2_issues(doc: etree._ElementTree) -> list[Issue]:
    """libxml2's own words, for a fault xmlschema did not report (kept so that no fault goes unsaid)."""
    schema = _fast_xsd()
    schema.validate(doc)
    return [Issue(ERROR, _plain(e.message), e.line or None, e.path or None, "xsd", _HINT_SEED)
            for e in schema.error_log]


_DATE_TYPES = {"w3cDate", "date", "dateTime", "gYear", "gYearMonth"}
_HINT_DATE = "write an ISO date: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss"
_HINT_SEED = "docs/target-seed.xml shows every element tei-encoder may write, in order"


def _xsd_words(err: xmlschema.XMLSchemaValidationError) -> tuple[str, str | None]:
    """Turn an xmlschema error into (message, hint) in plain words with TEI names."""
    reason = _plain(err.reason or err.message)
    elem = _local(err.elem.tag) if isinstance(err.elem, etree._Element) else "element"
    validator_name = _local(getattr(err.validator, "name", None) or "")

    if m := re.match(r"Unexpected child with tag '([^']+)' at position (\d+)\.(?: Tag (.+) expected\.)?", reason):
        tag, pos, expected = m.groups()
        msg = f"<{elem}> may not contain <{tag}> here (child {pos})"
        hint = f"expected here: {_tags(expected)}" if expected else f"remove or move <{tag}>; {_HINT_SEED}"
        return msg, hint
    if m := re.match(r"The content of element '([^']+)' is not complete\.(?: Tag (.+) expected\.)?", reason):
        tag, expected = m.groups()
        missing = f": {_tags(expected)} missing" if expected else ""
        return f"<{tag}> is incomplete{missing}", f"add the missing element; {_HINT_SEED}"
    if m := re.match(r"missing required attribute '([^']+)'", reason):
        return f"<{elem}> lacks the required attribute @{m.group(1)}", f"add @{m.group(1)}"
    if m := re.match(r"'([^']+)' attribute not allowed for element", reason):
        return f"attribute @{m.group(1)} is not allowed on <{elem}>", f"remove it; {_HINT_SEED}"
    if reason.startswith("character data between child elements not allowed"):
        return f"<{elem}> may contain only elements, not text", "move the text into a child element or drop it"
    if m := re.match(r"attribute ([^=]+)='(.*)': duplicated xs:ID value", reason):
        return (f"xml:id \"{m.group(2)}\" is used more than once",
                "give each element its own xml:id (e.g. add a counter suffix)")
    if m := re.match(r"attribute ([^=]+)='(.*)': value must be one of (\[.*\])", reason):
        name, value, allowed = m.groups()
        return f"@{name}=\"{value}\" is not allowed on <{elem}>", f"use one of {allowed}"
    if m := re.match(r"attribute ([^=]+)='(.*)': value doesn't match any pattern", reason):
        name, value = m.groups()
        if "#" in reason:
            return f"@{name}=\"{value}\" on <{elem}> is not a local pointer", 'write "#" and the xml:id, e.g. "#pers_x"'
        return f"@{name}=\"{value}\" on <{elem}> has the wrong form", None
    if m := re.match(r"attribute ([^=]+)='(.*)': invalid value", reason):
        name, value = m.groups()
        if validator_name in _DATE_TYPES:
            return f"@{name}=\"{value}\" on <{elem}> is not a valid date", _HINT_DATE
        kind = f" for {validator_name}" if validator_name else ""
        return f"@{name}=\"{value}\" on <{elem}> is not a valid value{kind}", None
    if m := re.match(r"'([^']+)' is not an element of the schema", reason):
        return (f"<{m.group(1)}> is not a tei-encoder document root",
                f'the root must be <TEI xmlns="{TEI_NS}">')
    return f"<{elem}>: {reason}", None


def _plain(text: str) -> str:
    """Clark names to what a TEI user writes: {tei}p -> p, {xml}id -> xml:id."""
    return text.replace(f"{{{TEI_NS}}}", "").replace(f"{{{XML_NS}}}", "xml:")


def _tags(expected: str) -> str:
    """xmlschema's "'a'" or "('a' | 'b')" -> '<a>' or '<a> or <b>'."""
    names = re.findall(r"'([^']+)'", expected)
    return " or ".join(f"<{n}>" for n in names) if names else expected


# ---------------------------------------------------------------------------
# Schematron
# ---------------------------------------------------------------------------

def _schematron_issues(doc: etree._ElementTree) -> list[Issue]:
    svrl = _svrl_transform()(doc)
    issues = []
    for node in svrl.getroot().iter(f"{{{SVRL_NS}}}failed-assert", f"{{{SVRL_NS}}}successful-report"):
        text = " ".join("".join(node.itertext()).split())
        message, _, hint = text.partition(" Fix: ")
        severity = WARNING if node.get("role") == WARNING else ERROR
        target = _resolve(doc, node.get("location") or "")
        line = _line_of(target)
        path = _readable_path(target) if target is not None else None
        issues.append(Issue(severity, message, line, path, "schematron", hint or None))
    return issues


def _resolve(doc: etree._ElementTree, location: str) -> etree._Element | None:
    """The element an SVRL @location XPath points at (its parent, for an attribute or text)."""
    if not location:
        return None
    try:
        found = doc.xpath(location)
    except etree.XPathError:
        return None
    if not isinstance(found, list) or not found:
        return None
    hit = found[0]
    if isinstance(hit, etree._Element):
        return hit
    parent = getattr(hit, "getparent", None)  # attribute values and text nodes are "smart strings"
    return parent() if parent is not None else None


def _line_of(el: etree._Element | None) -> int | None:
    # Elements added in memory have no line: the nearest ancestor from the file is the best place.
    while el is not None:
        if el.sourceline:
            return int(el.sourceline)
        el = el.getparent()
    return None


def _readable_path(el: etree._Element) -> str:
    """/TEI/text/body/div/p[2]/persName: local names, index only among same-name siblings."""
    steps = []
    node: etree._Element | None = el
    while node is not None:
        if not isinstance(node.tag, str):
            node = node.getparent()
            continue
        name = _local(node.tag)
        parent = node.getparent()
        if parent is not None:
            same = [c for c in parent if c.tag == node.tag]
            if len(same) > 1:
                name += f"[{same.index(node) + 1}]"
        steps.append(name)
        node = parent
    return "/" + "/".join(reversed(steps))


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def _local(tag: str) -> str:
    return _plain(tag).rpartition("}")[2]


def _as_tree(tree: etree._ElementTree | etree._Element) -> etree._ElementTree:
    if isinstance(tree, etree._ElementTree):
        return tree
    if tree.getparent() is None:
        return tree.getroottree()
    # A subtree is validated as a document of its own (the copy keeps source lines).
    return etree.ElementTree(copy.deepcopy(tree))


def _in_document_order(issues: list[Issue]) -> tuple[Issue, ...]:
    # Stable sort: by line (unknown lines last); XSD before Schematron on the same line.
    order = {rule: n for n, rule in enumerate(RULES)}
    return tuple(sorted(issues, key=lambda i: (i.line is None, i.line or 0, order.get(i.rule, 9))))
