"""The validate stage and the project schemas (tei-encoder.xsd, tei-encoder.sch).

The contract is docs/target-seed.xml. It must pass our XSD, our Schematron and the
official tei_all; every small mutation of it must be caught by the rule meant to
catch it; and whatever our XSD accepts, tei_all must accept too (our schema is a
strict subset of TEI).

Run ``python tests/test_validate.py`` to print how long the schemas take to load.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from encoder.errors import InvalidDocument
from encoder.validate import Issue, Report, validate, validate_file, xsd_schema

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "docs" / "target-seed.xml"

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"tei": TEI_NS}
# The register kind each name element points to (the Schematron's rule).
REGISTER = {"persName": ("listPerson", "person"), "placeName": ("listPlace", "place"),
            "orgName": ("listOrg", "org"), "repository": ("listOrg", "org")}


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

def target() -> etree._ElementTree:
    """A fresh parse of the target (mutations must not leak between tests)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, collect_ids=False)
    return etree.parse(str(TARGET), parser)


def one(tree: etree._ElementTree, xpath: str) -> etree._Element:
    found = tree.xpath(xpath, namespaces=NS)
    assert found, f"test setup: {xpath} matches nothing in the target"
    return found[0]


def tei(local: str) -> str:
    return f"{{{TEI_NS}}}{local}"


def el(local: str, text: str | None = None, **attrs: str) -> etree._Element:
    node = etree.Element(tei(local), {k.replace("xml_id", XML_ID): v for k, v in attrs.items()})
    node.text = text
    return node


def complete_registers(tree: etree._ElementTree) -> etree._ElementTree:
    """Add a stub register entry for every name @ref that points nowhere.

    The target's standOff is abridged (one or two entries per list), while a real
    edition carries every entry it points to; this turns the target into that.
    """
    ids = set(tree.xpath("//@xml:id"))
    stand_off = one(tree, "/tei:TEI/tei:standOff")
    for node in tree.xpath("//tei:persName[@ref] | //tei:placeName[@ref] | //tei:orgName[@ref]"
                           " | //tei:repository[@ref]", namespaces=NS):
        key = node.get("ref")[1:]
        if key in ids:
            continue
        list_name, entry_name = REGISTER[etree.QName(node).localname]
        lst = stand_off.find(tei(list_name))
        if lst is None:
            lst = etree.SubElement(stand_off, tei(list_name))
        entry = etree.SubElement(lst, tei(entry_name), {XML_ID: key})
        name_el = "persName" if entry_name == "person" else f"{entry_name}Name"
        etree.SubElement(entry, tei(name_el), type="reg").text = node.xpath("string()") or key
        ids.add(key)
    order = ["listPerson", "listPlace", "listOrg"]
    stand_off[:] = sorted(stand_off, key=lambda e: order.index(etree.QName(e).localname))
    return tree


def issues_of(report: Report, rule: str, severity: str = "error") -> list[Issue]:
    return [i for i in report.issues if i.rule == rule and i.severity == severity]


def describe(report: Report) -> str:
    return "\n".join(report.lines()) or "(no issues)"


# ---------------------------------------------------------------------------
# The target
# ---------------------------------------------------------------------------

def test_target_passes_the_xsd() -> None:
    report = validate(target(), origin=TARGET.name)
    assert not issues_of(report, "xsd"), describe(report)


@pytest.mark.xfail(
    strict=True,
    reason="docs/target-seed.xml abridges its standOff: 15 register ids that names point to "
           "(pers_molotov, place_baku, org_rgaspi's neighbours...) are missing. Remove this "
           "marker once the target lists every entry it points to.",
)
def test_target_is_valid() -> None:
    report = validate_file(TARGET)
    assert report.ok, describe(report)


def test_target_errors_are_only_the_abridged_registers() -> None:
    report = validate(target(), origin=TARGET.name)
    others = [i for i in report.errors if "points to nothing" not in i.message]
    assert not others, describe(report)


