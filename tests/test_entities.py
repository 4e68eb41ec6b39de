"""The mention list an editor reviews: every name and date, with its entry and place."""

from __future__ import annotations

import csv
import io
import json

from encoder.entities import mentions, to_json, to_table, to_tsv
from encoder.pipeline import encode_file
from encoder.registers import Registers
from encoder.tei import serialize

from conftest import SEED, need


def _seed_rows(tmp_path):
    path = tmp_path / "seed.xml"
    path.write_bytes(serialize(encode_file(need(SEED), registers=Registers()).tree))
    return mentions(path)


def test_mentions_of_the_seed(tmp_path) -> None:
    rows = _seed_rows(tmp_path)
    stalin = [r for r in rows if r.text == "Cde. STALIN"]
    assert stalin and stalin[0].ref == "#pers_stalin" and stalin[0].entry == "Stalin"
    assert stalin[0].where == "b2" and stalin[0].line and stalin[0].machine == "yes"
    dates = [r for r in rows if r.type == "date" and r.where == "p1"]
    assert [(d.text, d.when) for d in dates] == [("2200 20 November", "1945-11-20T22:00:00")]
    assert not [r for r in rows if r.type in ("persName", "placeName", "orgName") and not r.ref]


def test_mention_formats(tmp_path) -> None:
    rows = _seed_rows(tmp_path)
    table = list(csv.reader(io.StringIO(to_tsv(rows)), delimiter="\t"))
    assert table[0][:4] == ["file", "line", "where", "type"] and len(table) == len(rows) + 1
    assert len(json.loads(to_json(rows))) == len(rows)
    assert "STALIN" in to_table(rows)
