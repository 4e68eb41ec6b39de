"""The two XSD checkers agree: libxml2 (the fast yes/no) and xmlschema (the words).

``validate`` trusts libxml2's verdict on a valid document and asks xmlschema
only for an invalid one. That is sound only if both read the project XSD the
same way, so this file breaks real documents in many small ways and asks both.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from encoder.validate import _fast_xsd, validate, xsd_schema, xsd_valid

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted((ROOT / "editions" / "tei").glob("*.xml"))[:8]
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

_TREES = {p.name: etree.parse(str(p)) for p in DOCS}


def _elements(root: etree._Element) -> list[etree._Element]:
    return [e for e in root.iter() if isinstance(e.tag, str)]


def _mutate(root: etree._Element, kind: str, pick: int, word: str) -> None:
    els = _elements(root)
    el = els[pick % len(els)]
    if kind == "drop" and el.getparent() is not None:
        el.getparent().remove(el)
    elif kind == "rename" and word.isalpha():
        el.tag = TEI + word
    elif kind == "attribute" and word.isalpha():
        el.set(word, "x")
    elif kind == "bad-date":
        el.set("when", word)
    elif kind == "duplicate-id":
        ids = [e for e in els if e.get(XML_ID)]
        if ids:
            el.set(XML_ID, ids[pick % len(ids)].get(XML_ID))
    elif kind == "text":
        el.text = (el.text or "") + word
    elif kind == "move" and el.getparent() is not None:
        parent = el.getparent()
        parent.remove(el)
        parent.insert(0, el)
    elif kind == "copy" and el.getparent() is not None:
        el.addnext(copy.deepcopy(el))
    elif kind == "empty":
        for child in list(el):
            el.remove(child)
        el.text = None


KINDS = ["drop", "rename", "attribute", "bad-date", "duplicate-id", "text", "move", "copy", "empty"]


@pytest.mark.skipif(not DOCS, reason="no generated TEI in editions/tei")
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(sorted(_TREES)),
       changes=st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 10_000),
                                  st.sampled_from(["p", "div", "when", "1945-13-01", "abc", "persName", "note"])),
                        min_size=1, max_size=3))
def test_libxml2_and_xmlschema_agree(name: str, changes: list[tuple[str, int, str]]) -> None:
    doc = copy.deepcopy(_TREES[name])
    for kind, pick, word in changes:
        _mutate(doc.getroot(), kind, pick, word)
    fast = xsd_valid(doc)
    assert fast == xsd_schema().is_valid(doc), (changes, [str(e) for e in _fast_xsd().error_log][:3])
    report = validate(doc)
    xsd_errors = [i for i in report.errors if i.rule == "xsd"]
    assert bool(xsd_errors) == (not fast)  # an invalid document always says why


def test_a_duplicate_id_made_in_memory_is_caught() -> None:
    # libxml2 alone misses it: its ID table is filled by the parser, not by changes in memory.
    doc = copy.deepcopy(next(iter(_TREES.values())))
    ids = [e for e in doc.iter() if isinstance(e.tag, str) and e.get(XML_ID)]
    ids[1].set(XML_ID, ids[0].get(XML_ID))
    assert _fast_xsd().validate(doc)  # the gap this guards against
    assert not xsd_valid(doc)
    assert any(i.rule == "xsd" and "more than once" in i.message for i in validate(doc).errors)


def test_every_sample_document_is_valid_to_both() -> None:
    for name, doc in _TREES.items():
        assert xsd_valid(doc), name
        assert xsd_schema().is_valid(doc), name