def test_target_with_complete_registers_is_valid() -> None:
    report = validate(complete_registers(target()), origin=TARGET.name)
    assert report.ok, describe(report)
    # The only warning is the register entry nothing points to (place_kerej).
    assert [w.message for w in report.warnings] == [
        'place "place_kerej" is in the register but nothing points to it.'
    ], describe(report)


def test_target_is_valid_tei_all(tei_all: etree.RelaxNG) -> None:
    assert tei_all.validate(target()), str(tei_all.error_log)


# ---------------------------------------------------------------------------
# Mutations: each must be caught by the rule meant for it
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Mutation:
    name: str
    apply: Callable[[etree._ElementTree], None]
    rule: str          # xsd | schematron
    expect: str        # a piece of the expected message
    severity: str = "error"


def _set(xpath: str, attr: str, value: str) -> Callable[[etree._ElementTree], None]:
    return lambda t: one(t, xpath).set(attr, value)


def _empty(xpath: str) -> Callable[[etree._ElementTree], None]:
    def apply(t: etree._ElementTree) -> None:
        node = one(t, xpath)
        node.text = None
        for child in list(node):
            node.remove(child)
    return apply


def _append_text(xpath: str, text: str) -> Callable[[etree._ElementTree], None]:
    def apply(t: etree._ElementTree) -> None:
        node = one(t, xpath)
        node.text = (node.text or "") + text
    return apply


def _insert_child(xpath: str, child: Callable[[], etree._Element], index: int = 0
                  ) -> Callable[[etree._ElementTree], None]:
    return lambda t: one(t, xpath).insert(index, child())


def _move_after(xpath: str, anchor: str) -> Callable[[etree._ElementTree], None]:
    return lambda t: one(t, anchor).addnext(one(t, xpath))


def _move_before(xpath: str, anchor: str) -> Callable[[etree._ElementTree], None]:
    return lambda t: one(t, anchor).addprevious(one(t, xpath))


def _roleName_outside(t: etree._ElementTree) -> None:
    p1 = one(t, "//tei:p[@xml:id='p1']")
    role = el("roleName", "Cde.", type="honorific")
    role.tail = " "
    p1.insert(0, role)


def _two_sent(t: etree._ElementTree) -> None:
    sent = one(t, "//tei:correspAction[@type='sent']")
    sent.addnext(copy.deepcopy(sent))


P1, P2, P3 = ("//tei:p[@xml:id='p1']", "//tei:p[@xml:id='p2']", "//tei:p[@xml:id='p3']")
BODY_PERS = "//tei:text//tei:persName[@ref='#pers_zagirnia']"

MUTATIONS = [
    # pointers and ids
    Mutation("dangling-ref", _set(BODY_PERS, "ref", "#pers_nobody"), "schematron",
             'persName/@ref="#pers_nobody" points to nothing'),
    Mutation("ref-wrong-kind", _set("//tei:text//tei:placeName[@ref='#place_rezayeh']", "ref", "#pers_stalin"),
             "schematron", "not to a place"),
    Mutation("repository-ref-dangling", _set("//tei:repository", "ref", "#org_nowhere"), "schematron",
             'repository/@ref="#org_nowhere" points to nothing'),
    Mutation("ref-not-a-pointer", _set(BODY_PERS, "ref", "pers_zagirnia"), "xsd", "is not a local pointer"),
    Mutation("resp-not-respStmt", _set("//tei:supplied", "resp", "#p1"), "schematron",
             "does not point to a respStmt"),
    Mutation("who-dangling", _set("//tei:change", "who", "#resp_nobody"), "schematron",
             "does not point to a respStmt"),
    Mutation("calendar-dangling", _set("//tei:dateline/tei:date", "calendar", "#cal_nowhere"), "schematron",
             "does not point to a calendar"),
    Mutation("source-not-bibl", _set("//tei:abstract", "source", "#p1"), "schematron",
             "does not point to a source description"),
    Mutation("catRef-target-missing", _set("//tei:catRef", "target", "#doctype_letter"), "schematron",
             "is not a category of the taxonomy"),
    Mutation("duplicate-id-xsd", _set(P2, XML_ID, "p1"), "xsd", 'xml:id "p1" is used more than once'),
    Mutation("duplicate-id-schematron", _set(P2, XML_ID, "p1"), "schematron", 'xml:id "p1" is used 2 times'),
    # dates
    Mutation("bad-date-month", _set("//tei:p//tei:date", "when", "1945-13-20"), "xsd", "is not a valid date"),
    Mutation("bad-date-words", _set("//tei:creation/tei:date", "when", "21 Nov 1945"), "xsd",
             "is not a valid date"),
    Mutation("sent-date-differs", _set("//tei:correspAction[@type='sent']/tei:date", "when", "1945-11-22"),
             "schematron", "differs from the creation date"),
    Mutation("bibl-date-differs", _set("//tei:sourceDesc/tei:bibl/tei:date", "when", "1946-11-21"),
             "schematron", "differs from the document date", "warning"),
    Mutation("dateline-date-differs", _set("//tei:dateline/tei:date", "when", "1945-11-02"), "schematron",
             "differs from the creation date", "warning"),
    Mutation("date-far-from-document", _set(P1 + "/tei:date", "when", "1995-11-20"), "schematron",
             "more than 10 years from the document date", "warning"),
    Mutation("when-with-from", _set(P1 + "/tei:date", "from", "1945-11-19"), "schematron",
             "@when together with"),
    Mutation("from-after-to", lambda t: one(t, P1 + "/tei:date").attrib.update(
        {"from": "1945-11-20", "to": "1945-11-19"}) or one(t, P1 + "/tei:date").attrib.pop("when"),
        "schematron", "is later than @to"),
    # content
    Mutation("empty-persName", _empty(BODY_PERS), "schematron", "Empty <persName>"),
    Mutation("empty-p", _empty(P2), "schematron", "Empty <p>"),
    Mutation("empty-idno", _empty("//tei:idno[@type='delo']"), "schematron", "Empty <idno>"),
    Mutation("num-value-mismatch", _set("//tei:num[@value='5000']", "value", "500"), "schematron",
             'num/@value="500" does not match its text "5,000"'),
    Mutation("num-value-not-a-number", _set("//tei:num[@value='5000']", "value", "5,000"), "xsd",
             "is not a valid value"),
    Mutation("roleName-outside-persName", _roleName_outside, "schematron", "stands outside a persName"),
    Mutation("literal-bracket", _append_text(P2, " [illegible] "), "schematron",
             "Literal square bracket in <p>", "warning"),
    Mutation("web-furniture", _append_text(P3, "Skip to content"), "schematron", "Web-page furniture"),
    Mutation("two-sent-actions", _two_sent, "schematron", 'correspAction type="sent"'),
    Mutation("sub-title-first", _insert_child("//tei:titleStmt", lambda: el("title", "Sub", type="sub")),
             "schematron", "The first title in titleStmt"),
    # structure
    Mutation("unknown-element", _insert_child(P1, lambda: el("hi", "x")), "xsd", "may not contain <hi>"),
    Mutation("unknown-attribute", _set(P1, "rend", "bold"), "xsd", "@rend is not allowed on <p>"),
    Mutation("closed-value-list", _set("//tei:roleName", "type", "title"), "xsd",
             '@type="title" is not allowed on <roleName>'),
    Mutation("seg-type-missing", lambda t: one(t, "//tei:seg").attrib.pop("type"), "xsd",
             "lacks the required attribute @type"),
    Mutation("header-order", _move_before("//tei:profileDesc", "//tei:encodingDesc"), "xsd",
             "<teiHeader> may not contain <encodingDesc> here"),
    Mutation("fileDesc-order", _move_after("//tei:editionStmt", "//tei:publicationStmt"), "xsd",
             "<fileDesc> may not contain <editionStmt> here"),
    Mutation("msItem-without-title", lambda t: one(t, "//tei:msItem").remove(one(t, "//tei:msItem/tei:title")),
             "xsd", "<msItem> is incomplete"),
    Mutation("closer-before-p", _move_before("//tei:closer", P1), "xsd", "may not contain <closer> here"),
    Mutation("seg-directly-in-div", _move_before("//tei:opener/tei:seg", P1), "xsd",
             "may not contain <seg> here"),
    Mutation("text-in-element-only", _append_text("//tei:creation", "written in Baku"), "xsd",
             "may contain only elements"),
]


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.name)
def test_mutation_is_caught(mutation: Mutation) -> None:
    tree = complete_registers(target())
    mutation.apply(tree)
    report = validate(tree, origin="mutant.xml")
    hits = [i for i in report.issues
            if i.rule == mutation.rule and i.severity == mutation.severity and mutation.expect in i.message]
    assert hits, f"expected {mutation.rule} {mutation.severity} containing {mutation.expect!r}; got:\n{describe(report)}"
    # Every issue from a parsed file can be found again: a line, a path, a way to fix it.
    assert all(i.line for i in hits), describe(report)
    assert all(i.path and i.path.startswith("/TEI") for i in hits), describe(report)
    assert all(i.hint for i in hits if i.rule == "schematron"), describe(report)
    assert report.ok == (mutation.severity == "warning" and not report.errors)


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.name)
def test_mutants_the_xsd_accepts_are_tei_all_valid(mutation: Mutation, tei_all: etree.RelaxNG) -> None:
    tree = complete_registers(target())
    mutation.apply(tree)
    if not xsd_schema().is_valid(tree):
        pytest.skip("the XSD rejects this mutant; nothing to compare")
    assert tei_all.validate(tree), str(tei_all.error_log)


# ---------------------------------------------------------------------------
# Property: XSD-valid variants of the target are tei_all-valid
# ---------------------------------------------------------------------------

def _drop(xpath: str) -> Callable[[etree._ElementTree], None]:
    def apply(t: etree._ElementTree) -> None:
        for node in t.xpath(xpath, namespaces=NS):
            node.getparent().remove(node)
    return apply


def _add_lb_in_name(t: etree._ElementTree) -> None:
    name = one(t, BODY_PERS)
    lb = el("lb")
    lb.tail = " "
    name.append(lb)


def _add_range_date(t: etree._ElementTree) -> None:
    date = el("date", "18-19 November", **{"from": "1945-11-18", "to": "1945-11-19"})
    date.tail = "."
    one(t, P2).append(date)


def _add_signed_and_classification(t: etree._ElementTree) -> None:
    for closer in t.xpath("//tei:closer", namespaces=NS):
        closer.append(el("signed", "Bagirov"))
    for opener in t.xpath("//tei:opener", namespaces=NS):
        opener.insert(0, el("seg", "Top secret", type="classification"))


def _add_record_idno(t: etree._ElementTree) -> None:
    # After everything but idno and note (whichever are there): the XSD's order for bibl.
    last = t.xpath("//tei:bibl/*[not(self::tei:idno or self::tei:note)][last()]",
                   namespaces=NS)[0]
    last.addnext(el("idno", "121801", type="record"))


def _add_person_note(t: etree._ElementTree) -> None:
    for person in t.xpath("//tei:person[1]", namespaces=NS):
        person.append(el("note", "Soviet leader."))


# Variations the encoder may produce (the brief: any header element may be absent, lists
# repeat, a sub title may follow the main one...).
VARIATIONS: dict[str, Callable[[etree._ElementTree], None]] = {
    "no-translator": _drop("//tei:titleStmt/tei:respStmt[@xml:id='resp_trl']"),
    "no-bibl-respStmt": _drop("//tei:bibl/tei:respStmt"),
    "no-funder": _drop("//tei:funder"),
    "no-bibl-notes": _drop("//tei:bibl/tei:note"),
    "no-citation-note": _drop("//tei:bibl/tei:note[@type='citation']"),
    "no-bibl-date": _drop("//tei:bibl/tei:date"),
    "no-bibl-publisher": _drop("//tei:bibl/tei:publisher"),
    "no-msDesc": _drop("//tei:msDesc"),
    "no-msContents": _drop("//tei:msContents"),
    "no-settlement": _drop("//tei:msIdentifier/tei:settlement"),
    "no-editionStmt": _drop("//tei:editionStmt"),
    "no-appInfo": _drop("//tei:appInfo"),
    "no-classDecl": _drop("//tei:classDecl | //tei:textClass"),
    "no-editorial-p": _drop("//tei:editorialDecl/tei:p"),
    "no-abstract": _drop("//tei:abstract"),
    "no-correspDesc": _drop("//tei:correspDesc"),
    "no-received": _drop("//tei:correspAction[@type='received']"),
    "no-sent": _drop("//tei:correspAction[@type='sent']"),
    "no-creation-date": _drop("//tei:creation/tei:date"),
    "no-creation-place": _drop("//tei:creation/tei:placeName"),
    "no-listPerson": _drop("//tei:listPerson"),
    "no-listPlace": _drop("//tei:listPlace"),
    "no-opener": _drop("//tei:opener"),
    "no-closer": _drop("//tei:closer"),
    "no-revisionDesc": _drop("//tei:revisionDesc"),
    "sub-title": lambda t: one(t, "//tei:titleStmt/tei:title").addnext(el("title", "A subtitle", type="sub")),
    "record-idno": _add_record_idno,
    "person-note": _add_person_note,
    "lb-in-name": _add_lb_in_name,
    "range-date": _add_range_date,
    "signed-and-classification": _add_signed_and_classification,
    "gap-no-desc": lambda t: one(t, P1).append(el("gap", reason="illegible", resp="#resp_trl")),
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.sets(st.sampled_from(sorted(VARIATIONS)), min_size=1, max_size=8))
def test_xsd_valid_variants_are_tei_all_valid(names: set[str], tei_all: etree.RelaxNG) -> None:
    tree = target()
    for name in sorted(names):
        VARIATIONS[name](tree)
    xsd_ok = xsd_schema().is_valid(tree)
    assert not xsd_ok or tei_all.validate(tree), f"{sorted(names)}: {tei_all.error_log}"


@pytest.mark.parametrize("name", sorted(VARIATIONS))
def test_each_variation_is_accepted_by_the_xsd(name: str) -> None:
    # The variations are what the encoder may legitimately write: the XSD must not refuse them.
    tree = target()
    VARIATIONS[name](tree)
    report = validate(tree)
    assert not issues_of(report, "xsd"), describe(report)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_edits_the_xsd_accepts_are_tei_all_valid(data: st.DataObject, tei_all: etree.RelaxNG) -> None:
    # Blind edits (drop, duplicate, swap, unwrap an element) probe for places where the XSD
    # is looser than TEI; most edits are rejected by the XSD, the rest must be valid TEI.
    tree = target()
    for _ in range(data.draw(st.integers(1, 3))):
        nodes = [n for n in tree.iter() if isinstance(n.tag, str)][1:]
        node = data.draw(st.sampled_from(nodes))
        parent = node.getparent()
        kind = data.draw(st.sampled_from(["drop", "duplicate", "swap", "unwrap"]))
        if kind == "drop":
            parent.remove(node)
        elif kind == "duplicate":
            twin = copy.deepcopy(node)
            for sub in twin.iter():
                sub.attrib.pop(XML_ID, None)
            node.addnext(twin)
        elif kind == "swap" and node.getnext() is not None:
            node.addprevious(node.getnext())
        elif kind == "unwrap":
            at = parent.index(node)
            for n, child in enumerate(list(node)):
                parent.insert(at + n, child)
            parent.remove(node)
    if xsd_schema().is_valid(tree):
        assert tei_all.validate(tree), str(tei_all.error_log)


# ---------------------------------------------------------------------------
# The API: validate_file, Report, Issue
# ---------------------------------------------------------------------------

def test_malformed_file_gives_a_wellformed_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text(f'<TEI xmlns="{TEI_NS}">\n  <teiHeader>\n</TEI>\n', encoding="utf-8")
    report = validate_file(bad)
    assert not report.ok
    (issue,) = report.issues
    assert issue.rule == "wellformed" and issue.line == 3
    assert "column" in issue.message and issue.hint
    assert report.lines()[0].startswith(f"{bad}:3: error: not well-formed XML")


def test_doctype_is_refused(tmp_path: Path) -> None:
    evil = tmp_path / "evil.xml"
    evil.write_text('<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                    f'<TEI xmlns="{TEI_NS}">&x;</TEI>\n', encoding="utf-8")
    report = validate_file(evil)
    assert [i.rule for i in report.issues] == ["wellformed"]
    assert "passwd" not in " ".join(report.lines())


def test_empty_file_is_a_report_not_an_exception(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    assert validate_file(empty).issues[0].rule == "wellformed"


def test_duplicate_ids_in_a_file_are_validity_not_wellformedness(tmp_path: Path) -> None:
    path = tmp_path / "dup.xml"
    path.write_text(TARGET.read_text(encoding="utf-8").replace('xml:id="p2"', 'xml:id="p1"'), encoding="utf-8")
    rules = {i.rule for i in validate_file(path).issues if "p1" in i.message}
    assert rules == {"xsd", "schematron"}


def test_unknown_root_is_reported() -> None:
    report = validate(etree.fromstring(b"<html/>"))
    assert not report.ok
    assert "the root must be <TEI" in (report.errors[0].hint or "")


def test_validate_accepts_an_element_and_a_subtree() -> None:
    tree = complete_registers(target())
    assert validate(tree.getroot()).ok
    # A subtree is checked as a document of its own: <p> is no TEI root.
    assert not validate(one(tree, P1)).ok


def test_report_lines_json_and_raise() -> None:
    tree = target()
    _empty(BODY_PERS)(tree)
    report = validate(tree, origin="x.xml")
    line = next(x for x in report.lines() if "Empty <persName>" in x)
    assert line.startswith("x.xml:") and ": error: Empty <persName>." in line and line.endswith("]")
    data = report.to_json()
    assert data["origin"] == "x.xml" and data["ok"] is False
    assert data["errors"] == len(report.errors) and len(data["issues"]) == len(report.issues)
    assert set(data["issues"][0]) == {"severity", "message", "line", "path", "rule", "hint"}
    with pytest.raises(InvalidDocument) as caught:
        report.raise_if_invalid()
    assert caught.value.report is report
    assert "validation error" in str(caught.value)


def test_valid_report_does_not_raise() -> None:
    report = validate(complete_registers(target()))
    report.raise_if_invalid()
    assert report.lines() == [x for x in report.lines() if ": warning: " in x]


def test_issues_come_in_document_order() -> None:
    report = validate(target())
    lines = [i.line or 0 for i in report.issues]
    assert lines == sorted(lines)


def test_issue_is_frozen() -> None:
    issue = Issue("error", "m", 1, "/TEI", "xsd")
    with pytest.raises(AttributeError):
        issue.message = "other"  # type: ignore[misc]


def test_schemas_are_compiled_once() -> None:
    assert xsd_schema() is xsd_schema()


def _benchmark() -> None:
    """Print schema load and validation times (a benchmark, not a test: no timing is asserted)."""
    from encoder import validate as stage

    started = time.perf_counter()
    stage.xsd_schema()
    xsd_loaded = time.perf_counter()
    stage._svrl_transform()
    sch_loaded = time.perf_counter()
    report = stage.validate_file(TARGET)
    done = time.perf_counter()
    print(f"XSD load:        {xsd_loaded - started:.3f} s")
    print(f"Schematron load: {sch_loaded - xsd_loaded:.3f} s")
    print(f"validate target: {done - sch_loaded:.3f} s ({len(report.issues)} issues)")


if __name__ == "__main__":
    _benchmark()
